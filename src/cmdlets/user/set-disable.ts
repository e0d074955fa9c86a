import type {StoreDocument} from '../../../store/index.js'
import type {CmdletContext, CmdletDefinition} from '../definition.js'
import {alreadyExists, invalidIdentity} from '../errors.js'
import {parseSipAddress} from '../identity.js'
import {DOMAIN_CONTROLLER, ignoreDomainController, targetUsers} from './cmdlets.js'
import {userIdentityParameter, userObject} from './object.js'
import {removeSipDigest} from './sip-digest.js'

/** Set-CsUser and Disable-CsUser (cmdlets.md A9.1). */

const IDENTITY = userIdentityParameter(
  {Identity: {position: 0, mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true}},
  'The user: a SIP address, a display name, or a * wildcard over either.',
)

/** SET_USER is Set-CsUser. */
export const SET_USER: CmdletDefinition<StoreDocument> = {
  name: 'Set-CsUser',
  synopsis: "Changes a user's SIP address, display name, site or enabled state.",
  description: 'Changes the users named by -Identity. A disabled user keeps its settings but cannot use the gateway.',
  parameterSets: ['Identity'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  parameters: [
    IDENTITY,
    {name: 'Enabled', type: {kind: 'Boolean'}, description: 'Whether the user may use the gateway.'},
    {name: 'SipAddress', type: {kind: 'String'}, description: 'A new SIP address in a SIP domain of this deployment.'},
    {name: 'DisplayName', type: {kind: 'String'}, description: 'A new display name (the Identity).'},
    {name: 'Site', type: {kind: 'String'}, description: "The user's site, or $null."},
    {name: 'PassThru', type: {kind: 'Switch'}, description: 'Writes the user object after the change.'},
  ],
  examples: [
    {code: 'Set-CsUser -Identity "Ken Myer" -Enabled $False', remarks: 'Stops Ken Myer from using the gateway.'},
    {code: 'Set-CsUser sip:kenmyer@litwareinc.com -Site Redmond', remarks: "Moves Ken Myer to the Redmond site's policy."},
  ],
  async process(ctx) {
    for (const key of targetUsers(ctx, 'set')) await setUser(ctx, key)
  },
}

async function setUser(ctx: CmdletContext<StoreDocument>, key: string): Promise<void> {
  const document = ctx.store.document
  const user = {...document.users[key]!}
  let newKey = key
  if (ctx.has('SipAddress')) {
    const typed = ctx.get<string>('SipAddress') ?? ''
    const address = parseSipAddress(typed, new Set(Object.keys(document.sipDomains)))
    if (!address.ok) return ctx.writeError(invalidIdentity(ctx.cmdlet, typed, 'SIP address', address.reason))
    if (address.value.key !== key && document.users[address.value.key]) return ctx.writeError(alreadyExists(ctx.cmdlet, 'User', address.value.uri))
    ;[user.SipAddress, newKey] = [address.value.uri, address.value.key]
  }
  if (ctx.has('Enabled')) user.Enabled = ctx.get<boolean>('Enabled')!
  if (ctx.has('DisplayName')) user.DisplayName = ctx.get<string>('DisplayName') ?? user.DisplayName
  if (ctx.has('Site')) user.Site = ctx.get<string>('Site') || null
  if (!(await ctx.shouldProcess(user.DisplayName))) return
  // HA1 hashes the user part and the domain (A9.1): a new SIP address makes the old digest useless.
  if (user.SipAddress !== document.users[key]!.SipAddress && (await removeSipDigest(ctx.store.keyDirectory, key))) {
    ctx.writeWarning(`The SIP credential of "${user.DisplayName}" was removed because its SIP address changed. Set it again with Set-CsUserSipCredential.`)
  }
  delete document.users[key]
  document.users[newKey] = user
  ctx.store.markChanged()
  if (ctx.get<boolean>('PassThru')) ctx.writeObject(userObject(user))
}

/** DISABLE_USER is Disable-CsUser. */
export const DISABLE_USER: CmdletDefinition<StoreDocument> = {
  name: 'Disable-CsUser',
  synopsis: 'Removes a user from the gateway.',
  description: "Removes the user, its policy grant, its SIP credential and the gateway's first-contact records for it.",
  parameterSets: ['Identity'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  parameters: [IDENTITY, DOMAIN_CONTROLLER],
  examples: [
    {code: 'Disable-CsUser -Identity "Ken Myer"', remarks: 'Removes Ken Myer.'},
    {code: 'Get-CsUser -Filter {Enabled -eq $False} | Disable-CsUser', remarks: 'Removes every disabled user.'},
  ],
  async process(ctx) {
    ignoreDomainController(ctx)
    for (const key of targetUsers(ctx, 'disable')) {
      const user = ctx.store.document.users[key]!
      if (!(await ctx.shouldProcess(user.DisplayName))) continue
      // Before the commit, not after it: if the commit failed, a user without a credential is safe,
      // while a credential left behind would let a later user of the same address in (A9.1).
      await removeSipDigest(ctx.store.keyDirectory, key)
      delete ctx.store.document.users[key]
      ctx.store.markChanged()
    }
  },
}
