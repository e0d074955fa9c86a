import assert from 'node:assert/strict'
import net from 'node:net'
import {after, test} from 'node:test'
import {createAdmission} from '../../../src/gateway/sip/admission.js'
import {startTestGateway} from '../../helpers/sip/gateway.js'
import {loopbackBlock, waitFor} from '../../helpers/sip/peers.js'

/** The SIP listener's connection limits (issue 12, weaker list): in all and per address; refusals logged once per interval. */

test('admission counts per address and in all, not the exempt, and logs its refusals once per 10 s with their count', () => {
  const lines: object[] = []
  let clock = 0
  const admission = createAdmission({limits: {total: 3, perAddress: 2}, exempt: (address) => address === 'trusted', log: {warn: (obj) => void lines.push(obj)}, now: () => clock})
  const admitted = ['a', 'a', 'a', 'b', 'c'].map((address) => admission.admit(address))
  assert.deepEqual(admitted.map((release) => release !== undefined), [true, true, false, true, false])
  assert.deepEqual(lines, [{refused: 1, lastAddress: 'a', open: 2, limits: {total: 3, perAddress: 2}}])
  assert.notEqual(admission.admit('trusted'), undefined, 'the exempt are let in past the limits')
  clock = 9_999
  assert.equal(admission.admit('d'), undefined)
  assert.equal(lines.length, 1)
  admitted[0]!()
  admitted[0]!()
  assert.notEqual(admission.admit('c'), undefined, 'one release frees one place, however often it is called')
  assert.equal(admission.admit('c'), undefined)
  clock = 10_000
  assert.equal(admission.admit('e'), undefined)
  assert.deepEqual(lines[1], {refused: 4, lastAddress: 'e', open: 3, limits: {total: 3, perAddress: 2}})
  assert.throws(() => createAdmission({limits: {total: 0, perAddress: 1}, exempt: () => false, log: {warn() {}}}), /at least 1/)
})

test('admission counts an IPv6 /64 as one address, and IPv4-mapped IPv6 as its IPv4 address', () => {
  const admission = createAdmission({limits: {total: 10, perAddress: 2}, exempt: () => false, log: {warn() {}}})
  const admitted = ['2001:db8:1:2::a', '2001:db8:1:2:ffff::b', '2001:db8:1:2::c', '2001:db8:1:3::a'].map((address) => admission.admit(address) !== undefined)
  assert.deepEqual(admitted, [true, true, false, true])
  assert.deepEqual(['192.0.2.7', '::ffff:192.0.2.7', '192.0.2.7'].map((address) => admission.admit(address) !== undefined), [true, true, false])
})

const ip = loopbackBlock()
const stops: Array<() => Promise<void>> = []
after(async () => {
  for (const stop of stops.reverse()) await stop()
})

test('the listener closes at once a connection past its total limit, except from a trusted host', async () => {
  const g = await startTestGateway({address: ip(1), transport: 'tcp', connectionLimits: {total: 2, perAddress: 5}, trustedHosts: [ip(5)]})
  stops.push(() => g.stop())
  const open = async (local: string) => {
    const socket = net.connect({host: ip(1), port: g.endpoint.address.port, localAddress: local})
    const state = {socket, closed: false}
    socket.on('close', () => (state.closed = true))
    socket.on('error', () => {})
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    return state
  }
  const first = [await open(ip(2)), await open(ip(3))]
  const third = await open(ip(4))
  await waitFor(() => third.closed, 2000, 'the third connection to be closed')
  assert.deepEqual(first.map((c) => c.closed), [false, false])
  assert.equal(g.logs.filter((l) => l.msg === 'SIP: connection limit reached; new connections are closed').length, 1)
  const trusted = [await open(ip(5)), await open(ip(5)), await open(ip(5))]
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.deepEqual(trusted.map((c) => c.closed), [false, false, false])
  for (const c of [...first, ...trusted]) c.socket.destroy()
})
