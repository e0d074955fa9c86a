import {TimerQueue, type QueuedTimer} from './timer-queue.js'

/**
 * The one scheduler of presence.md P4.6: every presence and dialog timer (dialog expiry, refresh,
 * retry, NOTIFY throttle, session idle, publication expiry) is a Scheduler timer, over an injectable
 * Clock, so that the state machines are unit-tested with a fake clock instead of waiting. It keeps
 * one clock timer armed, at the earliest due time; that timer is unref'd (systemClock), so pending
 * presence timers never keep the process alive, and close() drops them all (P8.5 clean shutdown).
 */

/** Clock is where time comes from and how the scheduler is woken; the handle is the clock's own. */
export interface Clock {
  /** now is milliseconds on a monotonic scale (only differences matter). */
  now(): number
  setTimeout(wake: () => void, delayMs: number): unknown
  clearTimeout(handle: unknown): void
}

/** systemClock is Node's: performance.now() (monotonic, unlike Date.now()) and unref'd timeouts. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (wake, delayMs) => setTimeout(wake, delayMs).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

/**
 * MAX_TIMERS bounds the pending timers. The P2.2 caps bound what needs one (dialogs, publications,
 * sessions) per user, not the number of users, so the scheduler bounds the sum: a request that would
 * need the 100,001st timer is refused by its caller (schedule returns undefined).
 */
export const MAX_TIMERS = 100_000

/** The longest delay Node's setTimeout honours (2³¹−1 ms, about 24.8 days); longer waits re-arm. */
const MAX_CLOCK_DELAY_MS = 2 ** 31 - 1

/** Timer is what schedule returns: pass it to cancel. */
export interface Timer {
  readonly due: number
}

interface Entry extends QueuedTimer, Timer {
  readonly fire: () => void
}

export class Scheduler {
  readonly #clock: Clock
  readonly #maxTimers: number
  readonly #queue = new TimerQueue<Entry>()
  #sequence = 0
  #armed: {readonly due: number; readonly handle: unknown} | undefined
  #closed = false

  constructor(clock: Clock = systemClock, maxTimers = MAX_TIMERS) {
    this.#clock = clock
    this.#maxTimers = maxTimers
  }

  now(): number {
    return this.#clock.now()
  }

  /** size is the number of pending timers. */
  get size(): number {
    return this.#queue.size
  }

  /**
   * schedule runs fire once, delayMs from now (a negative delay is 0). Timers due at the same time
   * fire in the order they were scheduled. Undefined when the scheduler is full or closed.
   */
  schedule(delayMs: number, fire: () => void): Timer | undefined {
    if (this.#closed || this.#queue.size >= this.#maxTimers) return undefined
    const entry: Entry = {due: this.#clock.now() + Math.max(0, delayMs), sequence: this.#sequence++, index: -1, fire}
    this.#queue.push(entry)
    this.#arm()
    return entry
  }

  /** cancel forgets a pending timer; false when it already fired or was cancelled. */
  cancel(timer: Timer): boolean {
    const removed = this.#queue.remove(timer as Entry)
    if (removed) this.#arm()
    return removed
  }

  /** close cancels every timer and refuses new ones. */
  close(): void {
    this.#closed = true
    this.#queue.clear()
    this.#disarm()
  }

  /** #arm keeps the one clock timer at the earliest due time. */
  #arm(): void {
    const first = this.#queue.peek()
    if (this.#armed && this.#armed.due === first?.due) return
    this.#disarm()
    if (!first) return
    const delay = Math.min(Math.max(0, first.due - this.#clock.now()), MAX_CLOCK_DELAY_MS)
    this.#armed = {due: first.due, handle: this.#clock.setTimeout(() => this.#wake(), delay)}
  }

  #disarm(): void {
    if (this.#armed) this.#clock.clearTimeout(this.#armed.handle)
    this.#armed = undefined
  }

  /** #wake fires every timer now due, in order; one that throws does not stop the others. */
  #wake(): void {
    this.#armed = undefined
    try {
      for (let first = this.#queue.peek(); first && first.due <= this.#clock.now(); first = this.#queue.peek()) {
        this.#queue.remove(first)
        first.fire()
      }
    } finally {
      if (!this.#closed) this.#arm()
    }
  }
}
