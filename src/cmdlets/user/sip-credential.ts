import type {StoreDocument} from '../../../store/index.js'
import {ALL_SETS} from '../../binding/parameter.js'
import type {CmdletContext, CmdletDefinition} from '../definition.js'
import {noPassword} from '../errors.js'
import {targetUsers} from './cmdlets.js'
import {userIdentityParameter} from './object.js'
import {removeSipDigest, sipAddressParts, sipDigestHa1, writeSipDigest} from './sip-digest.js'

/** Set-CsUserSipCredential (csxmpp, cmdlets.md A9.1): the password a user's SIP client registers with. */

type Context = CmdletContext<StoreDocument>

/** SET_USER_SIP_CREDENTIAL is Set-CsUserSipCredential. */
export const SET_USER_SIP_CREDENTIAL: CmdletDefinition<StoreDocument> = {
  name: 'Set-CsUserSipCredential',
  synopsis: "Sets or clears the password of a user's SIP client.",
  description:
    "Sets the password the user's SIP client registers with at the gateway's registrar. Only its digest (HA1) is kept, " +
    'in a 0600 file of the key directory, never in the store. Without -Password the password is asked for without echo ' +
    'on a terminal, or read as one line of standard input. -Clear removes the credential.',
  parameterSets: ['Password', 'Clear'],
  defaultParameterSet: 'Password',
  supportsShouldProcess: true,
  parameters: [
    userIdentityParameter(
      {[ALL_SETS]: {position: 0, mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true}},
      'The user: a SIP address, a display name, or a * wildcard over either.',
    ),
    {name: 'Password', type: {kind: 'String'}, sets: {Password: {}}, description: 'The new password; asked for when omitted.'},
    {name: 'Clear', type: {kind: 'Switch'}, sets: {Clear: {mandatory: true}}, description: 'Removes the credential: the user can no longer register.'},
  ],
  examples: [
    {code: 'Set-CsUserSipCredential -Identity "Ken Myer"', remarks: "Asks for Ken Myer's new SIP password without showing it."},
    {code: "printf '%s\\n' \"$PW\" | csxmpp Set-CsUserSipCredential sip:kenmyer@litwareinc.com", remarks: 'Sets the password from a bash variable, one line on standard input.'},
    {code: 'Set-CsUserSipCredential kenmyer@litwareinc.com -Clear', remarks: "Removes Ken Myer's SIP credential."},
  ],
  async process(ctx) {
    // The password is read once per input object, after -WhatIf/-Confirm: nothing is asked for a change that will not happen.
    let password: string | undefined
    for (const key of targetUsers(ctx, 'set')) {
      const user = ctx.store.document.users[key]!
      if (!(await ctx.shouldProcess(user.DisplayName))) continue
      if (ctx.parameterSet === 'Clear') {
        await removeSipDigest(ctx.store.keyDirectory, key)
        continue
      }
      password ??= await readPassword(ctx, user.DisplayName)
      if (!password) return ctx.writeError(noPassword(ctx.cmdlet, user.DisplayName))
      const {user: name, realm} = sipAddressParts(user.SipAddress)
      await writeSipDigest(ctx.store.keyDirectory, key, sipDigestHa1(name, realm, password))
    }
  },
}

async function readPassword(ctx: Context, displayName: string): Promise<string | undefined> {
  if (ctx.has('Password')) return ctx.get<string>('Password') ?? undefined
  return ctx.readPassword(`SIP password for ${displayName}: `)
}
