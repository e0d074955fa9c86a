import assert from 'node:assert/strict'
import dgram from 'node:dgram'
import {after, test, type TestContext} from 'node:test'
import type {Connection, SipMessage} from 'sip'
import {T1_MS, T2_MS, createClientSide, newBranch} from '../../../src/gateway/sip/client-transactions.js'
import {respond} from '../../../src/gateway/sip/message.js'
import {parseMessage} from '../../../src/gateway/sip/parse.js'
import {startTestGateway, type TestGateway} from '../../helpers/sip/gateway.js'
import {loopbackBlock} from '../../helpers/sip/peers.js'

/**
 * The client side of the transaction layer (RFC 3261 §17.1.2, non-INVITE): the branch, the Timer E
 * schedule over UDP (on node:test's mock clock, then once on a real socket), the matching of
 * responses (§17.1.3) and the end of a transaction.
 */

const request = (branch = newBranch(), method = 'MESSAGE'): SipMessage =>
  parseMessage(`${method} sip:romeo@sip.example SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.9:5060;branch=${branch};rport\r\nFrom: <sip:juliet@xmpp.example>;tag=1\r\nTo: <sip:romeo@sip.example>\r\nCall-ID: thread-1\r\nCSeq: 7 ${method}\r\nContent-Length: 0\r\n\r\n`)!

/** withBranch is a response whose top Via names another branch. */
const withBranch = (response: SipMessage, branch: string): SipMessage => ({...response, headers: {...response.headers, via: [{...response.headers.via[0]!, params: {...response.headers.via[0]!.params, branch}}]}})

/** setUp starts one transaction on a recording connection, on the mock clock, and returns when each copy was sent (ms). */
function setUp(t: TestContext, protocol: 'UDP' | 'TCP' = 'UDP') {
  t.mock.timers.enable({apis: ['setTimeout']})
  let now = 0
  const sentAt: number[] = []
  const finals: SipMessage[] = []
  const connection: Connection = {protocol, send: () => void sentAt.push(now), release() {}}
  const clients = createClientSide()
  const sent = request()
  clients.start(sent, connection, (response) => void finals.push(response))
  /** advance moves the clock in 10 ms steps (node 20's mock clock fires, per tick, only timers already due when it began). */
  const advance = (ms: number) => {
    for (const end = now + ms; now < end; ) {
      now += 10
      t.mock.timers.tick(10)
    }
  }
  t.after(() => clients.end(String(sent.headers.via[0]!.params.branch)))
  return {clients, sent, sentAt, finals, advance}
}

test('a branch is the magic cookie and a version 4 UUID: 122 random bits, never the same twice', () => {
  const branches = Array.from({length: 1000}, newBranch)
  for (const branch of branches) assert.match(branch, /^z9hG4bK[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  assert.equal(new Set(branches).size, 1000)
})

test('over UDP without an answer: sent at 0, then at T1 doubling up to T2 and every T2 after (Timer E)', (t) => {
  const {sentAt, finals, advance} = setUp(t)
  advance(16_000)
  assert.deepEqual([T1_MS, T2_MS], [500, 4000])
  assert.deepEqual(sentAt, [0, 500, 1500, 3500, 7500, 11_500, 15_500])
  assert.deepEqual(finals, [], 'no local 408: the stack\'s own timer plays Timer F')
})

test('after a provisional response Timer E runs on, and is then reset to T2 each time (Proceeding)', (t) => {
  const {clients, sent, sentAt, finals, advance} = setUp(t)
  advance(100)
  clients.response(respond(sent, 100))
  advance(9000)
  assert.deepEqual(sentAt, [0, 500, 4500, 8500])
  assert.deepEqual(finals, [])
})

test('the final response ends the transaction: heard once, no more copies, later responses absorbed', (t) => {
  const {clients, sent, sentAt, finals, advance} = setUp(t)
  advance(600)
  const ok = respond(sent, 200)
  clients.response(ok)
  clients.response(ok)
  clients.response(respond(sent, 500))
  clients.response(respond(sent, 180))
  advance(10_000)
  assert.deepEqual(sentAt, [0, 500])
  assert.deepEqual(finals, [ok])
})

test('a response with another branch, even one character off, or with another CSeq method answers nothing (RFC 3261 §17.1.3)', (t) => {
  const {clients, sent, sentAt, finals, advance} = setUp(t)
  const branch = String(sent.headers.via[0]!.params.branch)
  clients.response(withBranch(respond(sent, 200), `${branch.slice(0, -1)}${branch.endsWith('0') ? '1' : '0'}`))
  clients.response(withBranch(respond(sent, 200), 'z9hG4bK123456'))
  clients.response(respond(request(branch, 'OPTIONS'), 200))
  advance(600)
  assert.deepEqual(finals, [])
  assert.deepEqual(sentAt, [0, 500], 'still retransmitting')
  const ok = respond(sent, 200)
  clients.response(ok)
  assert.deepEqual(finals, [ok])
})

test('over TCP the request is sent once (RFC 3261 §17.1.2.2: no retransmission on a reliable transport)', (t) => {
  const {sentAt, advance} = setUp(t, 'TCP')
  advance(10_000)
  assert.deepEqual(sentAt, [0])
})

test('end() stops the retransmissions, and a response after it is dropped', (t) => {
  const {clients, sent, sentAt, finals, advance} = setUp(t)
  advance(600)
  clients.end(String(sent.headers.via[0]!.params.branch))
  clients.response(respond(sent, 200))
  advance(10_000)
  assert.deepEqual(sentAt, [0, 500])
  assert.deepEqual(finals, [])
})

const ip = loopbackBlock()
const started: Array<{stop(): unknown}> = []
after(async () => {
  for (const s of started.reverse()) await s.stop()
})

test('on a real UDP socket a silent next hop receives the same request at about 0, 500 and 1500 ms, and the sender gets 408', async () => {
  const hop = dgram.createSocket('udp4')
  const arrivals: Array<{at: number; text: string}> = []
  hop.on('message', (data) => void arrivals.push({at: Date.now(), text: data.toString('latin1')}))
  await new Promise<void>((resolve) => hop.bind(0, ip(4), () => resolve()))
  started.push({stop: () => hop.close()})
  const g: TestGateway = await startTestGateway({address: ip(1), transport: 'udp', nextHop: {host: ip(4), port: hop.address().port, transport: 'udp'}, transactionTimeoutMs: 2000})
  started.push(g)
  const outcome = await g.endpoint.sendMessage({from: 'sip:juliet@xmpp.example', to: 'sip:romeo@sip.example', body: 'wherefore art thou', callId: 'thread-1'})
  assert.deepEqual(outcome, {status: 408, reason: 'Request Timeout'})
  const offsets = arrivals.map((a) => a.at - arrivals[0]!.at)
  assert.equal(offsets.length, 3, `copies at ${offsets.join(', ')} ms`)
  assert.ok(Math.abs(offsets[1]! - 500) < 150 && Math.abs(offsets[2]! - 1500) < 250, `copies at ${offsets.join(', ')} ms`)
  assert.equal(new Set(arrivals.map((a) => a.text)).size, 1, 'the copies are identical')
  assert.match(arrivals[0]!.text, /\r\nVia: SIP\/2\.0\/UDP [^;]+;branch=z9hG4bK[0-9a-f-]{36};rport\r\n/)
})
