import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {within} from '../helpers/sip/peers.js'
import {restartAfterSasl, saslStream} from '../helpers/security/partner-stream.js'
import {HEADER, connectXmpp, type RawXmppClient} from '../helpers/security/xmpp-client.js'
import {type Target, startTarget} from '../helpers/security/target.js'

/**
 * Issue 12, case 1: the identity a stream authenticated with SASL EXTERNAL is fixed by the exchange
 * (RFC 6120 §6.4.6). A partner holding a valid certificate for p2.test that restarts the stream with
 * `from='p1.test'` must not speak as p1.test, over STARTTLS or direct TLS, nor as d1.test, whose row
 * allows no SASL at all; nor may a restart move the stream to another served domain.
 */

let target: Target
before(async () => {
  target = await startTarget()
})
after(async () => target?.close())

const STREAM_ERROR = (condition: string, text: string): RegExp =>
  new RegExp(`<stream:error><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-streams"/><text xmlns="urn:ietf:params:xml:ns:xmpp-streams" xml:lang="en">${text}</text></stream:error></stream:stream>$`)

/** refusedAfter writes the chunks and returns what the gateway answered after them, once it closed (bounded). */
async function refusedAfter(client: RawXmppClient, ...chunks: string[]): Promise<string> {
  const mark = client.text().length
  for (const chunk of chunks) await client.write(chunk)
  await within(client.closed, 5000, 'the gateway to close the stream').catch(() => client.destroy())
  return client.text().slice(mark)
}

const MALLORY = (domain: string): string => `<message from='mallory@${domain}' to='romeo@gw.test' type='chat'><body>I am ${domain}</body></message>`

/** assertNothingFrom checks that no message of mallory reached the bridge, and no stream authenticated the spoofed domain. */
function assertNothingFrom(domain?: string): void {
  const lines = target.gateway.lines
  const bridged = lines.filter((l) => l.msg === 'message' && String(l.from).startsWith('mallory@'))
  assert.deepEqual(bridged, [], "a message of mallory reached SIP")
  assert.equal(lines.some((l) => l.msg === 's2s stream authenticated' && l.remote === domain), false, `a stream authenticated ${domain}`)
  assert.deepEqual(target.lastResort(), [])
  assert.equal(target.alive(), true)
}

test('a restarted stream header naming another partner after SASL EXTERNAL is refused', async () => {
  const client = await saslStream(target, {certificate: 'p2.test'})
  const answer = await refusedAfter(client, HEADER('p1.test', 'gw.test'), MALLORY('p1.test'))
  assert.match(answer, STREAM_ERROR('invalid-from', 'this stream authenticated p2.test; it cannot speak for p1.test'))
  assertNothingFrom('p1.test')
})

test('the same switch over XEP-0368 direct TLS is refused', async () => {
  const client = await saslStream(target, {certificate: 'p2.test', directTls: true})
  const answer = await refusedAfter(client, HEADER('p1.test', 'gw.test'), MALLORY('p1.test'))
  assert.match(answer, STREAM_ERROR('invalid-from', 'this stream authenticated p2.test; it cannot speak for p1.test'))
  assertNothingFrom('p1.test')
})

test('a switch to a partner whose row allows no SASL at all is refused', async () => {
  const client = await saslStream(target, {certificate: 'p2.test'})
  const answer = await refusedAfter(client, HEADER('d1.test', 'gw.test'), MALLORY('d1.test'))
  assert.match(answer, STREAM_ERROR('invalid-from', 'this stream authenticated p2.test; it cannot speak for d1.test'))
  assertNothingFrom('d1.test')
})

test('a restart that moves the stream to another served domain is refused', async () => {
  const client = await saslStream(target, {certificate: 'p2.test'})
  const answer = await refusedAfter(client, HEADER('p2.test', 'other.test'), "<message from='mallory@p2.test' to='juliet@other.test' type='chat'><body>hi</body></message>")
  assert.match(answer, STREAM_ERROR('host-unknown', 'this stream is for gw.test; it cannot be restarted for other.test'))
  assertNothingFrom()
})

test('a header after STARTTLS naming another partner than the first is refused before any authentication', async () => {
  const {cert, key} = target.certificates['p2.test']
  const raw = await connectXmpp(target.host, target.port)
  await raw.write(HEADER('p2.test', 'gw.test'))
  await raw.waitFor('<starttls')
  await raw.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
  await raw.waitFor('<proceed')
  await raw.starttls({cert, key, ca: target.ca}, 'gw.test')
  const answer = await refusedAfter(raw, HEADER('p1.test', 'gw.test'))
  assert.match(answer, STREAM_ERROR('invalid-from', 'this stream was opened by p2.test; it cannot speak for p1.test'))
  assertNothingFrom('p1.test')
})

test('a partner that restarts as itself is still served', async () => {
  const client = await saslStream(target, {certificate: 'p2.test'})
  await restartAfterSasl(client, 'p2.test')
  await target.gateway.waitForLog((l) => l.msg === 's2s stream authenticated' && l.remote === 'p2.test', 5000)
  assert.equal(client.isClosed(), false)
  client.destroy()
  assert.deepEqual(target.lastResort(), [])
})
