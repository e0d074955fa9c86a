import assert from 'node:assert/strict'
import net from 'node:net'
import {after, before, test} from 'node:test'
import {buildRequest, exchange} from '../helpers/sip/raw.js'
import {type FloodResult, MiB, answered, assertMemoryBack, assertServing, authenticate, flood, refusal} from '../helpers/security/flood.js'
import {type Memory, type Target, startTarget} from '../helpers/security/target.js'
import {HEADER, type RawXmppClient, connectXmpp} from '../helpers/security/xmpp-client.js'

/**
 * Issue 12, case 1 (item 2): every byte a peer sends counts against a limit from the first byte. An
 * endless stream-header attribute, an endless comment or whitespace before the header, and endless
 * whitespace between stanzas (before and after authentication) were buffered by the XML parser
 * without any limit until the process died with `RangeError: Invalid string length`. Each flood here
 * is 64 MiB; the gateway must end the stream with `<policy-violation/>` naming the limit long before,
 * on the STARTTLS port and the direct TLS port alike and on the streams it opens itself, and go on
 * serving.
 */

let target: Target
let baseline: Memory
before(async () => {
  target = await startTarget()
  // Warm-up: one legitimate exchange, so that the baseline includes what serving costs anyway.
  await assertServing(target)
  baseline = await target.memory()
})
after(async () => target?.close())

const HEADER_LIMIT = 'no complete stream header within 8192 bytes'
const BETWEEN_STANZAS_LIMIT = 'more than 262144 bytes between two stanzas'
/** What loopback socket buffers may hold between the gateway's refusal and the flood seeing it. */
const SLACK = 16 * MiB

/** assertRefused checks a flood's outcome: refused early, with exactly this stream error, and the gateway unharmed. */
async function assertRefused(client: RawXmppClient, result: FloodResult, mark: number, text: string): Promise<void> {
  const answer = await answered(client, mark)
  assert.ok(result.refused && result.sent <= SLACK, `the gateway ended the stream after ${(result.sent / MiB).toFixed(1)} MiB (refused: ${result.refused})`)
  assert.match(answer, refusal('policy-violation', text))
  assert.deepEqual(target.lastResort(), [])
  await assertServing(target)
}

const OPEN_HEADER = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' xmlns:db='jabber:server:dialback' to='gw.test' from='"

const BEFORE_THE_HEADER: ReadonlyArray<[string, string, string]> = [
  ['an endless from attribute in the stream header', OPEN_HEADER, 'a'],
  ['an endless comment before the stream header', "<?xml version='1.0'?><!--", 'comment '],
  ['endless whitespace before the stream header', '', ' \n'],
  ['an endless element name as the stream header', '<stream', 'm'],
]

for (const [title, start, piece] of BEFORE_THE_HEADER) {
  test(`${title}: <policy-violation/> within the header limit (STARTTLS port)`, async () => {
    const client = await connectXmpp(target.host, target.port)
    await client.write(start)
    const result = await flood(client, piece)
    await assertRefused(client, result, 0, HEADER_LIMIT)
  })
}

test('an endless from attribute in the stream header on the direct TLS port: <policy-violation/>', async () => {
  const {cert, key} = target.certificates['p1.test']
  const client = await connectXmpp(target.host, target.directTlsPort, {credentials: {cert, key, ca: target.ca}, servername: 'gw.test'})
  await client.write(OPEN_HEADER)
  const result = await flood(client, 'a')
  await assertRefused(client, result, 0, HEADER_LIMIT)
})

test('an endless attribute in the header restarted after STARTTLS: <policy-violation/>', async () => {
  const client = await connectXmpp(target.host, target.port)
  await client.write(HEADER('p1.test', 'gw.test'))
  await client.waitFor('<starttls')
  await client.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
  await client.waitFor('<proceed')
  const {cert, key} = target.certificates['p1.test']
  await client.starttls({cert, key, ca: target.ca}, 'gw.test')
  const mark = client.text().length
  await client.write(OPEN_HEADER)
  const result = await flood(client, 'a')
  await assertRefused(client, result, mark, HEADER_LIMIT)
})

test('endless whitespace between stanzas before authentication: <policy-violation/>', async () => {
  const client = await connectXmpp(target.host, target.port)
  await client.write(HEADER('p1.test', 'gw.test'))
  await client.waitFor('<stream:features')
  const mark = client.text().length
  const result = await flood(client, ' ')
  await assertRefused(client, result, mark, BETWEEN_STANZAS_LIMIT)
})

for (const directTls of [false, true]) {
  test(`endless whitespace between stanzas after SASL EXTERNAL (${directTls ? 'direct TLS' : 'STARTTLS'}): <policy-violation/>`, async () => {
    const client = await authenticate(target, 'p2.test', {directTls})
    const mark = client.text().length
    const result = await flood(client, '\n')
    await assertRefused(client, result, mark, BETWEEN_STANZAS_LIMIT)
  })
}

/**
 * hostilePartner listens as d1.test and answers the gateway's outgoing stream with an endless header
 * attribute, in 64 KiB writes paced by the gateway's reading, until the gateway closes or 64 MiB.
 */
async function hostilePartner(): Promise<{received: () => string; sent: () => number; close: () => Promise<void>}> {
  let received = ''
  let sent = 0
  const sockets = new Set<net.Socket>()
  const chunk = Buffer.alloc(64 * 1024, 'a')
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('data', (data: Buffer) => void (received += data.toString('utf8')))
    socket.once('data', async () => {
      socket.write("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' xmlns:db='jabber:server:dialback' from='d1.test' id='")
      while (sent < 64 * MiB && !socket.destroyed && !received.includes('</stream:stream>')) {
        await new Promise<void>((resolve) => socket.write(chunk, () => resolve()))
        sent += chunk.length
        await new Promise((resolve) => setImmediate(resolve))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(5269, target.address(23), resolve))
  return {
    received: () => received,
    sent: () => sent,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    }),
  }
}

test("an endless attribute in a partner's answer to the gateway's outgoing stream: <policy-violation/>, the message bounces", async () => {
  const partner = await hostilePartner()
  try {
    const request = buildRequest(
      {method: 'MESSAGE', uri: 'sip:someone@d1.test', from: 'sip:romeo@gw.test', to: 'sip:someone@d1.test', via: `${target.sip.proxy}:5060`, headers: [['Content-Type', 'text/plain;charset=UTF-8']], body: 'hello'},
      'TCP',
    )
    const response = await exchange({local: target.sip.proxy, remote: {address: target.sip.host, port: target.sip.port}, protocol: 'tcp'}, request, 20_000)
    assert.ok(response.status >= 400, `${response.status} ${response.reason}`)
    assert.match(partner.received(), /<stream:error><policy-violation xmlns="urn:ietf:params:xml:ns:xmpp-streams"\/><\/stream:error><\/stream:stream>$/)
    assert.ok(partner.sent() <= SLACK, `the gateway ended the stream after ${(partner.sent() / MiB).toFixed(1)} MiB`)
    assert.deepEqual(target.lastResort(), [])
  } finally {
    await partner.close()
  }
})

test('whitespace keep-alives between stanzas are fine: a stanza after them is handled', async () => {
  const client = await authenticate(target, 'p2.test')
  for (let i = 0; i < 20; i++) await client.write(' ')
  // A message for no user is refused by the bridge: proof that the stanza after the keep-alives was read.
  await client.write("<message from='keepalive@p2.test' to='nobody@gw.test' type='chat'><body>after keep-alives</body></message>")
  await target.gateway.waitForLog((l) => l.msg === 'xmpp stanza refused' && l.from === 'keepalive@p2.test', 5000)
  assert.equal(client.isClosed(), false)
  client.destroy()
})

test('after every flood, the memory is back to its level before (MEMORY_TOLERANCE)', async (t) => {
  t.diagnostic(assertMemoryBack(baseline, await target.memory()))
  assert.deepEqual(target.lastResort(), [])
})
