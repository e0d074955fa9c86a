import assert from 'node:assert/strict'
import {after, before, describe, test} from 'node:test'
import {answerChallenge} from '../../helpers/sip/digest-client.js'
import {startTestGateway, type TestGateway} from '../../helpers/sip/gateway.js'
import {loopbackBlock} from '../../helpers/sip/peers.js'
import {buildRequest, exchange, openUdp, type Peer, type RequestParts} from '../../helpers/sip/raw.js'

/**
 * Requests into the endpoint, written by hand (test/helpers/sip/raw.ts) so that every refusal is
 * provoked exactly: what is accepted (RFC 3428, RFC 7572 §6), what is refused and with which
 * status (never silence), and the digest challenge of an untrusted sender (RFC 3261 §22.3).
 */

const ip = loopbackBlock()
const TRUSTED = ip(2)
const STRANGER = ip(3)
let g: TestGateway
let verdict: {status: number; reason: string} = {status: 200, reason: 'OK'}

before(async () => {
  g = await startTestGateway({
    address: ip(1),
    transport: 'udp',
    trustedHosts: [`${TRUSTED}/32`],
    users: {'romeo@sip.example': 'wherefore', 'benvolio@sip.example': 'peace'},
    answer: () => verdict,
  })
})
after(() => g.stop())

const peer = (local: string): Peer => ({local, remote: g.endpoint.address, protocol: 'udp'})
const message = (parts: Partial<RequestParts> = {}): string =>
  buildRequest({method: 'MESSAGE', uri: 'sip:juliet@xmpp.example', via: `${TRUSTED}:5060`, headers: [['Content-Type', 'text/plain;charset=UTF-8']], body: 'hello', ...parts}, 'UDP')

describe('what is refused, and with which status', () => {
  const cases: Array<[string, Partial<RequestParts>, number, string?]> = [
    ['a sender in a domain the gateway does not serve (404)', {from: 'sip:romeo@elsewhere.example'}, 404],
    ['HTML (415: only text/plain, RFC 3428 §7)', {headers: [['Content-Type', 'text/html']]}, 415],
    ['text/plain in another charset (415)', {headers: [['Content-Type', 'text/plain; charset=ISO-8859-1']]}, 415],
    ['no Content-Type (415)', {headers: []}, 415],
    ['a sips: recipient (416: RFC 7247 §9, XMPP cannot keep TLS on every hop)', {to: 'sips:juliet@xmpp.example', uri: 'sips:juliet@xmpp.example'}, 416],
    ['a From without a user part (400)', {from: 'sip:sip.example'}, 400],
  ]
  for (const [name, parts, status] of cases) {
    test(name, async () => {
      const before = g.received.length
      const response = await exchange(peer(TRUSTED), message(parts))
      assert.equal(response.status, status, response.text)
      assert.equal(g.received.length, before)
      if (status === 415) assert.deepEqual(response.header('Accept'), ['text/plain;charset=UTF-8'])
    })
  }

  test('a body that is not UTF-8 (400)', async () => {
    const head = message({body: 'xx'}).slice(0, -2)
    const response = await exchange(peer(TRUSTED), Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe])]))
    assert.deepEqual([response.status, response.reason], [400, 'Bad Request (body is not UTF-8)'])
  })

  test('methods other than MESSAGE, REGISTER and OPTIONS (405 with Allow)', async () => {
    const response = await exchange(peer(TRUSTED), buildRequest({method: 'SUBSCRIBE', uri: 'sip:juliet@xmpp.example', via: `${TRUSTED}:5060`, headers: [['Event', 'presence']]}, 'UDP'))
    assert.equal(response.status, 405)
    assert.deepEqual(response.header('Allow'), ['MESSAGE, OPTIONS, REGISTER'])
  })

  test('OPTIONS is answered 200 with what we allow and accept (RFC 3261 §11.2)', async () => {
    const response = await exchange(peer(STRANGER), buildRequest({method: 'OPTIONS', uri: 'sip:xmpp.example', via: `${STRANGER}:5060`}, 'UDP'))
    assert.equal(response.status, 200)
    assert.deepEqual(response.header('Allow'), ['MESSAGE, OPTIONS, REGISTER'])
  })
})

describe("the caller's verdict", () => {
  test('is the final status, its reason phrase kept on one line', async () => {
    verdict = {status: 403, reason: 'Forbidden: no XMPP\r\nfor you'}
    const response = await exchange(peer(TRUSTED), message())
    verdict = {status: 200, reason: 'OK'}
    assert.deepEqual([response.status, response.reason], [403, 'Forbidden: no XMPP for you'])
  })

  test('a reason phrase in UTF-8 goes out as UTF-8 (RFC 3261 §25.1)', async () => {
    verdict = {status: 480, reason: 'Abwesend – bis später'}
    const response = await exchange(peer(TRUSTED), message())
    verdict = {status: 200, reason: 'OK'}
    assert.deepEqual([response.status, response.reason], [480, 'Abwesend – bis später'])
  })

  test('a status that is not final becomes 500', async () => {
    verdict = {status: 180, reason: 'Ringing'}
    const response = await exchange(peer(TRUSTED), message())
    verdict = {status: 200, reason: 'OK'}
    assert.equal(response.status, 500)
  })

  test('text/plain without charset is accepted; a GRUU Request-URI names the recipient instance', async () => {
    const response = await exchange(peer(TRUSTED), message({uri: 'sip:juliet@xmpp.example;gr=balcony', headers: [['Content-Type', 'text/plain']]}))
    assert.equal(response.status, 200)
    assert.equal(g.received.at(-1)!.to, 'sip:juliet@xmpp.example;gr=balcony')
  })

  test('a retransmission is answered again without a second onMessage (RFC 3261 §17.2.2)', async () => {
    const request = message()
    const before = g.received.length
    const client = await openUdp(TRUSTED, g.endpoint.address)
    const first = await client.send(request)
    const second = await client.send(request).finally(() => client.close())
    assert.deepEqual([first.status, second.status], [200, 200])
    assert.equal(second.header('To')[0], first.header('To')[0])
    assert.equal(g.received.length, before + 1)
  })
})

describe('digest authentication of an untrusted sender', () => {
  async function challenged(parts: Partial<RequestParts>): Promise<string> {
    const response = await exchange(peer(STRANGER), message({via: `${STRANGER}:5060`, ...parts}))
    assert.equal(response.status, 407)
    return response.header('Proxy-Authenticate')[0]!
  }

  test('the right password passes, and onMessage learns who authenticated', async () => {
    const challenge = await challenged({})
    assert.match(challenge, /^Digest realm="sip\.example", nonce="[^"]+", algorithm=MD5, qop="auth"$/)
    const authorization = answerChallenge(challenge, {username: 'romeo', password: 'wherefore', method: 'MESSAGE', uri: 'sip:juliet@xmpp.example'})
    const response = await exchange(peer(STRANGER), message({via: `${STRANGER}:5060`, cseq: 2, headers: [['Content-Type', 'text/plain;charset=UTF-8'], ['Proxy-Authorization', authorization]]}))
    assert.equal(response.status, 200)
    assert.equal(g.received.at(-1)!.authenticatedUser, 'romeo@sip.example')
  })

  test("another user's valid credentials do not let anyone send as romeo (403)", async () => {
    const challenge = await challenged({})
    const authorization = answerChallenge(challenge, {username: 'benvolio', password: 'peace', method: 'MESSAGE', uri: 'sip:juliet@xmpp.example'})
    const response = await exchange(peer(STRANGER), message({via: `${STRANGER}:5060`, headers: [['Content-Type', 'text/plain;charset=UTF-8'], ['Proxy-Authorization', authorization]]}))
    assert.equal(response.status, 403)
  })

  test('a nonce we never issued is challenged afresh, not refused', async () => {
    const forged = answerChallenge('Digest realm="sip.example", nonce="0.AAAA"', {username: 'romeo', password: 'wherefore', method: 'MESSAGE', uri: 'sip:juliet@xmpp.example'})
    const response = await exchange(peer(STRANGER), message({via: `${STRANGER}:5060`, headers: [['Content-Type', 'text/plain;charset=UTF-8'], ['Proxy-Authorization', forged]]}))
    assert.equal(response.status, 407)
    assert.doesNotMatch(response.header('Proxy-Authenticate')[0]!, /stale/)
  })
})

describe('the embedded registrar', () => {
  const register = (parts: Partial<RequestParts> = {}) =>
    buildRequest({method: 'REGISTER', uri: 'sip:sip.example', from: 'sip:romeo@sip.example', to: 'sip:romeo@sip.example', via: `${STRANGER}:5060`, callId: 'reg-1', ...parts}, 'UDP')

  test('challenges (401), binds with the Contact expires parameter, lists, and removes with Expires: 0', async () => {
    const first = await exchange(peer(STRANGER), register({headers: [['Contact', `<sip:romeo@${STRANGER}:5070>;expires=300`]]}))
    assert.equal(first.status, 401)
    // The client counts its requests with the nonce (nc, RFC 2617 §3.2.2): the same count twice would be a replay.
    const authorization = (nc: number) => answerChallenge(first.header('WWW-Authenticate')[0]!, {username: 'romeo', password: 'wherefore', method: 'REGISTER', uri: 'sip:sip.example', nc})
    const bound = await exchange(peer(STRANGER), register({cseq: 2, headers: [['Contact', `<sip:romeo@${STRANGER}:5070>;expires=300`], ['Authorization', authorization(1)]]}))
    assert.equal(bound.status, 200)
    assert.match(bound.header('Contact')[0]!, new RegExp(`<sip:romeo@${STRANGER.replace(/\./g, '\\.')}:5070>;expires=(299|300)$`))
    const removed = await exchange(peer(STRANGER), register({cseq: 3, headers: [['Contact', `<sip:romeo@${STRANGER}:5070>`], ['Expires', '0'], ['Authorization', authorization(2)]]}))
    assert.equal(removed.status, 200)
    assert.deepEqual(removed.header('Contact'), [])
  })

  test('the wildcard with Expires: 0 removes every binding; with other contacts it is 400 (§10.3 step 6)', async () => {
    const first = await exchange(peer(STRANGER), register({callId: 'reg-wild'}))
    const authorization = (nc: number) => answerChallenge(first.header('WWW-Authenticate')[0]!, {username: 'romeo', password: 'wherefore', method: 'REGISTER', uri: 'sip:sip.example', nc})
    const two = [['Contact', `<sip:romeo@${STRANGER}:5071>`], ['Contact', `<sip:romeo@${STRANGER}:5072>`]] as Array<[string, string]>
    const bound = await exchange(peer(STRANGER), register({callId: 'reg-wild', cseq: 2, headers: [...two, ['Authorization', authorization(1)]]}))
    assert.equal(bound.header('Contact').join(',').match(/<sip:/g)?.length, 2)
    const mixed = await exchange(peer(STRANGER), register({callId: 'reg-wild', cseq: 3, headers: [['Contact', '*'], two[0]!, ['Expires', '0'], ['Authorization', authorization(2)]]}))
    assert.deepEqual([mixed.status, mixed.reason], [400, 'Bad Request (wildcard Contact with other contacts)'])
    const cleared = await exchange(peer(STRANGER), register({callId: 'reg-wild', cseq: 4, headers: [['Contact', '*'], ['Expires', '0'], ['Authorization', authorization(3)]]}))
    assert.deepEqual([cleared.status, cleared.header('Contact')], [200, []])
  })

  test("refuses to bind another user's address of record (403) and a domain it does not serve (404)", async () => {
    const challenge = (await exchange(peer(STRANGER), register())).header('WWW-Authenticate')[0]!
    const benvolio = answerChallenge(challenge, {username: 'benvolio', password: 'peace', method: 'REGISTER', uri: 'sip:sip.example'})
    assert.equal((await exchange(peer(STRANGER), register({cseq: 2, headers: [['Authorization', benvolio]]}))).status, 403)
    assert.equal((await exchange(peer(STRANGER), register({to: 'sip:romeo@elsewhere.example', from: 'sip:romeo@elsewhere.example'}))).status, 404)
  })
})

test('a nonce past its lifetime with the right password is re-challenged with stale=true (RFC 2617 §3.2.1); with a wrong one, refused', async () => {
  const short = await startTestGateway({address: ip(5), transport: 'tcp', users: {'romeo@sip.example': 'wherefore'}, nonceLifetimeMs: 1})
  try {
    const tcp: Peer = {local: STRANGER, remote: short.endpoint.address, protocol: 'tcp'}
    const request = (headers: Array<[string, string]> = []) =>
      buildRequest({method: 'MESSAGE', uri: 'sip:juliet@xmpp.example', via: `${STRANGER}:5060`, headers: [['Content-Type', 'text/plain'], ...headers], body: 'hi'}, 'TCP')
    const challenge = (await exchange(tcp, request())).header('Proxy-Authenticate')[0]!
    await new Promise((resolve) => setTimeout(resolve, 10))
    const answer = (password: string) => answerChallenge(challenge, {username: 'romeo', password, method: 'MESSAGE', uri: 'sip:juliet@xmpp.example'})
    const stale = await exchange(tcp, request([['Proxy-Authorization', answer('wherefore')]]))
    assert.equal(stale.status, 407)
    assert.match(stale.header('Proxy-Authenticate')[0]!, /, stale=true$/)
    assert.equal((await exchange(tcp, request([['Proxy-Authorization', answer('wrong')]]))).status, 403)
  } finally {
    await short.stop()
  }
})

test('an internationalized domain: the U-label of the store is the realm and names the user; the wire keeps A-labels', async () => {
  const idn = await startTestGateway({address: ip(6), transport: 'udp', isServedDomain: (d) => d === 'bücher.example', users: {'romeo@bücher.example': 'wherefore'}})
  try {
    const udp: Peer = {local: STRANGER, remote: idn.endpoint.address, protocol: 'udp'}
    const request = (headers: Array<[string, string]> = []) =>
      buildRequest({method: 'MESSAGE', uri: 'sip:juliet@xmpp.example', from: 'sip:romeo@xn--bcher-kva.example', via: `${STRANGER}:5060`, headers: [['Content-Type', 'text/plain'], ...headers], body: 'hi'}, 'UDP')
    const challenge = (await exchange(udp, request())).header('Proxy-Authenticate')[0]!
    assert.match(challenge, /^Digest realm="bücher\.example"/)
    const authorization = answerChallenge(challenge, {username: 'romeo', password: 'wherefore', method: 'MESSAGE', uri: 'sip:juliet@xmpp.example'})
    assert.equal((await exchange(udp, request([['Proxy-Authorization', authorization]]))).status, 200)
    assert.deepEqual([idn.received[0]!.from, idn.received[0]!.authenticatedUser], ['sip:romeo@xn--bcher-kva.example', 'romeo@bücher.example'])
  } finally {
    await idn.stop()
  }
})

describe('federation off (cmdlets.md A11.5)', () => {
  const WARNING = '399 sip.example "XMPP federation is disabled (AllowFederatedUsers is False)"'
  let off = true
  let gateway: TestGateway
  before(async () => {
    gateway = await startTestGateway({
      address: ip(7),
      transport: 'udp',
      trustedHosts: [`${TRUSTED}/32`],
      users: {'romeo@sip.example': 'wherefore'},
      federationRefusal: () => (off ? {status: 403, reason: 'Forbidden', warning: WARNING} : undefined),
    })
  })
  after(() => gateway.stop())
  const to = (local: string): Peer => ({local, remote: gateway.endpoint.address, protocol: 'udp'})

  test('every request toward XMPP gets 403 with the Warning, whatever its method; nothing reaches onMessage', async () => {
    for (const request of [message(), buildRequest({method: 'OPTIONS', uri: 'sip:juliet@xmpp.example', via: `${STRANGER}:5060`}, 'UDP')]) {
      const response = await exchange(to(TRUSTED), request)
      assert.deepEqual([response.status, response.reason, response.header('Warning')], [403, 'Forbidden', [WARNING]])
    }
    assert.equal(gateway.received.length, 0)
  })

  test('OPTIONS to the gateway and REGISTER are served as before; federation back on lets MESSAGE through', async () => {
    const options = await exchange(to(STRANGER), buildRequest({method: 'OPTIONS', uri: 'sip:sip.example', via: `${STRANGER}:5060`}, 'UDP'))
    assert.equal(options.status, 200)
    const register = await exchange(to(STRANGER), buildRequest({method: 'REGISTER', uri: 'sip:sip.example', from: 'sip:romeo@sip.example', to: 'sip:romeo@sip.example', via: `${STRANGER}:5060`}, 'UDP'))
    assert.equal(register.status, 401)
    off = false
    const response = await exchange(to(TRUSTED), message())
    assert.deepEqual([response.status, response.header('Warning')], [200, []])
    assert.equal(gateway.received.length, 1)
  })
})
