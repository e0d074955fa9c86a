import type {PartnerType} from '../../../store/index.js'
import type {NotifyReason, PresenceAction, SipAction, XmppAction} from './actions.js'
import type {PresenceModel} from './presence-model.js'
import {type ContactRecord, FROM, PENDING_IN, PENDING_OUT, TO, has, isDeletable} from './record.js'

/**
 * The subscription state machine of presence.md P2.3, as one pure function: a contact record, an
 * event from XMPP or SIP and what the rules need to know → the new record and the actions. P6.1
 * (authorization) and the SIP checks of P4.2 have run before; their verdict arrives in the context.
 */

/** XmppEvent is a presence stanza from R to L (P3.1 has reduced addresses and classified errors). */
export type XmppEvent =
  | {readonly side: 'xmpp'; readonly type: 'subscribe' | 'unsubscribe' | 'subscribed' | 'unsubscribed'}
  /** `from` is the probe's sender, full or bare, as given: the answer goes there (P3.4). */
  | {readonly side: 'xmpp'; readonly type: 'probe'; readonly from: string}
  /** Available or `unavailable` presence from `R/resource` (resource `""` for the bare JID). */
  | {readonly side: 'xmpp'; readonly type: 'presence'; readonly resource: string; readonly presence: PresenceModel}
  /** An error answering a stanza the gateway sent for L, classified by P3.1. */
  | {readonly side: 'xmpp'; readonly type: 'error'; readonly answers: 'subscribe' | 'broadcast' | 'probe'; readonly condition: string}

/** SipEvent comes from L's UA (a SUBSCRIBE to R, a message to R) or from L's presence source. */
export type SipEvent =
  | {readonly side: 'sip'; readonly type: 'subscribe'; readonly dialog: 'new' | 'existing'; readonly expires: number}
  /** A page-mode MESSAGE, or an INVITE session's first message, from L to R. */
  | {readonly side: 'sip'; readonly type: 'message'}
  /** L's aggregated presence changed (P3.2); one event per watcher record. */
  | {readonly side: 'sip'; readonly type: 'presence-changed'}

export type PresenceEvent = XmppEvent | SipEvent

/** TransitionContext is what the rules read besides the record. */
export interface TransitionContext {
  /** Epoch seconds; stamps `at` and times the `subscribe` repeat. */
  readonly now: number
  /** PartnerType of the partner owning R's domain. */
  readonly partnerType: PartnerType
  /** P6.1's verdict on an XMPP `subscribe` that was not refused (`authorization.ts`). */
  readonly approve: 'yes' | 'pending'
  /** Whether R's presence is cached (P2.4). */
  readonly cached: boolean
  /** L's DisplayName, the `<nick>` of a `subscribe` (XEP-0172). */
  readonly displayName?: string
  /** How many watchers L has besides R. */
  readonly otherWatchers: number
  /** Whether another local user has `To` for R (R's cache is then kept). */
  readonly othersHaveTo: boolean
  /** When the last `subscribe` from L to R went out (epoch seconds). */
  readonly lastSubscribeAt?: number
  /** SubscriptionRefreshInterval in seconds (P7.1). */
  readonly refreshInterval: number
  /** L's source: a subscriber dialog that is `live` or `down`, or `none` (the embedded store, or nothing). */
  readonly subscriberDialog: 'live' | 'down' | 'none'
  /** When the gateway last sent a SUBSCRIBE for L's source (epoch seconds). */
  readonly lastSourceSubscribeAt?: number
  /** Whether (L, R) is errored: no broadcast until R shows life (P3.1). */
  readonly errored: boolean
}

/** Transition is the outcome; `record` is undefined when P2.1's deletion rule removes it. */
export interface Transition {
  readonly record: ContactRecord | undefined
  readonly actions: readonly PresenceAction[]
}

/** SOURCE_RETRY_SECONDS: a probe re-SUBSCRIBEs L's source at most once per L per 60 s (P2.3 `probe`). */
const SOURCE_RETRY_SECONDS = 60

/** transition applies one event to one record (P2.3). */
export function transition(record: ContactRecord, event: PresenceEvent, context: TransitionContext): Transition {
  const step = event.side === 'xmpp' ? fromXmpp(record, event, context) : fromSip(record, event, context)
  return finish(record, step.s ?? record.s, step.fc ?? record.fc, step.actions, context.now)
}

/** Step is a rule's result: the new bits and flag when they change, and the actions. */
interface Step {
  readonly s?: number
  readonly fc?: boolean
  readonly actions: PresenceAction[]
}

/** finish stamps a changed record and applies the deletion rule, also to a new blank record that stayed blank (nothing is created). */
function finish(record: ContactRecord, s: number, fc: boolean, actions: PresenceAction[], now: number): Transition {
  const next = s === record.s && fc === record.fc ? record : {...record, s, fc, at: now}
  return {record: isDeletable(next) ? undefined : next, actions}
}

function fromXmpp(record: ContactRecord, event: XmppEvent, context: TransitionContext): Step {
  switch (event.type) {
    case 'subscribe':
      return onSubscribe(record, context)
    case 'unsubscribe':
      return onUnsubscribe(record, context)
    case 'subscribed':
      return onSubscribed(record, context)
    case 'unsubscribed':
      return onUnsubscribed(record, context)
    case 'presence':
      return onPresence(record, event.resource, event.presence)
    case 'probe':
      return onProbe(record, event.from, context)
    case 'error':
      return onError(record, event.answers, event.condition)
  }
}

function onSubscribe(record: ContactRecord, context: TransitionContext): Step {
  if (has(record, FROM)) return {actions: approval(record, context)}
  if (context.approve === 'pending') return {s: record.s | PENDING_IN, actions: []}
  return {s: (record.s | FROM) & ~PENDING_IN, actions: [...approval(record, context), source('ensure', record)]}
}

function onUnsubscribe(record: ContactRecord, context: TransitionContext): Step {
  if ((record.s & (FROM | PENDING_IN)) === 0) return {actions: []}
  const actions: PresenceAction[] = []
  if (has(record, FROM)) {
    // RFC 6121 §3.3.3: the contact's server sends unavailable from each of the user's resources.
    actions.push(xmpp('unavailable', `${record.l}/sip`, record.r))
    if (context.otherWatchers === 0) actions.push(source('end', record))
  }
  return {s: record.s & ~(FROM | PENDING_IN), actions}
}

function onSubscribed(record: ContactRecord, context: TransitionContext): Step {
  // RFC 6121 §3.1.6: a `subscribed` nobody asked for is ignored.
  if (!has(record, PENDING_OUT)) return {actions: []}
  const actions: PresenceAction[] = [notify('all', 'active', context.cached ? 'pidf' : 'empty')]
  if (!context.cached) actions.push(xmpp('probe', record.l, record.r))
  return {s: (record.s | TO) & ~PENDING_OUT, actions}
}

function onUnsubscribed(record: ContactRecord, context: TransitionContext): Step {
  if ((record.s & (TO | PENDING_OUT)) === 0) return {actions: []}
  const actions: PresenceAction[] = [notify('all', 'terminated', 'empty', 'rejected')]
  if (!context.othersHaveTo) actions.push({kind: 'cache', op: 'drop', r: record.r})
  return {s: record.s & ~(TO | PENDING_OUT), actions}
}

function onPresence(record: ContactRecord, resource: string, presence: PresenceModel): Step {
  if (!has(record, TO)) return {actions: [{kind: 'log', message: 'presence dropped', reason: 'not subscribed'}]}
  return {actions: [{kind: 'cache', op: 'update', r: record.r, resource, presence}, notify('active', 'active', 'pidf')]}
}

function onProbe(record: ContactRecord, from: string, context: TransitionContext): Step {
  // RFC 6121 §4.3.2 rule 1: a probe from someone who is not a watcher is answered `unsubscribed`.
  if (!has(record, FROM)) return {actions: [xmpp('unsubscribed', record.l, record.r)]}
  const actions: PresenceAction[] = [lPresence(record, from, context)]
  const quiet = context.lastSourceSubscribeAt === undefined || context.now - context.lastSourceSubscribeAt >= SOURCE_RETRY_SECONDS
  if (context.subscriberDialog === 'down' && quiet) actions.push(source('subscribe', record))
  return {actions}
}

/** The XMPP error conditions that say R or R's server does not exist (P3.1). */
const NO_RESOURCE = new Set(['item-not-found', 'remote-server-not-found', 'gone'])
/** The XMPP error conditions that refuse our `subscribe` (P3.1). */
const REJECTED = new Set(['forbidden', 'not-authorized', 'not-allowed', 'policy-violation', 'service-unavailable', 'registration-required', 'subscription-required'])
/** RETRY_AFTER_SECONDS: a transient failure lets the UA try again in an hour (RFC 6665 §4.1.3, P4.2). */
const RETRY_AFTER_SECONDS = 3600

function onError(record: ContactRecord, answers: 'subscribe' | 'broadcast' | 'probe', condition: string): Step {
  if (answers === 'broadcast') return {actions: [{kind: 'errored', l: record.l, r: record.r}]}
  if (answers === 'probe') return {actions: [{kind: 'log', message: 'presence probe failed', reason: condition}]}
  if (!has(record, PENDING_OUT)) return {actions: []}
  return {s: record.s & ~PENDING_OUT, actions: [subscribeFailed(condition)]}
}

function subscribeFailed(condition: string): SipAction {
  if (NO_RESOURCE.has(condition)) return notify('all', 'terminated', 'empty', 'noresource')
  if (REJECTED.has(condition)) return notify('all', 'terminated', 'empty', 'rejected')
  return notify('all', 'terminated', 'empty', 'probation', RETRY_AFTER_SECONDS)
}

function fromSip(record: ContactRecord, event: SipEvent, context: TransitionContext): Step {
  switch (event.type) {
    case 'subscribe':
      if (event.expires === 0) return event.dialog === 'new' ? onFetch(record, context) : onSipUnsubscribe()
      return event.dialog === 'new' ? onSipSubscribe(record, context) : onSipRefresh(record, context)
    case 'message':
      return onMessage(record, context)
    case 'presence-changed':
      return {actions: has(record, FROM) && !context.errored ? [lPresence(record, record.r, context)] : []}
  }
}

function onSipSubscribe(record: ContactRecord, context: TransitionContext): Step {
  // P6.2: L subscribing to R is the evidence a pending PublicUnverified request waited for; its
  // stanzas go before the `subscribe`. (With `To` or `PendingOut` P6.1 #6 approved already; a
  // request left pending then is still approved here.)
  const evidence = approveOnEvidence(record, context)
  if (has(record, TO)) {
    const notifyActive = notify('this', 'active', cachedBody(context))
    return {s: evidence.s, actions: [ok('granted'), notifyActive, ...evidence.actions, ...probeIfUnknown(record, context)]}
  }
  const accepted: PresenceAction[] = [ok('granted'), notify('this', 'pending', 'empty'), ...evidence.actions]
  if (has(record, PENDING_OUT)) {
    const last = context.lastSubscribeAt
    const again = last === undefined || context.now - last > context.refreshInterval
    return {s: evidence.s, actions: again ? [...accepted, subscribe(record, context)] : accepted}
  }
  return {s: evidence.s | PENDING_OUT, actions: [...accepted, subscribe(record, context)]}
}

function onSipRefresh(record: ContactRecord, context: TransitionContext): Step {
  const current = has(record, TO) ? notify('this', 'active', cachedBody(context)) : notify('this', 'pending', 'empty')
  return {actions: [ok('granted'), current, ...probeIfUnknown(record, context)]}
}

/** An unsubscribe ends the dialog, not the authorization, and tells XMPP nothing (RFC 8048, P0 #12). */
function onSipUnsubscribe(): Step {
  return {actions: [ok(0), notify('this', 'terminated', 'closed', 'timeout')]}
}

/** A fetch (new dialog, `Expires: 0`) asks for no authorization: no `subscribe` (RFC 8048 §7.2). */
function onFetch(record: ContactRecord, context: TransitionContext): Step {
  if (!has(record, TO)) return {actions: [ok(0), notify('this', 'terminated', 'empty', 'timeout')]}
  return {actions: [ok(0), notify('this', 'terminated', cachedBody(context), 'timeout'), ...probeIfUnknown(record, context)]}
}

function onMessage(record: ContactRecord, context: TransitionContext): Step {
  if (context.partnerType !== 'PublicUnverified') return {actions: []}
  const evidence = approveOnEvidence(record, context)
  return {s: evidence.s, fc: true, actions: evidence.actions}
}

/** approveOnEvidence approves a pending PublicUnverified request; its stanzas go before the act that was the evidence (P6.2). */
function approveOnEvidence(record: ContactRecord, context: TransitionContext): {s: number; actions: PresenceAction[]} {
  if (!has(record, PENDING_IN) || context.partnerType !== 'PublicUnverified') return {s: record.s, actions: []}
  return {s: (record.s | FROM) & ~PENDING_IN, actions: [...approval(record, context), source('ensure', record)]}
}

/** approval is P3.2's answer to an approved request: `subscribed`, then L presence. */
function approval(record: ContactRecord, context: TransitionContext): PresenceAction[] {
  return [xmpp('subscribed', record.l, record.r), lPresence(record, record.r, context)]
}

function lPresence(record: ContactRecord, to: string, context: TransitionContext): XmppAction {
  return {kind: 'xmpp', stanza: 'presence', from: `${record.l}/sip`, to, note: context.partnerType === 'Federated'}
}

function subscribe(record: ContactRecord, context: TransitionContext): XmppAction {
  const nick = context.displayName ? {nick: context.displayName} : {}
  return {kind: 'xmpp', stanza: 'subscribe', from: record.l, to: record.r, ...nick}
}

/** probeIfUnknown probes R from L's bare JID when nothing is cached; only with `To` (P3.2). */
function probeIfUnknown(record: ContactRecord, context: TransitionContext): PresenceAction[] {
  return !context.cached && has(record, TO) ? [xmpp('probe', record.l, record.r)] : []
}

function cachedBody(context: TransitionContext): 'pidf' | 'empty' {
  return context.cached ? 'pidf' : 'empty'
}

function xmpp(stanza: 'subscribed' | 'unsubscribed' | 'probe' | 'unavailable', from: string, to: string): XmppAction {
  return {kind: 'xmpp', stanza, from, to}
}

function ok(expires: 'granted' | 0): SipAction {
  return {kind: 'sip', method: 'response', status: 200, expires}
}

function notify(
  dialogs: 'this' | 'all' | 'active',
  state: 'active' | 'pending' | 'terminated',
  body: 'pidf' | 'empty' | 'closed',
  reason?: NotifyReason,
  retryAfter?: number,
): SipAction {
  return {kind: 'sip', method: 'NOTIFY', dialogs, state, body, ...(reason ? {reason} : {}), ...(retryAfter ? {retryAfter} : {})}
}

function source(op: 'ensure' | 'end' | 'subscribe', record: ContactRecord): PresenceAction {
  return {kind: 'source', op, l: record.l}
}
