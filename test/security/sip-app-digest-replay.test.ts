import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {type StrictPartner, startStrictPartner} from '../helpers/security/strict-partner.js'
import {type Target, startTarget} from '../helpers/security/target.js'
import {answerChallenge} from '../helpers/sip/digest-client.js'
import {waitFor} from '../helpers/sip/peers.js'
import {buildRequest, exchange, type Peer, type RawResponse} from '../helpers/sip/raw.js'

/**
 * Issue 12, weaker list: a Proxy-Authorization overheard once must not send a second message. With
 * qop=auth the nonce-count is the replay guard (RFC 2617 §3.2.2: "if the same nc-value is seen twice,
 * then the request is a replay"), and the digest `uri` must name the Request-URI (RFC 2617
 * §3.2.2.5, RFC 3261 §22.4), compared as SIP URIs (RFC 3261 §19.1.4). The senders are untrusted
 * addresses, so every MESSAGE needs romeo's digest credentials.
 */

let target: Target
let partner: StrictPartner
before(async () => {
  target = await startTarget({setup: 'Set-CsUserSipCredential -Identity sip:romeo@gw.test -Password wherefore'})
  partner = await startStrictPartner(target.address(23), 5269, 'd1.test')
})
after(async () => {
  await partner?.close()
  await target?.close()
})

/** from is an untrusted SIP client on its own address of the target's block. */
const from = (n: number): Peer => ({local: target.address(n), remote: {address: target.sip.host, port: target.sip.port}, protocol: 'tcp'})
const ROMEO = 30
const MALLORY = 31

interface Sent {
  readonly uri?: string
  readonly body?: string
  readonly callId?: string
  readonly authorization?: string
}

/** send sends romeo's MESSAGE to someone@d1.test (or to the given Request-URI, which To follows) from address n. */
function send(n: number, {uri = 'sip:someone@d1.test', body = 'hello', callId, authorization}: Sent = {}): Promise<RawResponse> {
  const headers: Array<[string, string]> = [['Content-Type', 'text/plain'], ...(authorization ? [['Proxy-Authorization', authorization] as [string, string]] : [])]
  return exchange(from(n), buildRequest({method: 'MESSAGE', uri, from: 'sip:romeo@gw.test', to: uri.replace(/;.*$/, ''), via: `${target.address(n)}:5060`, headers, body, ...(callId ? {callId} : {})}, 'TCP'))
}

/** challenge gets a fresh 407 challenge. */
async function challenge(): Promise<string> {
  const response = await send(ROMEO)
  assert.equal(response.status, 407)
  return response.header('Proxy-Authenticate')[0]!
}

const answer = (challenged: string, nc: number, uri = 'sip:someone@d1.test'): string =>
  answerChallenge(challenged, {username: 'romeo', password: 'wherefore', method: 'MESSAGE', uri, nc})

/** delivered waits until the partner parsed a message with this body. */
const delivered = (body: string) => waitFor(() => partner.stanzas.includes(`<message>${body}`), 5000, `"${body}" at the partner`)

/** isFreshChallenge asserts a 407 with a new nonce and without stale=true (the credentials are refused, not merely old). */
function isFreshChallenge(response: RawResponse, old: string): void {
  assert.deepEqual([response.status, response.reason], [407, 'Proxy Authentication Required'])
  const value = response.header('Proxy-Authenticate')[0]!
  assert.match(value, /^Digest realm="gw\.test", nonce="[^"]+", algorithm=MD5, qop="auth"$/)
  assert.notEqual(/nonce="([^"]+)"/.exec(value)?.[1], /nonce="([^"]+)"/.exec(old)?.[1])
}

test('a Proxy-Authorization replayed from another address, with another Call-ID and body, is challenged afresh (407, not stale)', async () => {
  const challenged = await challenge()
  const authorization = answer(challenged, 1)
  assert.equal((await send(ROMEO, {body: 'from romeo', authorization})).status, 200)
  await delivered('from romeo')
  const replay = await send(MALLORY, {body: 'from mallory', callId: 'mallory-1', authorization})
  isFreshChallenge(replay, challenged)
  assert.equal(partner.stanzas.includes('<message>from mallory'), false)
})

test('the nonce-count must rise per nonce: nc 2 passes, nc 2 again is challenged, nc 3 passes', async () => {
  const challenged = await challenge()
  assert.equal((await send(ROMEO, {body: 'nc 1', authorization: answer(challenged, 1)})).status, 200)
  assert.equal((await send(ROMEO, {body: 'nc 2', authorization: answer(challenged, 2)})).status, 200)
  isFreshChallenge(await send(MALLORY, {body: 'nc 2 again', authorization: answer(challenged, 2)}), challenged)
  isFreshChallenge(await send(ROMEO, {body: 'nc 1 again', authorization: answer(challenged, 1)}), challenged)
  assert.equal((await send(ROMEO, {body: 'nc 3', authorization: answer(challenged, 3)})).status, 200)
  await delivered('nc 3')
  assert.deepEqual(partner.stanzas.filter((s) => / again$/.test(s)), [])
})

test('credentials computed for one Request-URI do not carry a request to another (400)', async () => {
  const challenged = await challenge()
  const forSomeone = answer(challenged, 1)
  const response = await send(MALLORY, {uri: 'sip:tybalt@d1.test', body: 'to tybalt', authorization: forSomeone})
  assert.deepEqual([response.status, response.reason], [400, 'Bad Request (digest uri is not the Request-URI)'])
  // Nothing was spent: the credentials still serve the request they were made for.
  assert.equal((await send(ROMEO, {body: 'to someone', authorization: forSomeone})).status, 200)
  await delivered('to someone')
  assert.equal(partner.stanzas.includes('<message>to tybalt'), false)
})

test('a digest uri that is the Request-URI written another way passes (RFC 3261 §19.1.4)', async () => {
  const rows: Array<[digestUri: string, requestUri: string]> = [
    ['sip:someone@D1.Test', 'sip:someone@d1.test'],
    ['sip:some%6Fne@d1.test', 'sip:someone@d1.test'],
    ['sip:someone@d1.test:5060', 'sip:someone@d1.test'],
    ['sip:someone@d1.test;transport=tcp;lr', 'sip:someone@d1.test;lr;transport=TCP'],
  ]
  for (const [digestUri, requestUri] of rows) {
    const response = await send(ROMEO, {uri: requestUri, body: `as ${digestUri}`, authorization: answer(await challenge(), 1, digestUri)})
    assert.equal(response.status, 200, `${digestUri} for ${requestUri}: ${response.status} ${response.reason}`)
  }
})

test('the gateway is alive and nothing reached the last resort', () => {
  assert.equal(target.alive(), true)
  assert.deepEqual(target.lastResort(), [])
})
