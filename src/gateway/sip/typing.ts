import xml, {type Element} from '@xmpp/xml'
import {SaxesParser, type SaxesTagNS} from 'saxes'
import type {SipMessage} from 'sip'
import {fromWire, textHeader} from './message.js'

/**
 * Typing notifications in a session (presence.md P10.5, P0 #27): Lync's INFO `<KeyboardActivity>`
 * (pidgin-sipe `sipe-user.c`; COMPAT(lync)) and RFC 3994 isComposing, both ways with XEP-0085 chat
 * states as RFC 7573 Tables 3 and 4 map them, the choice of form toward a peer, and the timing
 * rules as pure functions of times (milliseconds). Bodies are untrusted: read strictly and bounded.
 */

export const NS_CHATSTATES = 'http://jabber.org/protocol/chatstates'
export const NS_ISCOMPOSING = 'urn:ietf:params:xml:ns:im-iscomposing'
export const ISCOMPOSING_TYPE = 'application/im-iscomposing+xml'

/** ChatState is a XEP-0085 §5 state. */
export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone'
const CHAT_STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive', 'gone']

/** MAX_TYPING_BODY_BYTES bounds a KeyboardActivity or isComposing body (both are under 300 bytes as written). */
export const MAX_TYPING_BODY_BYTES = 4096
/** DEFAULT_COMPOSING_REFRESH_S is RFC 3994 §4's refresh when `<refresh>` is absent: an active state lapses after it (P10.5). */
export const DEFAULT_COMPOSING_REFRESH_S = 120
/** OUTBOUND_COMPOSING_REFRESH_S is the gateway's `<refresh>`, and how often it repeats while composing lasts (P10.5). */
export const OUTBOUND_COMPOSING_REFRESH_S = 60
/** MIN_TYPING_INTERVAL_MS: at most one typing request per session per 2 s (P10.5). */
export const MIN_TYPING_INTERVAL_MS = 2000

/** SipTyping is a typing notification read from SIP: the chat state it maps to, and for composing how long it holds (seconds). */
export interface SipTyping {
  readonly state: 'composing' | 'active'
  readonly refresh?: number
}

/** TypingRefusal is the 400 a typing body that does not read gets (P10.2 answers the readable ones 200). */
export interface TypingRefusal {
  readonly status: 400
  readonly reason: string
}

/** XmlLeaf is one element of a flat typing document: the root's children, each with its attributes and text. */
interface XmlLeaf {
  readonly uri: string
  readonly local: string
  readonly attributes: Readonly<Record<string, string>>
  text: string
}

/** FlatXml is a document of a root and its children; deeper elements are skipped (none of these formats has any). */
interface FlatXml {
  readonly root: {readonly uri: string; readonly local: string}
  readonly children: readonly XmlLeaf[]
}

/** Stop unwinds saxes after the first refusal. */
class Stop extends Error {}

/**
 * readFlatXml reads a small untrusted body: UTF-8, at most 4 KiB, XML 1.0 with namespaces, no DTD
 * (so no entity but the five predefined ones), no processing instruction, nesting at most 8.
 */
function readFlatXml(wireBody: string): FlatXml | undefined {
  if (wireBody.length > MAX_TYPING_BODY_BYTES) return undefined
  const text = fromWire(wireBody)
  if (text === undefined) return undefined
  let root: FlatXml['root'] | undefined
  const children: XmlLeaf[] = []
  let depth = 0
  let failed = false
  const stop = (): never => {
    failed = true
    throw new Stop()
  }
  const parser = new SaxesParser({xmlns: true, position: false, defaultXMLVersion: '1.0', forceXMLVersion: true})
  parser.on('doctype', stop)
  parser.on('processinginstruction', stop)
  parser.on('error', stop)
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++depth > 8) stop()
    if (depth === 1) root = {uri: tag.uri, local: tag.local}
    if (depth !== 2) return
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((attribute) => [attribute.local, attribute.value]))
    children.push({uri: tag.uri, local: tag.local, attributes, text: ''})
  })
  parser.on('closetag', () => void depth--)
  parser.on('text', (chunk) => {
    if (depth === 2) children.at(-1)!.text += chunk
  })
  try {
    parser.write(text).close()
  } catch (error) {
    if (!(error instanceof Stop)) throw error
  }
  return failed || !root ? undefined : {root, children}
}

/**
 * readKeyboardActivity reads Lync's INFO body (P10.5 table 1): `status="type"` is composing, `status="idle"`
 * active; another status is no state at all (undefined: 200, nothing to XMPP).
 */
export function readKeyboardActivity(wireBody: string): SipTyping | TypingRefusal | undefined {
  const document = readFlatXml(wireBody)
  if (!document || document.root.uri !== '' || document.root.local !== 'KeyboardActivity') return {status: 400, reason: 'Bad Request (KeyboardActivity)'}
  const status = document.children.find((child) => child.uri === '' && child.local === 'status')?.attributes['status']
  if (status === 'type') return {state: 'composing', refresh: DEFAULT_COMPOSING_REFRESH_S}
  return status === 'idle' ? {state: 'active'} : undefined
}

/**
 * readIsComposing reads an RFC 3994 body (P10.5 table 1, RFC 7573 Table 3): `active` is composing for
 * `<refresh>` seconds (default 120), `idle` is active; any other state is a 400.
 */
export function readIsComposing(wireBody: string): SipTyping | TypingRefusal {
  const document = readFlatXml(wireBody)
  const refusal: TypingRefusal = {status: 400, reason: 'Bad Request (isComposing)'}
  if (!document || document.root.uri !== NS_ISCOMPOSING || document.root.local !== 'isComposing') return refusal
  const child = (local: string) => document.children.find((leaf) => leaf.uri === NS_ISCOMPOSING && leaf.local === local)?.text.trim()
  const state = child('state')
  if (state === 'idle') return {state: 'active'}
  if (state !== 'active') return refusal
  const refresh = child('refresh')
  return {state: 'composing', refresh: refresh !== undefined && /^[1-9]\d{0,5}$/.test(refresh) ? Number(refresh) : DEFAULT_COMPOSING_REFRESH_S}
}

/** composingLapsed tells that a composing state begun (or refreshed) at `since` has outlived its refresh: then `<active/>` (P10.5). */
export const composingLapsed = (since: number, refreshSeconds: number, now: number): boolean => now - since >= refreshSeconds * 1000

/** chatStateOf reads the XEP-0085 state of an XMPP `<message/>`: its first child in the chat states namespace. */
export function chatStateOf(message: Element): ChatState | undefined {
  const child = message.children.find((node): node is Element => typeof node !== 'string' && node.attrs.xmlns === NS_CHATSTATES && CHAT_STATES.includes(node.name as ChatState))
  return child?.name as ChatState | undefined
}

/** chatStateElement writes a chat state for a message to XMPP: `<composing xmlns='http://jabber.org/protocol/chatstates'/>`. */
export const chatStateElement = (state: ChatState): Element => xml(state, {xmlns: NS_CHATSTATES})

/**
 * isLyncDialect is P10.5's rule for a peer's INVITE or 200: it has `Ms-Conversation-ID`, or a
 * `User-Agent` or `Server` starting `UCCAPI/` or `RTC/` (Lync, SfB and Office Communicator clients and servers).
 */
export function isLyncDialect(message: SipMessage): boolean {
  if (textHeader(message, 'ms-conversation-id')) return true
  return [textHeader(message, 'user-agent'), textHeader(message, 'server')].some((product) => product !== undefined && /^(?:UCCAPI|RTC)\//i.test(product))
}

/** TypingForm is how typing is told to one peer (P10.5 table 2). */
export type TypingForm = 'iscomposing' | 'keyboard-activity'

/** typingFormFor picks the form: isComposing when the peer's accept-types list it, else KeyboardActivity toward a Lync-dialect peer, else none. */
export function typingFormFor(acceptTypes: readonly string[], lyncDialect: boolean): TypingForm | undefined {
  if (acceptTypes.includes(ISCOMPOSING_TYPE)) return 'iscomposing'
  return lyncDialect ? 'keyboard-activity' : undefined
}

/** TypingStep is what an XMPP chat state in a session asks of SIP (P10.5 table 2). */
export type TypingStep = 'active' | 'idle' | 'bye'

/** typingStepFor maps a chat state: composing → the active form; paused, active, inactive → the idle form once an active one was sent; gone → BYE. */
export function typingStepFor(state: ChatState, activeSent: boolean): TypingStep | undefined {
  if (state === 'gone') return 'bye'
  if (state === 'composing') return 'active'
  return activeSent ? 'idle' : undefined
}

/** TypingRequest is the method, Content-Type and body of one typing request. */
export interface TypingRequest {
  readonly method: 'MESSAGE' | 'INFO'
  readonly contentType: string
  readonly body: string
}

/** typingRequest writes the request: RFC 3994's body (P10.5, `<refresh>` only with active), or pidgin-sipe's KeyboardActivity byte for byte. */
export function typingRequest(form: TypingForm, step: 'active' | 'idle'): TypingRequest {
  if (form === 'keyboard-activity') {
    const status = step === 'active' ? 'type' : 'idle'
    return {method: 'INFO', contentType: 'application/xml', body: `<?xml version="1.0"?><KeyboardActivity> <status status="${status}" /></KeyboardActivity>`}
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<isComposing xmlns="${NS_ISCOMPOSING}">`,
    `  <state>${step}</state>`,
    '  <contenttype>text/plain</contenttype>',
    ...(step === 'active' ? [`  <refresh>${OUTBOUND_COMPOSING_REFRESH_S}</refresh>`] : []),
    '</isComposing>',
  ]
  return {method: 'MESSAGE', contentType: ISCOMPOSING_TYPE, body: lines.join('\n')}
}

/** typingMaySend is the 2 s rule: a typing request may go when none went in this session, or the last went 2 s or more ago. */
export const typingMaySend = (lastSentAt: number | undefined, now: number): boolean => lastSentAt === undefined || now - lastSentAt >= MIN_TYPING_INTERVAL_MS

/** composingRepeatDue tells that the active form sent at `activeSentAt` is due again: every 60 s while composing lasts (P10.5). */
export const composingRepeatDue = (activeSentAt: number, now: number): boolean => now - activeSentAt >= OUTBOUND_COMPOSING_REFRESH_S * 1000
