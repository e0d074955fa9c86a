/**
 * The bindings of the embedded registrar (RFC 3261 §10.3), in memory: address of record → contacts
 * with their expiry. Pure: the clock is passed in, and an expired binding is simply not returned
 * (no timers to stop). Meant for demos and tests; an organisation's own registrar is reached through
 * the next hop instead.
 */

/** Binding is one contact of an address of record. */
export interface Binding {
  readonly contact: string
  readonly expiresAt: number
  readonly callId: string
  readonly cseq: number
}

/** ContactRequest is one Contact of a REGISTER, with its `expires` parameter when it had one. */
export interface ContactRequest {
  readonly uri: string
  readonly expires?: number
}

/** RegisterRequest is what of a REGISTER the bindings depend on (RFC 3261 §10.3 steps 6–8). */
export interface RegisterRequest {
  readonly aor: string
  /** '*' is the wildcard that removes every binding; an empty list is a query. */
  readonly contacts: '*' | readonly ContactRequest[]
  /** The Expires header, in seconds. */
  readonly expires?: number
  readonly callId: string
  readonly cseq: number
}

/** RegisterResult is the final status, and on 200 the current contacts with their remaining seconds. */
export type RegisterResult =
  | {readonly status: 200; readonly contacts: ReadonlyArray<{readonly contact: string; readonly expires: number}>}
  | {readonly status: 400 | 500; readonly reason: string}

/** Registrar holds bindings. */
export interface Registrar {
  register(request: RegisterRequest): RegisterResult
  /** lookup returns the live contacts of an address of record, most recently refreshed first. */
  lookup(aor: string): Binding[]
}

// RFC 3261 §10.2.1.1 leaves the default to the registrar; an hour is the customary one.
const DEFAULT_EXPIRES_S = 3600
// A registrar may shorten a requested expiry (§10.3 step 7); a day keeps a forgotten UA from lingering.
const MAX_EXPIRES_S = 86_400

/** createRegistrar makes an empty registrar that reads time from now(). */
export function createRegistrar(now: () => number): Registrar {
  const bindings = new Map<string, Map<string, Binding>>()

  function live(aor: string): Map<string, Binding> {
    const current = bindings.get(aor) ?? new Map<string, Binding>()
    for (const [contact, binding] of current) if (binding.expiresAt <= now()) current.delete(contact)
    return current
  }

  function listing(aor: string): RegisterResult {
    const contacts = [...live(aor).values()].map((b) => ({contact: b.contact, expires: Math.max(0, Math.round((b.expiresAt - now()) / 1000))}))
    return {status: 200, contacts}
  }

  return {
    register(request) {
      const current = live(request.aor)
      if (request.contacts === '*') {
        // §10.3 step 6: the wildcard is valid only with Expires: 0.
        if (request.expires !== 0) return {status: 400, reason: 'Wildcard Contact Requires Expires 0'}
        for (const [contact, binding] of current) if (binding.callId !== request.callId || binding.cseq < request.cseq) current.delete(contact)
      } else {
        // §10.3 step 7: a contact's own expires parameter wins over the Expires header (baresip 1.0 sends only the parameter).
        const changes = request.contacts.map((c) => ({uri: c.uri, seconds: Math.min(c.expires ?? request.expires ?? DEFAULT_EXPIRES_S, MAX_EXPIRES_S)}))
        // §10.3 step 7: a request older than the binding (same Call-ID, lower or equal CSeq) fails whole.
        const outOfOrder = changes.some((c) => {
          const existing = current.get(c.uri)
          return existing !== undefined && existing.callId === request.callId && existing.cseq >= request.cseq
        })
        if (outOfOrder) return {status: 500, reason: 'Out Of Order Registration'}
        for (const c of changes) {
          if (c.seconds <= 0) current.delete(c.uri)
          else current.set(c.uri, {contact: c.uri, expiresAt: now() + c.seconds * 1000, callId: request.callId, cseq: request.cseq})
        }
      }
      if (current.size > 0) bindings.set(request.aor, current)
      else bindings.delete(request.aor)
      return listing(request.aor)
    },

    lookup(aor) {
      return [...live(aor).values()].sort((a, b) => b.expiresAt - a.expiresAt)
    },
  }
}
