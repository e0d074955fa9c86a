import type {XmppAllowedPartnerRecord} from '../../../store/index.js'
import type {ParameterDefinition} from '../../binding/parameter.js'
import {PSEnumValue, PSList, PSObject} from '../../values/objects.js'
import {IDENTITY_TYPES, PARTNER_TYPE, SASL_NEGOTIATION, TLS_NEGOTIATION, TYPE_NAMES} from '../lync-types.js'

/** The XmppAllowedPartner object, its defaults and its settable parameters (cmdlets.md A3.2, B3). */

/** PARTNER_SETTINGS are the settable parameters of New- and Set-CsXmppAllowedPartner, in property order. */
export const PARTNER_SETTINGS: readonly ParameterDefinition[] = [
  {
    name: 'TlsNegotiation',
    type: {kind: 'Enum', enum: TLS_NEGOTIATION},
    defaultValue: 'Required',
    description: 'Whether streams with the partner use TLS: Required, Optional (when both sides can) or NotSupported.',
  },
  {
    name: 'SaslNegotiation',
    type: {kind: 'Enum', enum: SASL_NEGOTIATION},
    defaultValue: 'Required',
    description: 'Whether streams are authenticated with SASL EXTERNAL (certificates, over TLS): Required, Optional or NotSupported.',
  },
  {
    name: 'SupportDialbackNegotiation',
    type: {kind: 'Boolean'},
    defaultValue: 'True',
    description: 'Whether server dialback (XEP-0220) may authenticate streams when certificates cannot.',
  },
  {
    name: 'AdditionalDomains',
    type: {kind: 'ListModifier'},
    defaultValue: '{} (empty)',
    description:
      'Other domains of the same partner. A list replaces the current one; @{Add=...}, @{Remove=...} and @{Replace=...} ' +
      'change it; $null clears it. At most 1000.',
  },
  {
    name: 'ProxyFqdn',
    type: {kind: 'String'},
    defaultValue: '$null',
    description: 'A host (and optional :port) to connect to instead of the DNS SRV lookup; "" removes it.',
  },
  {name: 'Description', type: {kind: 'String'}, length: [0, 1024], defaultValue: '$null', description: 'Free text, up to 1024 characters.'},
  {
    name: 'PartnerType',
    type: {kind: 'Enum', enum: PARTNER_TYPE},
    defaultValue: 'PublicUnverified',
    description:
      'How far the partner is trusted: Federated, PublicVerified, or PublicUnverified (its users reach a local user only after that user wrote to them first).',
  },
  {
    name: 'ConnectionLimit',
    type: {kind: 'UInt32'},
    range: [1, 1000000],
    defaultValue: '20',
    description: "The most simultaneous streams with this partner; the gateway's PartnerConnectionLimit also applies.",
  },
  {
    name: 'EnableKeepAlive',
    type: {kind: 'Boolean'},
    defaultValue: 'True',
    description: 'Whether whitespace keep-alives are sent on idle streams with this partner.',
  },
]

/** partnerIdentityParameter is -Identity as the XdsGlobalRelativeIdentity of a partner. */
export function partnerIdentityParameter(sets: ParameterDefinition['sets'], description: string): ParameterDefinition {
  return {
    name: 'Identity',
    type: {kind: 'Identity', fullName: IDENTITY_TYPES.XdsGlobalRelativeIdentity, objectTypes: TYPE_NAMES.XmppAllowedPartner.slice(0, 2)},
    sets,
    description,
  }
}

/** newPartnerRecord is a partner with New-CsXmppAllowedPartner's defaults (matrix row 1). */
export function newPartnerRecord(identity: string): XmppAllowedPartnerRecord {
  return {
    Identity: identity,
    TlsNegotiation: 'Required',
    SaslNegotiation: 'Required',
    SupportDialbackNegotiation: true,
    AdditionalDomains: [],
    ProxyFqdn: null,
    Description: null,
    PartnerType: 'PublicUnverified',
    ConnectionLimit: 20,
    EnableKeepAlive: true,
  }
}

const ENUMS = {TlsNegotiation: TLS_NEGOTIATION, SaslNegotiation: SASL_NEGOTIATION, PartnerType: PARTNER_TYPE} as const

/** partnerObject builds the Lync object a Get- or New- cmdlet writes. */
export function partnerObject(record: XmppAllowedPartnerRecord): PSObject {
  const object = new PSObject(TYPE_NAMES.XmppAllowedPartner)
  object.addProperty('Identity', record.Identity, {readOnly: true})
  object.addProperty('Domain', record.Identity, {readOnly: true})
  for (const parameter of PARTNER_SETTINGS) {
    const name = parameter.name as keyof XmppAllowedPartnerRecord & string
    let value: unknown = record[name]
    if (name in ENUMS) value = new PSEnumValue(ENUMS[name as keyof typeof ENUMS], value as string)
    if (name === 'AdditionalDomains') value = PSList.listOf(record.AdditionalDomains)
    const type = name === 'AdditionalDomains' ? {kind: 'StringArray'} : parameter.type
    object.addProperty(name, value, {type})
  }
  return object
}
