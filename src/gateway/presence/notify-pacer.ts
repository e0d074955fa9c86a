import type {Scheduler, Timer} from './scheduler.js'

/**
 * NOTIFY coalescing of presence.md P9 #1 (RFC 3856 §6.10, "Rate of Notifications"): at most one
 * state-change NOTIFY per notifier dialog per 5 s. The first change after a quiet period goes at
 * once; changes within the interval are folded into one NOTIFY at its end, which carries the state
 * of that moment (the sender renders it then), so the last NOTIFY always equals the last presence.
 */

/** NOTIFY_INTERVAL_MS is P9 #1's interval. */
export const NOTIFY_INTERVAL_MS = 5000

interface Paced {
  readonly lastAt: number
  timer?: Timer
}

/** NotifyPacer paces NOTIFYs per dialog id; `send(dialog)` renders and sends the dialog's current state. */
export class NotifyPacer {
  readonly #dialogs = new Map<string, Paced>()

  constructor(
    readonly scheduler: Scheduler,
    readonly send: (dialog: string) => void,
  ) {}

  /** changed: the state the dialog reports changed; sent now, or once at the end of the interval. */
  changed(dialog: string): void {
    const paced = this.#dialogs.get(dialog)
    const now = this.scheduler.now()
    if (paced === undefined || now - paced.lastAt >= NOTIFY_INTERVAL_MS) return this.#sendNow(dialog)
    if (paced.timer) return
    // A full scheduler sets no timer: the change then goes at once rather than never.
    paced.timer = this.scheduler.schedule(paced.lastAt + NOTIFY_INTERVAL_MS - now, () => this.#sendNow(dialog))
    if (paced.timer === undefined) this.#sendNow(dialog)
  }

  /** sent: a NOTIFY that is not paced went out on dialog (pending, an answer to a SUBSCRIBE); it starts the interval and supersedes a queued one. */
  sent(dialog: string): void {
    this.forget(dialog)
    this.#dialogs.set(dialog, {lastAt: this.scheduler.now()})
  }

  /** forget drops the dialog (it terminated) and its queued NOTIFY. */
  forget(dialog: string): void {
    const timer = this.#dialogs.get(dialog)?.timer
    if (timer) this.scheduler.cancel(timer)
    this.#dialogs.delete(dialog)
  }

  #sendNow(dialog: string): void {
    this.sent(dialog)
    this.send(dialog)
  }
}
