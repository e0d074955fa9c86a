import {randomBytes} from 'node:crypto'
import type {SipMessage} from 'sip'
import {textHeader} from './message.js'
import {isFirstMessageRefusal, readMsTextFormat, writeMsTextFormat, type FirstMessage, type FirstMessageRefusal} from './ms-text-format.js'

/**
 * Session-mode IM offers and answers, as Lync / Skype for Business speak them (presence.md P10.2,
 * P10.3, P10.7; COMPAT(lync), from the SfB capture of P10.8 and pidgin-sipe): reading an INVITE's
 * SDP `m=message … sip …`, the refusals that depend on the INVITE alone, the kinds of in-dialog
 * request a session takes, and the gateway's own SDP answer and offer. Pure: messages in, values out.
 */

/** SESSION_ALLOW is the Allow of every session message the gateway writes (P10.2 answer, P10.3 offer). */
export const SESSION_ALLOW = 'INVITE, ACK, CANCEL, BYE, MESSAGE, INFO, OPTIONS'
/** SESSION_ACCEPT is the Accept of a 415 to an in-dialog request (P10.2, P10.7). */
export const SESSION_ACCEPT = 'text/plain, multipart/alternative, application/im-iscomposing+xml'
const ACCEPT_TYPES = 'text/plain multipart/alternative application/im-iscomposing+xml'

/** SessionRefusal is the response an INVITE or an in-dialog request gets, with its extra headers (lower-case names). */
export interface SessionRefusal {
  readonly status: number
  readonly reason: string
  readonly headers?: Readonly<Record<string, string>>
}

export const isSessionRefusal = (value: object): value is SessionRefusal => 'status' in value

/** SessionOffer is what the gateway keeps from an acceptable INVITE. */
export interface SessionOffer {
  /** The port of the `m=message` line (the caller's SIP port; informational, SIP routes by Contact). */
  readonly port: number
  /** The `a=accept-types` of that media section, lower case, in order (P10.5 reads it for isComposing). */
  readonly acceptTypes: readonly string[]
  /** The `Ms-Text-Format` first message; absent when there is no such header. */
  readonly firstMessage?: FirstMessage | FirstMessageRefusal
  /** The `Ms-Conversation-ID` header, as sent. */
  readonly conversationId?: string
}

/**
 * requireRefusal is P10.2 check 2 (P10.7 first row): the gateway supports no extension, so any
 * `Require:` (escalation's `com.microsoft.rtc-multiparty`) gets `420 Bad Extension` naming its tags.
 * `Supported: com.microsoft.rtc-multiparty`, sent in ordinary SfB sessions (P10.8), is not refused.
 */
export function requireRefusal(invite: SipMessage): SessionRefusal | undefined {
  const tags = listHeader(invite, 'require')
  return tags.length ? {status: 420, reason: 'Bad Extension', headers: {unsupported: tags.join(', ')}} : undefined
}

/**
 * readSessionOffer is P10.2 checks 6 and 7 (P10.7 rows 2 and 3), then the facts of the INVITE: an
 * `application/sdp` body whose every `m=` line is `m=message <port> sip <…>` (or `m=x-ms-message`),
 * at most two `EndPoints`. `gatewayHost` names the gateway in the 488's Warning (RFC 3261 §20.43).
 */
export function readSessionOffer(invite: SipMessage, gatewayHost: string): SessionOffer | SessionRefusal {
  const media = textHeader(invite, 'content-type')?.split(';')[0]!.trim().toLowerCase() === 'application/sdp' ? messageMedia(invite.content ?? '') : undefined
  if (!media) return notAcceptable(gatewayHost, 'only instant messaging sessions are supported')
  if (listHeader(invite, 'endpoints').length > 2) return notAcceptable(gatewayHost, 'multiparty sessions are not supported')
  const msTextFormat = textHeader(invite, 'ms-text-format')
  const conversationId = textHeader(invite, 'ms-conversation-id')
  return {
    ...media,
    ...(msTextFormat === undefined ? {} : {firstMessage: readMsTextFormat(msTextFormat)}),
    ...(conversationId ? {conversationId} : {}),
  }
}

/** deliverableFirstMessage is the offer's first message when it can go to XMPP before the 200 (P10.2, P0 #26). */
export function deliverableFirstMessage(offer: SessionOffer): FirstMessage | undefined {
  const first = offer.firstMessage
  return first === undefined || isFirstMessageRefusal(first) ? undefined : first
}

function notAcceptable(gatewayHost: string, text: string): SessionRefusal {
  return {status: 488, reason: 'Not Acceptable Here', headers: {warning: `399 ${gatewayHost} "${text}"`}}
}

const MEDIA_LINE = /^m=(\S+) (\d{1,5}) (\S+)(?: .*)?$/
const ACCEPT_TYPES_LINE = /^a=accept-types:(.*)$/i

/** messageMedia reads the SDP (RFC 4566 §5.14): undefined unless every media line is a SIP message stream with a port. */
function messageMedia(sdp: string): Pick<SessionOffer, 'port' | 'acceptTypes'> | undefined {
  let port: number | undefined
  let acceptTypes: string[] = []
  let media = 0
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      const m = MEDIA_LINE.exec(line)
      if (!m || !/^(?:message|x-ms-message)$/i.test(m[1]!) || m[3]!.toLowerCase() !== 'sip' || Number(m[2]) === 0 || Number(m[2]) > 65535) return undefined
      media++
      port ??= Number(m[2])
    } else if (media === 1 && ACCEPT_TYPES_LINE.test(line)) {
      acceptTypes = ACCEPT_TYPES_LINE.exec(line)![1]!.trim().toLowerCase().split(/[ \t]+/).filter(Boolean)
    }
  }
  return port === undefined ? undefined : {port, acceptTypes}
}

/** listHeader reads a comma-separated header (repeated lines arrive joined by `,`), trimmed, empty items left out. */
function listHeader(message: SipMessage, name: string): string[] {
  return (textHeader(message, name) ?? '').split(',').map((item) => item.trim()).filter(Boolean)
}

/** answerShowedFirstMessage tells whether a 200 to the gateway's INVITE lists `ms-text-format` in some Supported (P10.3: else the first message is repeated in the dialog). */
export function answerShowedFirstMessage(response: SipMessage): boolean {
  return listHeader(response, 'supported').some((tag) => tag.toLowerCase() === 'ms-text-format')
}

/** SessionRequestKind is what an in-dialog MESSAGE or INFO carries (P10.2 "In-dialog requests"). */
export type SessionRequestKind = 'text' | 'alternative' | 'iscomposing' | 'keyboard-activity'

/**
 * sessionRequestKind classifies an in-dialog MESSAGE or INFO by its Content-Type (P10.2 table): text
 * (charset UTF-8, US-ASCII or none), multipart/alternative, isComposing, INFO KeyboardActivity; any
 * other (`text/x-msmsgsinvite` file transfer, `text/rtf`, `application/ms-imdn+xml`) is `415` with the Accept (P10.7).
 */
export function sessionRequestKind(request: SipMessage): SessionRequestKind | SessionRefusal {
  const [type = '', ...parameters] = (textHeader(request, 'content-type') ?? '').split(';').map((part) => part.trim())
  const media = type.toLowerCase()
  const charset = parameters.find((parameter) => /^charset[ \t]*=/i.test(parameter))?.split('=')[1]!.trim().replace(/^"|"$/g, '')
  if (request.method === 'MESSAGE') {
    if (media === 'text/plain' && (charset === undefined || /^(?:utf-8|us-ascii)$/i.test(charset))) return 'text'
    if (media === 'multipart/alternative') return 'alternative'
    if (media === 'application/im-iscomposing+xml') return 'iscomposing'
  }
  if (request.method === 'INFO' && media === 'application/xml') return 'keyboard-activity'
  return {status: 415, reason: 'Unsupported Media Type', headers: {accept: SESSION_ACCEPT}}
}

/** sdpIp is the address family and address of the gateway's `o=` and `c=` lines (RFC 4566 §5.2, §5.7). */
const sdpIp = (ip: string): string => (ip.includes(':') ? `IP6 ${ip}` : `IP4 ${ip}`)

/** sessionSdp is the gateway's SDP (P10.2, P10.3): the answer names the contact's SIP URI, as pidgin-sipe answers; offers name `null`. */
function sessionSdp(ip: string, port: number, target: string): string {
  return [
    'v=0',
    `o=- 0 0 IN ${sdpIp(ip)}`,
    's=session',
    `c=IN ${sdpIp(ip)}`,
    't=0 0',
    `m=message ${port} sip ${target}`,
    `a=accept-types:${ACCEPT_TYPES}`,
    '',
  ].join('\r\n')
}

/** sessionOfferSdp is the SDP of the gateway's own INVITE (P10.3): offers name `null`. */
export const sessionOfferSdp = (ip: string, port: number): string => sessionSdp(ip, port, 'null')

/** SessionAnswerFacts are what the gateway's 200 to a session INVITE says besides what it copies. */
export interface SessionAnswerFacts {
  /** The gateway's To tag for the dialog. */
  readonly localTag: string
  /** The Contact URI, `sip:juliet@127.0.0.1:5061;transport=tls`. */
  readonly contact: string
  /** The gateway's SIP address and port, for the SDP. */
  readonly ip: string
  readonly port: number
  /** The contact's SIP URI, `sip:juliet@xmpp.test`, named on the `m=` line. */
  readonly peerUri: string
  /** Whether the first message was delivered to XMPP (P0 #26: then `Supported: ms-text-format`). */
  readonly firstMessageDelivered: boolean
}

/**
 * sessionAnswer writes P10.2's 200 OK in its order: Via, Record-Route, From, Call-ID and CSeq copied
 * (RFC 3261 §12.1.1), To with the gateway's tag, Contact, `Supported: ms-text-format` when the first
 * message was delivered, Allow, and the SDP answer. A re-INVITE gets the same (P10.2).
 */
export function sessionAnswer(invite: SipMessage, facts: SessionAnswerFacts): SipMessage {
  const {via, from, to, cseq} = invite.headers
  const recordRoute = invite.headers['record-route']
  return {
    status: 200,
    reason: 'OK',
    version: '2.0',
    headers: {
      via,
      ...(recordRoute === undefined ? {} : {'record-route': recordRoute}),
      from,
      to: {...to, params: {...to.params, tag: facts.localTag}},
      'call-id': invite.headers['call-id'],
      cseq,
      contact: [{uri: facts.contact, params: {}}],
      ...(facts.firstMessageDelivered ? {supported: 'ms-text-format'} : {}),
      allow: SESSION_ALLOW,
      'content-type': 'application/sdp',
    },
    content: sessionSdp(facts.ip, facts.port, facts.peerUri),
  }
}

/** newConversationId is the gateway's `Ms-Conversation-ID`: 20 random bytes, base64 (P10.3). */
export const newConversationId = (): string => randomBytes(20).toString('base64')

/** SessionInvite is what the gateway's INVITE carries besides the dialog's headers (P10.3). */
export interface SessionInvite {
  /** The headers after Contact, in P10.3's order (lower-case names). */
  readonly headers: Record<string, string>
  /** Whether the first message rode in `Ms-Text-Format` (else it is the first in-dialog MESSAGE). */
  readonly embedded: boolean
}

/** sessionInviteHeaders writes P10.3's headers: Ms-Text-Format when the text is small, the Lync facts, Allow, Subject, Content-Type. */
export function sessionInviteHeaders(firstMessage: string, conversationId: string, subject?: string): SessionInvite {
  const msTextFormat = writeMsTextFormat(firstMessage)
  return {
    headers: {
      ...(msTextFormat === undefined ? {} : {'ms-text-format': msTextFormat}),
      supported: 'ms-embedded-first-message',
      'ms-conversation-id': conversationId,
      allow: SESSION_ALLOW,
      ...(subject === undefined ? {} : {subject}),
      'content-type': 'application/sdp',
    },
    embedded: msTextFormat !== undefined,
  }
}
