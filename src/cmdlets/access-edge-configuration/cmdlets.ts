import {type AccessEdgeSettingsRecord, type StoreDocument, accessEdgeSettings} from '../../../store/index.js'
import type {ParameterDefinition} from '../../binding/parameter.js'
import {type ErrorRecord, cmdletError} from '../../errors.js'
import {PSEnumValue} from '../../values/objects.js'
import type {CmdletContext, CmdletDefinition} from '../definition.js'
import {invalidIdentity} from '../errors.js'
import {isGlobal} from '../global-identity.js'
import {parseDomain} from '../identity.js'
import {instanceIdentity, instanceOf, readSettings} from '../instance.js'
import {IDENTITY_TYPES, TYPE_NAMES} from '../lync-types.js'
import {writeListing} from '../ordering.js'
import {FILTER, FORCE, LOCAL_STORE, instanceParameter} from '../shared-parameters.js'
import {accessEdgeObject} from './object.js'
import {COMMON_SETTINGS, DEFAULT_ROUTE_SETTINGS, DNS_SRV_SETTINGS, ROUTING_METHOD_PROPERTY, SETTINGS} from './settings.js'

/** Get- and Set-CsAccessEdgeConfiguration: the one global Access Edge configuration (cmdlets.md A11, B6.1). */

type Context = CmdletContext<StoreDocument>
const NOUN = 'AccessEdgeConfiguration'

function identity(sets: ParameterDefinition['sets'], description: string, defaultValue?: string): ParameterDefinition {
  return {
    name: 'Identity',
    type: {kind: 'Identity', fullName: IDENTITY_TYPES.XdsIdentity, objectTypes: TYPE_NAMES.AccessEdgeConfiguration.slice(0, 2)},
    sets,
    description,
    ...(defaultValue ? {defaultValue} : {}),
  }
}

/** GET_ACCESS_EDGE is Get-CsAccessEdgeConfiguration. */
export const GET_ACCESS_EDGE: CmdletDefinition<StoreDocument> = {
  name: 'Get-CsAccessEdgeConfiguration',
  synopsis: 'Returns the global Access Edge configuration, whose AllowFederatedUsers turns XMPP federation on or off.',
  description:
    'Returns the one global Access Edge configuration. csxmpp has no Edge server: it keeps these settings so that Lync ' +
    'scripts run unchanged, and its gateway obeys AllowFederatedUsers. The object type follows RoutingMethod.',
  parameterSets: ['Identity', 'Filter'],
  defaultParameterSet: 'Identity',
  unsupportedParameters: ['Tenant'],
  parameters: [identity({Identity: {position: 0}}, 'Global, the only Access Edge configuration.'), FILTER, LOCAL_STORE],
  outputType: TYPE_NAMES.AccessEdgeConfiguration[0],
  examples: [
    {code: 'Get-CsAccessEdgeConfiguration', remarks: 'Shows the Access Edge configuration.'},
    {code: 'Get-CsAccessEdgeConfiguration | Select-Object Allow*', remarks: 'Shows the properties whose names start with Allow, AllowFederatedUsers among them.'},
    {code: '(Get-CsAccessEdgeConfiguration).EnablePartnerDiscovery', remarks: 'Shows whether partner discovery is on.'},
  ],
  async process(ctx) {
    if (ctx.has('Identity') && !isGlobal(ctx, ctx.get<string>('Identity') ?? '', 'get', NOUN)) return
    writeListing(ctx, [accessEdgeSettings(ctx.store.document)], () => 'Global', accessEdgeObject)
  },
}

/** SET_ACCESS_EDGE is Set-CsAccessEdgeConfiguration. */
export const SET_ACCESS_EDGE: CmdletDefinition<StoreDocument> = {
  name: 'Set-CsAccessEdgeConfiguration',
  synopsis: 'Changes the global Access Edge configuration; -AllowFederatedUsers $True turns XMPP federation on.',
  description:
    'Changes the global Access Edge configuration. A running gateway applies AllowFederatedUsers at once: False closes ' +
    'every partner stream and refuses new ones, True federates again without a restart. The other settings are stored ' +
    'for scripts; -UseDnsSrvRouting and -UseDefaultRouting change RoutingMethod, which concerns SIP federation only.',
  parameterSets: ['Identity', 'DnsSrvRouting', 'DefaultRoute', 'Instance'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  unsupportedParameters: ['Tenant', 'SkypeSearchUrl', 'BypassDualWrite', 'EnablePartnerMonitoringCosmosOutput'],
  parameters: [
    identity({Identity: {position: 0}}, 'Global (the default).', 'Global'),
    instanceParameter(NOUN),
    ...COMMON_SETTINGS,
    ...DNS_SRV_SETTINGS,
    ...DEFAULT_ROUTE_SETTINGS,
    FORCE,
  ],
  examples: [
    {code: 'Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True', remarks: 'Turns federation on: the gateway accepts and opens XMPP streams.'},
    {
      code: 'Set-CsAccessEdgeConfiguration -UseDnsSrvRouting -EnablePartnerDiscovery $True',
      remarks: 'Uses DNS SRV routing with partner discovery for SIP federation; XMPP federation stays limited to the allowed partners.',
    },
    {
      code: 'Set-CsAccessEdgeConfiguration -UseDefaultRouting -DefaultRouteFqdn "sip.litwareinc.com"',
      remarks: 'Sends SIP federation requests to one server; the XMPP gateway still finds partners by DNS SRV.',
    },
    {
      code: 'Set-CsAccessEdgeConfiguration -AllowAnonymousUsers $True -VerificationLevel "UseSourceVerification"',
      remarks: 'Stores two settings under either routing method; RoutingMethod does not change.',
    },
  ],
  async process(ctx) {
    const instance = ctx.parameterSet === 'Instance' ? instanceOf(ctx, NOUN) : undefined
    if (ctx.parameterSet === 'Instance' && !instance) return
    const typed = instance ? instanceIdentity(instance) : ctx.get<string>('Identity') ?? 'Global'
    if (!isGlobal(ctx, typed, 'set', NOUN)) return
    const settings = readSettings(ctx, [...SETTINGS, ROUTING_METHOD_PROPERTY], instance)
    if (settings instanceof Error) return ctx.writeError(settings)
    const before = accessEdgeSettings(ctx.store.document)
    const next = applySettings(ctx, before, settings)
    if (next instanceof Error) return ctx.writeError(next)
    if (!(await ctx.shouldProcess('Global'))) return
    ctx.store.document.accessEdgeConfiguration = next
    ctx.store.markChanged()
    writeVerbose(ctx, before, next)
  },
}

/** applySettings returns the configuration with the settings and routing switches applied, or the error. */
function applySettings(ctx: Context, before: AccessEdgeSettingsRecord, settings: ReadonlyMap<string, unknown>): AccessEdgeSettingsRecord | ErrorRecord {
  const next: Record<string, unknown> = {...before}
  for (const [name, value] of settings) {
    next[name] = value instanceof PSEnumValue ? value.name : value
  }
  if (settings.has('DefaultRouteFqdn')) {
    const text = settings.get('DefaultRouteFqdn') as string | null
    if (text === null || text === '') next.DefaultRouteFqdn = null
    else {
      const parsed = parseDomain(text, {singleLabel: true})
      if (!parsed.ok) return invalidIdentity(ctx.cmdlet, text, 'host name', parsed.reason)
      next.DefaultRouteFqdn = parsed.value
    }
  }
  // -UseDnsSrvRouting:$false and -UseDefaultRouting:$false change nothing (A11.2).
  if (ctx.get<boolean>('UseDnsSrvRouting')) next.RoutingMethod = 'UseDnsSrvRouting'
  if (ctx.get<boolean>('UseDefaultRouting')) next.RoutingMethod = 'UseDefaultRouting'
  if (next.RoutingMethod === 'UseDefaultRouting' && next.DefaultRouteFqdn === null) return defaultRouteMissing(ctx.cmdlet)
  return next as unknown as AccessEdgeSettingsRecord
}

/** writeVerbose prints A11.2's VERBOSE lines for the SIP-only settings that were just turned on. */
function writeVerbose(ctx: Context, before: AccessEdgeSettingsRecord, next: AccessEdgeSettingsRecord): void {
  if (next.RoutingMethod === 'UseDefaultRouting' && before.RoutingMethod !== 'UseDefaultRouting') {
    ctx.writeVerbose('RoutingMethod UseDefaultRouting applies to SIP federation only: the XMPP gateway still finds each partner by DNS SRV or its ProxyFqdn.')
  }
  if (next.EnablePartnerDiscovery && !before.EnablePartnerDiscovery) {
    ctx.writeVerbose('EnablePartnerDiscovery applies to SIP federation only: XMPP federation stays limited to the XMPP allowed partners.')
  }
}

/** defaultRouteMissing: UseDefaultRouting without a DefaultRouteFqdn (A11.2). */
function defaultRouteMissing(cmdlet: string): ErrorRecord {
  return cmdletError(cmdlet, {
    message: 'UseDefaultRouting needs DefaultRouteFqdn: give -DefaultRouteFqdn with the FQDN of the server that federation requests are sent to.',
    errorId: 'DefaultRouteFqdnMissing',
    category: 'InvalidArgument',
    reason: 'ArgumentException',
    targetObject: 'Global',
  })
}
