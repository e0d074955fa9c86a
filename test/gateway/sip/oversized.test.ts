import assert from 'node:assert/strict'
import net from 'node:net'
import {after, before, test} from 'node:test'
import {startTestGateway, type TestGateway} from '../../helpers/sip/gateway.js'
import {type HoldingHop, startHoldingHop} from '../../helpers/sip/holding-hop.js'
import {loopbackBlock, waitFor, within} from '../../helpers/sip/peers.js'
import {buildRequest, exchange, openUdp} from '../../helpers/sip/raw.js'

/**
 * A message over the size limits fails only its own transaction (issue 12, item 4, SIP side): on a
 * stream its bytes are skipped and the connection, shared with other transactions, goes on; a
 * request is answered 513 Message Too Large (RFC 3261 §21.5.14), a response fails the request it
 * answers with a local 513. Only a header block that never ends within a hard cap (1 MiB) ends the
 * connection.
 */

const ip = loopbackBlock()
const CLIENT = ip(3)
const started: Array<{stop(): Promise<void>}> = []
let hop: HoldingHop
let tcp: TestGateway
before(async () => {
  hop = await startHoldingHop(ip(4))
  tcp = await startTestGateway({address: ip(1), transport: 'tcp', nextHop: {host: ip(4), port: hop.port, transport: 'tcp'}, trustedHosts: [CLIENT], transactionTimeoutMs: 5000})
  started.push(tcp, hop)
})
after(async () => {
  for (const s of started.reverse()) await s.stop()
})

const PADDING = `X-Padding: ${'p'.repeat(70 * 1024)}\r\n`
const to = (n: number) => `sip:user${n}@sip.example`

test('a 70 KB response fails its own request with 513; twenty others in flight on the same connection get their 200', async () => {
  const outcomes = Array.from({length: 21}, (_, n) => tcp.endpoint.sendMessage({from: 'sip:juliet@xmpp.example', to: to(n), body: `message ${n}`}))
  await hop.waitForRequests(21, 5000)
  const oversized = hop.requests.find((r) => r.text.includes(`user10@`))!
  hop.answer([oversized], 200, () => PADDING)
  hop.answer(hop.requests.filter((r) => r !== oversized), 200)
  const results = await within(Promise.all(outcomes), 4000, 'the 21 outcomes')
  assert.deepEqual(results[10], {status: 513, reason: 'Message Too Large'})
  assert.deepEqual(results.filter((_, n) => n !== 10), Array.from({length: 20}, () => ({status: 200, reason: 'OK'})))
  assert.equal(hop.connections(), 1)
  assert.equal(hop.closed(), 0, 'the shared connection is still open')
  // And it still carries requests.
  const next = tcp.endpoint.sendMessage({from: 'sip:juliet@xmpp.example', to: to(99), body: 'after'})
  await hop.waitForRequests(22, 2000)
  hop.answer([hop.requests[21]!], 200)
  assert.deepEqual(await next, {status: 200, reason: 'OK'})
  assert.equal(hop.connections(), 1)
})

const peer = {local: CLIENT, protocol: 'tcp' as const}
const options = (uri = 'sip:sip.example') => buildRequest({method: 'OPTIONS', uri, via: `${CLIENT}:5060`}, 'TCP')
const message = (headers: ReadonlyArray<readonly [string, string]>, body = 'hi') =>
  buildRequest({method: 'MESSAGE', uri: 'sip:juliet@xmpp.example', from: 'sip:romeo@sip.example', via: `${CLIENT}:5060`, headers: [['Content-Type', 'text/plain'], ...headers], body}, 'TCP')

/** twoOnOneConnection sends two requests on one connection and reads the first two final responses. */
async function twoOnOneConnection(first: string, second: string): Promise<{statuses: string[]; closed: boolean}> {
  const socket = net.connect({host: ip(1), port: Number(tcp.hostPort.split(':')[1]), localAddress: CLIENT})
  let received = ''
  let closed = false
  socket.setEncoding('latin1')
  socket.on('data', (data: string) => (received += data))
  socket.on('close', () => (closed = true))
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.once('connect', resolve))
  socket.write(first + second, 'latin1')
  const statuses = () => [...received.matchAll(/^SIP\/2\.0 (\d{3} [^\r]*)/gm)].map((m) => m[1]!)
  await waitFor(() => statuses().length >= 2 || closed, 3000, 'two responses').catch(() => {})
  socket.destroy()
  return {statuses: statuses(), closed}
}

test('a request whose header block is over 60 KB is answered 513, and the next request on the connection is served', async () => {
  const result = await twoOnOneConnection(message([['Subject', 's'.repeat(70 * 1024)]]), options())
  assert.deepEqual(result, {statuses: ['513 Message Too Large', '200 OK'], closed: false})
})

test('a request whose body is over 64 KB is answered 513, its body skipped, and the next request served', async () => {
  const result = await twoOnOneConnection(message([], 'b'.repeat(70 * 1024)), options())
  assert.deepEqual(result, {statuses: ['513 Message Too Large', '200 OK'], closed: false})
})

test('a header block that never ends is given up only past 1 MiB', async () => {
  const socket = net.connect({host: ip(1), port: Number(tcp.hostPort.split(':')[1]), localAddress: CLIENT})
  let closed = false
  socket.on('close', () => (closed = true))
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.once('connect', resolve))
  socket.write(`MESSAGE sip:a@sip.example SIP/2.0\r\nX-Endless: ${'e'.repeat(900 * 1024)}`)
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.equal(closed, false, 'still open at 900 KB')
  socket.write('e'.repeat(200 * 1024))
  await waitFor(() => closed, 3000, 'the connection to be closed past 1 MiB')
  assert.ok(tcp.logs.some((l) => l.level === 'warn' && l.msg === 'SIP: a header block without end past 1 MiB; closing the connection'))
})

test('a datagram whose header block is over 60 KB is answered 513 before it is parsed', async () => {
  const udp = await startTestGateway({address: ip(2), transport: 'udp', trustedHosts: [CLIENT]})
  started.push(udp)
  const client = await openUdp(CLIENT, udp.endpoint.address)
  try {
    const response = await client.send(buildRequest({method: 'MESSAGE', uri: 'sip:juliet@xmpp.example', from: 'sip:romeo@sip.example', via: `${CLIENT}:5060`, headers: [['Content-Type', 'text/plain'], ['Subject', 's'.repeat(62 * 1024)]], body: 'hi'}, 'UDP'))
    assert.equal(`${response.status} ${response.reason}`, '513 Message Too Large')
    assert.equal(udp.received.length, 0)
    assert.equal((await exchange({...peer, protocol: 'udp', remote: udp.endpoint.address}, buildRequest({method: 'OPTIONS', uri: 'sip:sip.example', via: `${CLIENT}:5060`}, 'UDP'))).status, 200)
  } finally {
    client.close()
  }
})
