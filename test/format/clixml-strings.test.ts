import assert from 'node:assert/strict'
import {test} from 'node:test'
import {decodeClixmlString, encodeClixmlString} from '../../src/format/clixml-strings.js'

// powershell.md §12.4
const ENCODED: ReadonlyArray<[string, string, string]> = [
  ['CRLF', 'Line 1\r\nLine 2', 'Line 1_x000D__x000A_Line 2'],
  ['tab and NUL', 'a\tb\0', 'a_x0009_b_x0000_'],
  ['U+001F, U+FFFE, U+FFFF', '\u001f\ufffe\uffff', '_x001F__xFFFE__xFFFF_'],
  ['unpaired surrogates', 'a\ud800b\udc00', 'a_xD800_b_xDC00_'],
  ['a surrogate pair is kept', 'smile 😀', 'smile 😀'],
  ['an underscore that reads as an escape', '_x0041_', '_x005F_x0041_'],
  ['lower-case hex reads as an escape too', 'id_x00ff_', 'id_x005F_x00ff_'],
  ['underscores that do not', '_x41_ _xZZZZ_ snake_case', '_x41_ _xZZZZ_ snake_case'],
  ['XML escapes', 'a<b>&c "q"', 'a&lt;b&gt;&amp;c "q"'],
  ['non-ASCII text as is', 'Müller – 東京', 'Müller – 東京'],
]

for (const [what, text, encoded] of ENCODED) {
  test(`encodeClixmlString: ${what}`, () => {
    assert.equal(encodeClixmlString(text), encoded)
  })
}

test('encodeClixmlString: attributes also escape the double quote', () => {
  assert.equal(encodeClixmlString('say "hi"\n', true), 'say &quot;hi&quot;_x000A_')
})

const DECODED: ReadonlyArray<[string, string]> = [
  ['Line 1_x000D__x000A_Line 2', 'Line 1\r\nLine 2'],
  ['_x000d__x000a_', '\r\n'],
  ['_x005F_x0041_', '_x0041_'],
  ['_x41_ stays', '_x41_ stays'],
  ['_xD83D__xDE00_', '😀'],
]

for (const [text, decoded] of DECODED) {
  test(`decodeClixmlString ${JSON.stringify(text)}`, () => {
    assert.equal(decodeClixmlString(text), decoded)
  })
}

test('decoding reverses encoding (XML escapes are the parser’s)', () => {
  for (const [, text] of ENCODED.filter(([what]) => what !== 'XML escapes')) {
    assert.equal(decodeClixmlString(encodeClixmlString(text)), text)
  }
})
