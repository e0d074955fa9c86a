import type {Element} from '@xmpp/xml'
import {canonicalDomain} from './domain.js'
import {MAX_JID_PART_BYTES, jidProblem, splitJid} from './jid-limits.js'
import {StanzaError} from './stanza-error.js'
import {NS_SERVER} from './stream-output.js'

/**
 * What an authenticated incoming stream may carry, decided per first-level element before anything
 * is delivered (RFC 6120 §4.9.3, §8; RFC 7622; XEP-0220 §2.5). Pure decisions on the element and the
 * stream's authenticated domain pairs, so every rule is a table test; the session carries them out.
 */

/** AuthenticatedPairs are the domain pairs a stream authenticated: one receiving domain, one or more originating ones. */
export interface AuthenticatedPairs {
  /** The served domain the stream is for (its header's `to`, which dialback's db:result must repeat). */
  readonly local: string
  /** Whether stanzas from this originating domain were authenticated on the stream. */
  isAuthenticated(remote: string): boolean
}

/** Verdict is what the session does with one element. */
export type Verdict =
  | {readonly action: 'deliver'}
  /** Dropped without an answer; the reason goes to the debug log. */
  | {readonly action: 'ignore'; readonly reason: string}
  /** A stream error: the peer broke the stream's rules. */
  | {readonly action: 'refuse'; readonly condition: string; readonly text: string}
  /** A stanza error back to the sender; `from` answers for an address that names no domain (RFC 6120 §8.3.1). */
  | {readonly action: 'bounce'; readonly error: StanzaError; readonly from?: string}

const STANZA_NAMES = new Set(['message', 'presence', 'iq'])

/** judgeStanza applies the rules in order: the kind of element, its from, its to, then RFC 6120's iq rule. */
export function judgeStanza(stanza: Element, pairs: AuthenticatedPairs): Verdict {
  // §4.9.3.24: only the three stanzas of jabber:server are first-level elements after negotiation.
  if (!STANZA_NAMES.has(stanza.getName()) || stanza.getNS() !== NS_SERVER) {
    return {action: 'refuse', condition: 'unsupported-stanza-type', text: 'only message, presence and iq stanzas may be sent on this stream'}
  }
  const {from, to} = stanza.attrs as {from?: string; to?: string}
  const sender = senderVerdict(from, pairs)
  if (sender) return sender
  // §4.9.3.11: a stanza between servers names its recipient.
  if (to === undefined) return {action: 'refuse', condition: 'improper-addressing', text: 'a stanza between servers needs a to address'}
  const malformed = jidProblem(to)
  if (malformed) {
    const error = new StanzaError('jid-malformed', 'modify', `the to address is malformed: ${malformed}`)
    return canonicalDomain(splitJid(to).domain) === undefined ? {action: 'bounce', error, from: pairs.local} : {action: 'bounce', error}
  }
  // XEP-0220 §2.5 and RFC 6120 §8.1.1.2: the stream was authenticated for one receiving domain only.
  const recipient = canonicalDomain(splitJid(to).domain)
  if (recipient !== pairs.local) return {action: 'refuse', condition: 'host-unknown', text: `stanzas to ${recipient} are not authenticated on this stream`}
  // §8.2.3: a result or an error answers an iq of ours; nothing answers it (and the gateway sends none).
  if (stanza.getName() === 'iq' && (stanza.attrs.type === 'result' || stanza.attrs.type === 'error')) {
    return {action: 'ignore', reason: `an iq of type ${stanza.attrs.type} answers no request of the gateway`}
  }
  return {action: 'deliver'}
}

/**
 * senderVerdict checks the from address: a domain the stream did not authenticate is <invalid-from/>
 * (RFC 6120 §8.1.2.2, §4.9.3.9), an authenticated domain with an oversized localpart or resourcepart
 * a jid-malformed bounce to it. Undefined: the sender is in order.
 */
function senderVerdict(from: string | undefined, pairs: AuthenticatedPairs): Verdict | undefined {
  const domain = from === undefined ? '' : splitJid(from).domain
  // The byte test first: a domain of any size is never handed to the IDNA conversion or its cache.
  const authenticated = Buffer.byteLength(domain) <= MAX_JID_PART_BYTES && pairs.isAuthenticated(canonicalDomain(domain) ?? '')
  if (!authenticated || from === undefined) return {action: 'refuse', condition: 'invalid-from', text: `stanzas from ${from ?? '(none)'} are not authenticated on this stream`}
  const malformed = jidProblem(from)
  return malformed ? {action: 'bounce', error: new StanzaError('jid-malformed', 'modify', `the from address is malformed: ${malformed}`)} : undefined
}
