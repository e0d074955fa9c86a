import assert from 'node:assert/strict'
import net from 'node:net'
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'
import {after, before, test} from 'node:test'
import {type PairSide, startPair} from '../../helpers/s2s-pair.js'

/**
 * Hostile input on the s2s port (RFC 6120 §4.9.3, §11; cmdlets.md A8.1, A8.2): each case ends with
 * the stream error it deserves, the gateway keeps serving, and a flood leaves no memory behind.
 */

const HEADER = (from: string, to: string): string =>
  `<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' xmlns:db='jabber:server:dialback' from='${from}' to='${to}' version='1.0'>`
const ERROR = (condition: string, text: string): string =>
  `<stream:error><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-streams"/><text xmlns="urn:ietf:params:xml:ns:xmpp-streams" xml:lang="en">${text}</text></stream:error></stream:stream>`

let gateway: PairSide
let peer: PairSide
before(async () => {
  const plain = {TlsNegotiation: 'NotSupported', SaslNegotiation: 'NotSupported', SupportDialbackNegotiation: true} as const
  ;[peer, gateway] = await startPair({domain: 'one.test', partner: plain}, {domain: 'two.test', partner: plain})
})
after(async () => Promise.all([gateway.service.stop(), peer.service.stop()]))

/** exchange writes the chunks, then collects what the gateway answers until it closes the connection (bounded). */
function exchange(chunks: readonly string[], ms = 5000): Promise<{text: string; closed: boolean}> {
  return new Promise((resolve) => {
    const socket = net.connect({host: '127.0.0.1', port: gateway.port})
    let text = ''
    const timer = setTimeout(() => finish(false), ms)
    const finish = (closed: boolean): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve({text, closed})
    }
    socket.on('data', (data) => (text += data.toString('utf8')))
    socket.on('close', () => finish(true))
    socket.on('error', () => {})
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk)
    })
  })
}

/** tail is what follows the gateway's header and features: the error and the close. */
function tail(text: string): string {
  return text.replace(/^<\?xml version='1.0'\?><stream:stream [^>]*>(<stream:features>.*?<\/stream:features>|<stream:features\/>)?/s, '')
}

const CASES: ReadonlyArray<[string, string[], string]> = [
  ['a domain that is no partner', [HEADER('evil.test', 'two.test')], ERROR('policy-violation', 'domain evil.test is not an allowed XMPP partner')],
  ['a domain the gateway does not serve', [HEADER('one.test', 'nobody.test')], ERROR('host-unknown', 'this gateway does not serve nobody.test')],
  ['a DTD with an entity declaration', [`<?xml version='1.0'?><!DOCTYPE x [<!ENTITY lol 'lol'>]>`, HEADER('one.test', 'two.test')], ERROR('restricted-xml', 'a DTD is not allowed in XMPP (RFC 6120 §11.1)')],
  ['a comment', [HEADER('one.test', 'two.test'), '<!-- hello -->'], ERROR('restricted-xml', 'comments are not allowed in XMPP (RFC 6120 §11.1)')],
  ['a processing instruction', [HEADER('one.test', 'two.test'), '<?evil data?>'], ERROR('restricted-xml', 'processing instructions are not allowed in XMPP (RFC 6120 §11.1)')],
  ['an undeclared entity', [HEADER('one.test', 'two.test'), '<message>&lol;</message>'], ERROR('not-well-formed', 'undefined entity.')],
  ['an oversized stanza', [HEADER('one.test', 'two.test'), `<message><body>${'x'.repeat(300 * 1024)}</body></message>`], ERROR('policy-violation', 'a stanza exceeds 262144 bytes')],
  ['a stanza before authentication', [HEADER('one.test', 'two.test'), "<message from='a@one.test' to='b@two.test'><body>hi</body></message>"], ERROR('not-authorized', 'the stream is not authenticated yet')],
]

for (const [name, chunks, expected] of CASES) {
  test(`${name} ends the stream with its error`, async () => {
    const {text, closed} = await exchange(chunks)
    assert.equal(tail(text), expected)
    assert.equal(closed, true)
  })
}

/** allClosed waits (bounded) until the gateway has seen every connection close: it sees each a moment after the client. */
async function allClosed(): Promise<void> {
  for (let waited = 0; gateway.service.sessions.size > 0 && waited < 3000; waited += 20) await new Promise((r) => setTimeout(r, 20))
}

function heapAfterGc(): number {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
  return process.memoryUsage().heapUsed
}

test('half-open connections beyond ConnectionLimit are refused, time out, and leave no memory behind', async () => {
  const settings = gateway.document.xmppGatewayConfiguration
  gateway.setDocument({...gateway.document, xmppGatewayConfiguration: {...settings, ConnectionLimit: 20, StreamEstablishmentTimeout: 1}})
  const before = heapAfterGc()
  for (let round = 0; round < 3; round++) {
    await allClosed()
    const halfOpen = Array.from({length: 20}, () => exchange([], 4000))
    await new Promise((r) => setTimeout(r, 200))
    assert.equal(gateway.service.sessions.size, 20)
    const refused = await exchange([HEADER('one.test', 'two.test')])
    assert.equal(tail(refused.text), ERROR('resource-constraint', 'the gateway is at its ConnectionLimit'))
    // A8.3: the half-open ones are closed after StreamEstablishmentTimeout, with <connection-timeout/>.
    for (const result of await Promise.all(halfOpen)) {
      assert.equal(result.closed, true)
      assert.equal(tail(result.text), ERROR('connection-timeout', 'not authenticated within 1 s'))
    }
  }
  await allClosed()
  assert.equal(gateway.service.sessions.size, 0)
  const grown = heapAfterGc() - before
  assert.ok(grown < 2 * 1024 * 1024, `heap grew by ${grown} bytes`)
  // Still serving.
  const {text} = await exchange([HEADER('evil.test', 'two.test')])
  assert.equal(tail(text), ERROR('policy-violation', 'domain evil.test is not an allowed XMPP partner'))
})
