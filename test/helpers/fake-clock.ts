import type {Clock} from '../../src/gateway/presence/scheduler.js'

/**
 * FakeClock is a Clock for unit tests (presence.md P4.6): time stands still until advance(), which
 * moves it forward step by step to each due timeout and runs it, in due order (then in the order
 * set), including timeouts set by the ones it runs, so that state machines are tested without waiting.
 */
export class FakeClock implements Clock {
  #now: number
  #sequence = 0
  readonly #pending = new Map<number, {readonly due: number; readonly wake: () => void}>()

  constructor(start = 0) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  setTimeout(wake: () => void, delayMs: number): unknown {
    const handle = this.#sequence++
    this.#pending.set(handle, {due: this.#now + Math.max(0, delayMs), wake})
    return handle
  }

  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number)
  }

  /** pendingTimeouts counts the clock timeouts set and not yet run or cleared. */
  get pendingTimeouts(): number {
    return this.#pending.size
  }

  /** advance moves time forward by ms, running every timeout due on the way at its own time. */
  advance(ms: number): void {
    const end = this.#now + ms
    for (let next = this.#next(end); next; next = this.#next(end)) {
      this.#pending.delete(next[0])
      this.#now = Math.max(this.#now, next[1].due)
      next[1].wake()
    }
    this.#now = end
  }

  #next(end: number): [number, {readonly due: number; readonly wake: () => void}] | undefined {
    let best: [number, {readonly due: number; readonly wake: () => void}] | undefined
    for (const entry of this.#pending) {
      if (entry[1].due <= end && (!best || entry[1].due < best[1].due)) best = entry
    }
    return best
  }
}
