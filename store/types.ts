/**
 * The shape of the csxmpp configuration store, schema version 1.
 *
 * The store is one JSON file. Every collection is an object keyed by the item's canonical key
 * (lower case), so uniqueness comes from the structure (JSON Schema cannot say "unique by key" in an
 * array). Property names are Lync's own, so an admin reading the file recognises them.
 *
 * Secrets never live here: a dialback passphrase is a file in the key directory, and the store only
 * names that file (see `SecretReference`).
 */

/** TlsNegotiation and SaslNegotiation values, in Lync's declaration order. */
export type NegotiationSetting = 'Required' | 'Optional' | 'NotSupported'

/** PartnerType values, in Lync's declaration order. */
export type PartnerType = 'Federated' | 'PublicVerified' | 'PublicUnverified'

/** ExternalAccessPolicyRecord is one external access policy (cmdlets.md A3.1). */
export interface ExternalAccessPolicyRecord {
  /** `Global`, `Site:<name>` or `Tag:<name>`, in the case it was created with. */
  Identity: string
  Description: string | null
  EnableFederationAccess: boolean
  EnableXmppAccess: boolean
  EnablePublicCloudAccess: boolean
  EnablePublicCloudAudioVideoAccess: boolean
  EnableOutsideAccess: boolean
}

/** XmppAllowedPartnerRecord is one XMPP federation partner (cmdlets.md A3.2); Domain is derived. */
export interface XmppAllowedPartnerRecord {
  /** The partner's primary domain, canonical (NFC, lower case, U-label). Equal to its key. */
  Identity: string
  TlsNegotiation: NegotiationSetting
  SaslNegotiation: NegotiationSetting
  SupportDialbackNegotiation: boolean
  AdditionalDomains: string[]
  ProxyFqdn: string | null
  Description: string | null
  PartnerType: PartnerType
  ConnectionLimit: number
  EnableKeepAlive: boolean
}

/** SecretReference names a secret file in the key directory (mode 0600), never the secret itself. */
export interface SecretReference {
  secretFile: string
}

/** XmppGatewaySettingsRecord is the one global gateway configuration (cmdlets.md A3.3). */
export interface XmppGatewaySettingsRecord {
  ConnectionLimit: number
  PartnerConnectionLimit: number
  KeepAliveInterval: number
  StreamEstablishmentTimeout: number
  StreamInactivityTimeout: number
  SubscriptionRefreshInterval: number
  DialbackPassphrase: SecretReference | null
  EnableLoggingAllMessageBodies: boolean
}

/** SipDomainRecord is one SIP domain served by the gateway (cmdlets.md A9.2). */
export interface SipDomainRecord {
  /** Canonical domain, equal to its key. */
  Identity: string
  IsDefault: boolean
}

/** UserRecord is one SIP user enabled for the gateway (cmdlets.md A9.1). Keyed by `user@domain`. */
export interface UserRecord {
  /** `sip:user@domain`, lower case domain. */
  SipAddress: string
  /** The display name, which is also the user's Identity. */
  DisplayName: string
  Enabled: boolean
  RegistrarPool: string | null
  Site: string | null
  /** The granted per-user policy name without `Tag:`, or null. */
  ExternalAccessPolicy: string | null
}

/** CertificateUse is what a certificate is assigned to: only the XMPP gateway's server role (cmdlets.md A9.3). */
export type CertificateUse = 'XmppServer'

/**
 * CertificateRecord is one certificate known to csxmpp (cmdlets.md A9.3), keyed by its Thumbprint.
 * The properties are read from the certificate when it is stored (Node's X509Certificate); the
 * chain and the private key are files in the key directory (mode 0600), and only their names are
 * here, never key material (A10).
 */
export interface CertificateRecord {
  /** SHA-1 of the DER certificate, 40 upper-case hex digits; equal to its key. */
  Thumbprint: string
  FriendlyName: string | null
  /** The subject, most specific part first (`CN=xmpp.contoso.com, O=Contoso`), as Windows shows it. */
  Subject: string
  Issuer: string
  /** Upper-case hex, as Windows shows it. */
  SerialNumber: string
  /** ISO 8601 UTC (`Date.toISOString`). */
  NotBefore: string
  NotAfter: string
  /** The DNS names of the subjectAltName extension, in certificate order. */
  AlternativeNames: string[]
  /** `XmppServer` for the certificate the gateway presents; at most one has it. */
  Use: CertificateUse | null
  /** The PEM chain file, leaf first. */
  chainFile: string
  /** The PEM PKCS#8 private key file. */
  keyFile: string
}

/** VerificationLevelType values (Lync's Edge enum), in declaration order. */
export type VerificationLevel = 'AlwaysVerifiable' | 'AlwaysUnverifiable' | 'UseSourceVerification'

/** RoutingMethod values of the Access Edge configuration. */
export type RoutingMethod = 'UseDnsSrvRouting' | 'UseDefaultRouting'

/**
 * AccessEdgeSettingsRecord is the one global Access Edge configuration (cmdlets.md A11.4). Both
 * routing kinds' properties are kept whatever RoutingMethod is, so switching loses nothing (A11.1).
 * The gateway obeys AllowFederatedUsers only; the rest is stored for scripts (A11.5).
 */
export interface AccessEdgeSettingsRecord {
  AllowAnonymousUsers: boolean
  AllowFederatedUsers: boolean
  AllowOutsideUsers: boolean
  BeClearingHouse: boolean
  EnablePartnerDiscovery: boolean
  EnableArchivingDisclaimer: boolean
  EnableUserReplicator: boolean
  KeepCrlsUpToDateForPeers: boolean
  MarkSourceVerifiableOnOutgoingMessages: boolean
  OutgoingTlsCountForFederatedPartners: number
  DiscoveredPartnerStandardRate: number
  EnableDiscoveredPartnerContactsLimit: boolean
  MaxContactsPerDiscoveredPartner: number
  DiscoveredPartnerReportPeriodMinutes: number
  MaxAcceptedCertificatesStored: number
  MaxRejectedCertificatesStored: number
  CertificatesDeletedPercentage: number
  DiscoveredPartnerVerificationLevel: VerificationLevel
  DnsSrvCacheRecordCount: number | null
  RoutingMethod: RoutingMethod
  DefaultRouteFqdn: string | null
  IsPublicProvider: boolean
  VerificationLevel: VerificationLevel
}

/** StoreDocument is the whole store file. */
export interface StoreDocument {
  schemaVersion: 1
  /** Incremented by every committed change; the gateway logs it on reload. */
  revision: number
  externalAccessPolicies: Record<string, ExternalAccessPolicyRecord>
  xmppAllowedPartners: Record<string, XmppAllowedPartnerRecord>
  xmppGatewayConfiguration: XmppGatewaySettingsRecord
  sipDomains: Record<string, SipDomainRecord>
  users: Record<string, UserRecord>
  /**
   * Keyed by Thumbprint. Optional: stores written before certificates existed have no such section,
   * and an absent section means no certificate.
   */
  certificates?: Record<string, CertificateRecord>
  /**
   * Optional (cmdlets.md A10.7, A11.3): a store written before the 2026-12 amendment has none, and
   * reads as the defaults with AllowFederatedUsers True (`accessEdgeSettings`); the next write adds it.
   */
  accessEdgeConfiguration?: AccessEdgeSettingsRecord
}
