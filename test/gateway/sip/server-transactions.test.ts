import assert from 'node:assert/strict'
import {test} from 'node:test'
import {makeTransactionLayer, type Connection, type SipMessage} from 'sip'
import {respond} from '../../../src/gateway/sip/message.js'
import {parseMessage} from '../../../src/gateway/sip/parse.js'
import {createServerSide, type Answer} from '../../../src/gateway/sip/server-transactions.js'
import type {Remote} from '../../../src/gateway/sip/transport.js'

/**
 * The server side of the transaction layer (RFC 3261 §17.2) with the `sip` package's layer and a
 * recording connection: what is kept for a request, and for how long.
 */

const UDP: Remote = {protocol: 'UDP', address: '127.0.0.9', port: 5060}
const TCP: Remote = {protocol: 'TCP', address: '127.0.0.9', port: 5060}
const request = (n: number): SipMessage =>
  parseMessage(`MESSAGE sip:a@gw.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.9:5060;branch=z9hG4bK${n}\r\nFrom: <sip:b@gw.test>;tag=1\r\nTo: <sip:a@gw.test>\r\nCall-ID: ${n}\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n`)!

function setUp(protocol: Remote['protocol'] = 'UDP', running = true) {
  const layer = makeTransactionLayer({})
  const sent: SipMessage[] = []
  const answers: Answer[] = []
  const connection: Connection = {protocol, send: (m) => void sent.push(m), release() {}}
  const server = createServerSide({layer, onRequest: (_m, _r, answer) => void answers.push(answer), running: () => running})
  return {layer, sent, answers, connection, server}
}

test('over UDP a retransmission is absorbed while its request is handled; after a stateful answer the transaction repeats it', (t) => {
  const {layer, sent, answers, connection, server} = setUp()
  t.after(() => layer.destroy())
  server.request(request(1), UDP, connection)
  server.request(request(1), UDP, connection)
  assert.deepEqual([answers.length, sent.length], [1, 0])
  const ok = respond(request(1), 200)
  answers[0]!(ok)
  server.request(request(1), UDP, connection)
  assert.deepEqual([answers.length, sent], [1, [ok, ok]])
})

test('a stateless answer keeps nothing: a retransmission is handled again', (t) => {
  const {layer, sent, answers, connection, server} = setUp()
  t.after(() => layer.destroy())
  server.request(request(2), UDP, connection)
  answers[0]!(respond(request(2), 407), {stateless: true})
  assert.equal(layer.getServer(request(2)), undefined)
  server.request(request(2), UDP, connection)
  assert.deepEqual([answers.length, sent.length], [2, 1])
})

test('over TCP no server transaction is kept (Timer J is zero on reliable transports, §17.2.2)', (t) => {
  const {layer, sent, answers, connection, server} = setUp('TCP')
  t.after(() => layer.destroy())
  server.request(request(3), TCP, connection)
  answers[0]!(respond(request(3), 200))
  assert.equal(layer.getServer(request(3)), undefined)
  assert.equal(sent.length, 1)
})

test('only the first answer counts, and none is sent once the stack has stopped', (t) => {
  const running = setUp()
  t.after(() => running.layer.destroy())
  running.server.request(request(4), UDP, running.connection)
  running.answers[0]!(respond(request(4), 200))
  running.answers[0]!(respond(request(4), 500))
  assert.deepEqual(running.sent.map((m) => m.status), [200])
  const stopped = setUp('UDP', false)
  t.after(() => stopped.layer.destroy())
  stopped.server.request(request(5), UDP, stopped.connection)
  stopped.answers[0]!(respond(request(5), 200))
  assert.deepEqual(stopped.sent, [])
})

test('past 10,000 UDP server transactions, a stateful answer is sent without one', (t) => {
  const {layer, sent, answers, connection, server} = setUp()
  t.after(() => layer.destroy())
  for (let n = 0; n < 10_001; n++) {
    server.request(request(100_000 + n), UDP, connection)
    answers[n]!(respond(request(100_000 + n), 200))
  }
  assert.equal(sent.length, 10_001)
  assert.notEqual(layer.getServer(request(110_000 - 1)), undefined)
  assert.equal(layer.getServer(request(110_000)), undefined)
})

test('past 10,000 UDP requests being handled, a new one is answered 503 at once', (t) => {
  const {layer, sent, answers, connection, server} = setUp()
  t.after(() => layer.destroy())
  for (let n = 0; n < 10_001; n++) server.request(request(1000 + n), UDP, connection)
  assert.equal(answers.length, 10_000)
  assert.deepEqual(sent.map((m) => `${m.status} ${m.reason}`), ['503 Service Unavailable'])
})
