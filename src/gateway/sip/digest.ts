import {createHash, createHmac, timingSafeEqual} from 'node:crypto'

/**
 * HTTP Digest with MD5 and qop=auth as SIP uses it (RFC 3261 §22.4, RFC 2617 §3, RFC 7616 §3.4.1
 * for the same computation with the algorithm named). Pure functions: the nonce carries its own
 * issue time and an HMAC, so the server keeps no per-challenge state (RFC 2617 §3.2.1 suggests a
 * time stamp in the nonce for exactly this); only the replay guard counts per nonce, once a
 * request has authenticated with it (nonce-counts.ts).
 */

/** DigestCredentials are the fields of an Authorization or Proxy-Authorization header (RFC 2617 §3.2.2). */
export interface DigestCredentials {
  readonly username: string
  readonly realm: string
  readonly nonce: string
  readonly uri: string
  readonly response: string
  readonly algorithm?: string
  readonly cnonce?: string
  readonly nc?: string
  readonly qop?: string
  readonly opaque?: string
}

/** NonceState says whether a nonce is ours and still young enough. */
export type NonceState = 'fresh' | 'stale' | 'forged'

/** DigestRequest is what the response hash covers besides the credentials: the method (RFC 2617 §3.2.2.3 A2). */
export interface DigestRequest {
  readonly method: string
  readonly ha1: string
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex')

/** computeHa1 is MD5(username:realm:password) (RFC 2617 §3.2.2.2), what Set-CsUserSipCredential stores (cmdlets.md A9.1). */
export function computeHa1(username: string, realm: string, password: string): string {
  return md5(`${username}:${realm}:${password}`)
}

/** digestResponse is request-digest for qop=auth, or the RFC 2069 form without qop (RFC 2617 §3.2.2.1). */
export function digestResponse(ha1: string, method: string, credentials: Omit<DigestCredentials, 'response' | 'username' | 'realm'>): string {
  const ha2 = md5(`${method}:${credentials.uri}`)
  if (credentials.qop === undefined) return md5(`${ha1}:${credentials.nonce}:${ha2}`)
  return md5(`${ha1}:${credentials.nonce}:${credentials.nc ?? ''}:${credentials.cnonce ?? ''}:${credentials.qop}:${ha2}`)
}

/**
 * verifyDigest checks credentials against the stored HA1. It insists on what the challenge offered
 * (algorithm MD5, qop auth with a cnonce and an 8-hex-digit nc: RFC 2617 §3.2.2) and compares in
 * constant time.
 */
export function verifyDigest(credentials: DigestCredentials, request: DigestRequest): boolean {
  if (credentials.algorithm !== undefined && credentials.algorithm.toUpperCase() !== 'MD5') return false
  if (credentials.qop?.toLowerCase() !== 'auth' || !credentials.cnonce || !/^[0-9a-fA-F]{8}$/.test(credentials.nc ?? '')) return false
  const expected = Buffer.from(digestResponse(request.ha1.toLowerCase(), request.method, {...credentials, qop: 'auth'}), 'utf8')
  const actual = Buffer.from(credentials.response.toLowerCase(), 'utf8')
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

/** digestChallenge is a WWW-Authenticate / Proxy-Authenticate value (RFC 2617 §3.2.1), stale=true when only the nonce aged. */
export function digestChallenge(realm: string, nonce: string, stale = false): string {
  return `Digest realm=${quote(realm)}, nonce=${quote(nonce)}, algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`
}

/** createNonce makes a nonce: its issue time (base 36 ms) and an HMAC of it under the server's secret. */
export function createNonce(secret: Uint8Array, now: number): string {
  const issued = Math.floor(now).toString(36)
  return `${issued}.${createHmac('sha256', secret).update(issued).digest('base64url')}`
}

/** nonceIssuedAt reads the issue time a nonce claims (ms), or undefined when it has none; only nonceState says whether the claim is ours. */
export function nonceIssuedAt(nonce: string): number | undefined {
  const [issued, mac] = nonce.split('.')
  return issued === undefined || mac === undefined || !/^[0-9a-z]{1,12}$/.test(issued) ? undefined : parseInt(issued, 36)
}

/** nonceState tells a nonce we issued less than lifetimeMs ago (fresh) from an older one (stale) and from one we never issued (forged). */
export function nonceState(secret: Uint8Array, nonce: string, now: number, lifetimeMs: number): NonceState {
  const issued = nonceIssuedAt(nonce)
  if (issued === undefined) return 'forged'
  const expected = Buffer.from(createNonce(secret, issued), 'utf8')
  const actual = Buffer.from(nonce, 'utf8')
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'forged'
  const age = now - issued
  return age >= 0 && age <= lifetimeMs ? 'fresh' : 'stale'
}

/**
 * parseDigestCredentials reads `Digest k=v, k="v", …` (RFC 2617 §3.2.2; auth-param names are
 * case-insensitive, quoted-strings may hold backslash escapes, RFC 3261 §25.1), or undefined when
 * the scheme is not Digest or a required field is missing.
 */
export function parseDigestCredentials(header: string): DigestCredentials | undefined {
  const m = /^\s*Digest\s+/i.exec(header)
  if (!m) return undefined
  const fields = new Map<string, string>()
  const param = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*(?:,|$)/gy
  param.lastIndex = m[0].length
  for (let p = param.exec(header); p; p = param.exec(header)) {
    fields.set(p[1]!.toLowerCase(), p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!)
    if (param.lastIndex >= header.length) break
  }
  const get = (name: string) => fields.get(name)
  const [username, realm, nonce, uri, response] = ['username', 'realm', 'nonce', 'uri', 'response'].map(get)
  if (username === undefined || realm === undefined || nonce === undefined || uri === undefined || response === undefined) return undefined
  const optional = Object.fromEntries(['algorithm', 'cnonce', 'nc', 'qop', 'opaque'].flatMap((k) => (fields.has(k) ? [[k, fields.get(k)!]] : [])))
  return {username, realm, nonce, uri, response, ...optional}
}

function quote(text: string): string {
  return `"${text.replace(/(["\\])/g, '\\$1')}"`
}
