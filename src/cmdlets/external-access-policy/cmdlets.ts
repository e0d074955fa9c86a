import {defaultGlobalPolicy, type ExternalAccessPolicyRecord, type StoreDocument} from '../../../store/index.js'
import type {CmdletContext, CmdletDefinition} from '../definition.js'
import {alreadyExists, globalCannotBeCreated, policyInUse} from '../errors.js'
import {instanceIdentity, instanceOf, readSettings} from '../instance.js'
import {TYPE_NAMES} from '../lync-types.js'
import {writeListing} from '../ordering.js'
import {FILTER, FORCE, IN_MEMORY, LOCAL_STORE, instanceParameter} from '../shared-parameters.js'
import {findPolicy, parsePolicyArgument, usersGranted} from './lookup.js'
import {POLICY_SETTINGS, applyPolicySettings, policyIdentityParameter, policyObject} from './object.js'

/** Get-, New-, Set- and Remove-CsExternalAccessPolicy (cmdlets.md A4.1, B2.1–B2.4). */

type Context = CmdletContext<StoreDocument>
const NOUN = 'ExternalAccessPolicy'
const OUTPUT = TYPE_NAMES.ExternalAccessPolicy[0]
const ONLINE_ONLY = ['Tenant', 'BypassDualWrite', 'EnableAcsFederationAccess', 'EnableTeamsConsumerAccess', 'EnableTeamsConsumerInbound']

/** GET_POLICY is Get-CsExternalAccessPolicy. */
export const GET_POLICY: CmdletDefinition<StoreDocument> = {
  name: 'Get-CsExternalAccessPolicy',
  synopsis: 'Returns external access policies: who may federate over SIP, XMPP and public IM.',
  description:
    'Returns the global policy, the site policies and the per-user (Tag:) policies, Global first, then Site:, then Tag:, ' +
    'each sorted by name. With -Identity it returns one policy; with -Filter, those whose Identity matches the wildcard.',
  parameterSets: ['Identity', 'Filter'],
  defaultParameterSet: 'Identity',
  unsupportedParameters: ['Tenant', 'Include', 'ApplicableTo'],
  parameters: [
    policyIdentityParameter(
      {Identity: {position: 0}},
      'The policy to return: Global, site:<name>, or a per-user policy name with or without tag:. Wildcards are not allowed; use -Filter.',
    ),
    FILTER,
    LOCAL_STORE,
  ],
  outputType: OUTPUT,
  examples: [
    {code: 'Get-CsExternalAccessPolicy', remarks: 'Returns every external access policy.'},
    {code: 'Get-CsExternalAccessPolicy -Identity site:Redmond', remarks: 'Returns the policy of the Redmond site.'},
    {code: 'Get-CsExternalAccessPolicy -Filter tag:*', remarks: 'Returns all per-user policies.'},
    {
      code: 'Get-CsExternalAccessPolicy | Where-Object {$_.EnableFederationAccess -eq $True}',
      remarks: 'Returns the policies that allow federation access.',
    },
  ],
  async process(ctx) {
    const policies = ctx.store.document.externalAccessPolicies
    if (ctx.has('Identity')) {
      const record = findPolicy(ctx, ctx.get<string>('Identity') ?? '', 'get')
      if (record) ctx.writeObject(policyObject(record))
      return
    }
    // Global, Site:, Tag: (A3) is already the case-insensitive order of the identities themselves.
    writeListing(ctx, Object.values(policies), (r) => r.Identity, policyObject)
  },
}

/** NEW_POLICY is New-CsExternalAccessPolicy. */
export const NEW_POLICY: CmdletDefinition<StoreDocument> = {
  name: 'New-CsExternalAccessPolicy',
  synopsis: 'Creates a site or per-user external access policy.',
  description:
    'Creates a policy for a site (site:<name>, applied automatically to that site\'s users) or a per-user policy (a bare name, ' +
    'shown as Tag:<name>, applied with Grant-CsExternalAccessPolicy). Settings not given are False. The global policy always ' +
    'exists and cannot be created; change it with Set-CsExternalAccessPolicy.',
  parameterSets: ['Identity'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  unsupportedParameters: ONLINE_ONLY,
  parameters: [
    policyIdentityParameter({Identity: {position: 0, mandatory: true}}, 'The new policy: site:<name>, or a per-user name with or without tag:.'),
    ...POLICY_SETTINGS,
    IN_MEMORY,
    FORCE,
  ],
  outputType: OUTPUT,
  examples: [
    {
      code: 'New-CsExternalAccessPolicy -Identity site:Redmond -EnableFederationAccess $True -EnableOutsideAccess $True',
      remarks: 'Creates the Redmond site policy with federation and outside access allowed.',
    },
    {
      code: 'New-CsExternalAccessPolicy -Identity FedPic -EnableFederationAccess $true -EnablePublicCloudAccess $true',
      remarks: 'Creates the per-user policy Tag:FedPic, to be granted to users with Grant-CsExternalAccessPolicy.',
    },
    {
      code: '$x = New-CsExternalAccessPolicy -Identity RedmondAccessPolicy -InMemory\n$x.EnableFederationAccess = $True\nSet-CsExternalAccessPolicy -Instance $x',
      remarks: 'Builds a per-user policy in memory, edits it, then commits it with Set-CsExternalAccessPolicy -Instance.',
    },
  ],
  async process(ctx) {
    const identity = parsePolicyArgument(ctx, ctx.get<string>('Identity') ?? '')
    if (!identity) return
    if (identity.scope === 'global') return ctx.writeError(globalCannotBeCreated(ctx.cmdlet))
    const document = ctx.store.document
    if (document.externalAccessPolicies[identity.key]) return ctx.writeError(alreadyExists(ctx.cmdlet, NOUN, identity.identity))
    const settings = readSettings(ctx, POLICY_SETTINGS, undefined)
    if (settings instanceof Error) return ctx.writeError(settings)
    const record: ExternalAccessPolicyRecord = {...defaultGlobalPolicy(), Identity: identity.identity}
    applyPolicySettings(record, settings)
    if (ctx.get<boolean>('InMemory')) return ctx.writeObject(policyObject(record))
    if (!(await ctx.shouldProcess(identity.identity))) return
    document.externalAccessPolicies[identity.key] = record
    ctx.store.markChanged()
    ctx.writeObject(policyObject(record))
  },
}

/** SET_POLICY is Set-CsExternalAccessPolicy. */
export const SET_POLICY: CmdletDefinition<StoreDocument> = {
  name: 'Set-CsExternalAccessPolicy',
  synopsis: 'Changes an external access policy.',
  description:
    'Changes the policy named by -Identity (the global policy when -Identity is omitted) or the policy object passed to ' +
    '-Instance. An -Instance whose policy does not exist yet is created, so objects from New- -InMemory, Import-Clixml or ' +
    'Import-Csv can be committed. Named parameters override the instance\'s values.',
  parameterSets: ['Identity', 'Instance'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  unsupportedParameters: ONLINE_ONLY,
  parameters: [
    policyIdentityParameter({Identity: {position: 0}}, 'The policy to change: Global, site:<name>, or a per-user name.', 'Global'),
    instanceParameter(NOUN),
    ...POLICY_SETTINGS,
    FORCE,
  ],
  examples: [
    {
      code: 'Set-CsExternalAccessPolicy -Identity global -EnableFederationAccess $true -EnableXmppAccess $true',
      remarks: 'Lets every user without a site or per-user policy federate over SIP and XMPP.',
    },
    {code: 'Set-CsExternalAccessPolicy -Identity FedPic -EnableXmppAccess $true', remarks: 'Adds XMPP access to the per-user policy FedPic.'},
    {
      code: 'Get-CsExternalAccessPolicy -Filter tag:* | Set-CsExternalAccessPolicy -EnableFederationAccess $True',
      remarks: 'Turns federation access on in every per-user policy.',
    },
  ],
  async process(ctx) {
    const document = ctx.store.document
    let record: ExternalAccessPolicyRecord | undefined
    let created = false
    const instance = ctx.parameterSet === 'Instance' ? instanceOf(ctx, NOUN) : undefined
    if (ctx.parameterSet === 'Instance') {
      if (!instance) return
      const identity = parsePolicyArgument(ctx, instanceIdentity(instance))
      if (!identity) return
      record = document.externalAccessPolicies[identity.key]
      // COMPAT(lync): upsert (A7 DECISION), so `New- -InMemory | Set- -Instance` and Clixml imports create.
      if (!record) [record, created] = [{...defaultGlobalPolicy(), Identity: identity.identity}, true]
    } else {
      record = findPolicy(ctx, ctx.get<string>('Identity') ?? 'Global', 'set')
    }
    if (!record) return
    const settings = readSettings(ctx, POLICY_SETTINGS, instance)
    if (settings instanceof Error) return ctx.writeError(settings)
    if (!(await ctx.shouldProcess(record.Identity))) return
    applyPolicySettings(record, settings)
    if (created) document.externalAccessPolicies[record.Identity.toLowerCase()] = record
    ctx.store.markChanged()
  },
}

/** REMOVE_POLICY is Remove-CsExternalAccessPolicy. */
export const REMOVE_POLICY: CmdletDefinition<StoreDocument> = {
  name: 'Remove-CsExternalAccessPolicy',
  synopsis: 'Removes a site or per-user external access policy, or resets the global policy.',
  description:
    'Deletes a site or per-user policy; users of a deleted site policy fall back to the global policy. The global policy is ' +
    'never deleted: removing it resets every setting to its default (False) with a warning. A per-user policy that is granted ' +
    'to users is removed only after confirmation (or with -Force), and its assignments are cleared.',
  parameterSets: ['Identity'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  unsupportedParameters: ['Tenant'],
  parameters: [
    policyIdentityParameter(
      {Identity: {position: 0, mandatory: true, fromPipelineByPropertyName: true}},
      'The policy to remove: Global (reset), site:<name>, or a per-user name.',
    ),
    FORCE,
  ],
  examples: [
    {code: 'Remove-CsExternalAccessPolicy -Identity site:Redmond', remarks: 'Deletes the Redmond site policy; its users fall back to the global policy.'},
    {code: 'Get-CsExternalAccessPolicy -Filter site:* | Remove-CsExternalAccessPolicy', remarks: 'Deletes every site policy.'},
    {code: 'Remove-CsExternalAccessPolicy -Identity global', remarks: 'Resets the global policy to its defaults.'},
  ],
  async process(ctx) {
    const record = findPolicy(ctx, ctx.get<string>('Identity') ?? '', 'remove')
    if (!record || !(await ctx.shouldProcess(record.Identity))) return
    await removePolicy(ctx, record)
  },
}

async function removePolicy(ctx: Context, record: ExternalAccessPolicyRecord): Promise<void> {
  const document = ctx.store.document
  const key = record.Identity.toLowerCase()
  if (key === 'global') {
    document.externalAccessPolicies[key] = defaultGlobalPolicy()
    ctx.store.markChanged()
    ctx.writeWarning(
      'Global configuration for "ExternalAccessPolicy" cannot be removed. Instead of removing it, the Global configuration for "ExternalAccessPolicy" has been reset to the default value.',
    )
    return
  }
  const holders = key.startsWith('tag:') ? usersGranted(document, record.Identity.slice(4)) : []
  if (holders.length > 0) {
    const message = `The policy "${record.Identity}" is assigned to ${holders.length} user(s). Remove it and let them fall back to their site or the global policy?`
    const answer = await ctx.ask('The policy is in use.', message)
    if (answer === undefined) return ctx.writeError(policyInUse(ctx.cmdlet, record.Identity, holders.length))
    if (!answer) return
    for (const user of holders) document.users[user]!.ExternalAccessPolicy = null
  }
  delete document.externalAccessPolicies[key]
  ctx.store.markChanged()
  if (holders.length > 0) {
    ctx.writeWarning(`The policy "${record.Identity}" was assigned to ${holders.length} user(s); they now use their site or the global policy.`)
  }
}
