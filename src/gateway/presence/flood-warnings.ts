import type {Logger} from 'pino'
import type {Scheduler} from './scheduler.js'

/** FLOOD_WARNING_MS: one warn line per domain per minute (presence.md P9 #1). */
const FLOOD_WARNING_MS = 60_000

/**
 * FloodWarnings counts the presence stanzas a partner domain sends over its budget and logs one warn
 * line per domain per minute with the count (P9 #1): the first at once, then each minute's count
 * while the flood lasts.
 */
export class FloodWarnings {
  readonly #domains = new Map<string, {count: number}>()

  constructor(
    readonly scheduler: Scheduler,
    readonly log: Pick<Logger, 'warn'>,
  ) {}

  over(domain: string): void {
    const counted = this.#domains.get(domain)
    if (counted) return void counted.count++
    this.log.warn({domain, count: 1}, 'presence over the partner budget')
    this.#window(domain)
  }

  /** #window counts the next minute; a minute without excess ends the flood. */
  #window(domain: string): void {
    const window = {count: 0}
    this.#domains.set(domain, window)
    const timer = this.scheduler.schedule(FLOOD_WARNING_MS, () => {
      if (window.count === 0) return void this.#domains.delete(domain)
      this.log.warn({domain, count: window.count}, 'presence over the partner budget')
      this.#window(domain)
    })
    // A full scheduler sets no timer: forget the domain rather than stay silent for good.
    if (timer === undefined) this.#domains.delete(domain)
  }
}
