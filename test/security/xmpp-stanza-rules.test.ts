import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {waitFor, within} from '../helpers/sip/peers.js'
import {dialbackStream, restartAfterSasl, saslStream} from '../helpers/security/partner-stream.js'
import {type StrictPartner, startStrictPartner} from '../helpers/security/strict-partner.js'
import {connectXmpp, type RawXmppClient} from '../helpers/security/xmpp-client.js'
import {type Target, startTarget} from '../helpers/security/target.js'

/**
 * Issue 12, what an authenticated stream may send (cases 2, 3 and 7 of the XMPP session part):
 * - JIDs over RFC 7622's limits are jid-malformed at the edge and never reach SIP;
 * - a stream carries stanzas only for the domain pair it authenticated (XEP-0220 §2.5, RFC 6120 §8.1.1.2);
 * - RFC 6120's rules: no answer to an iq result or error (§8.2.3), <unsupported-stanza-type/> for a
 *   first-level element that is no stanza (§4.9.3.24), and our stream header before any stream error,
 *   a timeout's included (§4.9.1.2);
 * - and, noticed on the way, one dialback verification per domain at a time (XEP-0220 §2.3).
 * The attacker is d1.test (TCP dialback, its authoritative server the strict partner on address(23),
 * which also receives the gateway's error replies) or p1.test (SASL EXTERNAL).
 */

let target: Target
let d1: StrictPartner
before(async () => {
  // A short StreamEstablishmentTimeout for the timeout case; dialback and SASL on loopback take milliseconds.
  target = await startTarget({setup: 'Set-CsXmppGatewayConfiguration -StreamEstablishmentTimeout 5'})
  d1 = await startStrictPartner(target.address(23), 5269, 'd1.test')
})
after(async () => {
  await d1?.close()
  await target?.close()
})

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
const STREAM_ERROR = (condition: string, text: string): string =>
  `<stream:error><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-streams"/><text xmlns="urn:ietf:params:xml:ns:xmpp-streams" xml:lang="en">${text}</text></stream:error></stream:stream>`
const STANZA_ERROR = (type: string, condition: string, text?: string): string =>
  `<error type="${type}"><${condition} xmlns="${NS_STANZAS}"/>${text ? `<text xmlns="${NS_STANZAS}" xml:lang="en">${text}</text>` : ''}</error>`

/** replyTo waits until the strict partner received the error reply with this id, and returns it (bounded). */
async function replyTo(id: string): Promise<string> {
  const pattern = new RegExp(`<(message|iq|presence) [^>]*id="${id}"[^>]*>.*?</\\1>`, 's')
  await waitFor(() => pattern.test(d1.received()), 5000, `the error reply to ${id}`)
  return pattern.exec(d1.received())![0]
}

/** closedWith writes the chunks and returns what the gateway answered after them, once it closed (bounded). */
async function closedWith(client: RawXmppClient, ...chunks: string[]): Promise<string> {
  const mark = client.text().length
  for (const chunk of chunks) await client.write(chunk)
  await within(client.closed, 5000, 'the gateway to close the stream').catch(() => client.destroy())
  return client.text().slice(mark)
}

function bridged(predicate: (line: Record<string, unknown>) => boolean): unknown[] {
  return target.gateway.lines.filter((l) => l.msg === 'message' && predicate(l))
}

function assertHealthy(): void {
  assert.deepEqual(target.lastResort(), [])
  assert.equal(target.alive(), true)
}

const LONG = 'a'.repeat(1024)

test('a from localpart over 1023 bytes gets jid-malformed back and never reaches SIP', async () => {
  const client = await dialbackStream(target)
  await client.write(`<message id='long-local' from='${LONG}@d1.test' to='romeo@gw.test' type='chat'><body>hi</body></message>`)
  const reply = await replyTo('long-local')
  assert.equal(reply, `<message type="error" from="romeo@gw.test" to="${LONG}@d1.test" id="long-local">${STANZA_ERROR('modify', 'jid-malformed', 'the from address is malformed: its localpart exceeds 1023 bytes (RFC 7622 §3.3)')}</message>`)
  assert.deepEqual(bridged((l) => String(l.from).startsWith(LONG)), [])
  assert.equal(client.isClosed(), false)
  client.destroy()
  assertHealthy()
})

test('a from resourcepart and a to localpart over 1023 bytes, and a to domain over 253, get jid-malformed back', async () => {
  const client = await dialbackStream(target)
  const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.${'g'.repeat(63)}.test`
  await client.write(`<message id='long-resource' from='eve@d1.test/${LONG}' to='romeo@gw.test' type='chat'><body>hi</body></message>`)
  await client.write(`<message id='long-to' from='eve@d1.test' to='${LONG}@gw.test' type='chat'><body>hi</body></message>`)
  await client.write(`<message id='long-domain' from='eve@d1.test' to='romeo@${domain}' type='chat'><body>hi</body></message>`)
  assert.equal(await replyTo('long-resource'), `<message type="error" from="romeo@gw.test" to="eve@d1.test/${LONG}" id="long-resource">${STANZA_ERROR('modify', 'jid-malformed', 'the from address is malformed: its resourcepart exceeds 1023 bytes (RFC 7622 §3.4)')}</message>`)
  assert.equal(await replyTo('long-to'), `<message type="error" from="${LONG}@gw.test" to="eve@d1.test" id="long-to">${STANZA_ERROR('modify', 'jid-malformed', 'the to address is malformed: its localpart exceeds 1023 bytes (RFC 7622 §3.3)')}</message>`)
  // The sender's own server answers for an address that names no domain (RFC 6120 §8.3.1).
  assert.equal(await replyTo('long-domain'), `<message type="error" from="gw.test" to="eve@d1.test" id="long-domain">${STANZA_ERROR('modify', 'jid-malformed', 'the to address is malformed: its domainpart is not a domain name (RFC 7622 §3.2)')}</message>`)
  assert.deepEqual(bridged((l) => String(l.from).startsWith('eve@')), [])
  client.destroy()
  assertHealthy()
})

test('a SASL stream authenticated for gw.test cannot deliver to the other served domain', async () => {
  const client = await saslStream(target, {certificate: 'p1.test'})
  await restartAfterSasl(client, 'p1.test')
  const answer = await closedWith(client, "<message from='mallory@p1.test' to='juliet@other.test' type='chat'><body>not for you</body></message>")
  assert.equal(answer, STREAM_ERROR('host-unknown', 'stanzas to other.test are not authenticated on this stream'))
  assert.deepEqual(bridged((l) => l.from === 'mallory@p1.test'), [])
  assertHealthy()
})

test('a dialback pair (d1.test, gw.test) cannot deliver to the other served domain', async () => {
  const client = await dialbackStream(target)
  const answer = await closedWith(client, "<message from='mallory@d1.test' to='juliet@other.test' type='chat'><body>not for you</body></message>")
  assert.equal(answer, STREAM_ERROR('host-unknown', 'stanzas to other.test are not authenticated on this stream'))
  assert.deepEqual(bridged((l) => l.from === 'mallory@d1.test'), [])
  assertHealthy()
})

test('an iq result or error is never answered; an iq get still is', async () => {
  const client = await dialbackStream(target)
  const before = d1.received().length
  await client.write("<iq id='r1' type='result' from='eve@d1.test' to='romeo@gw.test'/>")
  await client.write("<iq id='e1' type='error' from='eve@d1.test' to='romeo@gw.test'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>")
  await client.write("<iq id='g1' type='get' from='eve@d1.test' to='romeo@gw.test'><query xmlns='jabber:iq:version'/></iq>")
  // Replies travel in order on the gateway's one stream to d1.test: once g1's is there, none to r1 or e1 came before it.
  assert.equal(await replyTo('g1'), `<iq type="error" from="romeo@gw.test" to="eve@d1.test" id="g1">${STANZA_ERROR('cancel', 'service-unavailable')}</iq>`)
  const since = d1.received().slice(before)
  assert.doesNotMatch(since, /id="(r1|e1)"/)
  client.destroy()
  assertHealthy()
})

test('a first-level element that is no stanza ends the stream with <unsupported-stanza-type/>, echoed nowhere', async () => {
  const client = await dialbackStream(target)
  const before = d1.received().length
  const answer = await closedWith(client, "<foo id='x1' from='eve@d1.test' to='romeo@gw.test'/>")
  assert.equal(answer, STREAM_ERROR('unsupported-stanza-type', 'only message, presence and iq stanzas may be sent on this stream'))
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.doesNotMatch(d1.received().slice(before), /<foo/)
  assertHealthy()
})

test('a stream that times out before its header is complete gets our header before <connection-timeout/>', async () => {
  const silent = await connectXmpp(target.host, target.port)
  const partial = await connectXmpp(target.host, target.port)
  await partial.write("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' to='gw")
  const header = /^<\?xml version='1.0'\?><stream:stream xmlns:stream="http:\/\/etherx.jabber.org\/streams" xmlns="jabber:server" xmlns:db="jabber:server:dialback" from="" to="" version="1.0" id="[0-9a-f-]{36}">/
  for (const client of [silent, partial]) {
    await within(client.closed, 9000, 'the establishment timeout').catch(() => client.destroy())
    const answer = client.text()
    assert.match(answer, header)
    assert.equal(answer.replace(header, ''), STREAM_ERROR('connection-timeout', 'not authenticated within 5 s'))
  }
  assertHealthy()
})

test('repeated dialback requests for one domain on one stream make one verification, not one each', async () => {
  const client = await connectXmpp(target.host, target.port)
  await client.write("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' xmlns:db='jabber:server:dialback' from='d1.test' to='gw.test' version='1.0'>")
  await client.waitFor('urn:xmpp:features:dialback')
  const verifies = (): number => d1.stanzas.filter((s) => s.startsWith('<db:verify>')).length
  const before = verifies()
  await client.write("<db:result from='d1.test' to='gw.test'>a-key</db:result>".repeat(50))
  await client.waitFor(/<db:result [^>]*type="valid"/, 5000)
  await new Promise((resolve) => setTimeout(resolve, 500))
  // Each would otherwise send a db:verify to d1.test's authoritative server: an amplifier toward a third party.
  assert.equal(verifies() - before, 1)
  assert.equal(client.isClosed(), false)
  client.destroy()
  assertHealthy()
})
