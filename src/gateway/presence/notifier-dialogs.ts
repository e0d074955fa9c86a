import type {SipAction} from './actions.js'
import type {RemotePresence} from './cache.js'
import {writePidf} from './mapping.js'
import {NotifyPacer} from './notify-pacer.js'
import type {Scheduler} from './scheduler.js'
import type {OutgoingNotify, SipPort} from './service-ports.js'

/**
 * The notifier dialogs as the presence service sees them (presence.md P2.5), and the NOTIFYs sent on
 * them (P4.2): for each dialog id, L, R, the PIDF entity and the Subscription-State last sent. The SIP
 * dialog layer keeps the rest (Call-ID, tags, CSeq, route set, expiry) and persists it (P8.3).
 */

/** NotifierDialog is one SIP UA of L watching R. */
export interface NotifierDialog {
  readonly l: string
  readonly r: string
  /** The URI the watcher subscribed to: the PIDF `entity` (P5.2). */
  readonly entity: string
  state: 'pending' | 'active'
}

/** NotifyIntent is model.ts's NOTIFY action. */
export type NotifyIntent = Extract<SipAction, {method: 'NOTIFY'}>

export class NotifierDialogs {
  readonly #dialogs = new Map<string, NotifierDialog>()
  /** The dialog ids of each (L, R) pair, so that a NOTIFY intent or a count never scans every dialog. */
  readonly #byPair = new Map<string, Set<string>>()
  /** The number of dialogs of each L (P4.2 check 14). */
  readonly #perUser = new Map<string, number>()
  readonly #pacer: NotifyPacer

  constructor(
    readonly sip: SipPort,
    scheduler: Scheduler,
    /** R's presence, the source of every PIDF body (P2.4). */
    readonly remote: RemotePresence,
  ) {
    this.#pacer = new NotifyPacer(scheduler, (id) => this.#sendState(id))
  }

  open(id: string, dialog: NotifierDialog): void {
    this.#close(id)
    this.#dialogs.set(id, dialog)
    const key = pairKey(dialog.l, dialog.r)
    const ids = this.#byPair.get(key) ?? new Set<string>()
    this.#byPair.set(key, ids.add(id))
    this.#perUser.set(dialog.l, (this.#perUser.get(dialog.l) ?? 0) + 1)
  }

  /** counts are P4.2 check 14's figures: L's dialogs toward R, and all of L's. */
  counts(l: string, r: string): {dialogsForContact: number; dialogsForUser: number} {
    return {dialogsForContact: this.#byPair.get(pairKey(l, r))?.size ?? 0, dialogsForUser: this.#perUser.get(l) ?? 0}
  }

  /** notify carries out a NOTIFY action for (L, R); `current` is the dialog of the SUBSCRIBE being handled (`this`). */
  notify(intent: NotifyIntent, l: string, r: string, current?: string): void {
    for (const id of this.#targets(intent.dialogs, l, r, current)) {
      const dialog = this.#dialogs.get(id)!
      // A change of what an active dialog reports is paced (P9 #1); every other NOTIFY goes at once.
      if (intent.state === 'active' && dialog.state === 'active' && intent.body === 'pidf' && intent.dialogs !== 'this') {
        this.#pacer.changed(id)
        continue
      }
      const reason = intent.reason ? {reason: intent.reason} : {}
      const retryAfter = intent.retryAfter ? {retryAfter: intent.retryAfter} : {}
      this.#send(id, dialog, {state: intent.state, ...reason, ...retryAfter, ...this.#body(intent.body, dialog)})
    }
  }

  /** #send sends a NOTIFY now and moves the dialog to its state; `terminated` ends the dialog. */
  #send(id: string, dialog: NotifierDialog, notify: OutgoingNotify): void {
    if (notify.state === 'terminated') {
      this.#close(id)
      this.#pacer.forget(id)
    } else {
      dialog.state = notify.state
      this.#pacer.sent(id)
    }
    this.sip.notify(id, notify)
  }

  /** #sendState is the pacer's send: R's full document as it is now (P5.2). */
  #sendState(id: string): void {
    const dialog = this.#dialogs.get(id)
    if (dialog) this.sip.notify(id, {state: 'active', ...this.#body('pidf', dialog)})
  }

  #body(body: 'pidf' | 'empty' | 'closed', dialog: NotifierDialog): {body?: string} {
    if (body === 'empty') return {}
    const resources = body === 'pidf' ? [...this.remote.resources(dialog.r)].map(([resource, cached]) => ({resource, presence: cached.presence})) : []
    return {body: writePidf(dialog.entity, resources)}
  }

  #targets(which: 'this' | 'all' | 'active', l: string, r: string, current: string | undefined): string[] {
    if (which === 'this') return current !== undefined && this.#dialogs.has(current) ? [current] : []
    return [...(this.#byPair.get(pairKey(l, r)) ?? [])].filter((id) => which === 'all' || this.#dialogs.get(id)!.state === 'active')
  }

  /** #close forgets a dialog and its place in the indexes. */
  #close(id: string): void {
    const dialog = this.#dialogs.get(id)
    if (!dialog) return
    this.#dialogs.delete(id)
    const key = pairKey(dialog.l, dialog.r)
    const ids = this.#byPair.get(key)!
    ids.delete(id)
    if (ids.size === 0) this.#byPair.delete(key)
    const count = this.#perUser.get(dialog.l)! - 1
    if (count > 0) this.#perUser.set(dialog.l, count)
    else this.#perUser.delete(dialog.l)
  }
}

function pairKey(l: string, r: string): string {
  return `${l}\n${r}`
}
