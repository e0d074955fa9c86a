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

// Issue 12: every byte counts against a limit from the first one (input-budget.ts).

const LIMITS = {maxHeaderBytes: 1024, maxBetweenStanzasBytes: 4096, maxStanzaBytes: 16_000}
const a = (n: number): string => 'a'.repeat(n)

const BUDGET: ReadonlyArray<[string, readonly string[], string]> = [
  ['an endless attribute in the header', [`<stream:stream xmlns:stream='${NS_STREAM}' from='`, a(600), a(600)], 'no complete stream header within 1024 bytes'],
  ['an endless comment before the header', ['<!--', a(600), a(600)], 'no complete stream header within 1024 bytes'],
  ['whitespace before the header', [' '.repeat(600), ' '.repeat(600)], 'no complete stream header within 1024 bytes'],
  ['a header larger than the limit in one chunk', [`<stream:stream xmlns:stream='${NS_STREAM}' from='${a(2000)}'>`], 'no complete stream header within 1024 bytes'],
  ['endless whitespace between stanzas', [HEADER, "<message/>", ...Array.from({length: 5}, () => ' '.repeat(1000))], 'more than 4096 bytes between two stanzas'],
  ['an endless element name between stanzas', [HEADER, '<m', a(3000), a(3000)], 'more than 4096 bytes between two stanzas'],
  ['an endless attribute in a stanza', [HEADER, "<message to='", a(10_000), a(10_000)], 'a stanza exceeds 16000 bytes'],
  ['a complete oversized stanza in one chunk', [HEADER, `<message><body>${a(20_000)}</body></message>`], 'a stanza exceeds 16000 bytes'],
]

for (const [title, chunks, text] of BUDGET) {
  test(`input budget, ${title}: policy-violation "${text}", and nothing after it`, () => {
    const seen = feed([...chunks, '<message/>'], LIMITS)
    assert.deepEqual(seen.errors, [['policy-violation', text]])
    // Only stanzas completed before the violation.
    assert.equal(seen.stanzas.length, chunks.filter((c) => c === '<message/>').length)
  })
}

test('input budget: a header within the limit, stanzas and keep-alives within theirs, across many chunks', () => {
  const stanza = `<message><body>${a(15_000)}</body></message>`
  const chunks = [HEADER, ' '.repeat(4000), stanza, ' '.repeat(4000), stanza.slice(0, 5000), stanza.slice(5000), ' '.repeat(4000)]
  const seen = feed([...chunks, '<message/>'], LIMITS)
  assert.deepEqual(seen.errors, [])
  assert.equal(seen.stanzas.length, 3)
})

test('input budget: a restarted stream counts its header afresh', () => {
  const seen: Array<[StreamErrorCondition, string]> = []
  let headers = 0
  const parser = new XmppStreamParser({streamStart: () => void headers++, stanza: () => {}, streamEnd: () => {}, error: (c, t) => void seen.push([c, t])}, LIMITS)
  parser.write(Buffer.from(`${HEADER}${' '.repeat(4000)}<success/>`))
  parser.reset()
  parser.write(Buffer.from(HEADER))
  assert.deepEqual(seen, [])
  assert.equal(headers, 2)
})

// RFC 6120 §11.6 and §4.9.3.22: UTF-8 only; §11.8: XML 1.0 only.

const body = (bytes: Buffer): Buffer => Buffer.concat([Buffer.from('<message><body>'), bytes, Buffer.from('</body></message>')])

const ENCODING: ReadonlyArray<[string, ReadonlyArray<string | Buffer>, StreamErrorCondition, string]> = [
  ['a lone continuation byte', [HEADER, body(Buffer.from([0x80]))], 'unsupported-encoding', 'the stream is not valid UTF-8 (RFC 6120 §11.6)'],
  ['an overlong encoding', [HEADER, body(Buffer.from([0xc0, 0xaf]))], 'unsupported-encoding', 'the stream is not valid UTF-8 (RFC 6120 §11.6)'],
  ['an encoded surrogate', [HEADER, body(Buffer.from([0xed, 0xa0, 0x80]))], 'unsupported-encoding', 'the stream is not valid UTF-8 (RFC 6120 §11.6)'],
  ['a sequence cut by ASCII in the next chunk', [HEADER, Buffer.from([0x3c, 0x61, 0x3e, 0xe2, 0x98]), '</a>'], 'unsupported-encoding', 'the stream is not valid UTF-8 (RFC 6120 §11.6)'],
  ['invalid UTF-8 in the header', [Buffer.concat([Buffer.from(`<stream:stream xmlns:stream='${NS_STREAM}' from='`), Buffer.from([0xff]), Buffer.from("'>")])], 'unsupported-encoding', 'the stream is not valid UTF-8 (RFC 6120 §11.6)'],
  ['an encoding declaration other than UTF-8', [`<?xml version='1.0' encoding='UTF-16'?>${HEADER.replace(/^<\?xml[^>]*>/, '')}`], 'unsupported-encoding', 'the stream must be UTF-8, not UTF-16 (RFC 6120 §11.6)'],
  ['a raw U+0001', [HEADER, '<message><body>\u0001</body></message>'], 'not-well-formed', 'disallowed character.'],
  ['a raw U+FFFE', [HEADER, '<message><body>\ufffe</body></message>'], 'not-well-formed', 'disallowed character.'],
  ['&#1;', [HEADER, '<message><body>&#1;</body></message>'], 'not-well-formed', 'malformed character entity.'],
  ['&#xFFFF; in an attribute', [HEADER, "<message id='&#xFFFF;'/>"], 'not-well-formed', 'malformed character entity.'],
  ['&#1; after an XML 1.1 declaration', [`<?xml version='1.1'?>${HEADER.replace(/^<\?xml[^>]*>/, '')}`, '<message><body>&#1;</body></message>'], 'not-well-formed', 'malformed character entity.'],
]

for (const [title, chunks, condition, text] of ENCODING) {
  test(`encoding, ${title}: ${condition}, and nothing forwarded`, () => {
    const seen = feed([...chunks, '<message/>'])
    assert.deepEqual(seen.errors, [[condition, text]])
    assert.deepEqual(seen.stanzas, [])
  })
}

test('encoding: UTF-8 declared in any case, and a byte order mark, are fine', () => {
  const seen = feed([Buffer.from([0xef, 0xbb, 0xbf]), `<?xml version='1.0' encoding='utf-8'?>${HEADER.replace(/^<\?xml[^>]*>/, '')}`, '<message/>'])
  assert.deepEqual(seen.errors, [])
  assert.equal(seen.stanzas.length, 1)
})

test('an exception from a handler stops the parser for good and is thrown once, to the caller', () => {
  let calls = 0
  const errors: string[] = []
  const parser = new XmppStreamParser({
    streamStart: () => {},
    stanza: () => {
      calls++
      throw new Error('a bug')
    },
    streamEnd: () => {},
    error: (c) => void errors.push(c),
  })
  parser.write(Buffer.from(HEADER))
  assert.throws(() => parser.write(Buffer.from('<message/><message/>')), /a bug/)
  parser.write(Buffer.from('<message/>'))
  assert.equal(calls, 1)
  assert.deepEqual(errors, [])
})
