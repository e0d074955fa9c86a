/**
 * The bindings of the embedded registrar (RFC 3261 §10.3), in memory: address of record → contacts
 * with their expiry. Pure: the clock is passed in, and an expired binding is simply not returned
 * (no timers to stop). Meant for demos and tests; an organisation's own registrar is reached through
 * the next hop instead.
 *
 * Bounded (issue 12): only users with a SIP credential get here (inbound.ts authenticates first, and
 * the cmdlets keep credentials to the store's users), each with at most maxContacts bindings whose
 * kept texts have at most MAX_TEXT_BYTES each. Addresses of record are keyed without case: the
 * credential that opens one opens every spelling of it (sip-credentials.ts reads it by the
 * lower-cased address), so every spelling must count against the same contacts.
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
  | {readonly status: 400 | 403 | 500; readonly reason: string}

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
/** DEFAULT_MAX_CONTACTS is how many contacts a user may have bound at once unless the endpoint says otherwise. */
export const DEFAULT_MAX_CONTACTS = 10
/** MAX_TEXT_BYTES bounds a binding's Contact URI and Call-ID: real ones are tens of bytes, a header may be 60 KB. */
export const MAX_TEXT_BYTES = 1024

/** createRegistrar makes an empty registrar that reads time from now() and binds at most maxContacts contacts per address of record. */
export function createRegistrar(now: () => number, maxContacts = DEFAULT_MAX_CONTACTS): Registrar {
  if (!Number.isInteger(maxContacts) || maxContacts < 1) throw new RangeError(`createRegistrar: maxContacts ${maxContacts} is not a positive integer`)
  const bindings = new Map<string, Map<string, Binding>>()

  function live(aor: string): Map<string, Binding> {
    const current = bindings.get(aor.toLowerCase()) ?? new Map<string, Binding>()
    for (const [contact, binding] of current) if (binding.expiresAt <= now()) current.delete(contact)
    return current
  }

  function listing(aor: string): RegisterResult {
    const contacts = [...live(aor).values()].map((b) => ({contact: b.contact, expires: Math.max(0, Math.round((b.expiresAt - now()) / 1000))}))
    return {status: 200, contacts}
  }

  /** apply adds, refreshes and removes the request's contacts, all or none (§10.3 steps 7–8), or says why none. */
  function apply(current: Map<string, Binding>, request: RegisterRequest, contacts: readonly ContactRequest[]): RegisterResult | undefined {
    if (Buffer.byteLength(request.callId, 'utf8') > MAX_TEXT_BYTES) return {status: 400, reason: `Bad Request (Call-ID longer than ${MAX_TEXT_BYTES} bytes)`}
    if (contacts.some((c) => Buffer.byteLength(c.uri, 'utf8') > MAX_TEXT_BYTES)) return {status: 400, reason: `Bad Request (Contact longer than ${MAX_TEXT_BYTES} bytes)`}
    // §10.3 step 7: a contact's own expires parameter wins over the Expires header (baresip 1.0 sends only the parameter).
    const changes = contacts.map((c) => ({uri: c.uri, seconds: Math.min(c.expires ?? request.expires ?? DEFAULT_EXPIRES_S, MAX_EXPIRES_S)}))
    // §10.3 step 7: a request older than the binding (same Call-ID, lower or equal CSeq) fails whole.
    const outOfOrder = changes.some((c) => {
      const existing = current.get(c.uri)
      return existing !== undefined && existing.callId === request.callId && existing.cseq >= request.cseq
    })
    if (outOfOrder) return {status: 500, reason: 'Out Of Order Registration'}
    if (countAfter(current, changes) > maxContacts) return {status: 403, reason: `Forbidden (more than ${maxContacts} contacts for one user)`}
    for (const c of changes) {
      if (c.seconds <= 0) current.delete(c.uri)
      else current.set(c.uri, {contact: c.uri, expiresAt: now() + c.seconds * 1000, callId: request.callId, cseq: request.cseq})
    }
    return undefined
  }

  return {
    register(request) {
      const current = live(request.aor)
      if (request.contacts === '*') {
        // §10.3 step 6: the wildcard is valid only with Expires: 0.
        if (request.expires !== 0) return {status: 400, reason: 'Wildcard Contact Requires Expires 0'}
        for (const [contact, binding] of current) if (binding.callId !== request.callId || binding.cseq < request.cseq) current.delete(contact)
      } else {
        const refusal = apply(current, request, request.contacts)
        if (refusal) return refusal
      }
      if (current.size > 0) bindings.set(request.aor.toLowerCase(), current)
      else bindings.delete(request.aor.toLowerCase())
      return listing(request.aor)
    },

    lookup(aor) {
      return [...live(aor).values()].sort((a, b) => b.expiresAt - a.expiresAt)
    },
  }
}

/**
 * countAfter is how many contacts an address of record would have once changes applied. Over the cap
 * the REGISTER is refused whole with 403: RFC 3261 §10.3 lets a registrar refuse, and no status is
 * defined for "too many". Not 503 with Retry-After (Kamailio's choice): the limit is not a
 * temporary overload (§21.5.4), waiting does not lift it, and RFC 3263 §4.3 makes a client take a
 * 503 for a failed server and move on; 403 says that authorization will not help (§21.4.4), while the
 * user may still remove contacts (Expires: 0 or the wildcard) and register again.
 */
function countAfter(current: ReadonlyMap<string, Binding>, changes: ReadonlyArray<{uri: string; seconds: number}>): number {
  const after = new Set(current.keys())
  for (const c of changes) {
    if (c.seconds <= 0) after.delete(c.uri)
    else after.add(c.uri)
  }
  return after.size
}
