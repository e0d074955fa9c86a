import assert from 'node:assert/strict'
import net from 'node:net'
import {after, before, test} from 'node:test'
import {restartAfterSasl, saslStream} from '../helpers/security/partner-stream.js'
import {type Target, startTarget} from '../helpers/security/target.js'

/**
 * Issue 12: error replies toward a partner whose server never answers queued without bound (+68 MB per
 * 20,000). The attacker holds p1.test's certificate and sends messages to users that do not exist;
 * each gets an error reply on the gateway's own stream to p1.test (RFC 6120 §10.4), and p1.test's
 * server (address(21):5269 here) accepts TCP and never says a word, so that stream stays in
 * negotiation until StreamEstablishmentTimeout. What waits for it is capped per link; the rest is
 * dropped with a log line, never answered (RFC 6120 §8.3.1), and memory comes back.
 */

const ESTABLISHMENT_S = 20
const MESSAGES = 10_000
/** The per-link cap of stanzas waiting for an outgoing stream (S2sLimits.queuedPerLink). */
const QUEUED_PER_LINK = 1000
const MB = 1024 * 1024

let target: Target
let tarpit: net.Server
const held = new Set<net.Socket>()
before(async () => {
  target = await startTarget({setup: `Set-CsXmppGatewayConfiguration -StreamEstablishmentTimeout ${ESTABLISHMENT_S}`})
  // p1.test's server: accepts the gateway's connection, reads everything, answers nothing.
  tarpit = net.createServer((socket) => {
    held.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => held.delete(socket))
    socket.resume()
  })
  await new Promise<void>((resolve) => tarpit.listen(5269, target.address(21), resolve))
})
after(async () => {
  for (const socket of held) socket.destroy()
  await new Promise((resolve) => tarpit?.close(resolve))
  await target?.close()
})

test('error replies toward a partner that never answers are capped per link, dropped with a log line, and leave no memory behind', {timeout: 55_000}, async () => {
  const before = await target.memory()
  const client = await saslStream(target, {certificate: 'p1.test'})
  await restartAfterSasl(client, 'p1.test')
  const started = performance.now()
  const batch: string[] = []
  for (let i = 0; i < MESSAGES; i++) {
    batch.push(`<message id='m${i}' from='mallory@p1.test/r' to='nobody${i}@gw.test' type='chat'><body>reply to me, ${i}</body></message>`)
    if (batch.length === 500) await client.write(batch.splice(0).join(''))
  }
  const refused = (): number => target.gateway.lines.filter((l) => l.msg === 'xmpp stanza refused' && l.from === 'mallory@p1.test/r').length
  for (let waited = 0; refused() < MESSAGES && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100))
  assert.equal(refused(), MESSAGES)
  // Still inside StreamEstablishmentTimeout: the replies that may wait are waiting now.
  assert.ok(performance.now() - started < ESTABLISHMENT_S * 1000 - 2000, 'the attack took too long to measure the queue while it is held')
  const during = await target.memory()
  assert.ok(during.heapUsed - before.heapUsed < 8 * MB, `the heap grew by ${((during.heapUsed - before.heapUsed) / MB).toFixed(1)} MB while the link was connecting`)
  const full = target.gateway.lines.filter((l) => l.msg === 's2s queue full; error replies dropped')
  assert.deepEqual(full.map(({local, remote, limit}) => ({local, remote, limit})), [{local: 'gw.test', remote: 'p1.test', limit: QUEUED_PER_LINK}])

  // The stream to p1.test times out; what waited is dropped (never answered), and one line counts what overflowed.
  const ended = await target.gateway.waitForLog((l) => l.msg === 's2s queue drained' && l.remote === 'p1.test', (ESTABLISHMENT_S + 10) * 1000)
  assert.equal(ended.dropped, MESSAGES - QUEUED_PER_LINK)
  client.destroy()
  const afterwards = await target.memory()
  assert.ok(afterwards.heapUsed - before.heapUsed < 4 * MB, `the heap stayed ${((afterwards.heapUsed - before.heapUsed) / MB).toFixed(1)} MB above its level before`)
  assert.deepEqual(target.lastResort(), [])
  assert.equal(target.alive(), true)
})
