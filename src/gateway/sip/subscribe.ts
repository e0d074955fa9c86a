import type {SipMessage} from 'sip'
import {MAX_NOTIFY_PIDF_BYTES, PidfError, readPidf, type PidfDocument} from '../presence/pidf.js'
import {acceptRequest, confirmByResponse, inDialogRequest, isDialogRefusal, type Dialog, type DialogRefusal} from './dialog.js'
import {textHeader} from './message.js'

/**
 * The gateway as subscriber (presence.md P4.3): its self-watch SUBSCRIBE toward a local user, the
 * reading of the 200 that grants it, and the reading of the NOTIFYs that follow (RFC 6665 §4.1,
 * RFC 3856). Pure: messages in, values out; the presence service decides what to do with them.
 */

/** SubscriberRefusal is the response a NOTIFY gets when it is not taken (P4.3 "NOTIFYs in a subscriber dialog"). */
export interface SubscriberRefusal extends DialogRefusal {
  readonly headers?: Readonly<Record<string, string>>
}

/** NotifyIn is a NOTIFY taken in a subscriber dialog: the dialog after it, the state, and the document. */
export interface NotifyIn {
  readonly dialog: Dialog
  readonly state: 'pending' | 'active' | 'terminated'
  readonly expires?: number
  readonly reason?: string
  readonly retryAfter?: number
  /** The PIDF body; never for `terminated` (P0 #11: its body is ignored), absent when the NOTIFY had none. */
  readonly document?: PidfDocument
}

const PIDF = 'application/pidf+xml'
const SUBSCRIPTION_STATE = /^(pending|active|terminated)((?:[ \t]*;[ \t]*[\w.!%*+`'~-]+(?:[ \t]*=[ \t]*[^;\s]+)?)*)[ \t]*$/i
const DELTA_SECONDS = /^\d{1,10}$/

/**
 * selfWatchSubscribe is the P4.3 SUBSCRIBE (P0 #2: From = To = the user's address of record; the
 * dialog comes from uacDialog(aor, aor, route)), first or refresh: Contact = the gateway, then
 * `Event`, `Accept`, `Allow-Events` and `Expires`, in the order of the verified exchange.
 */
export function selfWatchSubscribe(dialog: Dialog, contact: string, expires: number): {dialog: Dialog; request: SipMessage} {
  return inDialogRequest(dialog, 'SUBSCRIBE', {
    contact: [{uri: contact, params: {}}],
    event: 'presence',
    accept: PIDF,
    'allow-events': 'presence',
    expires: String(expires),
  })
}

/**
 * readSubscribeOk reads the 2xx to our SUBSCRIBE (P4.3 table, first row; 202 from an old server):
 * granted = its `Expires`, the requested value when absent or unreadable; the dialog confirmed (remote
 * target = Contact, route set = Record-Route reversed).
 */
export function readSubscribeOk(dialog: Dialog, response: SipMessage, requested: number): {dialog: Dialog; granted: number} | DialogRefusal {
  const confirmed = confirmByResponse(dialog, response)
  if (isDialogRefusal(confirmed)) return confirmed
  const expires = textHeader(response, 'expires')
  return {dialog: confirmed, granted: expires !== undefined && DELTA_SECONDS.test(expires) ? Number(expires) : requested}
}

/**
 * readNotify takes a NOTIFY that matched the subscriber dialog (dialog.ts requestMatches): the CSeq
 * check (RFC 3261 §12.2.2), then P4.3's checks in order (Event, body type, size, PIDF), then the Subscription-State.
 */
export function readNotify(dialog: Dialog, request: SipMessage): NotifyIn | SubscriberRefusal {
  // A refusal leaves the dialog as it was (P4.3: "These leave L's state as it was").
  const next = acceptRequest(dialog, request)
  if (isDialogRefusal(next)) return next
  const event = textHeader(request, 'event')
  if (event?.split(';')[0]!.trim().toLowerCase() !== 'presence') return {status: 489, reason: 'Bad Event', headers: {'allow-events': 'presence'}}
  const state = subscriptionState(textHeader(request, 'subscription-state'))
  if (state === undefined) return {status: 400, reason: 'Bad Request (Subscription-State)'}
  const document = state.state === 'terminated' ? undefined : bodyOf(request)
  if (document !== undefined && 'status' in document) return document
  return {dialog: next, ...state, ...(document === undefined ? {} : {document})}
}

/** subscriptionState reads RFC 6665 §8.2.3's header: the state and its expires, reason and retry-after parameters. */
function subscriptionState(value: string | undefined): Omit<NotifyIn, 'dialog' | 'document'> | undefined {
  const m = value === undefined ? undefined : SUBSCRIPTION_STATE.exec(value)
  if (!m) return undefined
  const params = new Map(
    m[2]!.split(';').slice(1).map((param) => {
      const [name, text] = param.split('=').map((part) => part.trim())
      return [name!.toLowerCase(), text] as const
    }),
  )
  const delta = (name: string) => {
    const text = params.get(name)
    return text !== undefined && DELTA_SECONDS.test(text) ? Number(text) : undefined
  }
  const [expires, retryAfter, reason] = [delta('expires'), delta('retry-after'), params.get('reason')?.toLowerCase()]
  return {
    state: m[1]!.toLowerCase() as NotifyIn['state'],
    ...(expires === undefined ? {} : {expires}),
    ...(reason ? {reason} : {}),
    ...(retryAfter === undefined ? {} : {retryAfter}),
  }
}

/** bodyOf reads the NOTIFY's PIDF (none when empty): 415 for another type, 413 over 64 KiB, 400 when it does not parse. */
function bodyOf(request: SipMessage): PidfDocument | SubscriberRefusal | undefined {
  const content = request.content ?? ''
  if (content === '') return undefined
  if (textHeader(request, 'content-type')?.split(';')[0]!.trim().toLowerCase() !== PIDF) return {status: 415, reason: 'Unsupported Media Type', headers: {accept: PIDF}}
  const language = textHeader(request, 'content-language')
  const document = readPidf(Buffer.from(content, 'latin1'), {maxBytes: MAX_NOTIFY_PIDF_BYTES, ...(language ? {contentLanguage: language} : {})})
  if (!(document instanceof PidfError)) return document
  return document.reason === 'too-large' ? {status: 413, reason: 'Request Entity Too Large'} : {status: 400, reason: 'Bad Request (PIDF)'}
}
