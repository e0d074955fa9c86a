/**
 * The per-partner-domain budgets of presence.md P9: presence stanzas 100/s with a burst of 1,000
 * (#1), subscription stanzas 10/s with a burst of 100 (#2); and P3.2's one probe answer per (probe
 * `from`, L) per 5 s. A classic token bucket per key, refilled from the injected clock (milliseconds)
 * so tests run on a fake one.
 */

/** Budget is a rate in stanzas per second and the burst a quiet domain may spend at once. */
export interface Budget {
  readonly perSecond: number
  readonly burst: number
}

/** PRESENCE_BUDGET is P9 #1's budget for available/unavailable presence. */
export const PRESENCE_BUDGET: Budget = {perSecond: 100, burst: 1000}
/** SUBSCRIPTION_BUDGET is P9 #2's budget for subscribe, unsubscribe, subscribed, unsubscribed. */
export const SUBSCRIPTION_BUDGET: Budget = {perSecond: 10, burst: 100}

interface Bucket {
  tokens: number
  at: number
}

/** PROBE_ANSWER_BUDGET: one answer per (probe `from`, L) per 5 s (P3.2, P9 #5). */
export const PROBE_ANSWER_BUDGET: Budget = {perSecond: 1 / 5, burst: 1}

/** TokenBuckets holds one bucket per key (a partner domain, a probe pair); a bucket that refilled completely is forgotten. */
export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>()
  #sweptAt = 0

  constructor(
    readonly budget: Budget,
    /** Milliseconds, monotonic. */
    readonly now: () => number,
  ) {}

  /** take spends one token of key's bucket; false when the key is over its budget. */
  take(key: string): boolean {
    const now = this.now()
    this.#sweep(now)
    const bucket = this.#buckets.get(key) ?? {tokens: this.budget.burst, at: now}
    bucket.tokens = Math.min(this.budget.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.budget.perSecond)
    bucket.at = now
    this.#buckets.set(key, bucket)
    if (bucket.tokens < 1) return false
    bucket.tokens--
    return true
  }

  /** #sweep drops buckets that are full again, once per refill period, so a key that went quiet costs nothing. */
  #sweep(now: number): void {
    const full = (this.budget.burst / this.budget.perSecond) * 1000
    if (now - this.#sweptAt < full) return
    this.#sweptAt = now
    for (const [key, bucket] of this.#buckets) if (now - bucket.at >= full) this.#buckets.delete(key)
  }
}
