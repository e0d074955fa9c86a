import {randomBytes, randomUUID} from 'node:crypto'
import {stringifyUri, type NameAddr, type SipMessage} from 'sip'
import {uriOf} from './message.js'

/**
 * RFC 3261 §12 dialogs, for SUBSCRIBE/NOTIFY (RFC 6665 §4.1.2, §4.2.1) and later INVITE sessions
 * (presence.md P4.6, P2.5). A dialog is a value: every step returns a new one, so that callers keep
 * it in their own records (persisted for notifier dialogs, P8.3). Pure: no sockets, no timers.
 */

/** Dialog is one side's view of a dialog (RFC 3261 §12: "dialog state"). */
export interface Dialog {
  readonly callId: string
  readonly localTag: string
  /** Absent on a subscriber's dialog until the 200 or the first NOTIFY names the notifier's tag (RFC 6665 §4.1.2.4). */
  readonly remoteTag?: string
  /** The local URI (From of our requests) and the remote URI (their To), without tags. */
  readonly localUri: string
  readonly remoteUri: string
  /** The CSeq number of the last request we sent in the dialog (0: none yet, the first is 1). */
  readonly localSeq: number
  /** The CSeq number of the last request the peer sent in the dialog, absent until one came. */
  readonly remoteSeq?: number
  /** Where in-dialog requests go (RFC 3261 §12.2.1.1: the Request-URI). */
  readonly remoteTarget: string
  /** The route set, first hop first; every entry is a loose router (`lr`). */
  readonly routeSet: readonly string[]
}

/** DialogRefusal is the response a request that cannot join or create a dialog gets. */
export interface DialogRefusal {
  readonly status: number
  readonly reason: string
}

/** isDialogRefusal tells a refusal from a dialog. */
export const isDialogRefusal = (value: Dialog | DialogRefusal): value is DialogRefusal => 'status' in value

// DECISION (P4.6 "loose routing only"): a strict router (RFC 2543 style, no `lr`) in Record-Route is
// refused; the gateway never rewrites the Request-URI into the route (RFC 3261 §12.2.1.1, second case).
const STRICT_ROUTE: DialogRefusal = {status: 400, reason: 'Bad Request (strict routing is not supported)'}
const NO_CONTACT: DialogRefusal = {status: 400, reason: 'Bad Request (no Contact)'}
const CSEQ_OUT_OF_ORDER: DialogRefusal = {status: 500, reason: 'Server Internal Error (CSeq out of order)'}

/** newCallId is a Call-ID of 122 random bits (P4.6: at least 122): a version 4 UUID. */
export const newCallId = (): string => randomUUID()

/** newDialogTag is a From/To tag of 64 random bits (P4.6; RFC 3261 §19.3 asks for 32 at least). */
export const newDialogTag = (): string => randomBytes(8).toString('hex')

const tagOf = (nameAddr: NameAddr | undefined): string | undefined => {
  const tag = nameAddr?.params['tag']
  return typeof tag === 'string' && tag !== '' ? tag : undefined
}

/** routeSetOf reads Record-Route (first hop first when `reversed` is false) and refuses a strict router. */
function routeSetOf(message: SipMessage, reversed: boolean): readonly string[] | DialogRefusal {
  const entries = (message.headers['record-route'] as NameAddr[] | undefined) ?? []
  // A Record-Route URI that does not parse counts as strict: nothing can be routed through it.
  if (entries.some(({uri}) => !uri || typeof uri === 'string' || !Object.keys(uri.params).some((name) => name.toLowerCase() === 'lr'))) return STRICT_ROUTE
  const uris = entries.map((entry) => stringifyUri(entry.uri))
  return reversed ? uris.reverse() : uris
}

/** contactOf is the first Contact URI, the remote target of a target-refresh message (RFC 3261 §12.1.1, §12.1.2). */
function contactOf(message: SipMessage): string | undefined {
  const contact = message.headers.contact
  return contact === undefined || contact === '*' ? undefined : uriOf(contact[0])
}

/**
 * uasDialog creates the dialog a request creates on the side that answers it (RFC 3261 §12.1.1): the
 * gateway as notifier, from a SUBSCRIBE. Route set = Record-Route as received; remote target = Contact;
 * remote CSeq = the request's; localTag is the To tag the 200 carries.
 */
export function uasDialog(request: SipMessage, localTag: string): Dialog | DialogRefusal {
  const routeSet = routeSetOf(request, false)
  if ('status' in routeSet) return routeSet
  const remoteTarget = contactOf(request)
  if (remoteTarget === undefined) return NO_CONTACT
  const remoteTag = tagOf(request.headers.from)
  return {
    callId: request.headers['call-id'],
    localTag,
    ...(remoteTag === undefined ? {} : {remoteTag}),
    localUri: uriOf(request.headers.to)!,
    remoteUri: uriOf(request.headers.from)!,
    localSeq: 0,
    remoteSeq: request.headers.cseq.seq,
    remoteTarget,
    routeSet,
  }
}

/**
 * uacDialog starts a dialog on the side that sends the creating request (the gateway as subscriber,
 * P4.3): a fresh Call-ID and tag, remote target = the remote URI, and a preloaded route (RFC 3261
 * §8.1.2, the next hop's loose Route) until the 200 or a NOTIFY confirms it.
 */
export function uacDialog(localUri: string, remoteUri: string, preloadedRoute: readonly string[] = []): Dialog {
  return {callId: newCallId(), localTag: newDialogTag(), localUri, remoteUri, localSeq: 0, remoteTarget: remoteUri, routeSet: preloadedRoute}
}

/**
 * confirmByResponse completes a UAC dialog from the 2xx to its creating request (RFC 3261 §12.1.2):
 * remote tag = To tag, route set = Record-Route reversed, remote target = Contact. A refresh's 2xx
 * only updates the remote target (§12.2.1.2). The route set of an established dialog never changes.
 */
export function confirmByResponse(dialog: Dialog, response: SipMessage): Dialog | DialogRefusal {
  const remoteTarget = contactOf(response) ?? dialog.remoteTarget
  if (dialog.remoteTag !== undefined) return {...dialog, remoteTarget}
  const routeSet = routeSetOf(response, true)
  if ('status' in routeSet) return routeSet
  const remoteTag = tagOf(response.headers.to)
  return {...dialog, ...(remoteTag === undefined ? {} : {remoteTag}), remoteTarget, routeSet}
}

/**
 * acceptRequest takes a request the peer sent in the dialog (or a NOTIFY that creates the
 * subscriber's dialog before the 200, RFC 6665 §4.1.2.4: its From tag is adopted and its
 * Record-Route, as received, is the route set). A CSeq not above the last is `500` (RFC 3261
 * §12.2.2); a Contact updates the remote target (SUBSCRIBE and NOTIFY are target-refresh requests,
 * RFC 6665 §4.1.2.2).
 */
export function acceptRequest(dialog: Dialog, request: SipMessage): Dialog | DialogRefusal {
  const seq = request.headers.cseq.seq
  if (dialog.remoteSeq !== undefined && seq <= dialog.remoteSeq) return CSEQ_OUT_OF_ORDER
  const remoteTarget = contactOf(request) ?? dialog.remoteTarget
  if (dialog.remoteTag !== undefined) return {...dialog, remoteSeq: seq, remoteTarget}
  const routeSet = routeSetOf(request, false)
  if ('status' in routeSet) return routeSet
  const remoteTag = tagOf(request.headers.from)
  return {...dialog, ...(remoteTag === undefined ? {} : {remoteTag}), remoteSeq: seq, remoteTarget, routeSet}
}

/**
 * inDialogRequest builds the next request of the dialog (RFC 3261 §12.2.1.1, loose routing):
 * Request-URI = remote target, Route = the route set, From/To with the tags, the Call-ID, the next
 * local CSeq, Max-Forwards 70, then the method's own headers in the order given. The stack adds Via.
 */
export function inDialogRequest(dialog: Dialog, method: string, headers: Readonly<Record<string, unknown>>, content = ''): {dialog: Dialog; request: SipMessage} {
  const seq = dialog.localSeq + 1
  const request: SipMessage = {
    method,
    uri: dialog.remoteTarget,
    headers: {
      via: [],
      ...(dialog.routeSet.length ? {route: dialog.routeSet.map((uri) => ({uri, params: {}}))} : {}),
      'max-forwards': '70',
      from: {uri: dialog.localUri, params: {tag: dialog.localTag}},
      to: {uri: dialog.remoteUri, params: dialog.remoteTag === undefined ? {} : {tag: dialog.remoteTag}},
      'call-id': dialog.callId,
      cseq: {seq, method},
      ...headers,
    },
    content,
  }
  return {dialog: {...dialog, localSeq: seq}, request}
}

/** firstHop is the URI an in-dialog request is sent to: the first route, else the remote target (RFC 3261 §12.2.1.1, §8.1.2). */
export const firstHop = (dialog: Dialog): string => dialog.routeSet[0] ?? dialog.remoteTarget

/**
 * requestMatches tells whether a request the peer sent belongs to the dialog (RFC 3261 §12.2.2):
 * same Call-ID, To tag = our tag, From tag = theirs (any From tag while we know none yet).
 */
export function requestMatches(dialog: Dialog, request: SipMessage): boolean {
  const fromTag = tagOf(request.headers.from)
  return request.headers['call-id'] === dialog.callId && tagOf(request.headers.to) === dialog.localTag && (dialog.remoteTag === undefined || fromTag === dialog.remoteTag)
}

/** responseMatches tells whether a response answers a request of the dialog: same Call-ID, From tag = our tag. */
export function responseMatches(dialog: Dialog, response: SipMessage): boolean {
  return response.headers['call-id'] === dialog.callId && tagOf(response.headers.from) === dialog.localTag
}

/** isOwnLoop tells that a new request is one of ours come back (P4.2 check 1): our Call-ID and our tag as From tag. */
export function isOwnLoop(dialog: Dialog, request: SipMessage): boolean {
  return request.headers['call-id'] === dialog.callId && tagOf(request.headers.from) === dialog.localTag
}
