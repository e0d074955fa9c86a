/**
 * When the gateway's subscriber dialog toward a local user is refreshed or retried (presence.md P7.2,
 * P4.3 "Responses to the gateway's SUBSCRIBE" and "NOTIFYs in a subscriber dialog"), as pure
 * functions of seconds → milliseconds, so that `sources.ts` only schedules.
 */

/** TIMER_F_SECONDS: a refresh must complete before expiry, and a non-INVITE transaction lasts 32 s (RFC 3261 Timer F). */
const TIMER_F_SECONDS = 32

/**
 * refreshDelayMs is P7.2's `max(g / 2, g − max(32, ⌈g / 10⌉))` for granted g seconds: refresh ahead
 * of expiry by Timer F or 10 %, whichever is longer, but never before half the granted time.
 */
export function refreshDelayMs(granted: number): number {
  const seconds = Math.max(granted / 2, granted - Math.max(TIMER_F_SECONDS, Math.ceil(granted / 10)))
  return Math.round(seconds * 1000)
}

/** HOUR_SECONDS: hard refusals and `rejected`/`noresource` are retried hourly (P0 #13, P4.3). */
export const HOUR_SECONDS = 3600

/** PROBATION_SECONDS: `probation`/`giveup` without `retry-after` wait 300 s (P4.3). */
export const PROBATION_SECONDS = 300

/** The retries after a transient failure: 30 s, 300 s, 3600 s, then hourly (P4.3). */
const TRANSIENT_BACKOFF_SECONDS = [30, 300, HOUR_SECONDS] as const

/** Failure is a final non-2xx response to the gateway's SUBSCRIBE, or no response at all. */
export type Failure = {readonly status: number; readonly retryAfter?: number} | {readonly status: 'timeout' | 'transport-error'}

/**
 * FailureClass says what P4.3's response table does with a failure: `hard` makes L unavailable at
 * once and retries in an hour; `transient` keeps L's last state until the old dialog expires and
 * retries with backoff; `resubscribe` sends a new SUBSCRIBE outside the dialog at once (481: RFC 8048
 * §5.2.2 calls it transient). 423 and 3xx are retried by the dialog layer, which reports what it
 * finally got (P4.3: 423 beyond 86400 is "as 403", a failed redirect "as 404").
 */
export type FailureClass = 'hard' | 'transient' | 'resubscribe'

/** The statuses that keep L's last state (P4.3 row "408, 480, 486, 5xx"). */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 480, 486])

/**
 * classifyFailure maps a failure onto P4.3's rows. 401/407 (no credentials of the gateway's own),
 * 403/489/603 (P0 #13) and 404/604/406/415/420/488 are hard; so is any other 4xx/6xx the table does
 * not name, since retrying it sooner cannot succeed.
 */
export function classifyFailure(failure: Failure): FailureClass {
  if (typeof failure.status !== 'number') return 'transient'
  if (failure.status === 481) return 'resubscribe'
  if (TRANSIENT_STATUSES.has(failure.status) || (failure.status >= 500 && failure.status < 600)) return 'transient'
  return 'hard'
}

/**
 * transientRetrySeconds is the wait before retry number `attempt` (0-based) after transient
 * failures; a server's `Retry-After` is honoured instead when it gives one (P4.3).
 */
export function transientRetrySeconds(attempt: number, retryAfter: number | undefined): number {
  if (retryAfter !== undefined) return retryAfter
  return TRANSIENT_BACKOFF_SECONDS[Math.min(attempt, TRANSIENT_BACKOFF_SECONDS.length - 1)]
}
