/**
 * The incoming connections that have not authenticated yet, from their TCP accept (TLS handshakes of
 * the XEP-0368 port included) until they authenticate or close: counted per address for the cap of
 * S2sLimits.unauthenticatedPerAddress, and expired oldest first when the gateway is near its
 * ConnectionLimit. What an unauthenticated peer costs is what it may hold; this table bounds it.
 */

/** Arrival is one unauthenticated incoming connection. */
export class Arrival {
  constructor(
    /** The per-address key (addressKey). */
    readonly address: string,
    readonly started: number,
    /** Closes it when it expires: a stream error on a stream, TCP dropped during a TLS handshake. */
    public expire: (text: string) => void,
  ) {}
}

/** Arrivals is the table; insertion order is accept order, so the oldest come first. */
export class Arrivals {
  readonly #waiting = new Set<Arrival>()
  /** Expired, still closing (a stream waits a moment for the peer's </stream:stream>). */
  readonly #expired = new Set<Arrival>()
  readonly #perAddress = new Map<string, number>()

  /** count is how many unauthenticated connections an address holds. */
  count(address: string): number {
    return this.#perAddress.get(address) ?? 0
  }

  /** closing is how many expired connections have not closed yet: they no longer count as held. */
  get closing(): number {
    return this.#expired.size
  }

  /** arrive records a connection just accepted. */
  arrive(address: string, expire: (text: string) => void, now = performance.now()): Arrival {
    const arrival = new Arrival(address, now, expire)
    this.#waiting.add(arrival)
    this.#perAddress.set(address, this.count(address) + 1)
    return arrival
  }

  /** leave forgets a connection that authenticated or closed; leaving twice is harmless. */
  leave(arrival: Arrival): void {
    if (this.#expired.delete(arrival)) return
    if (!this.#waiting.delete(arrival)) return
    const left = this.count(arrival.address) - 1
    if (left > 0) this.#perAddress.set(arrival.address, left)
    else this.#perAddress.delete(arrival.address)
  }

  /** expireOldest expires up to `count` connections accepted at or before `startedBy`, oldest first. */
  expireOldest(count: number, startedBy: number, text: string): void {
    for (const arrival of this.#waiting) {
      if (count <= 0 || arrival.started > startedBy) return
      this.leave(arrival)
      this.#expired.add(arrival)
      count--
      arrival.expire(text)
    }
  }
}
