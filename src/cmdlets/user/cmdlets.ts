import type {StoreDocument, UserRecord} from '../../../store/index.js'
import {cmdletError} from '../../errors.js'
import type {CmdletContext, CmdletDefinition} from '../definition.js'
import {alreadyExists, invalidIdentity, notFound} from '../errors.js'
import {parseSipAddress} from '../identity.js'
import {TYPE_NAMES} from '../lync-types.js'
import {compareIdentity} from '../ordering.js'
import {matchesUserFilter, parseUserFilter} from './filter.js'
import {findUsers, userIdentityParameter, userObject} from './object.js'

/** Enable-, Get-, Set- and Disable-CsUser: csxmpp's minimal users (cmdlets.md A9.1). */

type Context = CmdletContext<StoreDocument>
const OUTPUT = TYPE_NAMES.User[0]

const PASS_THRU = {name: 'PassThru', type: {kind: 'Switch'}, description: 'Writes the user object after the change.'} as const
/** DOMAIN_CONTROLLER is -DomainController: accepted and ignored (cmdlets.md A1). */
export const DOMAIN_CONTROLLER = {
  name: 'DomainController',
  type: {kind: 'String'},
  description: 'Accepted for compatibility and ignored: csxmpp keeps users in its own store.',
} as const
const SITE = {name: 'Site', type: {kind: 'String'}, description: "The user's site; its site policy applies when no per-user policy is granted."} as const
const SIP_ADDRESS_HELP = "The user's SIP address, sip:user@domain (sip: optional); the domain must be a SIP domain (New-CsSipDomain)."

/** ignoreDomainController prints the verbose note of cmdlets.md A1. */
export function ignoreDomainController(ctx: Context): void {
  if (ctx.has('DomainController')) ctx.writeVerbose('-DomainController is ignored: csxmpp keeps users in its own store.')
}

function sipDomainSet(document: StoreDocument): Set<string> {
  return new Set(Object.keys(document.sipDomains))
}

/** ENABLE_USER is Enable-CsUser. */
export const ENABLE_USER: CmdletDefinition<StoreDocument> = {
  name: 'Enable-CsUser',
  synopsis: 'Enables a SIP user for the gateway.',
  description:
    'Adds a user that may exchange instant messages with XMPP partners through the gateway, subject to the effective ' +
    'external access policy. The SIP address must be in a SIP domain of this deployment.',
  parameterSets: ['Identity'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  parameters: [
    userIdentityParameter({Identity: {position: 0, mandatory: true}}, "The user's display name, which is also its Identity."),
    {name: 'SipAddress', type: {kind: 'String'}, sets: {Identity: {mandatory: true}}, description: SIP_ADDRESS_HELP},
    {name: 'RegistrarPool', type: {kind: 'String'}, description: 'The registrar pool, kept for compatibility.'},
    SITE,
    PASS_THRU,
    DOMAIN_CONTROLLER,
  ],
  outputType: OUTPUT,
  examples: [
    {code: 'Enable-CsUser -Identity "Ken Myer" -SipAddress sip:kenmyer@litwareinc.com', remarks: 'Enables Ken Myer with that SIP address.'},
    {code: 'Enable-CsUser "Pilar Ackerman" -SipAddress pilar@litwareinc.com -Site Redmond', remarks: 'Enables a user of the Redmond site.'},
  ],
  async process(ctx) {
    ignoreDomainController(ctx)
    const document = ctx.store.document
    const typed = ctx.get<string>('SipAddress') ?? ''
    const address = parseSipAddress(typed, sipDomainSet(document))
    if (!address.ok) return ctx.writeError(invalidIdentity(ctx.cmdlet, typed, 'SIP address', address.reason))
    if (document.users[address.value.key]) return ctx.writeError(alreadyExists(ctx.cmdlet, 'User', address.value.uri))
    const displayName = (ctx.get<string>('Identity') ?? '').trim()
    if (!(await ctx.shouldProcess(displayName))) return
    const record: UserRecord = {
      SipAddress: address.value.uri,
      DisplayName: displayName,
      Enabled: true,
      RegistrarPool: ctx.get<string>('RegistrarPool') ?? null,
      Site: ctx.get<string>('Site') ?? null,
      ExternalAccessPolicy: null,
    }
    document.users[address.value.key] = record
    ctx.store.markChanged()
    if (ctx.get<boolean>('PassThru')) ctx.writeObject(userObject(record))
  },
}

/** GET_USER is Get-CsUser. */
export const GET_USER: CmdletDefinition<StoreDocument> = {
  name: 'Get-CsUser',
  synopsis: 'Returns the users enabled for the gateway.',
  description:
    'Returns users by SIP address, display name or a * wildcard, or those matching a filter block such as ' +
    '{ExternalAccessPolicy -eq $null}. A pattern that matches nothing returns nothing.',
  parameterSets: ['Identity', 'Filter'],
  defaultParameterSet: 'Identity',
  unsupportedParameters: ['LdapFilter', 'OU', 'UnassignedUser', 'Credential', 'Tenant'],
  parameters: [
    userIdentityParameter({Identity: {position: 0}}, 'A SIP address, a display name, or a * wildcard over either.'),
    {
      name: 'Filter',
      type: {kind: 'FilterBlock'},
      sets: {Filter: {}},
      description: 'A filter block: Property -op Value comparisons (-eq -ne -like -notlike -gt -ge -lt -le) joined by -and, -or, -not.',
    },
    {name: 'ResultSize', type: {kind: 'UInt32'}, description: 'The most users to return.'},
    DOMAIN_CONTROLLER,
  ],
  outputType: OUTPUT,
  examples: [
    {code: 'Get-CsUser', remarks: 'Returns every user.'},
    {code: 'Get-CsUser -Filter {ExternalAccessPolicy -eq $Null}', remarks: 'Returns the users without a per-user external access policy.'},
  ],
  async process(ctx) {
    const document = ctx.store.document
    let keys = ctx.has('Identity') ? findUsers(ctx.cmdlet, document, ctx.get<string>('Identity') ?? '') : Object.keys(document.users)
    const text = ctx.get<string>('Filter')
    if (text !== undefined && text !== null) {
      const filter = parseUserFilter(text)
      if (!filter) return ctx.writeError(filterNotSupported(ctx, text))
      keys = keys.filter((k) => matchesUserFilter(ctx.cmdlet, filter, (name) => userObject(document.users[k]!).get(name), (name) => ctx.variable(name)))
    }
    const users = keys.map((k) => document.users[k]!).sort((a, b) => compareIdentity(a.DisplayName, b.DisplayName))
    const limit = ctx.get<number>('ResultSize') ?? users.length
    for (const user of users.slice(0, limit)) ctx.writeObject(userObject(user))
  },
}

function filterNotSupported(ctx: Context, text: string) {
  const shown = text.trim().startsWith('{') ? text.trim() : `{${text.trim()}}`
  return cmdletError(ctx.cmdlet, {
    message: `The filter ${shown} is not supported by csxmpp: only Property -op Value comparisons joined by -and/-or are.`,
    errorId: 'FilterNotSupported',
    category: 'InvalidArgument',
    reason: 'ArgumentException',
    targetObject: text,
  })
}

/** targetUsers resolves -Identity to user keys, writing the not-found error when none match. */
export function targetUsers(ctx: Context, verb: 'set' | 'grant' | 'disable'): string[] {
  const typed = ctx.get<string>('Identity') ?? ''
  const keys = findUsers(ctx.cmdlet, ctx.store.document, typed)
  if (keys.length === 0) ctx.writeError(notFound(ctx.cmdlet, verb, 'User', typed))
  return keys
}
