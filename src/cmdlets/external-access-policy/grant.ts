import type {StoreDocument} from '../../../store/index.js'
import type {CmdletDefinition} from '../definition.js'
import {notAPerUserPolicy, notFound} from '../errors.js'
import {TYPE_NAMES} from '../lync-types.js'
import {DOMAIN_CONTROLLER, ignoreDomainController, targetUsers} from '../user/cmdlets.js'
import {userIdentityParameter, userObject} from '../user/object.js'
import {parsePolicyArgument} from './lookup.js'

/** GRANT_POLICY is Grant-CsExternalAccessPolicy (cmdlets.md A4.1, B2.5). */
export const GRANT_POLICY: CmdletDefinition<StoreDocument> = {
  name: 'Grant-CsExternalAccessPolicy',
  synopsis: 'Assigns a per-user external access policy to users, or removes the assignment.',
  description:
    'Assigns the per-user policy named by -PolicyName (with or without tag:) to the users named by -Identity. ' +
    '-PolicyName $null removes the assignment, so the users fall back to their site policy or the global policy. ' +
    'Only per-user policies can be granted: site policies apply by site and Global applies to everyone else.',
  parameterSets: ['Identity'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  unsupportedParameters: ['Tenant', 'Group', 'Rank', 'Global'],
  parameters: [
    userIdentityParameter(
      {Identity: {position: 0, mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true}},
      'The user: a SIP address (sip: optional), a display name, or a * wildcard such as "* Smith".',
    ),
    {
      name: 'PolicyName',
      type: {kind: 'String'},
      sets: {Identity: {position: 1}},
      description: 'The per-user policy to assign, with or without tag:. $null removes the assignment.',
      defaultValue: '$null',
    },
    {name: 'PassThru', type: {kind: 'Switch'}, description: 'Writes the user object after the change.'},
    DOMAIN_CONTROLLER,
  ],
  outputType: TYPE_NAMES.User[0],
  examples: [
    {code: 'Grant-CsExternalAccessPolicy -Identity "Ken Myer" -PolicyName RedmondAccessPolicy', remarks: 'Assigns RedmondAccessPolicy to Ken Myer.'},
    {code: 'Get-CsUser | Grant-CsExternalAccessPolicy -PolicyName FedPic', remarks: 'Assigns FedPic to every user.'},
    {code: 'Get-CsUser | Grant-CsExternalAccessPolicy -PolicyName $Null', remarks: 'Removes every per-user assignment.'},
  ],
  async process(ctx) {
    ignoreDomainController(ctx)
    const document = ctx.store.document
    const typed = ctx.get<string | null>('PolicyName') ?? null
    let policy: string | null = null
    if (typed !== null) {
      const identity = parsePolicyArgument(ctx, typed)
      if (!identity) return
      if (identity.scope !== 'tag') return ctx.writeError(notAPerUserPolicy(ctx.cmdlet, identity.identity, identity.scope === 'site' ? identity.name : undefined))
      const record = document.externalAccessPolicies[identity.key]
      if (!record) return ctx.writeError(notFound(ctx.cmdlet, 'grant', 'ExternalAccessPolicy', identity.identity))
      policy = record.Identity.slice(4)
    }
    for (const key of targetUsers(ctx, 'grant')) {
      const user = document.users[key]!
      if (!(await ctx.shouldProcess(`${user.SipAddress} (policy ${policy === null ? '$null' : `Tag:${policy}`})`))) continue
      if (user.ExternalAccessPolicy !== policy) {
        user.ExternalAccessPolicy = policy
        ctx.store.markChanged()
      }
      if (ctx.get<boolean>('PassThru')) ctx.writeObject(userObject(user))
    }
  },
}
