import type {AccessEdgeSettingsRecord} from '../../../store/index.js'
import type {ParameterDefinition} from '../../binding/parameter.js'
import {PSEnumValue, PSObject} from '../../values/objects.js'
import {TYPE_NAMES} from '../lync-types.js'
import {ROUTING_METHOD_PROPERTY, SETTINGS} from './settings.js'

/** The Access Edge configuration object, in its two display kinds (cmdlets.md A11.1). */

type Property = keyof AccessEdgeSettingsRecord

const [DNS_SRV_TYPE, DEFAULT_ROUTE_TYPE] = TYPE_NAMES.AccessEdgeConfiguration

const HEAD: readonly Property[] = ['AllowAnonymousUsers', 'AllowFederatedUsers', 'AllowOutsideUsers']
const TAIL: readonly Property[] = [
  'EnableArchivingDisclaimer',
  'EnableUserReplicator',
  'KeepCrlsUpToDateForPeers',
  'MarkSourceVerifiableOnOutgoingMessages',
  'OutgoingTlsCountForFederatedPartners',
  'DiscoveredPartnerStandardRate',
  'EnableDiscoveredPartnerContactsLimit',
  'MaxContactsPerDiscoveredPartner',
  'DiscoveredPartnerReportPeriodMinutes',
  'MaxAcceptedCertificatesStored',
  'MaxRejectedCertificatesStored',
  'CertificatesDeletedPercentage',
]

/** The display order with DNS SRV routing (Lync 2013's sample) and with default routing (a DECISION of A11.1). */
const DNS_SRV_ORDER: readonly Property[] = [
  ...HEAD,
  'BeClearingHouse',
  'EnablePartnerDiscovery',
  ...TAIL,
  'DiscoveredPartnerVerificationLevel',
  'DnsSrvCacheRecordCount',
  'RoutingMethod',
]
const DEFAULT_ROUTE_ORDER: readonly Property[] = [
  ...HEAD,
  'DefaultRouteFqdn',
  'IsPublicProvider',
  'VerificationLevel',
  ...TAIL,
  'DnsSrvCacheRecordCount',
  'RoutingMethod',
]

const DEFINITIONS = new Map<string, ParameterDefinition>([...SETTINGS, ROUTING_METHOD_PROPERTY].map((p) => [p.name, p]))

/** accessEdgeObject builds the object Get-CsAccessEdgeConfiguration writes for the stored record. */
export function accessEdgeObject(record: AccessEdgeSettingsRecord): PSObject {
  const defaultRoute = record.RoutingMethod === 'UseDefaultRouting'
  const object = new PSObject([defaultRoute ? DEFAULT_ROUTE_TYPE : DNS_SRV_TYPE, 'System.Object'])
  object.addProperty('Identity', 'Global', {readOnly: true})
  for (const name of defaultRoute ? DEFAULT_ROUTE_ORDER : DNS_SRV_ORDER) {
    const {type} = DEFINITIONS.get(name)!
    const value = type.kind === 'Enum' && record[name] !== null ? new PSEnumValue(type.enum, record[name] as string) : record[name]
    object.addProperty(name, value, {type, ...(name === 'RoutingMethod' ? {readOnly: true} : {})})
  }
  return object
}
