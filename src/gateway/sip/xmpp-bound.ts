import type {SipMessage} from 'sip'
import {forbiddenXmlCharacter} from '../xml-text.js'
import {MAX_JID_PART_BYTES} from '../xmpp/jid-limits.js'
import {escapeLocalpart, type SipAddress} from './address.js'
import {reasonPhrase} from './errors.js'
import {fromWire, textHeader} from './message.js'

/**
 * What of a MESSAGE goes to XMPP (RFC 7572 §6: body → `<body/>`, Subject → `<subject/>`, Call-ID →
 * `id`, Content-Language → `xml:lang`; RFC 7247 §5.3: To → the recipient JID, `gr` → a resource),
 * read and checked at the SIP edge, so that the bridge only ever gets text XML 1.0 can hold and
 * addresses that are JIDs. A MESSAGE that fails is refused whole, with a reason phrase naming what
 * and where (RFC 3261 §21.4.1: the reason phrase SHOULD identify the problem), and nothing is sent:
 * a character a partner's parser refuses would end its stream and lose every message behind it.
 *
 * The status follows what the field is. A header is SIP syntax: a control character there breaks
 * RFC 3261 §25.1 (TEXT-UTF8 excludes CTLs; Call-ID is a word, Content-Language a language-tag), so
 * 400. A noncharacter is legal SIP text, and a body is not SIP syntax at all: SIP could carry them
 * elsewhere, only not into XMPP, so 488 Not Acceptable Here ("the request may succeed elsewhere",
 * §21.4.26). An address that makes no valid JID (PRECIS disallows controls and noncharacters in
 * localparts and resourceparts, RFC 7622 §3.3, §3.4; each part has at most 1023 bytes, §3.1) is what
 * XMPP calls `<jid-malformed/>`, which RFC 7247 §6.1 maps to 400.
 */

/** Refusal is the final status and reason phrase of a MESSAGE that cannot go to XMPP. */
export interface Refusal {
  readonly status: 400 | 488
  readonly reason: string
}

/** XmppBoundText is the text of a MESSAGE that XMPP can carry as it is. */
export interface XmppBoundText {
  readonly body: string
  readonly subject?: string
  readonly callId: string
  readonly contentLanguage?: string
}

/** MessageAddresses are a MESSAGE's From, To and Request-URI, parsed. */
export interface MessageAddresses {
  readonly from: SipAddress
  readonly to: SipAddress
  readonly target: SipAddress
}

/** isRefusal tells a refusal from what it refused. */
export const isRefusal = (value: XmppBoundText | Refusal): value is Refusal => 'status' in value

/** addressRefusal checks that the recipient and the sender's instance make a valid JID (RFC 7247 §5.3, RFC 7622 §3). */
export function addressRefusal({from, to, target}: MessageAddresses): Refusal | undefined {
  // recipient() in inbound.ts takes the Request-URI's gr before To's; so do the names here.
  const [recipientGr, grField] = target.gr !== undefined ? [target.gr, 'Request-URI gr'] : [to.gr, 'To gr']
  return (
    jidPartRefusal('To user', escapeLocalpart(to.user ?? ''), 'localpart', to.user ?? '') ??
    jidPartRefusal('To host', to.domain, 'domainpart') ??
    (recipientGr === undefined ? undefined : jidPartRefusal(grField, recipientGr, 'resourcepart')) ??
    (from.gr === undefined ? undefined : jidPartRefusal('From gr', from.gr, 'resourcepart'))
  )
}

/** readXmppBoundText reads Call-ID, Subject, Content-Language and the body as text, or the refusal of the first that XMPP cannot carry. */
export function readXmppBoundText(request: SipMessage): XmppBoundText | Refusal {
  const callId = request.headers['call-id']
  const contentLanguage = textHeader(request, 'content-language')
  const rawSubject = textHeader(request, 'subject')
  const subject = rawSubject === undefined ? undefined : fromWire(rawSubject)
  if (rawSubject !== undefined && subject === undefined) return refusal(400, 'Subject is not UTF-8')
  const body = fromWire(request.content ?? '')
  if (body === undefined) return refusal(400, 'body is not UTF-8')
  const problem =
    textRefusal('Call-ID', callId, 'header') ??
    textRefusal('Subject', subject ?? '', 'header') ??
    textRefusal('Content-Language', contentLanguage ?? '', 'header') ??
    textRefusal('body', body, 'body')
  if (problem) return problem
  return {body, callId, ...(subject ? {subject} : {}), ...(contentLanguage ? {contentLanguage} : {})}
}

function refusal(status: Refusal['status'], detail: string): Refusal {
  return {status, reason: `${reasonPhrase(status)} (${detail})`}
}

function textRefusal(field: string, text: string, kind: 'header' | 'body' | 'address'): Refusal | undefined {
  const found = forbiddenXmlCharacter(text)
  if (!found) return undefined
  const syntax = kind === 'address' || (kind === 'header' && found.control)
  return refusal(syntax ? 400 : 488, `${found.description} in ${field}`)
}

/** jidPartRefusal checks one part of the JID an address maps to: its characters (as SIP sent them, decoded) and its length as XMPP holds it. */
function jidPartRefusal(field: string, part: string, name: 'localpart' | 'domainpart' | 'resourcepart', decoded = part): Refusal | undefined {
  return (
    textRefusal(field, decoded, 'address') ??
    (Buffer.byteLength(part, 'utf8') > MAX_JID_PART_BYTES ? refusal(400, `${field} longer than ${MAX_JID_PART_BYTES} bytes as a JID ${name}`) : undefined)
  )
}
