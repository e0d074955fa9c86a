import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {Element} from '@xmpp/xml'
import {NS_STREAM, type StreamErrorCondition, XmppStreamParser} from '../../src/gateway/xml/stream-parser.js'

/** The incoming stream parser against hostile and awkward input (RFC 6120 §4.9.3, §11; issue 5). */

const HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='${NS_STREAM}' xmlns:db='jabber:server:dialback' from='jabber.org' to='litwareinc.com' version='1.0'>`

interface Seen {
  header?: Element
  stanzas: Element[]
  ended: boolean
  errors: Array<[StreamErrorCondition, string]>
}

function feed(chunks: ReadonlyArray<string | Buffer>, limits?: {maxStanzaBytes?: number; maxDepth?: number}): Seen {
  const seen: Seen = {stanzas: [], ended: false, errors: []}
  const parser = new XmppStreamParser(
    {
      streamStart: (header) => (seen.header = header),
      stanza: (stanza) => void seen.stanzas.push(stanza),
      streamEnd: () => (seen.ended = true),
      error: (condition, text) => void seen.errors.push([condition, text]),
    },
    limits,
  )
  for (const chunk of chunks) parser.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return seen
}

test('a stream: the header, stanzas with namespaces resolved through it, keep-alives dropped, the end', () => {
  const seen = feed([HEADER, ' \n ', "<db:result from='jabber.org' to='litwareinc.com'>abc</db:result>", '   ', "<message to='ken@litwareinc.com'><body>hi</body></message>", '</stream:stream>'])
  assert.deepEqual(seen.errors, [])
  assert.equal(seen.header?.attrs.from, 'jabber.org')
  assert.equal(seen.stanzas.length, 2)
  assert.ok(seen.stanzas[0]!.is('result', 'jabber:server:dialback'))
  assert.equal(seen.stanzas[0]!.getText(), 'abc')
  assert.ok(seen.stanzas[1]!.is('message', 'jabber:server'))
  assert.equal(seen.stanzas[1]!.getChild('body')?.getText(), 'hi')
  assert.equal(seen.ended, true)
})

test('a UTF-8 character split across two TCP segments arrives whole', () => {
  const bytes = Buffer.from("<message><body>snow \u2603 man</body></message>")
  const cut = bytes.indexOf(0xe2) + 1
  const seen = feed([HEADER, bytes.subarray(0, cut), bytes.subarray(cut)])
  assert.equal(seen.stanzas[0]!.getChild('body')?.getText(), 'snow \u2603 man')
})

const HOSTILE: ReadonlyArray<[string, readonly string[], StreamErrorCondition]> = [
  ['a DOCTYPE with entities before the header', ["<!DOCTYPE x [<!ENTITY a 'aaaa'>]><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"], 'restricted-xml'],
  ['a comment', [HEADER, '<!-- hello -->'], 'restricted-xml'],
  ['a processing instruction', [HEADER, '<?evil?>'], 'restricted-xml'],
  ['an undefined entity', [HEADER, '<message><body>&nbsp;</body></message>'], 'not-well-formed'],
  ['a mismatched end tag', [HEADER, '<message></iq>'], 'not-well-formed'],
  ['an unbound prefix', [HEADER, '<foo:message/>'], 'not-well-formed'],
  ['a duplicate attribute', [HEADER, "<message to='a' to='b'/>"], 'not-well-formed'],
  ['a header outside the stream namespace', ["<stream:stream xmlns:stream='urn:evil'>"], 'invalid-namespace'],
  ['text between stanzas', [HEADER, 'hello'], 'bad-format'],
]

for (const [title, chunks, condition] of HOSTILE) {
  test(`hostile input, ${title}: ${condition}, once, and nothing after it`, () => {
    const seen = feed([...chunks, "<message><body>after</body></message>"])
    assert.equal(seen.errors.length, 1, JSON.stringify(seen.errors))
    assert.equal(seen.errors[0]![0], condition)
    assert.deepEqual(seen.stanzas, [])
  })
}

test('an oversized stanza is a policy-violation before it is complete', () => {
  const seen = feed([HEADER, `<message><body>${'x'.repeat(20_000)}`, 'y'.repeat(20_000)], {maxStanzaBytes: 16_000})
  assert.deepEqual(seen.errors, [['policy-violation', 'a stanza exceeds 16000 bytes']])
})

test('deep nesting is a policy-violation', () => {
  const seen = feed([HEADER, '<a>'.repeat(40)], {maxDepth: 32})
  assert.deepEqual(seen.errors, [['policy-violation', 'elements nested deeper than 32']])
})

test('hours of whitespace keep-alives do not add up to an oversized stanza', () => {
  const seen = feed([HEADER, ...Array.from({length: 100}, () => ' '.repeat(1000)), '<message/>'], {maxStanzaBytes: 16_000})
  assert.deepEqual(seen.errors, [])
  assert.equal(seen.stanzas.length, 1)
})
