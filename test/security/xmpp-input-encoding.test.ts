import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {answered, assertServing, authenticate, refusal} from '../helpers/security/flood.js'
import {type Target, startTarget} from '../helpers/security/target.js'
import {HEADER, connectXmpp} from '../helpers/security/xmpp-client.js'

/**
 * Issue 12, case 4 (weaker list): what a peer sends must be UTF-8 (RFC 6120 §11.6) and XML 1.0
 * characters (§11.8: XMPP is XML 1.0). Invalid UTF-8 used to become U+FFFD and be forwarded to SIP;
 * RFC 6120 §4.9.3.22 names the stream error: `<unsupported-encoding/>`, "…improperly encoded the
 * stream (e.g., by violating the rules of the [UTF-8] encoding)". Characters XML 1.0 forbids, raw or
 * as character references, are `<not-well-formed/>`, also when the peer declares XML 1.1 (which
 * would allow `&#1;`).
 */

let target: Target
before(async () => {
  // Bodies in the log: a forwarded message shows what reached the SIP side.
  target = await startTarget({setup: 'Set-CsXmppGatewayConfiguration -EnableLoggingAllMessageBodies $true'})
})
after(async () => target?.close())

const INVALID_UTF8 = 'the stream is not valid UTF-8 (RFC 6120 §11.6)'

const message = (id: string, body: Buffer | string): Buffer =>
  Buffer.concat([Buffer.from(`<message from='mallory@p2.test' to='romeo@gw.test' type='chat' id='${id}'><body>`), Buffer.from(body), Buffer.from('</body></message>')])

/** forwarded lists the message log lines of one stanza id's body marker. */
const forwarded = (marker: string) => target.gateway.lines.filter((l) => l.msg === 'message' && String(l.body ?? '').includes(marker))

const INVALID: ReadonlyArray<[string, Buffer]> = [
  ['a lone continuation byte', Buffer.from([0x80])],
  ['bytes that never occur in UTF-8', Buffer.from([0xff, 0xfe])],
  ['an overlong encoding of /', Buffer.from([0xc0, 0xaf])],
  ['an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80])],
  ['a truncated sequence followed by ASCII', Buffer.from([0xe2, 0x98, 0x41])],
]

for (const [title, bytes] of INVALID) {
  test(`invalid UTF-8 in a body (${title}) is <unsupported-encoding/>, nothing forwarded`, async () => {
    const marker = `inv-${title.replace(/\W+/g, '-')}`
    const client = await authenticate(target, 'p2.test')
    const mark = client.text().length
    await client.write(message(marker, Buffer.concat([Buffer.from(`${marker} `), bytes])))
    assert.match(await answered(client, mark), refusal('unsupported-encoding', INVALID_UTF8))
    assert.deepEqual(forwarded(marker), [])
    assert.deepEqual(target.lastResort(), [])
  })
}

test('invalid UTF-8 in a stream header before authentication is <unsupported-encoding/>', async () => {
  const client = await connectXmpp(target.host, target.port)
  await client.write(Buffer.concat([Buffer.from(HEADER('p1.test', 'gw.test').replace("from='p1.test'", "from='p1")), Buffer.from([0xff]), Buffer.from(".test'>")]))
  assert.match(await answered(client), refusal('unsupported-encoding', INVALID_UTF8))
  await assertServing(target)
})

test('a stream declaring another encoding than UTF-8 is <unsupported-encoding/>', async () => {
  const client = await connectXmpp(target.host, target.port)
  await client.write(HEADER('p1.test', 'gw.test').replace("<?xml version='1.0'?>", "<?xml version='1.0' encoding='ISO-8859-1'?>"))
  assert.match(await answered(client), refusal('unsupported-encoding', 'the stream must be UTF-8, not ISO-8859-1 (RFC 6120 §11.6)'))
})

test('a character split across two TCP segments arrives whole', async () => {
  const client = await authenticate(target, 'p2.test')
  const bytes = message('split', 'split snow \u2603 man')
  const cut = bytes.indexOf(0xe2) + 2
  await client.write(bytes.subarray(0, cut))
  await new Promise((resolve) => setTimeout(resolve, 100))
  await client.write(bytes.subarray(cut))
  const line = await target.gateway.waitForLog((l) => l.msg === 'message' && String(l.body ?? '').startsWith('split '), 10_000)
  assert.equal(line.body, 'split snow \u2603 man')
  assert.equal(client.isClosed(), false)
  client.destroy()
})

const FORBIDDEN: ReadonlyArray<[string, string, string, string]> = [
  ['a raw U+0001', '', 'c1 \u0001', 'disallowed character.'],
  ['a raw U+FFFF', '', 'c2 \uffff', 'disallowed character.'],
  ['&#1;', '', 'c3 &#1;', 'malformed character entity.'],
  ['&#x0;', '', 'c4 &#x0;', 'malformed character entity.'],
  ['&#xFFFE;', '', 'c5 &#xFFFE;', 'malformed character entity.'],
  ['&#1; after an XML 1.1 declaration', "<?xml version='1.1'?>", 'c6 &#1;', 'malformed character entity.'],
]

for (const [title, declaration, body, text] of FORBIDDEN) {
  test(`a character XML 1.0 forbids in a body (${title}) is <not-well-formed/>, nothing forwarded`, async () => {
    const marker = body.slice(0, 2)
    // On an authenticated stream, so that what the parser lets through would reach SIP.
    const client = await authenticate(target, 'p2.test', {restart: HEADER('p2.test', 'gw.test').replace("<?xml version='1.0'?>", declaration)})
    const mark = client.text().length
    await client.write(message(marker, body))
    assert.match(await answered(client, mark), refusal('not-well-formed', text))
    assert.deepEqual(forwarded(`${marker} `), [])
  })
}

test('after the refusals the gateway serves, and no exception escaped', async () => {
  await assertServing(target)
  assert.deepEqual(target.lastResort(), [])
})
