import assert from 'node:assert/strict'
import {after, describe, test} from 'node:test'
import {startTestGateway, type TestGateway} from '../../helpers/sip/gateway.js'
import {loopbackBlock, skipUnlessTool, waitListening} from '../../helpers/sip/peers.js'
import {runSipp, startSipp, type SippProcess} from '../../helpers/sip/sipp.js'

/**
 * The SIP endpoint against SIPp on loopback (notes/sip.md §3.2): MESSAGE in from a trusted host
 * over UDP and TCP, the digest challenge for an untrusted one (RFC 3261 §22.3), MESSAGE out through
 * the next hop to a SIPp UAS. Every peer has its own address in this file's private 127.x.y.0/24.
 */

const skip = skipUnlessTool('sipp', 'sip-tester')
const ip = loopbackBlock()
const GATEWAY = ip(1)
const TRUSTED = ip(2)
const STRANGER = ip(3)
const NEXT_HOP = ip(4)

const gateways: TestGateway[] = []
const peers: SippProcess[] = []
after(async () => {
  await Promise.all(peers.map((p) => p.stop()))
  await Promise.all(gateways.map((g) => g.stop()))
})

async function gateway(transport: 'udp' | 'tcp', nextHopPort?: number): Promise<TestGateway> {
  const g = await startTestGateway({
    address: GATEWAY,
    transport,
    trustedHosts: [TRUSTED, `${NEXT_HOP}/32`],
    users: {'romeo@sip.example': 'wherefore'},
    ...(nextHopPort ? {nextHop: {host: NEXT_HOP, port: nextHopPort, transport}} : {}),
  })
  gateways.push(g)
  return g
}

describe('SIPp', {skip}, () => {
  for (const [transport, port] of [['udp', 15061], ['tcp', 15062]] as const) {
    test(`a MESSAGE from a trusted host over ${transport} reaches onMessage with every RFC 7572 field, and its 200 goes back`, async () => {
      const g = await gateway(transport)
      const run = await runSipp({scenario: 'uac-message.xml', remote: g.hostPort, service: 'juliet', address: TRUSTED, port, transport, timeoutMs: 8000})
      assert.equal(run.code, 0, run.output)
      assert.equal(g.received.length, 1)
      const [message] = g.received
      assert.match(message!.callId, new RegExp(`@${TRUSTED.replace(/\./g, '\\.')}$`))
      assert.deepEqual({...message, callId: '-'}, {
        from: 'sip:romeo@sip.example',
        to: 'sip:juliet@xmpp.example',
        gr: 'phone',
        // SIPp ends the body with the scenario's line break; the bytes were UTF-8 and are text here.
        body: 'Wherefore art thou? – ¿dónde estás?\r\n',
        contentType: 'text/plain;charset=UTF-8',
        subject: 'Verona',
        callId: '-',
        contentLanguage: 'it',
      })
      assert.match(run.messages, /SIP\/2\.0 200 OK\r?\n/)
      assert.match(run.messages, /To: +<sip:juliet@xmpp\.example>;tag=[0-9a-f]{16}/)
    })
  }

  test('an untrusted host without credentials is challenged (407, realm of the From domain, qop=auth), and a wrong answer is refused with 403', async () => {
    const g = await gateway('udp')
    const run = await runSipp({scenario: 'uac-message-unauthenticated.xml', remote: g.hostPort, service: 'juliet', address: STRANGER, port: 15063, transport: 'udp', timeoutMs: 8000})
    assert.equal(run.code, 0, run.output)
    assert.match(run.messages, /SIP\/2\.0 407 Proxy Authentication Required/)
    assert.match(run.messages, /Proxy-Authenticate: Digest realm="sip\.example", nonce="[^"]+", algorithm=MD5, qop="auth"/)
    assert.match(run.messages, /Proxy-Authorization: Digest username="romeo"/)
    assert.match(run.messages, /SIP\/2\.0 403 Forbidden/)
    assert.deepEqual(g.received, [])
    assert.ok(g.logs.some((l) => l.msg === 'SIP: MESSAGE refused' && (l.obj as {why: string}).why === 'wrong digest response'))
  })

  for (const [transport, port] of [['udp', 15064], ['tcp', 15065]] as const) {
    test(`sendMessage reaches a user through the next hop over ${transport}: loose Route, From with gr, UTF-8 body`, async () => {
      const uas = startSipp({scenario: 'uas-message.xml', address: NEXT_HOP, port, transport, timeoutMs: 8000})
      peers.push(uas)
      await waitListening(transport, NEXT_HOP, port, 5000)
      const g = await gateway(transport, port)
      const outcome = await g.endpoint.sendMessage({from: 'sip:juliet@xmpp.example', gr: 'balcony', to: 'sip:romeo@sip.example', body: '¡Buenas noches!', subject: 'Parting', callId: 'thread 1', contentLanguage: 'es'})
      assert.deepEqual(outcome, {status: 200, reason: 'OK'})
      const run = await uas.done
      assert.equal(run.code, 0, run.output)
      const sent = run.messages
      assert.match(sent, /MESSAGE sip:romeo@sip\.example SIP\/2\.0\r?\n/)
      assert.ok(sent.includes(`Route: <sip:${NEXT_HOP}:${port};transport=${transport};lr>`), sent)
      assert.match(sent, /From: <sip:juliet@xmpp\.example;gr=balcony>;tag=[0-9a-f]{16}/)
      assert.match(sent, /Call-ID: thread%201\r?\n/)
      assert.match(sent, /Subject: Parting\r?\n/)
      assert.match(sent, /Content-Language: es\r?\n/)
      assert.match(sent, /Content-Type: text\/plain;charset=UTF-8\r?\n/)
      assert.ok(sent.includes('¡Buenas noches!'), sent)
    })
  }
})
