import assert from 'node:assert/strict'
import dgram from 'node:dgram'
import {after, before, test} from 'node:test'
import {waitFor} from '../helpers/sip/peers.js'
import {openUdp, type RawResponse} from '../helpers/sip/raw.js'
import {headerLatency, unauthenticatedMessage} from '../helpers/security/sip-peer.js'
import {type Target, startTarget} from '../helpers/security/target.js'

/**
 * Issue 12, the SIP wire over UDP: a datagram is parsed in time linear in its size, before anyone is
 * authenticated (item 6); a challenge to an unauthenticated request keeps no state (weaker list).
 */

let target: Target
before(async () => {
  target = await startTarget({sipTransport: 'Udp'})
})
after(async () => target?.close())

// 58 KB of a Digest header without one `=` (a datagram holds at most 64 KB): about 2.9 s each in the `sip` package's parser.
const NO_EQUALS = `Digest ${'a'.repeat(58 * 1024)}`

test('five 58 KB Proxy-Authorization datagrams are challenged, and an XMPP header sent meanwhile is answered within 1 s', async (t) => {
  const client = await openUdp(target.address(31), {address: target.sip.host, port: target.sip.port})
  try {
    const sent: Array<Promise<RawResponse>> = []
    // 20 ms apart: five 60 KB datagrams at once overflow a default socket receive buffer (208 KB) before any parser runs.
    for (let i = 0; i < 5; i++) {
      sent.push(client.send(unauthenticatedMessage('UDP', `${target.address(31)}:5060`, [['Proxy-Authorization', NO_EQUALS]]), 10_000))
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const answers = Promise.all(sent)
    answers.catch(() => {})
    const latency = await headerLatency(target, 5000)
    t.diagnostic(`the XMPP stream header was answered after ${Math.round(latency)} ms`)
    assert.ok(latency < 1000, `the gateway answered an XMPP stream header after ${Math.round(latency)} ms`)
    for (const response of await answers) assert.equal(`${response.status} ${response.reason}`, '407 Proxy Authentication Required')
  } finally {
    client.close()
  }
  assert.ok(target.alive())
  assert.deepEqual(target.lastResort(), [])
})

test('20,000 unauthenticated MESSAGEs are challenged without keeping a transaction each; a retransmission is challenged again', async (t) => {
  const before = await target.memory()
  const socket = dgram.createSocket({type: 'udp4', recvBufferSize: 1 << 20})
  let challenged = 0
  socket.on('message', (data) => {
    if (data.toString('latin1').startsWith('SIP/2.0 407 Proxy Authentication Required\r\n')) challenged++
  })
  await new Promise<void>((resolve) => socket.bind(0, target.address(32), () => resolve()))
  const send = (text: string) => socket.send(text, target.sip.port, target.sip.host)
  try {
    // At most 100 unanswered at a time, as fast as the gateway answers (a burst would overflow its
    // socket buffer); one lost datagram or response must not stall the flood, hence `lost`.
    let sent = 0
    let lost = 0
    let progress = {challenged: 0, at: Date.now()}
    for (const deadline = Date.now() + 20_000; sent < 20_000 && Date.now() < deadline; ) {
      for (; sent < 20_000 && sent - challenged - lost < 100; sent++) send(unauthenticatedMessage('UDP', `${target.address(32)}:5060`))
      await new Promise((resolve) => setTimeout(resolve, 1))
      if (challenged !== progress.challenged) progress = {challenged, at: Date.now()}
      else if (Date.now() - progress.at > 200) lost = sent - challenged
    }
    await waitFor(() => challenged >= 19_000, 20_000, `19,000 challenges (${challenged} so far)`).catch(() => {})
    assert.ok(challenged >= 19_000, `${challenged} of 20,000 challenged`)
    // A retransmission (the same datagram again, after its challenge came) is challenged again.
    const client = await openUdp(target.address(33), {address: target.sip.host, port: target.sip.port})
    const request = unauthenticatedMessage('UDP', `${target.address(33)}:5060`)
    try {
      for (let copy = 0; copy < 2; copy++) assert.equal(`${(await client.send(request, 2000)).status}`, '407')
    } finally {
      client.close()
    }
  } finally {
    socket.close()
  }
  // Transactions (the sip package's Timer J) would hold each challenge for 32 s; there is none to wait for.
  await new Promise((resolve) => setTimeout(resolve, 2000))
  const afterwards = await target.memory()
  const grown = (afterwards.heapUsed - before.heapUsed) / 2 ** 20
  t.diagnostic(`heap used ${(before.heapUsed / 2 ** 20).toFixed(1)} MB before, ${(afterwards.heapUsed / 2 ** 20).toFixed(1)} MB 2 s after`)
  assert.ok(grown < 8, `the heap grew by ${grown.toFixed(1)} MB (${(before.heapUsed / 2 ** 20).toFixed(1)} → ${(afterwards.heapUsed / 2 ** 20).toFixed(1)} MB)`)
  assert.ok(target.alive())
  assert.deepEqual(target.lastResort(), [])
})

test('an INVITE, which the gateway does not take, is answered 405 once: no transaction resends it to a spoofed source', async () => {
  const socket = dgram.createSocket('udp4')
  const answers: number[] = []
  const started = Date.now()
  socket.on('message', (data) => {
    if (data.toString('latin1').startsWith('SIP/2.0 405 Method Not Allowed\r\n')) answers.push(Date.now() - started)
  })
  await new Promise<void>((resolve) => socket.bind(0, target.address(33), () => resolve()))
  try {
    const invite = [
      'INVITE sip:romeo@gw.test SIP/2.0',
      `Via: SIP/2.0/UDP ${target.address(33)}:${socket.address().port};branch=z9hG4bKreflect1`,
      'Max-Forwards: 70',
      'From: <sip:eve@evil.test>;tag=1',
      'To: <sip:romeo@gw.test>',
      'Call-ID: reflect-1',
      'CSeq: 1 INVITE',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n')
    socket.send(invite, target.sip.port, target.sip.host)
    // A stateful INVITE server transaction resends its final answer at 0.5, 1.5, 3.5 s … until an ACK (RFC 3261 §17.2.1).
    await new Promise((resolve) => setTimeout(resolve, 2000))
    assert.equal(answers.length, 1, `405 answers at ${answers.join(', ')} ms`)
  } finally {
    socket.close()
  }
  assert.deepEqual(target.lastResort(), [])
})
