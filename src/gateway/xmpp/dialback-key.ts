import {createHash, createHmac, timingSafeEqual} from 'node:crypto'

/**
 * Dialback keys (XEP-0185, used by XEP-0220): key = HMAC-SHA256(hex(SHA256(secret)), "receiving
 * originating streamId"), in lower-case hex. The secret is the gateway's DialbackPassphrase
 * (cmdlets.md A3.3), shared by every node of a deployment so that any of them can verify a key
 * another one sent; without one, the gateway's generated secret (dialback-secret.ts).
 */

/** dialbackKey computes the key the originating server sends and the authoritative server recomputes. */
export function dialbackKey(secret: string, receiving: string, originating: string, streamId: string): string {
  const hashedSecret = createHash('sha256').update(secret).digest('hex')
  return createHmac('sha256', hashedSecret).update(`${receiving} ${originating} ${streamId}`).digest('hex')
}

/** keysMatch compares a received key with the expected one in constant time. */
export function keysMatch(received: string, expected: string): boolean {
  const a = Buffer.from(received.trim().toLowerCase())
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
