import {LocalPresence} from './cache.js'
import type {PresenceModel} from './presence-model.js'
import {type Failure, HOUR_SECONDS, PROBATION_SECONDS, classifyFailure, refreshDelayMs, transientRetrySeconds} from './subscriber-timing.js'
import type {Scheduler} from './scheduler.js'

/**
 * The presence sources of each local user L (presence.md P4.3, P0 #1–#4): the embedded store while L
 * has a live publication or registration binding (P4.4), else the presence server through ONE
 * subscriber dialog per L held only while L has a watcher, else none (unavailable). A pure state
 * machine: events in, plain-data actions out through `emit`, timers through the injected scheduler.
 * The SIP dialog layer turns the actions into requests and reports their outcome back.
 */

/** Cancel stops a scheduled timer; after the timer fired it does nothing. */
export type Cancel = () => void

/**
 * SourcesAction: send a new SUBSCRIBE for L (self-watch, P0 #2), refresh the dialog, end it with
 * `Expires: 0`; or L's aggregated presence changed (broadcast to its watchers, P3.2).
 */
export type SourcesAction =
  | {readonly kind: 'subscriber'; readonly op: 'subscribe' | 'refresh' | 'end-dialog'; readonly l: string}
  | {readonly kind: 'presence-changed'; readonly l: string; readonly presence: PresenceModel}

/** Source is P4.3's choice for L. */
export type Source = 'embedded' | 'server' | 'none'

/** DialogState of L's subscriber dialog: none wanted or held, SUBSCRIBE sent, granted, failed (a retry may be due). */
export type DialogState = 'none' | 'trying' | 'live' | 'down'

/** SubscriberNotify is a NOTIFY the dialog layer accepted in L's subscriber dialog (P4.3), body already mapped (P5). */
export type SubscriberNotify =
  | {readonly state: 'pending'}
  | {readonly state: 'active'; readonly expires?: number; readonly presence?: PresenceModel}
  /** P0 #11: a `terminated` NOTIFY's body is ignored, so it carries none. */
  | {readonly state: 'terminated'; readonly reason?: string; readonly retryAfter?: number}

export interface SourcesOptions {
  readonly scheduler: Scheduler
  /** Whether a presence server is configured (`-SipPresenceServer`, not `none`; P1.4). */
  readonly presenceServer: boolean
  readonly emit: (action: SourcesAction) => void
}

/** PROBE_SUBSCRIBE_MS: a probe re-SUBSCRIBEs at most once per L per 60 s (P2.3 `probe`, P7.3 step 4). */
const PROBE_SUBSCRIBE_MS = 60_000
/** RESTART_RATE: at most 50 SUBSCRIBEs per second after a restart (P8.3 step 3). */
const RESTART_RATE = 50
/** RESTART_GRACE_MS: unknown presence is sent as unavailable 120 s after a restart (P8.3 step 5). */
const RESTART_GRACE_MS = 120_000

const UNAVAILABLE: PresenceModel = {available: false}

/** User is one local user's source state. */
interface User {
  watchers: number
  embedded?: PresenceModel
  dialog: DialogState
  lastSubscribeAt?: number
  /** When the granted dialog expires (epoch ms). */
  expiresAt?: number
  /** Transient failures since the last success (P4.3 backoff). */
  failures: number
  refresh?: Cancel
  expiry?: Cancel
  retry?: Cancel
}

/** PresenceSources keeps every local user's source, subscriber dialog state and aggregated presence. */
export class PresenceSources {
  readonly #users = new Map<string, User>()
  readonly #presence = new LocalPresence()
  readonly #options: SourcesOptions

  constructor(options: SourcesOptions) {
    this.#options = options
  }

  /** presence is L's aggregated presence, `unknown` until a source produced one (P2.4). */
  presence(l: string): PresenceModel | 'unknown' {
    return this.#presence.get(l)
  }

  source(l: string): Source {
    return this.#source(this.#user(l))
  }

  dialog(l: string): DialogState {
    return this.#user(l).dialog
  }

  /** lastSubscribeAt is when the last SUBSCRIBE for L went out, in scheduler milliseconds (the service turns it into model.ts's epoch-second `lastSourceSubscribeAt`). */
  lastSubscribeAt(l: string): number | undefined {
    return this.#user(l).lastSubscribeAt
  }

  /** watchers records how many watchers L has (P2.3: a first watcher starts the source, the last one ends it). */
  watchers(l: string, count: number): void {
    const user = this.#user(l)
    user.watchers = count
    if (this.#wantsDialog(user)) {
      // `invariant` waits for the set of watchers to change (P4.3); any other `down` has its retry.
      if (user.dialog === 'none' || (user.dialog === 'down' && user.retry === undefined)) this.#subscribe(l, user)
    } else if (count === 0 && this.#source(user) === 'server') {
      this.#endDialog(l, user)
      this.#presence.forget(l)
    }
  }

  /**
   * embedded reports L's presence from the embedded store (P4.4's aggregate), or `undefined` when L's
   * last publication and binding are gone. 2→1 ends the subscriber dialog; 1→2 makes L unavailable
   * (P4.4 "Expiry") and subscribes when L has a watcher (P4.3).
   */
  embedded(l: string, presence: PresenceModel | undefined): void {
    const user = this.#user(l)
    const before = this.#source(user)
    user.embedded = presence
    if (presence !== undefined) {
      if (before !== 'embedded') this.#endDialog(l, user)
      this.#set(l, presence)
      return
    }
    if (before !== 'embedded') return
    this.#set(l, UNAVAILABLE)
    if (this.#wantsDialog(user)) this.#subscribe(l, user)
  }

  /** probe: a watcher's probe while the subscriber dialog is not live SUBSCRIBEs now, at most once per 60 s (P2.3). */
  probe(l: string): void {
    const user = this.#user(l)
    if (!this.#wantsDialog(user) || user.dialog === 'live') return
    const last = user.lastSubscribeAt
    if (last !== undefined && this.#now() - last < PROBE_SUBSCRIBE_MS) return
    this.#subscribe(l, user)
  }

  /** accepted: a 2xx to a SUBSCRIBE or refresh granted `granted` seconds (P4.3); refresh at P7.2's time. */
  accepted(l: string, granted: number): void {
    const user = this.#user(l)
    if (user.dialog !== 'trying' && user.dialog !== 'live') return
    user.dialog = 'live'
    user.failures = 0
    this.#grant(l, user, granted)
  }

  /** failed: a SUBSCRIBE or refresh got a final failure (P4.3's response table; P0 #13 keeps the authorizations). */
  failed(l: string, failure: Failure): void {
    const user = this.#user(l)
    if (user.dialog === 'none') return
    const kind = classifyFailure(failure)
    if (kind === 'resubscribe') return this.#subscribe(l, user)
    this.#cancelRefresh(user)
    user.dialog = 'down'
    if (kind === 'hard') {
      this.#lose(l, user)
      return this.#retryIn(l, user, HOUR_SECONDS)
    }
    // Transient: L's last state stands until the old dialog expires (its timer stays), then unavailable.
    if (user.expiry === undefined) this.#set(l, UNAVAILABLE)
    const retryAfter = 'retryAfter' in failure ? failure.retryAfter : undefined
    this.#retryIn(l, user, transientRetrySeconds(user.failures++, retryAfter))
  }

  /** notified: a NOTIFY in L's subscriber dialog (P4.3 "NOTIFYs in a subscriber dialog"). */
  notified(l: string, notify: SubscriberNotify): void {
    const user = this.#user(l)
    if (user.dialog === 'none' || this.#source(user) !== 'server') return
    if (notify.state === 'pending') return // RFC 8048 §5.2.1: nothing to XMPP
    if (notify.state === 'active') return this.#active(l, user, notify.expires, notify.presence)
    this.#terminated(l, user, notify.reason, notify.retryAfter)
  }

  /**
   * restart: P8.3 step 3 — re-SUBSCRIBE every L with a watcher, most watchers first, 50 per second —
   * and step 5 — after 120 s, every L with watchers whose presence is still unknown is unavailable.
   */
  restart(users: ReadonlyArray<{readonly l: string; readonly watchers: number}>): void {
    for (const {l, watchers} of users) this.#user(l).watchers = watchers
    const order = users.filter(({l}) => this.#wantsDialog(this.#user(l)))
    order.sort((a, b) => b.watchers - a.watchers || (a.l < b.l ? -1 : a.l > b.l ? 1 : 0))
    const start = this.#now()
    order.forEach(({l}, index) => {
      const second = Math.floor(index / RESTART_RATE)
      if (second === 0) return this.#subscribe(l, this.#user(l))
      this.#at(start + second * 1000, () => this.#restartSubscribe(l))
    })
    this.#at(start + RESTART_GRACE_MS, () => this.#graceOver(users))
  }

  #restartSubscribe(l: string): void {
    const user = this.#user(l)
    if (this.#wantsDialog(user) && user.dialog === 'none') this.#subscribe(l, user)
  }

  #graceOver(users: ReadonlyArray<{readonly l: string}>): void {
    for (const {l} of users) {
      if (this.#user(l).watchers > 0 && this.#presence.get(l) === 'unknown') this.#set(l, UNAVAILABLE)
    }
  }

  #active(l: string, user: User, expires: number | undefined, presence: PresenceModel | undefined): void {
    // A NOTIFY before the 200 is accepted (RFC 6665 §4.1.2.4): the dialog is live.
    user.dialog = 'live'
    const shorter = expires !== undefined && (user.expiresAt === undefined || this.#now() + expires * 1000 < user.expiresAt)
    if (shorter) this.#grant(l, user, expires)
    if (presence !== undefined) this.#set(l, presence)
  }

  #terminated(l: string, user: User, reason: string | undefined, retryAfter: number | undefined): void {
    this.#cancelDialogTimers(user)
    user.dialog = 'down'
    switch (reason) {
      case 'probation':
      case 'giveup':
        return this.#retryIn(l, user, retryAfter ?? PROBATION_SECONDS)
      case 'rejected':
      case 'noresource':
        this.#lose(l, user)
        return this.#retryIn(l, user, HOUR_SECONDS)
      case 'invariant':
        return this.#lose(l, user)
      default:
        // `deactivated`, `timeout`, none, or a reason RFC 6665 §4.1.3 says to treat as none.
        if (this.#wantsDialog(user)) this.#subscribe(l, user)
    }
  }

  #grant(l: string, user: User, granted: number): void {
    this.#cancelDialogTimers(user)
    const now = this.#now()
    user.expiresAt = now + granted * 1000
    user.refresh = this.#at(now + refreshDelayMs(granted), () => {
      user.refresh = undefined
      this.#options.emit({kind: 'subscriber', op: 'refresh', l})
    })
    user.expiry = this.#at(user.expiresAt, () => this.#expired(l, user))
  }

  /** #expired: the dialog ran out without a successful refresh; L is unavailable (P7.2). */
  #expired(l: string, user: User): void {
    user.expiry = undefined
    user.expiresAt = undefined
    this.#set(l, UNAVAILABLE)
    if (user.dialog === 'live' && this.#wantsDialog(user)) this.#subscribe(l, user)
  }

  /** #lose makes L unavailable and drops the dialog's timers (hard refusals, P0 #13; `rejected` etc.). */
  #lose(l: string, user: User): void {
    this.#cancelDialogTimers(user)
    this.#set(l, UNAVAILABLE)
  }

  #retryIn(l: string, user: User, seconds: number): void {
    this.#cancelRetry(user)
    user.retry = this.#at(this.#now() + seconds * 1000, () => {
      user.retry = undefined
      if (this.#wantsDialog(user) && user.dialog === 'down') this.#subscribe(l, user)
    })
  }

  #subscribe(l: string, user: User): void {
    this.#cancelRetry(user)
    this.#cancelRefresh(user)
    user.dialog = 'trying'
    user.lastSubscribeAt = this.#now()
    this.#options.emit({kind: 'subscriber', op: 'subscribe', l})
  }

  #endDialog(l: string, user: User): void {
    if (user.dialog === 'trying' || user.dialog === 'live') this.#options.emit({kind: 'subscriber', op: 'end-dialog', l})
    this.#cancelDialogTimers(user)
    this.#cancelRetry(user)
    user.dialog = 'none'
    user.failures = 0
  }

  #cancelDialogTimers(user: User): void {
    this.#cancelRefresh(user)
    user.expiry?.()
    user.expiry = undefined
    user.expiresAt = undefined
  }

  #cancelRefresh(user: User): void {
    user.refresh?.()
    user.refresh = undefined
  }

  #cancelRetry(user: User): void {
    user.retry?.()
    user.retry = undefined
  }

  #set(l: string, presence: PresenceModel): void {
    if (this.#presence.set(l, presence)) this.#options.emit({kind: 'presence-changed', l, presence})
  }

  #source(user: User): Source {
    if (user.embedded !== undefined) return 'embedded'
    return this.#options.presenceServer ? 'server' : 'none'
  }

  #wantsDialog(user: User): boolean {
    return this.#source(user) === 'server' && user.watchers > 0
  }

  #user(l: string): User {
    let user = this.#users.get(l)
    if (user === undefined) {
      user = {watchers: 0, dialog: 'none', failures: 0}
      this.#users.set(l, user)
    }
    return user
  }

  #now(): number {
    return this.#options.scheduler.now()
  }

  /** #at runs fn at the scheduler time ms (P4.6's one scheduler); a full scheduler sets no timer. */
  #at(ms: number, fn: () => void): Cancel {
    const scheduler = this.#options.scheduler
    const timer = scheduler.schedule(ms - scheduler.now(), fn)
    return () => void (timer && scheduler.cancel(timer))
  }
}
