import assert from 'node:assert/strict'
import {after, test} from 'node:test'
import {startTestGateway, type TestGateway, type TestGatewayOptions} from '../../helpers/sip/gateway.js'
import {loopbackBlock} from '../../helpers/sip/peers.js'
import {startResponder, type Responder} from '../../helpers/sip/raw.js'

/**
 * sendMessage's outcomes when things go wrong (RFC 3261 §8.1.3, §17.1.2): no route (480), a peer
 * that never answers (408 after the configured time, with Timer E retransmissions over UDP), a
 * refused connection (503), a page-mode MESSAGE too large for UDP (513, RFC 3428 §5), and
 * pending requests when the endpoint stops (503).
 */

const ip = loopbackBlock()
const HOP = ip(4)
const message = {from: 'sip:juliet@xmpp.example', to: 'sip:romeo@sip.example', body: 'Parting is such sweet sorrow'}
const started: Array<TestGateway | Responder> = []
after(async () => {
  for (const s of started.reverse()) await s.stop()
})

async function gateway(options: Partial<TestGatewayOptions> & {transport: TestGatewayOptions['transport']}): Promise<TestGateway> {
  const g = await startTestGateway({address: ip(1), ...options})
  started.push(g)
  return g
}

async function responder(protocol: 'udp' | 'tcp', status: number | undefined): Promise<Responder> {
  const r = await startResponder(protocol, HOP, status)
  started.push(r)
  return r
}

test('no registration and no next hop: 480 Temporarily Unavailable, nothing sent', async () => {
  const g = await gateway({transport: 'udp'})
  assert.deepEqual(await g.endpoint.sendMessage(message), {status: 480, reason: 'Temporarily Unavailable'})
})

test('a next hop that never answers over UDP: 408 after the configured time, retransmitted meanwhile (Timer E)', async () => {
  const silent = await responder('udp', undefined)
  const g = await gateway({transport: 'udp', nextHop: {host: HOP, port: silent.port, transport: 'udp'}, transactionTimeoutMs: 1200})
  const startedAt = Date.now()
  assert.deepEqual(await g.endpoint.sendMessage(message), {status: 408, reason: 'Request Timeout'})
  assert.ok(Date.now() - startedAt >= 1100, 'not before the timeout')
  assert.ok(silent.requests.length >= 2, `retransmitted: ${silent.requests.length} copies`)
  assert.equal(new Set(silent.requests).size, 1, 'retransmissions are identical')
})

test('a next hop that never answers over TCP: 408, sent once (reliable transport, RFC 3261 §17.1.2.2)', async () => {
  const silent = await responder('tcp', undefined)
  const g = await gateway({transport: 'tcp', nextHop: {host: HOP, port: silent.port, transport: 'tcp'}, transactionTimeoutMs: 800})
  assert.deepEqual(await g.endpoint.sendMessage(message), {status: 408, reason: 'Request Timeout'})
  assert.equal(silent.requests.length, 1)
})

test('a refused TCP connection: 503 at once (a transport error, RFC 3261 §8.1.3.1)', async () => {
  const closed = await responder('tcp', 200)
  const port = closed.port
  await closed.stop()
  started.pop()
  const g = await gateway({transport: 'tcp', nextHop: {host: HOP, port, transport: 'tcp'}, transactionTimeoutMs: 5000})
  const startedAt = Date.now()
  assert.deepEqual(await g.endpoint.sendMessage(message), {status: 503, reason: 'Service Unavailable'})
  assert.ok(Date.now() - startedAt < 2000)
})

test("the peer's final status and reason phrase are the outcome", async () => {
  const busy = await responder('udp', 486)
  const g = await gateway({transport: 'udp', nextHop: {host: HOP, port: busy.port, transport: 'udp'}})
  assert.deepEqual(await g.endpoint.sendMessage(message), {status: 486, reason: 'Answered'})
})

test('over 1300 bytes toward a UDP hop: 513 without sending (RFC 3428 §5); the same over TCP goes out', async () => {
  const long = {...message, body: 'é'.repeat(700)}
  const udp = await responder('udp', 200)
  const g = await gateway({transport: 'udp', nextHop: {host: HOP, port: udp.port, transport: 'udp'}})
  assert.deepEqual(await g.endpoint.sendMessage(long), {status: 513, reason: 'Message Too Large'})
  assert.equal(udp.requests.length, 0)
  const tcp = await responder('tcp', 200)
  const overTcp = await gateway({address: ip(2), transport: 'tcp', nextHop: {host: HOP, port: tcp.port, transport: 'tcp'}})
  assert.equal((await overTcp.endpoint.sendMessage(long)).status, 200)
})

test('stop() settles a pending sendMessage with 503 instead of leaving it to its timer', async () => {
  const silent = await responder('udp', undefined)
  const g = await startTestGateway({address: ip(3), transport: 'udp', nextHop: {host: HOP, port: silent.port, transport: 'udp'}, transactionTimeoutMs: 30_000})
  const pending = g.endpoint.sendMessage(message)
  await new Promise((resolve) => setTimeout(resolve, 100))
  await g.stop()
  assert.deepEqual(await pending, {status: 503, reason: 'Service Unavailable'})
})

test('many MESSAGEs share one TCP connection to the next hop, without listener leaks', async () => {
  const hop = await responder('tcp', 200)
  const g = await gateway({address: ip(5), transport: 'tcp', nextHop: {host: HOP, port: hop.port, transport: 'tcp'}})
  const warnings: Error[] = []
  const onWarning = (w: Error) => warnings.push(w)
  process.on('warning', onWarning)
  try {
    const outcomes = await Promise.all(Array.from({length: 25}, (_, i) => g.endpoint.sendMessage({...message, body: `line ${i}`})))
    assert.deepEqual(new Set(outcomes.map((o) => o.status)), new Set([200]))
    assert.equal(hop.requests.length, 25)
    assert.equal(hop.connections(), 1)
    assert.deepEqual(new Set(hop.requests.map((r) => r.split('\r\n\r\n')[1])), new Set(Array.from({length: 25}, (_, i) => `line ${i}`)))
  } finally {
    process.off('warning', onWarning)
  }
  assert.deepEqual(warnings, [])
})
