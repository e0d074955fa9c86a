import type {PSEnumType} from '../values/objects.js'

/** Lync's .NET type names and enums, as Get-Member and Clixml show them (cmdlets.md A3, B1.4, B1.6). */

const XMPP = 'Microsoft.Rtc.Management.WritableConfig.Settings.XmppFederation'

/** PARTNER_TYPE is Lync's PartnerType enum. */
export const PARTNER_TYPE: PSEnumType = {
  fullName: `${XMPP}.PartnerType`,
  names: ['Federated', 'PublicVerified', 'PublicUnverified'],
}

/** TLS_NEGOTIATION is Lync's TlsNegotiation enum. */
export const TLS_NEGOTIATION: PSEnumType = {fullName: `${XMPP}.TlsNegotiation`, names: ['Required', 'Optional', 'NotSupported']}

/** SASL_NEGOTIATION is Lync's SaslNegotiation enum. */
export const SASL_NEGOTIATION: PSEnumType = {fullName: `${XMPP}.SaslNegotiation`, names: ['Required', 'Optional', 'NotSupported']}

/**
 * CERT_TYPE is the -Type of the certificate cmdlets and the Use of their objects. Lync's CertType
 * has many roles; csxmpp has one certificate role, the XMPP gateway's (cmdlets.md A9.3, B6.5).
 */
export const CERT_TYPE: PSEnumType = {fullName: 'Microsoft.Rtc.Management.Deployment.CertType', names: ['XmppServer']}

const EDGE = 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge'

/** VERIFICATION_LEVEL is the Access Edge's VerificationLevelType enum (cmdlets.md A11.1). */
export const VERIFICATION_LEVEL: PSEnumType = {
  fullName: `${EDGE}.VerificationLevelType`,
  names: ['AlwaysVerifiable', 'AlwaysUnverifiable', 'UseSourceVerification'],
}

/** ROUTING_METHOD is the Access Edge's RoutingMethod enum (cmdlets.md A11.1). */
export const ROUTING_METHOD: PSEnumType = {fullName: `${EDGE}.RoutingMethod`, names: ['UseDnsSrvRouting', 'UseDefaultRouting']}

/** TYPE_NAMES are the type-name lists of the objects the cmdlets write, most derived first. */
export const TYPE_NAMES = {
  ExternalAccessPolicy: ['Microsoft.Rtc.Management.WritableConfig.Policy.ExternalAccess.ExternalAccessPolicy', 'System.Object'],
  XmppAllowedPartner: [`${XMPP}.XmppAllowedPartner#Decorated`, `${XMPP}.XmppAllowedPartner`, 'System.Object'],
  XmppGatewaySettings: [`${XMPP}.XmppGatewaySettings`, 'System.Object'],
  User: ['Microsoft.Rtc.Management.ADConnect.Schema.OCSUserOrAppContact', 'System.Object'],
  SipDomain: ['Microsoft.Rtc.Management.Xds.SipDomain', 'System.Object'],
  // csxmpp's own (issue 14 item 6): no Lync type; named like Start-CsXmppGateway's enums.
  PresenceSubscription: ['Csxmpp.Gateway.PresenceSubscription', 'System.Object'],
  Certificate: ['Microsoft.Rtc.Management.Deployment.CertificateReference', 'System.Object'],
  // Two display types, one per RoutingMethod (A11.1); an object carries one of them, -Instance takes either.
  AccessEdgeConfiguration: [`${EDGE}.DisplayAccessEdgeSettingsDnsSrvRouting`, `${EDGE}.DisplayAccessEdgeSettingsDefaultRoute`, 'System.Object'],
} as const

/** LyncNoun is a short type name used in messages (`Cannot get "<Type>" …`). */
export type LyncNoun = keyof typeof TYPE_NAMES

/** IDENTITY_TYPES are the .NET identity parameter types (names as Lync's help shows them). */
export const IDENTITY_TYPES = {
  XdsIdentity: 'Microsoft.Rtc.Management.Xds.XdsIdentity',
  XdsGlobalRelativeIdentity: 'Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity',
  UserIdParameter: 'Microsoft.Rtc.Management.AD.UserIdParameter',
} as const

/** SECRET_MASK is how a set DialbackPassphrase is shown in every output form (cmdlets.md A3.3). */
export const SECRET_MASK = '********'
