import {type Element, xml} from '@xmpp/xml'
import {StanzaError, errorReply} from '../xmpp/stanza-error.js'
import {MAX_CONTACTS} from './caps.js'

/**
 * The refusals of presence.md P6.5 (the caps they enforce are P2.2's, in caps.ts), exactly: error messages are user interface,
 * and tests assert these strings.
 */

/**
 * PresenceRefusals are P6.5's XMPP error refusals (#2–#6); errorReply builds the stanza (addresses
 * swapped, the request's id kept). #1 and #7 are `unsubscribed` stanzas, #8 and #9 send nothing.
 */
export const PresenceRefusals = {
  /** #2: subscribe to a user without XMPP access (the text of A8.5's message refusal). */
  forbidden: new StanzaError('forbidden', 'auth', 'the recipient may not use XMPP'),
  /** #3: the 1,001st contact. */
  contactLimit: new StanzaError('resource-constraint', 'wait', `the recipient has reached the limit of ${MAX_CONTACTS} contacts`),
  /** #4: the 1,001st pending request. */
  pendingLimit: new StanzaError('resource-constraint', 'wait', 'the recipient has too many pending subscription requests'),
  /** #5: a partner domain over its subscription budget (P9 #2). */
  rate: (domain: string) => new StanzaError('resource-constraint', 'wait', `too many subscription requests from ${domain}; try again later`),
  /** #6: a presence type RFC 6121 does not define (as Prosody answers it). */
  invalidType: new StanzaError('bad-request', 'modify', 'invalid presence type'),
} as const

/** SipRefusals are the reason phrases of P4.2's policy checks (#10–#14), all with status 403. */
export const SipRefusals = {
  /** #10: L does not exist, is disabled, or may not use XMPP (A8.5). */
  forbidden: 'Forbidden',
  /** #11: the Request-URI is a local presentity (P1.1: no presence between local users). */
  localPresentity: 'Forbidden (presence of local users is not served here)',
  /** #12: the contact's domain is no partner's (A8.1). */
  notPartner: (domain: string) => `domain ${domain} is not an allowed XMPP partner`,
  /** #13: L has MAX_CONTACTS contacts and R is not one of them. */
  contactLimit: `Forbidden (contact limit of ${MAX_CONTACTS} reached)`,
  /** #14: MAX_DIALOGS_PER_PAIR dialogs for (L, R), or MAX_DIALOGS_PER_USER for L. */
  tooManyDialogs: 'Forbidden (too many subscriptions)',
} as const

/** Refusal is how a presence request is refused: an `unsubscribed` stanza or an error reply (P6.5). */
export type Refusal =
  /** `<presence type='unsubscribed'/>` from L's bare JID, its id `csx-{purpose}-…` (P6.5 #1 `ns`, #7 `nw`). */
  | {readonly kind: 'unsubscribed'; readonly purpose: 'ns' | 'nw'}
  /** The request's error reply, built by errorReply (P6.5 #2–#6). */
  | {readonly kind: 'error'; readonly error: StanzaError}

/**
 * refusalStanza is the stanza that carries a refusal back to R. An `unsubscribed` goes from L's bare
 * JID to R's bare JID (P3.1 step 2, RFC 6121 §4.3.2 rule 1) with a fresh id `csx-{purpose}-{nonce}`
 * (the caller draws the nonce: this module does no I/O); an error is the request's errorReply.
 */
export function refusalStanza(request: Element, refusal: Refusal, nonce: string): Element {
  if (refusal.kind === 'error') return errorReply(request, refusal.error)
  const {from = '', to = ''} = request.attrs
  return xml('presence', {from: bareJid(to), to: bareJid(from), type: 'unsubscribed', id: `csx-${refusal.purpose}-${nonce}`})
}

/** bareJid is a JID without its resource, lower-cased as P2.1's keys are. */
export function bareJid(jid: string): string {
  return jid.replace(/\/.*$/, '').toLowerCase()
}
