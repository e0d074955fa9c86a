import type {PresenceModel} from './presence-model.js'

/**
 * What a presence transition asks the service to do (presence.md P2.3), as plain data: the service
 * (P1.5 `service.ts`) renders stanzas and SIP requests from them, in the order given.
 */

/** XmppAction is one presence stanza to send; `from` and `to` are JIDs as P3.4 addresses them. */
export type XmppAction =
  | {
      readonly kind: 'xmpp'
      readonly stanza: 'subscribed' | 'unsubscribed' | 'probe' | 'unavailable'
      readonly from: string
      readonly to: string
    }
  /** A `subscribe`, with L's DisplayName as its XEP-0172 `<nick>` when L has one (P3.2). */
  | {readonly kind: 'xmpp'; readonly stanza: 'subscribe'; readonly from: string; readonly to: string; readonly nick?: string}
  /**
   * "L presence": L's current aggregated presence, `unavailable` when L is unavailable or unknown
   * (P3.2); `note` says whether `<status/>` may be written (Federated watchers only, P6.3).
   */
  | {readonly kind: 'xmpp'; readonly stanza: 'presence'; readonly from: string; readonly to: string; readonly note: boolean}

/** NotifyReason is the `reason` of a `terminated` Subscription-State (P4.2, RFC 6665 §4.1.3). */
export type NotifyReason = 'rejected' | 'timeout' | 'noresource' | 'probation'

/**
 * SipAction is a SIP intent on L's notifier dialogs for R (P4.2): the response to the SUBSCRIBE that
 * caused the event (`expires: 'granted'` is P4.2's min(requested, SubscriptionRefreshInterval)), or a
 * NOTIFY on the dialog of that SUBSCRIBE (`this`), on all of L's dialogs for R (`all`), or on the
 * active ones only (`active`). `body: 'pidf'` is R's full state (P5.2), `closed` the one-tuple
 * `closed` document of RFC 8048 §5.3.3.
 */
export type SipAction =
  | {readonly kind: 'sip'; readonly method: 'response'; readonly status: 200; readonly expires: 'granted' | 0}
  | {
      readonly kind: 'sip'
      readonly method: 'NOTIFY'
      readonly dialogs: 'this' | 'all' | 'active'
      readonly state: 'active' | 'pending' | 'terminated'
      readonly reason?: NotifyReason
      readonly retryAfter?: number
      readonly body: 'pidf' | 'empty' | 'closed'
    }

/**
 * SourceAction concerns L's presence source (P4.3): `ensure` it runs (L gained a watcher), `end` its
 * subscriber dialog with `Expires: 0` (L has no watcher left), `subscribe` now (a probe found the
 * subscriber dialog down).
 */
export interface SourceAction {
  readonly kind: 'source'
  readonly op: 'ensure' | 'end' | 'subscribe'
  readonly l: string
}

/** CacheAction updates the remote presence cache (P2.4). */
export type CacheAction =
  | {readonly kind: 'cache'; readonly op: 'update'; readonly r: string; readonly resource: string; readonly presence: PresenceModel}
  | {readonly kind: 'cache'; readonly op: 'drop'; readonly r: string}

/** ErroredAction marks (L, R) errored: no broadcast from L to R until R shows life (P3.1, RFC 6121 §4.4.2). */
export interface ErroredAction {
  readonly kind: 'errored'
  readonly l: string
  readonly r: string
}

/** LogAction is a debug line (P3.2 logging, P6.5 #8). */
export interface LogAction {
  readonly kind: 'log'
  readonly message: 'presence dropped' | 'presence probe failed'
  readonly reason: string
}

export type PresenceAction = XmppAction | SipAction | SourceAction | CacheAction | ErroredAction | LogAction
