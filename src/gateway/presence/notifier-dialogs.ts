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
    this.#dialogs.set(id, dialog)
  }

  /** counts are P4.2 check 14's figures: L's dialogs toward R, and all of L's. */
  counts(l: string, r: string): {dialogsForContact: number; dialogsForUser: number} {
    let dialogsForContact = 0
    let dialogsForUser = 0
    for (const d of this.#dialogs.values()) {
      if (d.l !== l) continue
      dialogsForUser++
      if (d.r === r) dialogsForContact++
    }
    return {dialogsForContact, dialogsForUser}
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
      this.#dialogs.delete(id)
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
    const ids: string[] = []
    for (const [id, d] of this.#dialogs) if (d.l === l && d.r === r && (which === 'all' || d.state === 'active')) ids.push(id)
    return ids
  }
}
