import type {ParameterDefinition} from '../../binding/parameter.js'
import {ROUTING_METHOD, VERIFICATION_LEVEL} from '../lync-types.js'

/**
 * The settable parameters of Set-CsAccessEdgeConfiguration (cmdlets.md A11.1, A11.2), by parameter
 * set: the common settings are in the Identity, DnsSrvRouting and DefaultRoute sets; each routing
 * kind's own settings are in its set only, as in Lync.
 */

const ROUTING_SETS = ['Identity', 'DnsSrvRouting', 'DefaultRoute'] as const
const UINT32_MAX = 4294967295
const STORED_ONLY = 'Stored for scripts; the XMPP gateway does not use it.'

function inSets(...sets: readonly string[]): ParameterDefinition['sets'] {
  return Object.fromEntries(sets.map((set) => [set, {}]))
}

function flag(name: string, defaultValue: 'True' | 'False', description: string, sets = inSets(...ROUTING_SETS)): ParameterDefinition {
  return {name, type: {kind: 'Boolean'}, defaultValue, sets, description}
}

function count(name: string, range: readonly [number, number], defaultValue: string, description: string): ParameterDefinition {
  return {name, type: {kind: 'UInt32'}, range, defaultValue, sets: inSets(...ROUTING_SETS), description: `${description} ${range[0]} to ${range[1]}. ${STORED_ONLY}`}
}

function verification(name: string, set: string): ParameterDefinition {
  return {
    name,
    type: {kind: 'Enum', enum: VERIFICATION_LEVEL},
    defaultValue: 'UseSourceVerification',
    sets: inSets(set),
    description: `How the Edge treats messages from discovered partners: AlwaysVerifiable, AlwaysUnverifiable or UseSourceVerification. ${STORED_ONLY}`,
  }
}

/** ALLOW_FEDERATED_USERS is the one setting the gateway obeys (A11.5). */
const ALLOW_FEDERATED_USERS = flag(
  'AllowFederatedUsers',
  'False',
  'Whether federation is on. When False the gateway refuses every XMPP partner stream, opens none, and answers SIP requests ' +
    'toward XMPP with 403 Forbidden. A store written before this setting existed reads it as True.',
)

/** COMMON_SETTINGS are the settings of every routing kind, in A11.2's order. */
export const COMMON_SETTINGS: readonly ParameterDefinition[] = [
  flag('AllowAnonymousUsers', 'False', `Whether anonymous users may join conferences through the Edge. ${STORED_ONLY}`),
  ALLOW_FEDERATED_USERS,
  flag('AllowOutsideUsers', 'True', `Whether users may connect from outside the network (remote user access). ${STORED_ONLY}`),
  flag('EnableArchivingDisclaimer', 'False', `Whether federated partners are told that messages may be archived. ${STORED_ONLY}`),
  flag('KeepCrlsUpToDateForPeers', 'True', `Whether the Edge keeps certificate revocation lists of peers current. ${STORED_ONLY}`),
  flag('MarkSourceVerifiableOnOutgoingMessages', 'True', `Whether outgoing messages are marked as verifiable. ${STORED_ONLY}`),
  count('OutgoingTlsCountForFederatedPartners', [1, 4], '4', 'The number of TLS connections to each federated partner,'),
  count('CertificatesDeletedPercentage', [0, 100], '20', 'The percentage of cached certificates dropped when the cache is full,'),
  count('DiscoveredPartnerReportPeriodMinutes', [0, UINT32_MAX], '60', 'Minutes between reports on discovered partners,'),
  count('DiscoveredPartnerStandardRate', [0, UINT32_MAX], '20', 'Messages per second a discovered partner may send,'),
  flag('EnableDiscoveredPartnerContactsLimit', 'True', `Whether MaxContactsPerDiscoveredPartner applies. ${STORED_ONLY}`),
  flag('EnableUserReplicator', 'False', `Whether the User Replicator runs for the Edge. ${STORED_ONLY}`),
  count('MaxAcceptedCertificatesStored', [0, UINT32_MAX], '1000', 'How many accepted certificates are cached,'),
  count('MaxContactsPerDiscoveredPartner', [0, UINT32_MAX], '1000', 'How many contacts a discovered partner may reach,'),
  count('MaxRejectedCertificatesStored', [0, UINT32_MAX], '500', 'How many rejected certificates are cached,'),
  {...count('DnsSrvCacheRecordCount', [0, UINT32_MAX], '$null', 'How many DNS SRV records are cached ($null unsets it),'), nullable: true},
]

/** DNS_SRV_SETTINGS are the DnsSrvRouting set's own parameters. */
export const DNS_SRV_SETTINGS: readonly ParameterDefinition[] = [
  {
    name: 'UseDnsSrvRouting',
    type: {kind: 'Switch'},
    sets: inSets('DnsSrvRouting'),
    description: 'Sets RoutingMethod to UseDnsSrvRouting. The XMPP gateway finds partners by DNS SRV or ProxyFqdn either way.',
  },
  flag('BeClearingHouse', 'False', `Whether the Edge relays traffic between federated domains. ${STORED_ONLY}`, inSets('DnsSrvRouting')),
  flag(
    'EnablePartnerDiscovery',
    'False',
    'Whether SIP federation discovers partners by DNS. XMPP federation stays limited to the XMPP allowed partners.',
    inSets('DnsSrvRouting'),
  ),
  verification('DiscoveredPartnerVerificationLevel', 'DnsSrvRouting'),
]

/** DEFAULT_ROUTE_SETTINGS are the DefaultRoute set's own parameters. */
export const DEFAULT_ROUTE_SETTINGS: readonly ParameterDefinition[] = [
  {
    name: 'UseDefaultRouting',
    type: {kind: 'Switch'},
    sets: inSets('DefaultRoute'),
    description: 'Sets RoutingMethod to UseDefaultRouting; needs a DefaultRouteFqdn, given or already stored. It applies to SIP federation only.',
  },
  {
    name: 'DefaultRouteFqdn',
    type: {kind: 'String'},
    defaultValue: '$null',
    sets: inSets('DefaultRoute'),
    description: `The FQDN of the server that SIP federation requests are sent to with default routing (a host name, no port). ${STORED_ONLY}`,
  },
  flag('IsPublicProvider', 'False', `Whether the default route is a public IM provider. ${STORED_ONLY}`, inSets('DefaultRoute')),
  verification('VerificationLevel', 'DefaultRoute'),
]

/** ROUTING_METHOD_PROPERTY reads an -Instance's RoutingMethod, which no parameter sets (A11.2). */
export const ROUTING_METHOD_PROPERTY: ParameterDefinition = {
  name: 'RoutingMethod',
  type: {kind: 'Enum', enum: ROUTING_METHOD},
  description: 'UseDnsSrvRouting or UseDefaultRouting; changed by -UseDnsSrvRouting and -UseDefaultRouting.',
}

/** SETTINGS are every value Set- can change, switches excluded. */
export const SETTINGS: readonly ParameterDefinition[] = [...COMMON_SETTINGS, ...DNS_SRV_SETTINGS, ...DEFAULT_ROUTE_SETTINGS].filter(
  (p) => p.type.kind !== 'Switch',
)
