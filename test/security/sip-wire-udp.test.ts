import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {openUdp, type RawResponse} from '../helpers/sip/raw.js'
import {headerLatency, unauthenticatedMessage} from '../helpers/security/sip-peer.js'
import {type Target, startTarget} from '../helpers/security/target.js'

/**
 * Issue 12, the SIP wire over UDP: a datagram is parsed in time linear in its size, before anyone is
 * authenticated (item 6).
 */

let target: Target
before(async () => {
  target = await startTarget({sipTransport: 'Udp'})
})
after(async () => target?.close())

// 58 KB of a Digest header without one `=` (a datagram holds at most 64 KB): about 2.9 s each in the `sip` package's parser.
const NO_EQUALS = `Digest ${'a'.repeat(58 * 1024)}`

test('five 58 KB Proxy-Authorization datagrams are challenged, and an XMPP header sent meanwhile is answered within 1 s', async () => {
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
    assert.ok(latency < 1000, `the gateway answered an XMPP stream header after ${Math.round(latency)} ms`)
    for (const response of await answers) assert.equal(`${response.status} ${response.reason}`, '407 Proxy Authentication Required')
  } finally {
    client.close()
  }
  assert.ok(target.alive())
  assert.deepEqual(target.lastResort(), [])
})
