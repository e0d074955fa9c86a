import assert from 'node:assert/strict'
import {within} from '../sip/peers.js'
import type {Memory, Target} from './target.js'
import {HEADER, type RawXmppClient, connectXmpp} from './xmpp-client.js'
import {saslStream} from './partner-stream.js'

/**
 * What the input-accounting tests (issue 12) share: an endless flood that stops as soon as the gateway
 * has closed the stream, a partner that authenticates with SASL EXTERNAL on either port, the check
 * that the gateway still serves a legitimate partner, and the memory comparison.
 */

const MiB = 1024 * 1024
const CHUNK = 64 * 1024

/** FloodResult is how much the flood wrote before the gateway closed the stream (or the flood ended). */
export interface FloodResult {
  readonly sent: number
  /** The gateway ended the stream (`</stream:stream>` or TCP) before the flood ended. */
  readonly refused: boolean
}

/**
 * flood writes `piece` again and again in 64 KiB writes, up to `bytes` or `ms`, and stops as soon as the
 * gateway answered with `</stream:stream>` or closed the connection. Each write waits until the
 * socket took it, so the gateway's reading paces the flood, and then for the event loop: a write the
 * kernel takes at once completes without it, and the gateway's answer would wait unread.
 */
export async function flood(client: RawXmppClient, piece: string, bytes = 64 * MiB, ms = 45_000): Promise<FloodResult> {
  const mark = client.text().length
  const chunk = Buffer.from(piece.repeat(Math.ceil(CHUNK / piece.length)).slice(0, CHUNK))
  const deadline = Date.now() + ms
  let sent = 0
  const ended = (): boolean => client.isClosed() || client.text().includes('</stream:stream>', mark)
  while (sent < bytes && Date.now() < deadline && !ended()) {
    if (!(await client.write(chunk))) break
    sent += chunk.length
    await new Promise((resolve) => setImmediate(resolve))
  }
  const refused = ended() || (await within(client.closed, 3000, 'the close').then(() => true, () => false))
  return {sent, refused}
}

/** refusal is the end of a stream the gateway refused: its stream error, with the text (RFC 6120 §4.9). */
export function refusal(condition: string, text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`<stream:error><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-streams"/><text xmlns="urn:ietf:params:xml:ns:xmpp-streams" xml:lang="en">${escaped}</text></stream:error></stream:stream>$`)
}

/** answered waits until the gateway sent its closing tag (or closed), then returns what it sent after mark. */
export async function answered(client: RawXmppClient, mark = 0, ms = 5000): Promise<string> {
  await client.waitFor('</stream:stream>', ms, mark).catch(() => undefined)
  client.destroy()
  return client.text().slice(mark)
}

/**
 * authenticate logs in as a SASL EXTERNAL partner (p1.test or p2.test) with its valid certificate,
 * over STARTTLS or the XEP-0368 port; the stream is restarted (with the given header, or the usual
 * one) and answered with its features.
 */
export async function authenticate(target: Target, domain: 'p1.test' | 'p2.test', {directTls = false, restart}: {directTls?: boolean; restart?: string} = {}): Promise<RawXmppClient> {
  const client = await saslStream(target, {certificate: domain, directTls})
  const mark = client.text().length
  await client.write(restart ?? HEADER(domain, 'gw.test'))
  await client.waitFor('<stream:features', 5000, mark)
  return client
}

/** assertServing checks that the gateway is alive and answers a legitimate partner's header with its features. */
export async function assertServing(target: Target): Promise<void> {
  assert.equal(target.alive(), true, 'the gateway process is alive')
  const client = await connectXmpp(target.host, target.port)
  try {
    await client.write(HEADER('p1.test', 'gw.test'))
    await client.waitFor(/<stream:features><starttls xmlns="urn:ietf:params:xml:ns:xmpp-tls"><required\/><\/starttls><\/stream:features>/)
  } finally {
    client.destroy()
  }
}

/**
 * MEMORY_TOLERANCE is how much the gateway may have grown after an attack, once collected, in MiB.
 * heapUsed is what would hold anything the gateway kept of a peer's input: after an attack that
 * left nothing behind it moves by less than 1 MiB. RSS also counts the heap V8 keeps reserved after
 * growing it (heapTotal 21 → 46 MiB under 2,500 connections) and what the C allocator keeps after
 * freeing socket and TLS buffers: measured over repeated rounds it settles 30–45 MiB above a fresh
 * process and stays there. The unfixed gateway kept 66–480 MiB of heap (xmpp-input-memory.test.ts).
 */
export const MEMORY_TOLERANCE = {heapUsed: 16, rss: 64} as const

/**
 * assertMemoryBack compares the gateway's memory after an attack with its level before, after garbage
 * collection; it returns the growth, for the test's diagnostics.
 */
export function assertMemoryBack(before: Memory, after: Memory, tolerance: {heapUsed: number; rss: number} = MEMORY_TOLERANCE): string {
  const grown = (field: 'rss' | 'heapUsed'): string => `${field} grew by ${((after[field] - before[field]) / MiB).toFixed(1)} MiB (${(before[field] / MiB).toFixed(1)} → ${(after[field] / MiB).toFixed(1)} MiB)`
  assert.ok(after.heapUsed - before.heapUsed <= tolerance.heapUsed * MiB, grown('heapUsed'))
  assert.ok(after.rss - before.rss <= tolerance.rss * MiB, grown('rss'))
  return `${grown('heapUsed')}, ${grown('rss')}`
}

export {MiB}
