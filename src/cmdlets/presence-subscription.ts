import {type ContactRecord, type StoreDocument, readPresenceContacts, subscriptionView} from '../../store/index.js'
import {cmdletError, type ErrorRecord} from '../errors.js'
import {PSObject} from '../values/objects.js'
import {compileParameterWildcard} from '../values/wildcard-errors.js'
import type {CmdletDefinition} from './definition.js'
import {fileProblem} from './errors.js'
import {TYPE_NAMES} from './lync-types.js'
import {compareIdentity} from './ordering.js'
import {sipKey} from './user/object.js'

/**
 * Get-CsXmppPresenceSubscription (csxmpp only, issue 14 item 6): the admin view of the presence
 * subscriptions the gateway keeps in its state directory (presence.md P8.1), one object per (local
 * user, contact), so an admin can find out why a contact shows as unknown. Read-only, and working
 * whether or not the gateway runs: it reads the state files (store/presence-state-reader.ts) and
 * never the gateway.
 */

function subscriptionObject(record: ContactRecord): PSObject {
  const view = subscriptionView(record)
  const object = new PSObject(TYPE_NAMES.PresenceSubscription)
  for (const [name, value] of Object.entries(view)) object.addProperty(name, value, {readOnly: true})
  return object
}

/** contactMatcher reads -Contact: a bare JID or a domain, with §5.3 wildcards, matched against either. */
function contactMatcher(cmdlet: string, typed: string | undefined): (contact: string) => boolean {
  if (typed === undefined) return () => true
  const pattern = compileParameterWildcard(cmdlet, typed.trim())
  return (contact) => pattern.matches(contact) || pattern.matches(contact.slice(contact.lastIndexOf('@') + 1))
}

/** stateUnreadable: a state file exists but cannot be read (a symbolic link, permission denied). */
function stateUnreadable(cmdlet: string, directory: string, error: unknown): ErrorRecord {
  const reason = (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'a state file is a symbolic link, which csxmpp does not follow' : fileProblem(error)
  return cmdletError(cmdlet, {
    message: `Cannot read the presence state in "${directory}": ${reason}.`,
    errorId: 'PresenceStateUnreadable',
    category: 'ReadError',
    reason: 'IOException',
    targetObject: directory,
  })
}

/** GET_PRESENCE_SUBSCRIPTION is Get-CsXmppPresenceSubscription. */
export const GET_PRESENCE_SUBSCRIPTION: CmdletDefinition<StoreDocument> = {
  name: 'Get-CsXmppPresenceSubscription',
  synopsis: 'Returns the presence subscriptions between local users and XMPP contacts.',
  description:
    'Returns one object per local user and XMPP contact from the gateway\'s presence state, sorted by user then contact: ' +
    'the subscription (None, To: the user receives the contact\'s presence, From: the contact receives the user\'s, Both), ' +
    'the requests still undecided (Pending: In when the contact asked, Out when the user asked), and when the pair last changed (Since). ' +
    'It reads the state files and works whether or not the gateway runs. csxmpp only.',
  parameterSets: ['Default'],
  defaultParameterSet: 'Default',
  parameters: [
    {name: 'User', type: {kind: 'String'}, sets: {Default: {position: 0}}, description: 'The local user\'s SIP address, with or without sip: (sip:kenmyer@litwareinc.com).'},
    {
      name: 'Contact',
      type: {kind: 'String'},
      acceptsWildcards: true,
      description: 'The contact\'s bare JID or domain; wildcards allowed (juliet@fabrikam.com, fabrikam.com, *.fabrikam.com).',
    },
  ],
  outputType: TYPE_NAMES.PresenceSubscription[0],
  examples: [
    {code: 'Get-CsXmppPresenceSubscription', remarks: 'Returns every presence subscription the gateway keeps.'},
    {
      code: 'Get-CsXmppPresenceSubscription sip:kenmyer@litwareinc.com -Contact fabrikam.com',
      remarks: 'Returns Ken Myer\'s subscriptions with contacts at fabrikam.com: a contact whose Subscription is neither To nor Both shows as unknown to Ken.',
    },
    {code: 'Get-CsXmppPresenceSubscription | Where-Object Pending -ne None', remarks: 'Returns the requests still waiting for an answer.'},
  ],
  async process(ctx) {
    const matches = contactMatcher(ctx.cmdlet, ctx.get<string>('Contact'))
    const user = ctx.has('User') ? sipKey(ctx.get<string>('User') ?? '') : undefined
    let records: ContactRecord[]
    try {
      records = await readPresenceContacts(ctx.store.stateDirectory)
    } catch (error) {
      return ctx.writeError(stateUnreadable(ctx.cmdlet, ctx.store.stateDirectory, error))
    }
    const selected = records.filter((r) => (user === undefined || r.l === user) && matches(r.r))
    selected.sort((a, b) => compareIdentity(a.l, b.l) || compareIdentity(a.r, b.r))
    for (const record of selected) ctx.writeObject(subscriptionObject(record))
  },
}

