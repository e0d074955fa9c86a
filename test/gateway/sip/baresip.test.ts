import assert from 'node:assert/strict'
import {after, describe, test} from 'node:test'
import {startBaresip, type Baresip} from '../../helpers/sip/baresip.js'
import {startTestGateway, type TestGateway} from '../../helpers/sip/gateway.js'
import {loopbackBlock, skipUnlessTool, waitFor} from '../../helpers/sip/peers.js'

/**
 * The SIP endpoint against a real user agent, baresip 1.0 (notes/sip.md §3.3): it registers with
 * the embedded registrar answering the 401 digest challenge, sends a MESSAGE through the gateway
 * answering the 407 one, and receives the gateway's MESSAGE at its registered contact. baresip
 * shows a received MESSAGE only in its -s trace, so that is what is asserted on.
 */

const skip = skipUnlessTool('baresip', 'baresip-core')
const ip = loopbackBlock()
const GATEWAY = ip(1)

const running: Array<{stop(): Promise<void>}> = []
after(async () => {
  for (const r of running.reverse()) await r.stop()
})

describe('baresip', {skip}, () => {
  // Each UA has its own address: baresip also binds TLS on the SIP port + 1.
  for (const [transport, host] of [['udp', 3], ['tcp', 4]] as const) {
    test(`over ${transport}: registers with digest, sends a MESSAGE that passes the challenge, receives one at its contact`, async () => {
      const g: TestGateway = await startTestGateway({address: GATEWAY, transport, users: {'alice@sip.example': 'open-sesame'}})
      running.push(g)
      const ua: Baresip = await startBaresip({
        address: ip(host),
        sipPort: 5060,
        ctrlPort: 4444,
        user: 'alice',
        domain: 'sip.example',
        password: 'open-sesame',
        gateway: g.hostPort,
        transport,
        regint: 120,
        contact: 'sip:juliet@xmpp.example',
      })
      running.push(ua)

      // RFC 3261 §10.3: challenged (401), then bound with the Contact's own expires parameter.
      await ua.waitForTrace(/SIP\/2\.0 401 Unauthorized/, 5000)
      await waitFor(() => g.logs.some((l) => l.msg === 'SIP: registration'), 5000, 'the registration')
      const registration = await ua.waitForTrace(/SIP\/2\.0 200 OK\r\n(?:[^\r\n]+\r\n)*?CSeq: \d+ REGISTER\r\n(?:[^\r\n]+\r\n)*\r\n/, 5000)
      const contact = /Contact: +<(sip:alice[^>]*@[^>]+)>;expires=(?:119|120)\r\n/.exec(registration)?.[1]
      assert.ok(contact, registration)

      await ua.command('message', 'Is it the east, and Juliet the sun?')
      await waitFor(() => g.received.length === 1, 5000, 'the MESSAGE')
      // baresip's trace may lag behind what the gateway already saw.
      await ua.waitForTrace(/SIP\/2\.0 407 Proxy Authentication Required/, 2000)
      const [message] = g.received
      assert.equal(message!.from, 'sip:alice@sip.example')
      assert.equal(message!.to, 'sip:juliet@xmpp.example')
      assert.equal(message!.body, 'Is it the east, and Juliet the sun?')
      assert.equal(message!.authenticatedUser, 'alice@sip.example')

      const outcome = await g.endpoint.sendMessage({from: 'sip:juliet@xmpp.example', gr: 'balcony', to: 'sip:alice@sip.example', body: 'Ay me! — «Romeo»'})
      assert.deepEqual(outcome, {status: 200, reason: 'OK'})
      // Delivered to the registered contact, not to the address of record (RFC 3261 §16.5).
      await ua.waitForTrace(new RegExp(`MESSAGE ${contact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} SIP/2\\.0`), 3000)
      await ua.waitForTrace(/Ay me! — «Romeo»/, 2000)
      await ua.waitForTrace(/From: +<sip:juliet@xmpp\.example;gr=balcony>;tag=/, 2000)
    })
  }
})
