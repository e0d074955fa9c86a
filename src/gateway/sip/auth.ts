import {randomBytes} from 'node:crypto'
import {stringifyAuthHeader, stringifyUri, type SipMessage} from 'sip'
import {createNonce, digestChallenge, nonceIssuedAt, nonceState, parseDigestCredentials, verifyDigest} from './digest.js'
import {fromWire} from './message.js'
import {createNonceCounts} from './nonce-counts.js'
import {sameSipUri} from './uri-equality.js'

/**
 * Digest authentication of requests (RFC 3261 §22): a registrar challenges with 401 and
 * WWW-Authenticate (§22.2), a proxy-like element such as this gateway receiving a MESSAGE with
 * 407 and Proxy-Authenticate (§22.3). The realm is the domain of the user being authenticated and
 * the HA1 comes from the caller (Set-CsUserSipCredential stores it, cmdlets.md A9.1).
 */

/** Challenge says which header pair a request is checked with. */
export type ChallengeKind = 'registrar' | 'proxy'

/** AuthCheck is the verdict on a request: who it is, a (re-)challenge to send, or a refusal. */
export type AuthCheck =
  | {readonly verdict: 'authenticated'; readonly username: string}
  | {readonly verdict: 'challenge'; readonly status: 401 | 407; readonly header: 'www-authenticate' | 'proxy-authenticate'; readonly value: string; readonly why?: string}
  | {readonly verdict: 'forbidden'; readonly why: string}
  | {readonly verdict: 'bad-request'; readonly why: string}

/** AuthOptions give the HA1 store, the clock, how long a nonce lives and how many nonce-counts are kept (nonce-counts.ts). */
export interface AuthOptions {
  ha1(user: string): Promise<string | undefined>
  readonly now: () => number
  readonly nonceLifetimeMs: number
  readonly maxNonceCounts: number
}

/** Authenticator checks one request against one realm. */
export interface Authenticator {
  check(request: SipMessage, kind: ChallengeKind, realm: string): Promise<AuthCheck>
}

/** createAuthenticator makes an authenticator with its own nonce secret (nonces do not survive a restart; clients are simply challenged again). */
export function createAuthenticator(options: AuthOptions): Authenticator {
  const secret = randomBytes(32)
  const counts = createNonceCounts({now: options.now, lifetimeMs: options.nonceLifetimeMs, max: options.maxNonceCounts})

  function challenge(kind: ChallengeKind, realm: string, stale: boolean, why?: string): AuthCheck {
    const value = digestChallenge(realm, createNonce(secret, options.now()), stale)
    const because = why === undefined ? {} : {why}
    return kind === 'registrar'
      ? {verdict: 'challenge', status: 401, header: 'www-authenticate', value, ...because}
      : {verdict: 'challenge', status: 407, header: 'proxy-authenticate', value, ...because}
  }

  return {
    async check(request, kind, realm) {
      const raw = request.headers[kind === 'registrar' ? 'authorization' : 'proxy-authorization']
      // The codec has already split the header into fields; rebuild it (as text: a realm may be a U-label) for our own, stricter parser.
      const all = (Array.isArray(raw) ? raw : []).map((fields) => parseDigestCredentials(fromWire(stringifyAuthHeader(fields)) ?? ''))
      const credentials = all.find((c) => c !== undefined && c.realm.normalize('NFC').toLowerCase() === realm)
      if (!credentials) return challenge(kind, realm, false)
      // A nonce we did not issue (e.g. from before a restart) earns a fresh challenge, not a refusal (RFC 2617 §3.2.1).
      const state = nonceState(secret, credentials.nonce, options.now(), options.nonceLifetimeMs)
      if (state === 'forged') return challenge(kind, realm, false)
      const ha1 = await options.ha1(`${credentials.username}@${realm}`)
      if (ha1 === undefined) return {verdict: 'forbidden', why: 'no SIP credential for this user'}
      if (!verifyDigest(credentials, {method: request.method ?? '', ha1})) return {verdict: 'forbidden', why: 'wrong digest response'}
      // RFC 2617 §3.2.2.5: the uri must name the resource of the request line; "if they are not, the server SHOULD return a 400".
      // Checked after the response, so that a wrong password is a wrong password (403) whatever uri it came with.
      if (!sameSipUri(credentials.uri, stringifyUri(request.uri ?? ''))) return {verdict: 'bad-request', why: 'digest uri is not the Request-URI'}
      // Right password, old nonce: stale=true lets the client retry without asking its user (RFC 2617 §3.2.1).
      if (state === 'stale') return challenge(kind, realm, true)
      // Counted last, so that only requests with a right digest move the count (verifyDigest insisted on qop=auth and an nc).
      const count = counts.count(credentials.nonce, nonceIssuedAt(credentials.nonce)!, parseInt(credentials.nc!, 16))
      if (count === 'replayed') return challenge(kind, realm, false, `nonce-count ${credentials.nc} already seen with this nonce`)
      if (count === 'forgotten') return challenge(kind, realm, true)
      return {verdict: 'authenticated', username: credentials.username}
    },
  }
}
