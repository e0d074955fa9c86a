import assert from 'node:assert/strict'
import {test} from 'node:test'
import {decodeText, encodeText, parseEncodingName, type TextEncodingName} from '../../src/values/text-encoding.js'

// powershell.md §9 Encodings: a BOM wins; else UTF-8; else Windows-1252. -Encoding names as pwsh 7.

const bytes = (...values: number[]) => Uint8Array.from(values)

const DECODED: ReadonlyArray<[name: string, input: Uint8Array, text: string]> = [
  ['UTF-8 without BOM', bytes(0x47, 0xc3, 0xa9, 0x6e), 'Gén'],
  ['UTF-8 with BOM, BOM dropped', bytes(0xef, 0xbb, 0xbf, 0x61, 0xe2, 0x82, 0xac), 'a€'],
  ['UTF-16 LE with BOM', bytes(0xff, 0xfe, 0x61, 0x00, 0xac, 0x20, 0x0a, 0x00), 'a€\n'],
  ['UTF-16 BE with BOM', bytes(0xfe, 0xff, 0x00, 0x61, 0x20, 0xac, 0x00, 0x0a), 'a€\n'],
  ['UTF-16 LE surrogate pair', bytes(0xff, 0xfe, 0x3d, 0xd8, 0x00, 0xde), '\u{1f600}'],
  ['invalid UTF-8 is Windows-1252', bytes(0x47, 0xe9, 0x6e, 0x80, 0x93, 0x94, 0x9f), 'Gén€“”Ÿ'],
  ['Windows-1252 undefined bytes stay', bytes(0x81, 0x8d, 0x8f, 0x90, 0x9d), '\u0081\u008d\u008f\u0090\u009d'],
  ['Windows-1252 Latin-1 range', bytes(0xa0, 0xff, 0x20), '\u00a0ÿ '],
  ['empty', bytes(), ''],
  ['a UTF-8 BOM alone', bytes(0xef, 0xbb, 0xbf), ''],
]

for (const [name, input, text] of DECODED) {
  test(`decodeText: ${name}`, () => assert.equal(decodeText(input), text))
}

const ENCODED: ReadonlyArray<[encoding: TextEncodingName, text: string, hex: string]> = [
  ['utf8', 'a€', '61e282ac'],
  ['utf8BOM', 'a€', 'efbbbf61e282ac'],
  ['unicode', 'a€', 'fffe6100ac20'],
  ['bigendianunicode', 'a€', 'feff006120ac'],
  ['ascii', 'aé€\n', '613f3f0a'],
  ['ascii', 'x\u{1f600}y', '783f79'],
]

for (const [encoding, text, hex] of ENCODED) {
  test(`encodeText ${encoding}: ${JSON.stringify(text)}`, () => assert.equal(Buffer.from(encodeText(text, encoding)).toString('hex'), hex))
}

const NAMES: ReadonlyArray<[name: string, parsed: TextEncodingName | undefined]> = [
  ['utf8', 'utf8'],
  ['UTF8', 'utf8'],
  ['utf8NoBOM', 'utf8'],
  ['UTF8NOBOM', 'utf8'],
  ['utf8BOM', 'utf8BOM'],
  ['utf8bom', 'utf8BOM'],
  ['Unicode', 'unicode'],
  ['BigEndianUnicode', 'bigendianunicode'],
  ['ASCII', 'ascii'],
  ['Default', 'utf8'],
  ['oem', 'utf8'],
  ['utf7', undefined],
  ['utf32', undefined],
  ['', undefined],
  ['toString', undefined],
  ['constructor', undefined],
]

for (const [name, parsed] of NAMES) {
  test(`parseEncodingName(${JSON.stringify(name)})`, () => assert.equal(parseEncodingName(name), parsed))
}

const ROUND_TRIP = 'Identity,Domain\r\nfédération.example,"a ""b"""\n€ – \u{1f600}\n'

for (const encoding of ['utf8', 'utf8BOM', 'unicode', 'bigendianunicode'] as const) {
  test(`round trip through ${encoding}`, () => assert.equal(decodeText(encodeText(ROUND_TRIP, encoding)), ROUND_TRIP))
}

test('round trip through ascii keeps ASCII text', () => {
  assert.equal(decodeText(encodeText('plain, "text"\n', 'ascii')), 'plain, "text"\n')
})
