import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {exchange} from '../helpers/sip/raw.js'
import {headerLatency, unauthenticatedMessage} from '../helpers/security/sip-peer.js'
import {type Target, startTarget} from '../helpers/security/target.js'

/**
 * Issue 12, the SIP wire over TCP: what a SIP peer sends is parsed in time linear in its size, before
 * anyone is authenticated (item 6).
 */

let target: Target
before(async () => {
  target = await startTarget()
})
after(async () => target?.close())

// 58 KB of a Digest header without one `=`: the `sip` package's parser spent about 2.9 s on each.
const NO_EQUALS = `Digest ${'a'.repeat(58 * 1024)}`

test('ten 58 KB Proxy-Authorization headers over TCP are challenged, and an XMPP header sent meanwhile is answered within 1 s', async () => {
  const peer = {local: target.address(30), remote: {address: target.sip.host, port: target.sip.port}, protocol: 'tcp' as const}
  const requests = Array.from({length: 10}, () => unauthenticatedMessage('TCP', `${target.address(30)}:5060`, [['Proxy-Authorization', NO_EQUALS]]))
  const answers = Promise.all(requests.map((request) => exchange(peer, request, 10_000)))
  answers.catch(() => {})
  // The requests are on their way (each is a few segments on loopback); the XMPP header follows them at once.
  await new Promise((resolve) => setTimeout(resolve, 50))
  const latency = await headerLatency(target, 5000)
  assert.ok(latency < 1000, `the gateway answered an XMPP stream header after ${Math.round(latency)} ms`)
  for (const response of await answers) {
    assert.equal(`${response.status} ${response.reason}`, '407 Proxy Authentication Required')
  }
  assert.ok(target.alive())
  assert.deepEqual(target.lastResort(), [])
})
