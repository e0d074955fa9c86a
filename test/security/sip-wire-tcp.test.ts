import assert from 'node:assert/strict'
import net from 'node:net'
import {after, before, test} from 'node:test'
import {type HoldingHop, startHoldingHop} from '../helpers/sip/holding-hop.js'
import {waitFor} from '../helpers/sip/peers.js'
import {buildRequest, exchange} from '../helpers/sip/raw.js'
import {headerLatency, unauthenticatedMessage} from '../helpers/security/sip-peer.js'
import {type StrictPartner, startStrictPartner} from '../helpers/security/strict-partner.js'
import {type Target, startTarget} from '../helpers/security/target.js'
import {HEADER, connectXmpp, type RawXmppClient} from '../helpers/security/xmpp-client.js'

/**
 * Issue 12, the SIP wire over TCP: what a SIP peer sends is parsed in time linear in its size, before
 * anyone is authenticated (item 6); a response too large fails its own transaction only, not the
 * connection to the next hop that other users' messages share (item 4); the SIP listener accepts a
 * bounded number of connections from one address (weaker list).
 */

let target: Target
// The organisation's proxy (the gateway's next hop) and d1.test's server, for messages from XMPP to SIP.
let hop: HoldingHop
let d1: StrictPartner
before(async () => {
  target = await startTarget()
  hop = await startHoldingHop(target.sip.proxy, 5060)
  d1 = await startStrictPartner(target.address(23), 5269, 'd1.test')
})
after(async () => {
  await hop?.stop()
  await d1?.close()
  await target?.close()
})

// 58 KB of a Digest header without one `=`: the `sip` package's parser spent about 2.9 s on each.
const NO_EQUALS = `Digest ${'a'.repeat(58 * 1024)}`

test('ten 58 KB Proxy-Authorization headers over TCP are challenged, and an XMPP header sent meanwhile is answered within 1 s', async (t) => {
  const peer = {local: target.address(30), remote: {address: target.sip.host, port: target.sip.port}, protocol: 'tcp' as const}
  const requests = Array.from({length: 10}, () => unauthenticatedMessage('TCP', `${target.address(30)}:5060`, [['Proxy-Authorization', NO_EQUALS]]))
  const answers = Promise.all(requests.map((request) => exchange(peer, request, 10_000)))
  answers.catch(() => {})
  // The requests are on their way (each is a few segments on loopback); the XMPP header follows them at once.
  await new Promise((resolve) => setTimeout(resolve, 50))
  const latency = await headerLatency(target, 5000)
  t.diagnostic(`the XMPP stream header was answered after ${Math.round(latency)} ms`)
  assert.ok(latency < 1000, `the gateway answered an XMPP stream header after ${Math.round(latency)} ms`)
  for (const response of await answers) {
    assert.equal(`${response.status} ${response.reason}`, '407 Proxy Authentication Required')
  }
  assert.ok(target.alive())
  assert.deepEqual(target.lastResort(), [])
})

/** authenticateAsD1 opens a stream from d1.test, authenticated by dialback (the gateway checks the key with d1.test's server). */
async function authenticateAsD1(): Promise<RawXmppClient> {
  const client = await connectXmpp(target.host, target.port)
  await client.write(HEADER('d1.test', 'gw.test'))
  await client.waitFor('<stream:features')
  await client.write("<db:result from='d1.test' to='gw.test'>a-key-d1-will-vouch-for</db:result>")
  await client.waitFor(/<db:result[^>]*type=["']valid["']/)
  return client
}

const chat = (n: number) => `<message from='user${n}@d1.test/desk' to='romeo@gw.test' type='chat' id='m${n}'><body>message ${n}</body></message>`
const toSip = (from: number) => target.gateway.lines.slice(from).filter((l) => l.msg === 'message' && l.direction === 'xmpp-to-sip')

test('a 70 KB 200 OK from the next hop fails its own message; twenty others on the same connection are delivered', async () => {
  const client = await authenticateAsD1()
  const mark = target.gateway.lines.length
  await client.write(Array.from({length: 21}, (_, n) => chat(n)).join(''))
  await hop.waitForRequests(21, 5000)
  const oversized = hop.requests.find((r) => r.text.includes('sip:user10@d1.test'))!
  // The oversized response first: before the fix the gateway closed the connection on it, and the twenty others failed with it.
  hop.answer([oversized], 200, () => `X-Echo: ${'e'.repeat(70 * 1024)}\r\n`)
  hop.answer(hop.requests.filter((r) => r !== oversized), 200)
  await target.gateway.waitForLog(() => toSip(mark).length >= 21, 5000)
  const statuses = toSip(mark).map((l) => `${String(l.from).split('@')[0]} ${String(l.status)}`)
  assert.deepEqual(statuses.filter((s) => !s.endsWith(' 200')), ['user10 513'])
  assert.equal(statuses.length, 21)
  const refused = await target.gateway.waitForLog((l) => l.msg === 'xmpp stanza refused', 5000, mark)
  assert.deepEqual([refused.from, refused.condition], ['user10@d1.test/desk', 'policy-violation'])
  assert.deepEqual([hop.connections(), hop.closed()], [1, 0], 'one connection to the next hop, still open')
  // The gateway goes on serving on that connection.
  await client.write(chat(99))
  await hop.waitForRequests(22, 5000)
  hop.answer([hop.requests[21]!], 200)
  await target.gateway.waitForLog(() => toSip(mark).some((l) => l.from === 'user99@d1.test' && l.status === 200), 5000)
  assert.deepEqual([hop.connections(), hop.closed()], [1, 0])
  client.destroy()
  assert.ok(target.alive())
  assert.deepEqual(target.lastResort(), [])
})

/** Connection is a raw TCP connection to the SIP listener that notes whether the gateway closed it. */
interface Connection {
  readonly socket: net.Socket
  closed: boolean
}

async function connectSip(local: string): Promise<Connection> {
  const socket = net.connect({host: target.sip.host, port: target.sip.port, localAddress: local})
  const connection: Connection = {socket, closed: false}
  socket.on('close', () => (connection.closed = true))
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  return connection
}

const LIMIT_LOG = 'SIP: connection limit reached; new connections are closed'

test('past 100 connections from one address, new ones from it are closed at once and logged once; other addresses are served', async () => {
  const flooder = target.address(40)
  const held: Connection[] = []
  try {
    for (let i = 0; i < 100; i++) held.push(await connectSip(flooder))
    const refused: Connection[] = []
    for (let i = 0; i < 5; i++) refused.push(await connectSip(flooder))
    await waitFor(() => refused.every((c) => c.closed), 2000, 'the connections past the limit to be closed')
    assert.equal(held.filter((c) => c.closed).length, 0, 'the first 100 stay open')
    // The held connections still carry requests, and another address is not affected.
    const options = (local: string) => buildRequest({method: 'OPTIONS', uri: 'sip:gw.test', via: `${local}:5060`}, 'TCP')
    const last = held[99]!
    const answered = new Promise<string>((resolve) => last.socket.once('data', (data: Buffer) => resolve(data.toString('latin1'))))
    last.socket.write(options(flooder))
    assert.match(await answered, /^SIP\/2\.0 200 OK\r\n/)
    const other = {local: target.address(41), remote: {address: target.sip.host, port: target.sip.port}, protocol: 'tcp' as const}
    assert.equal((await exchange(other, options(target.address(41)))).status, 200)
    assert.equal(target.gateway.lines.filter((l) => l.msg === LIMIT_LOG).length, 1)
  } finally {
    for (const c of held) c.socket.destroy()
  }
  // Once they are gone, the address may connect again.
  await new Promise((resolve) => setTimeout(resolve, 200))
  const again = await connectSip(flooder)
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(again.closed, false)
  again.socket.destroy()
  assert.ok(target.alive())
  assert.deepEqual(target.lastResort(), [])
})
