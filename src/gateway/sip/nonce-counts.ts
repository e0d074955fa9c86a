/**
 * The replay guard of digest with qop=auth (RFC 2617 §3.2.2, RFC 7616 §3.4): a client counts the
 * requests it sends with one nonce in nc, and "if the same nc-value is seen twice, then the request
 * is a replay". The nonce itself is stateless (digest.ts), so this is the only per-nonce state, and
 * it is bounded twice: a record lives only as long as its nonce is fresh (an older nonce is stale
 * before its count is looked at), and there are at most `max` records. When full, the record first
 * used longest ago is forgotten, and with it every nonce issued no later than it: such a nonce is
 * then treated as forgotten (the client gets a new one), never as unused, so forgetting cannot
 * reopen a replay.
 */

/** NonceCountVerdict is what a nonce-count says about a request: the next of its nonce, a replay, or a nonce no longer recorded. */
export type NonceCountVerdict = 'next' | 'replayed' | 'forgotten'

/** NonceCountOptions are the clock, the nonce lifetime and the most records kept. */
export interface NonceCountOptions {
  readonly now: () => number
  readonly lifetimeMs: number
  readonly max: number
}

/** NonceCounts keeps the highest nonce-count seen per fresh nonce. */
export interface NonceCounts {
  /** count records nc for a nonce issued at issuedAt when it is higher than every count seen with that nonce. */
  count(nonce: string, issuedAt: number, nc: number): NonceCountVerdict
  /** size is how many nonces are recorded. */
  readonly size: number
}

/** createNonceCounts makes an empty record. */
export function createNonceCounts(options: NonceCountOptions): NonceCounts {
  if (!Number.isInteger(options.max) || options.max < 1) throw new RangeError(`createNonceCounts: max ${options.max} is not a positive integer`)
  // Map order is the order of first use: the front is what to sweep and to forget first.
  const highest = new Map<string, {nc: number; issuedAt: number}>()
  // Nonces issued at or before this were forgotten to make room.
  let forgottenUpTo = -Infinity

  function sweep(): void {
    const oldest = options.now() - options.lifetimeMs
    for (const [nonce, seen] of highest) {
      if (seen.issuedAt >= oldest) return
      highest.delete(nonce)
    }
  }

  function makeRoom(): void {
    const [nonce, seen] = highest.entries().next().value!
    highest.delete(nonce)
    forgottenUpTo = Math.max(forgottenUpTo, seen.issuedAt)
  }

  return {
    count(nonce, issuedAt, nc) {
      sweep()
      const seen = highest.get(nonce)
      if (seen) {
        if (nc <= seen.nc) return 'replayed'
        seen.nc = nc
        return 'next'
      }
      if (issuedAt <= forgottenUpTo) return 'forgotten'
      if (highest.size >= options.max) makeRoom()
      highest.set(nonce, {nc, issuedAt})
      return 'next'
    },
    get size() {
      return highest.size
    },
  }
}
