import type {StoreDocument, XmppGatewaySettingsRecord} from '../../store/index.js'
import type {ParameterDefinition} from '../binding/parameter.js'
import {PSObject} from '../values/objects.js'
import type {CmdletContext, CmdletDefinition} from './definition.js'
import {invalidConnectionLimits} from './errors.js'
import {isGlobal} from './global-identity.js'
import {instanceIdentity, instanceOf, readSettings} from './instance.js'
import {IDENTITY_TYPES, SECRET_MASK, TYPE_NAMES} from './lync-types.js'
import {writeListing} from './ordering.js'
import {FILTER, FORCE, LOCAL_STORE, instanceParameter} from './shared-parameters.js'

/** Get- and Set-CsXmppGatewayConfiguration: the one global XmppGatewaySettings (cmdlets.md A3.3, A4.3, B4). */

type Context = CmdletContext<StoreDocument>
const NOUN = 'XmppGatewaySettings'

function seconds(name: string, range: [number, number], defaultValue: string, description: string): ParameterDefinition {
  return {name, type: {kind: 'UInt32'}, range, defaultValue, description: `${description} In seconds, ${range[0]} to ${range[1]}.`}
}

/** GATEWAY_SETTINGS are the settable parameters, in property order. */
const GATEWAY_SETTINGS: readonly ParameterDefinition[] = [
  {
    name: 'ConnectionLimit',
    type: {kind: 'UInt32'},
    range: [1, 1000000],
    defaultValue: '1000',
    description: 'The most simultaneous server-to-server streams with all partners together, 1 to 1000000.',
  },
  {
    name: 'PartnerConnectionLimit',
    type: {kind: 'UInt32'},
    range: [1, 1000000],
    defaultValue: '20',
    description: 'The most simultaneous streams with one partner; at most ConnectionLimit.',
  },
  seconds('KeepAliveInterval', [10, 86400], '300', 'How long a stream may stay silent before it is closed; keep-alives go out every half interval.'),
  seconds('StreamEstablishmentTimeout', [1, 3600], '60', 'How long a partner has to set up and authenticate a stream.'),
  seconds('StreamInactivityTimeout', [10, 604800], '600', 'How long a stream may carry no stanza before it is closed cleanly.'),
  seconds('SubscriptionRefreshInterval', [60, 604800], '28800', 'How long a presence subscription with a partner contact lasts before it is refreshed.'),
  {
    name: 'DialbackPassphrase',
    type: {kind: 'String'},
    length: [1, 1024],
    lengthExempt: [SECRET_MASK],
    defaultValue: '$null (a random secret kept in the key directory)',
    description:
      'The secret dialback keys are derived from (XEP-0185), 1 to 1024 characters; fewer than 16 is accepted with a warning. ' +
      '$null or "" unsets it. It is kept in the key directory, never in the store, and always shown as ********.',
  },
  {
    name: 'EnableLoggingAllMessageBodies',
    type: {kind: 'Boolean'},
    defaultValue: 'False',
    description: 'Whether the gateway logs message bodies. When False, no log line contains a message body.',
  },
]

function identity(sets: ParameterDefinition['sets'], description: string, defaultValue?: string): ParameterDefinition {
  return {
    name: 'Identity',
    type: {kind: 'Identity', fullName: IDENTITY_TYPES.XdsIdentity, objectTypes: TYPE_NAMES.XmppGatewaySettings.slice(0, 1)},
    sets,
    description,
    ...(defaultValue ? {defaultValue} : {}),
  }
}

function gatewayObject(record: XmppGatewaySettingsRecord): PSObject {
  const object = new PSObject(TYPE_NAMES.XmppGatewaySettings).addProperty('Identity', 'Global', {readOnly: true})
  for (const parameter of GATEWAY_SETTINGS) {
    const value = parameter.name === 'DialbackPassphrase' ? (record.DialbackPassphrase ? SECRET_MASK : null) : record[parameter.name as keyof XmppGatewaySettingsRecord]
    object.addProperty(parameter.name, value, {type: parameter.type})
  }
  return object
}

/** GET_GATEWAY is Get-CsXmppGatewayConfiguration. */
export const GET_GATEWAY: CmdletDefinition<StoreDocument> = {
  name: 'Get-CsXmppGatewayConfiguration',
  synopsis: "Returns the XMPP gateway's global settings.",
  description: 'Returns the one global XmppGatewaySettings object: connection limits, timers, dialback passphrase (masked) and logging.',
  parameterSets: ['Identity', 'Filter'],
  defaultParameterSet: 'Identity',
  unsupportedParameters: ['Tenant'],
  parameters: [identity({Identity: {position: 0}}, 'Global, the only settings collection.'), FILTER, LOCAL_STORE],
  outputType: TYPE_NAMES.XmppGatewaySettings[0],
  examples: [
    {code: 'Get-CsXmppGatewayConfiguration', remarks: 'Shows the gateway settings.'},
    {code: 'Get-CsXmppGatewayConfiguration | Select-Object ConnectionLimit, PartnerConnectionLimit', remarks: 'Shows the two connection limits.'},
  ],
  async process(ctx) {
    if (ctx.has('Identity') && !isGlobal(ctx, ctx.get<string>('Identity') ?? '', 'get', NOUN)) return
    writeListing(ctx, [ctx.store.document.xmppGatewayConfiguration], () => 'Global', gatewayObject)
  },
}

/** SET_GATEWAY is Set-CsXmppGatewayConfiguration. */
export const SET_GATEWAY: CmdletDefinition<StoreDocument> = {
  name: 'Set-CsXmppGatewayConfiguration',
  synopsis: "Changes the XMPP gateway's global settings.",
  description:
    'Changes the global gateway settings. A running gateway applies them without a restart: new limits and timers take ' +
    'effect on live streams. PartnerConnectionLimit may not exceed ConnectionLimit.',
  parameterSets: ['Identity', 'Instance'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  unsupportedParameters: ['Tenant'],
  parameters: [identity({Identity: {position: 0}}, 'Global (the default).', 'Global'), instanceParameter(NOUN), ...GATEWAY_SETTINGS, FORCE],
  examples: [
    {code: 'Set-CsXmppGatewayConfiguration -Identity "global" -ConnectionLimit 1200', remarks: 'Raises the total connection limit to 1200.'},
    {code: "Set-CsXmppGatewayConfiguration -DialbackPassphrase 'a long shared dialback secret'", remarks: 'Sets the dialback secret.'},
  ],
  async process(ctx) {
    const instance = ctx.parameterSet === 'Instance' ? instanceOf(ctx, NOUN) : undefined
    if (ctx.parameterSet === 'Instance' && !instance) return
    const typed = instance ? instanceIdentity(instance) : ctx.get<string>('Identity') ?? 'Global'
    if (!isGlobal(ctx, typed, 'set', NOUN)) return
    const settings = readSettings(ctx, GATEWAY_SETTINGS, instance)
    if (settings instanceof Error) return ctx.writeError(settings)
    const current = ctx.store.document.xmppGatewayConfiguration
    const next: XmppGatewaySettingsRecord = {...current, ...Object.fromEntries([...settings].filter(([n]) => n !== 'DialbackPassphrase'))}
    if (next.PartnerConnectionLimit > next.ConnectionLimit) {
      return ctx.writeError(invalidConnectionLimits(ctx.cmdlet, next.PartnerConnectionLimit, next.ConnectionLimit))
    }
    if (!(await ctx.shouldProcess('Global'))) return
    const passphrase = settings.get('DialbackPassphrase') as string | null | undefined
    if (passphrase !== undefined) await replacePassphrase(ctx, next, passphrase)
    ctx.store.document.xmppGatewayConfiguration = next
    ctx.store.markChanged()
    if (passphrase && passphrase !== SECRET_MASK && passphrase.length < 16) ctx.writeWarning(shortPassphraseWarning(passphrase.length))
  },
}

/**
 * shortPassphraseWarning is A6.3's warning for a DialbackPassphrase of 1–15 characters (A3.3): migrated
 * deployments carry short ones, so it is accepted, and the admin is told what it costs.
 */
function shortPassphraseWarning(length: number): string {
  return (
    `The DialbackPassphrase has ${length} characters. Dialback keys are derived from it (XEP-0185), and a passphrase shorter than 16 ` +
    'characters can be guessed offline from one key seen on the network. Use 16 or more characters, or $null to let the gateway use a random secret.'
  )
}

/** replacePassphrase writes the new secret file first; the old one goes once the store no longer names it. */
async function replacePassphrase(ctx: Context, next: XmppGatewaySettingsRecord, value: string | null): Promise<void> {
  if (value === SECRET_MASK) return
  const old = next.DialbackPassphrase
  next.DialbackPassphrase = value ? {secretFile: await ctx.store.writeSecret('dialback-passphrase', value)} : null
  if (old) ctx.store.removeSecretAfterCommit(old.secretFile)
}
