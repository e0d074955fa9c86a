import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {Element} from '@xmpp/xml'
import {XmppStreamParser} from '../../src/gateway/xml/stream-parser.js'
import {NS_DIALBACK_FEATURE, NS_SASL, NS_STREAM_ERRORS, NS_TLS, STREAM_CLOSE, streamError, streamFeatures, streamHeader} from '../../src/gateway/xmpp/stream-output.js'

/** What the gateway writes parses back as a peer (and our own parser) reads it (RFC 6120 §4, XEP-0220). */

function parse(text: string): {header?: Element; stanzas: Element[]; ended: boolean; errors: string[]} {
  const seen = {header: undefined as Element | undefined, stanzas: [] as Element[], ended: false, errors: [] as string[]}
  new XmppStreamParser({
    streamStart: (h) => (seen.header = h),
    stanza: (s) => void seen.stanzas.push(s),
    streamEnd: () => (seen.ended = true),
    error: (condition) => void seen.errors.push(condition),
  }).write(Buffer.from(text))
  return seen
}

test('a header, features, an error and the close make a well-formed stream', () => {
  const text = streamHeader({from: 'litwareinc.com', to: 'jabber.org', id: 'a"b<c'}) + streamFeatures({starttls: {required: true}, saslExternal: true, dialback: true}) + streamError('policy-violation', 'domain evil.example is not an allowed XMPP partner') + STREAM_CLOSE
  const seen = parse(text)
  assert.deepEqual(seen.errors, [])
  assert.equal(seen.header?.attrs.id, 'a"b<c')
  assert.equal(seen.header?.attrs.version, '1.0')
  const [features, error] = seen.stanzas
  assert.ok(features!.getChild('starttls', NS_TLS)?.getChild('required'))
  assert.equal(features!.getChild('mechanisms', NS_SASL)?.getChild('mechanism')?.getText(), 'EXTERNAL')
  assert.ok(features!.getChild('dialback', NS_DIALBACK_FEATURE))
  assert.ok(error!.getChild('policy-violation', NS_STREAM_ERRORS))
  assert.equal(error!.getChild('text', NS_STREAM_ERRORS)?.getText(), 'domain evil.example is not an allowed XMPP partner')
  assert.equal(seen.ended, true)
})

test('features list only what is offered; no text element without a text', () => {
  assert.equal(streamFeatures({saslExternal: false, dialback: false}), '<stream:features/>')
  assert.equal(streamFeatures({starttls: {required: false}, saslExternal: false, dialback: false}), "<stream:features><starttls xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\"/></stream:features>")
  assert.equal(streamError('connection-timeout'), '<stream:error><connection-timeout xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>')
})
