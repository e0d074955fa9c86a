import assert from 'node:assert/strict'
import net from 'node:net'
import {after, test} from 'node:test'
import {createSipEndpoint, type SipEndpointOptions} from '../../../src/gateway/sip/index.js'
import {makeCa} from '../../helpers/sip/certs.js'
import {startTestGateway} from '../../helpers/sip/gateway.js'
import {loopbackBlock, within} from '../../helpers/sip/peers.js'
import {buildRequest, exchange, startResponder} from '../../helpers/sip/raw.js'

/**
 * Starting, stopping and TLS. The `sip` package's own transport cannot do these safely (notes/sip.md
 * §4; src/gateway/sip/transport.ts): a bind error must reject start() instead of ending the
 * process, stop() must end every connection so that nothing keeps the process alive, and TLS
 * works both ways, with mutual certificates when a CA is configured.
 */

const ip = loopbackBlock()
const CLIENT = ip(9)
const quiet = {info() {}, warn() {}, debug() {}}
const base = (listen: SipEndpointOptions['listen']): SipEndpointOptions => ({
  listen,
  trustedHosts: [CLIENT],
  isServedDomain: () => true,
  ha1: async () => undefined,
  onMessage: async () => ({status: 200, reason: 'OK'}),
  log: quiet,
})
const ca = makeCa()
const stops: Array<() => Promise<void>> = []
after(async () => {
  for (const stop of stops.reverse()) await stop()
})

test('invalid options throw at once', () => {
  assert.throws(() => createSipEndpoint(base({address: ip(1), port: 0, transport: 'sctp' as 'udp'})), /transport sctp is not udp, tcp or tls/)
  assert.throws(() => createSipEndpoint(base({address: ip(1), port: 0, transport: 'tls'})), /needs a key and a certificate/)
})

test('an address in use rejects start() (EADDRINUSE) and leaves the process running', async () => {
  const blocker = net.createServer()
  await new Promise<void>((resolve) => blocker.listen(0, ip(2), resolve))
  const port = (blocker.address() as net.AddressInfo).port
  try {
    await assert.rejects(createSipEndpoint(base({address: ip(2), port, transport: 'tcp'})).start(), {code: 'EADDRINUSE'})
  } finally {
    blocker.close()
  }
})

test('a trusted host that is not an address, a block or a resolvable name rejects start()', async () => {
  await assert.rejects(createSipEndpoint({...base({address: ip(3), port: 0, transport: 'udp'}), trustedHosts: ['10.0.0.0/33']}).start(), /TrustedSipHost 10\.0\.0\.0\/33: not an address block/)
})

test('stop() closes accepted connections, so nothing outlives the endpoint', async () => {
  const g = await startTestGateway({address: ip(4), transport: 'tcp'})
  const client = net.connect({host: ip(4), port: g.endpoint.address.port, localAddress: CLIENT})
  await new Promise((resolve) => client.once('connect', resolve))
  const closed = new Promise((resolve) => client.once('close', resolve))
  client.on('error', () => {})
  await g.stop()
  await closed
})

test('TLS in: a MESSAGE over TLS is answered; with a CA configured a client without a certificate is refused in the handshake', async () => {
  const server = ca.issue({dns: ['gw.sip.example'], ip: [ip(5)]})
  const g = await startTestGateway({address: ip(5), transport: 'tls', tls: {...server, ca: ca.cert}, trustedHosts: [CLIENT]})
  stops.push(() => g.stop())
  const request = buildRequest({method: 'MESSAGE', uri: 'sip:juliet@xmpp.example', via: `${CLIENT}:5061`, headers: [['Content-Type', 'text/plain']], body: 'over TLS'}, 'TLS')
  const client = ca.issue({dns: ['proxy.sip.example']})
  const peer = {local: CLIENT, remote: g.endpoint.address, protocol: 'tls' as const}
  const response = await exchange({...peer, tls: {ca: ca.cert, servername: 'gw.sip.example', ...client}}, request)
  assert.equal(response.status, 200)
  assert.equal(g.received.at(-1)!.body, 'over TLS')
  await assert.rejects(exchange({...peer, tls: {ca: ca.cert, servername: 'gw.sip.example'}}, request), /certificate required|socket hang up|ECONNRESET|closed/)
})

test('TLS out: the next hop must present a certificate for its name; a wrong one is a transport error (503)', async () => {
  const right = await startResponder('tls', ip(6), 200, ca.issue({ip: [ip(6)]}))
  const wrong = await startResponder('tls', ip(7), 200, ca.issue({dns: ['elsewhere.example']}))
  stops.push(() => right.stop(), () => wrong.stop())
  const identity = ca.issue({dns: ['gw.sip.example']})
  const message = {from: 'sip:juliet@xmpp.example', to: 'sip:romeo@sip.example', body: 'hi'}
  const good = await startTestGateway({address: ip(8), transport: 'tls', tls: {...identity, ca: ca.cert}, nextHop: {host: ip(6), port: right.port, transport: 'tls'}})
  const bad = await startTestGateway({address: ip(10), transport: 'tls', tls: {...identity, ca: ca.cert}, nextHop: {host: ip(7), port: wrong.port, transport: 'tls'}, transactionTimeoutMs: 3000})
  stops.push(() => good.stop(), () => bad.stop())
  assert.equal((await good.endpoint.sendMessage(message)).status, 200)
  assert.match(right.requests[0]!, /^MESSAGE sip:romeo@sip\.example SIP\/2\.0\r\nVia: SIP\/2\.0\/TLS /)
  assert.deepEqual(await bad.endpoint.sendMessage(message), {status: 503, reason: 'Service Unavailable'})
  assert.deepEqual(wrong.requests, [])
})

test('a header block without end past 1 MiB closes its connection and is logged, never printed (the `sip` package would console.log it)', async (t) => {
  const printed = t.mock.method(console, 'log')
  const g = await startTestGateway({address: ip(11), transport: 'tcp'})
  stops.push(() => g.stop())
  const client = net.connect({host: ip(11), port: g.endpoint.address.port, localAddress: CLIENT})
  client.on('error', () => {})
  const closed = new Promise((resolve) => client.once('close', resolve))
  // A message merely over the 60 KB header limit is skipped and fails alone (oversized.test.ts).
  client.write(`MESSAGE sip:juliet@xmpp.example SIP/2.0\r\nX-Filler: ${'x'.repeat(1_100_000)}`)
  await within(closed, 5000, 'the connection to close')
  assert.ok(g.logs.some((l) => l.level === 'warn' && l.msg === 'SIP: a header block without end past 1 MiB; closing the connection'))
  assert.equal(printed.mock.callCount(), 0)
})

test('sendMessage before start() is a programmer error', async () => {
  const endpoint = createSipEndpoint({...base({address: ip(12), port: 0, transport: 'udp'}), nextHop: {host: ip(13), port: 5060, transport: 'udp'}})
  await assert.rejects(endpoint.sendMessage({from: 'sip:juliet@xmpp.example', to: 'sip:romeo@sip.example', body: 'too early'}), /before start\(\)/)
})
