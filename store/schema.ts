import type {JSONSchemaType} from 'ajv'
import {accessEdgeSchema} from './access-edge-schema.js'
import {orNull, wholeNumber} from './schema-parts.js'
import {
  DOMAIN_PATTERN,
  HOST_AND_PORT_PATTERN,
  POLICY_KEY_PATTERN,
  SECRET_FILE_PATTERN,
  USER_KEY_PATTERN,
} from './patterns.js'
import type {
  CertificateRecord,
  CertificateUse,
  ExternalAccessPolicyRecord,
  NegotiationSetting,
  SecretReference,
  SipDomainRecord,
  StoreDocument,
  UserRecord,
  XmppAllowedPartnerRecord,
  XmppGatewaySettingsRecord,
} from './types.js'

/**
 * The JSON Schema of the store file (draft-07 keywords, ajv 8). Typed as `JSONSchemaType`, so
 * TypeScript refuses a schema that disagrees with `store/types.ts`. Every object is closed
 * (`additionalProperties: false`) and every property required: the file is written whole by
 * csxmpp, so anything else is a hand edit or another version, and must not be guessed at.
 *
 * The ranges are those of cmdlets.md A3.2 and A3.3. Rules that span records (identities equal to
 * keys, domains used once, the matrix, limits, defaults) are in `semantic.ts`.
 *
 * After any change here run `npm run build:validator` (a test fails until you do).
 */

const description = orNull<string>({type: 'string', maxLength: 1024})
const negotiation: JSONSchemaType<NegotiationSetting> = {type: 'string', enum: ['Required', 'Optional', 'NotSupported']}

const policy: JSONSchemaType<ExternalAccessPolicyRecord> = {
  type: 'object',
  properties: {
    Identity: {type: 'string'},
    Description: description,
    EnableFederationAccess: {type: 'boolean'},
    EnableXmppAccess: {type: 'boolean'},
    EnablePublicCloudAccess: {type: 'boolean'},
    EnablePublicCloudAudioVideoAccess: {type: 'boolean'},
    EnableOutsideAccess: {type: 'boolean'},
  },
  required: [
    'Identity',
    'Description',
    'EnableFederationAccess',
    'EnableXmppAccess',
    'EnablePublicCloudAccess',
    'EnablePublicCloudAudioVideoAccess',
    'EnableOutsideAccess',
  ],
  additionalProperties: false,
}

const partner: JSONSchemaType<XmppAllowedPartnerRecord> = {
  type: 'object',
  properties: {
    Identity: {type: 'string'},
    TlsNegotiation: negotiation,
    SaslNegotiation: negotiation,
    SupportDialbackNegotiation: {type: 'boolean'},
    AdditionalDomains: {type: 'array', items: {type: 'string', pattern: DOMAIN_PATTERN}, maxItems: 1000},
    ProxyFqdn: orNull<string>({type: 'string', pattern: HOST_AND_PORT_PATTERN}),
    Description: description,
    PartnerType: {type: 'string', enum: ['Federated', 'PublicVerified', 'PublicUnverified']},
    ConnectionLimit: wholeNumber(1, 1_000_000),
    EnableKeepAlive: {type: 'boolean'},
  },
  required: [
    'Identity',
    'TlsNegotiation',
    'SaslNegotiation',
    'SupportDialbackNegotiation',
    'AdditionalDomains',
    'ProxyFqdn',
    'Description',
    'PartnerType',
    'ConnectionLimit',
    'EnableKeepAlive',
  ],
  additionalProperties: false,
}

const gateway: JSONSchemaType<XmppGatewaySettingsRecord> = {
  type: 'object',
  properties: {
    ConnectionLimit: wholeNumber(1, 1_000_000),
    PartnerConnectionLimit: wholeNumber(1, 1_000_000),
    KeepAliveInterval: wholeNumber(10, 86_400),
    StreamEstablishmentTimeout: wholeNumber(1, 3_600),
    StreamInactivityTimeout: wholeNumber(10, 604_800),
    SubscriptionRefreshInterval: wholeNumber(60, 604_800),
    DialbackPassphrase: orNull<SecretReference>({
      type: 'object',
      properties: {secretFile: {type: 'string', pattern: SECRET_FILE_PATTERN}},
      required: ['secretFile'],
      additionalProperties: false,
    }),
    EnableLoggingAllMessageBodies: {type: 'boolean'},
  },
  required: [
    'ConnectionLimit',
    'PartnerConnectionLimit',
    'KeepAliveInterval',
    'StreamEstablishmentTimeout',
    'StreamInactivityTimeout',
    'SubscriptionRefreshInterval',
    'DialbackPassphrase',
    'EnableLoggingAllMessageBodies',
  ],
  additionalProperties: false,
}

const sipDomain: JSONSchemaType<SipDomainRecord> = {
  type: 'object',
  properties: {Identity: {type: 'string'}, IsDefault: {type: 'boolean'}},
  required: ['Identity', 'IsDefault'],
  additionalProperties: false,
}

const user: JSONSchemaType<UserRecord> = {
  type: 'object',
  properties: {
    SipAddress: {type: 'string'},
    DisplayName: {type: 'string'},
    Enabled: {type: 'boolean'},
    RegistrarPool: orNull<string>({type: 'string'}),
    Site: orNull<string>({type: 'string'}),
    ExternalAccessPolicy: orNull<string>({type: 'string'}),
  },
  required: ['SipAddress', 'DisplayName', 'Enabled', 'RegistrarPool', 'Site', 'ExternalAccessPolicy'],
  additionalProperties: false,
}

// A certificate's SHA-1 thumbprint, and the ISO 8601 UTC times `Date.toISOString` writes.
const THUMBPRINT_PATTERN = '^[0-9A-F]{40}$'
const ISO_TIME_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{3})?Z$'
const keyDirectoryFile: JSONSchemaType<string> = {type: 'string', pattern: SECRET_FILE_PATTERN}

const certificate: JSONSchemaType<CertificateRecord> = {
  type: 'object',
  properties: {
    Thumbprint: {type: 'string', pattern: THUMBPRINT_PATTERN},
    FriendlyName: orNull<string>({type: 'string'}),
    Subject: {type: 'string'},
    Issuer: {type: 'string'},
    SerialNumber: {type: 'string'},
    NotBefore: {type: 'string', pattern: ISO_TIME_PATTERN},
    NotAfter: {type: 'string', pattern: ISO_TIME_PATTERN},
    AlternativeNames: {type: 'array', items: {type: 'string'}},
    // A pattern rather than an enum: a nullable enum must list null, which its error message would then show.
    Use: orNull<CertificateUse>({type: 'string', pattern: '^XmppServer$'}),
    chainFile: keyDirectoryFile,
    keyFile: keyDirectoryFile,
  },
  required: ['Thumbprint', 'FriendlyName', 'Subject', 'Issuer', 'SerialNumber', 'NotBefore', 'NotAfter', 'AlternativeNames', 'Use', 'chainFile', 'keyFile'],
  additionalProperties: false,
}

/**
 * certificates is the optional `certificates` section (cmdlets.md A9.3): a store written before it
 * existed has none. ajv's `JSONSchemaType` wants `nullable: true` on an optional property (it does
 * not tell absent from null), but null is not a valid section, so the flag is left out behind its
 * back, the mirror image of orNull.
 */
const certificates = {
  type: 'object',
  propertyNames: {pattern: THUMBPRINT_PATTERN},
  additionalProperties: certificate,
  required: [],
} as unknown as JSONSchemaType<StoreDocument>['properties']['certificates']

/** storeSchema is the JSON Schema of a whole `StoreDocument` (schema version 1). */
export const storeSchema: JSONSchemaType<StoreDocument> = {
  $id: 'https://csxmpp.invalid/schema/store-1.json',
  type: 'object',
  properties: {
    schemaVersion: {type: 'integer', const: 1},
    revision: {type: 'integer', minimum: 0},
    externalAccessPolicies: {
      type: 'object',
      propertyNames: {pattern: POLICY_KEY_PATTERN},
      additionalProperties: policy,
      required: [],
    },
    xmppAllowedPartners: {
      type: 'object',
      propertyNames: {pattern: DOMAIN_PATTERN},
      additionalProperties: partner,
      required: [],
    },
    xmppGatewayConfiguration: gateway,
    sipDomains: {
      type: 'object',
      propertyNames: {pattern: DOMAIN_PATTERN},
      additionalProperties: sipDomain,
      required: [],
    },
    users: {
      type: 'object',
      propertyNames: {pattern: USER_KEY_PATTERN},
      additionalProperties: user,
      required: [],
    },
    certificates,
    accessEdgeConfiguration: accessEdgeSchema,
  },
  required: [
    'schemaVersion',
    'revision',
    'externalAccessPolicies',
    'xmppAllowedPartners',
    'xmppGatewayConfiguration',
    'sipDomains',
    'users',
  ],
  additionalProperties: false,
}
