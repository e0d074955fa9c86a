import type {JSONSchemaType} from 'ajv'
import {HOST_PATTERN} from './patterns.js'
import {orNull, wholeNumber as whole} from './schema-parts.js'
import type {AccessEdgeSettingsRecord, RoutingMethod, VerificationLevel} from './types.js'

/**
 * The JSON Schema of the optional `accessEdgeConfiguration` section (cmdlets.md A11.4), with the
 * ranges of A11.1. The cross-field rule (UseDefaultRouting needs a DefaultRouteFqdn) is in
 * `semantic.ts`. After any change here run `npm run build:validator`.
 */

const UINT32_MAX = 4_294_967_295

const verificationLevel: JSONSchemaType<VerificationLevel> = {type: 'string', enum: ['AlwaysVerifiable', 'AlwaysUnverifiable', 'UseSourceVerification']}
const routingMethod: JSONSchemaType<RoutingMethod> = {type: 'string', enum: ['UseDnsSrvRouting', 'UseDefaultRouting']}

const properties: JSONSchemaType<AccessEdgeSettingsRecord>['properties'] = {
  AllowAnonymousUsers: {type: 'boolean'},
  AllowFederatedUsers: {type: 'boolean'},
  AllowOutsideUsers: {type: 'boolean'},
  BeClearingHouse: {type: 'boolean'},
  EnablePartnerDiscovery: {type: 'boolean'},
  EnableArchivingDisclaimer: {type: 'boolean'},
  EnableUserReplicator: {type: 'boolean'},
  KeepCrlsUpToDateForPeers: {type: 'boolean'},
  MarkSourceVerifiableOnOutgoingMessages: {type: 'boolean'},
  OutgoingTlsCountForFederatedPartners: whole(1, 4),
  DiscoveredPartnerStandardRate: whole(0, UINT32_MAX),
  EnableDiscoveredPartnerContactsLimit: {type: 'boolean'},
  MaxContactsPerDiscoveredPartner: whole(0, UINT32_MAX),
  DiscoveredPartnerReportPeriodMinutes: whole(0, UINT32_MAX),
  MaxAcceptedCertificatesStored: whole(0, UINT32_MAX),
  MaxRejectedCertificatesStored: whole(0, UINT32_MAX),
  CertificatesDeletedPercentage: whole(0, 100),
  DiscoveredPartnerVerificationLevel: verificationLevel,
  DnsSrvCacheRecordCount: orNull<number>(whole(0, UINT32_MAX)),
  RoutingMethod: routingMethod,
  DefaultRouteFqdn: orNull<string>({type: 'string', pattern: HOST_PATTERN}),
  IsPublicProvider: {type: 'boolean'},
  VerificationLevel: verificationLevel,
}

// Every property is required (store/schema.ts: the file is written whole), so the list is the properties'.
const record: JSONSchemaType<AccessEdgeSettingsRecord> = {
  type: 'object',
  properties,
  required: Object.keys(properties) as Array<keyof AccessEdgeSettingsRecord>,
  additionalProperties: false,
}

/** accessEdgeSchema is the optional section's schema; not nullable, as `certificates` (store/schema.ts). */
export const accessEdgeSchema = record as unknown as JSONSchemaType<{accessEdgeConfiguration?: AccessEdgeSettingsRecord}>['properties']['accessEdgeConfiguration']
