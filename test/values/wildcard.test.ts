import assert from 'node:assert/strict'
import {test} from 'node:test'
import {WildcardPatternError, compileWildcard} from '../../src/values/wildcard.js'
import {type Rng, below, envNumber, pick, seeded} from '../helpers/random.js'

const BT = '`'

// powershell.md §5.3, one row per rule, with the hyphenated names of federation partners:
// [pattern, text, case-sensitive, matches].
const MATCHES: ReadonlyArray<[string, string, boolean, boolean]> = [
  // `*` and `?`; the whole string must match.
  ['*-im.example', 'fabrikam-im.example', false, true],
  ['fabrikam-*', 'fabrikam-im.example', false, true],
  ['*', '', false, true],
  ['', '', false, true],
  ['', 'x', false, false],
  ['example', 'a.example', false, false],
  ['*example', 'a.example', false, true],
  ['my-xmpp.exampl?', 'my-xmpp.example', false, true],
  ['my-xmpp.exampl?', 'my-xmpp.exampl', false, false],
  ['a?b', 'a.b', false, true],
  ['a*b*c', 'a-x-b-y-c', false, true],
  ['a*b*c', 'a-x-b-y-c-', false, false],
  // `?` is one UTF-16 code unit: an astral character is two.
  ['?', '😀', false, false],
  ['??', '😀', false, true],
  // Every other character is itself, none with its regular-expression meaning.
  ['a.b', 'axb', false, false],
  ['c++ (beta) $1 ^x {y} a|b \\d', 'c++ (beta) $1 ^x {y} a|b \\d', false, true],
  ['x\\', 'x', false, false],
  ['x\\', 'x\\', false, true],
  ['a-b', 'a-b', false, true],
  ['a-b', 'a', false, false],
  ['domain]', 'domain]', false, true],
  ['!a', '!a', false, true],
  ['\t~#%&\'",;=<>@/:', '\t~#%&\'",;=<>@/:', false, true],
  // Sets: members, ranges by code unit, no negation, no classes.
  ['[abc].example', 'b.example', false, true],
  ['[abc].example', 'd.example', false, false],
  ['[a-z][0-9]', 'm1', false, true],
  ['[!a]x', '!x', false, true],
  ['[!a]x', 'bx', false, false],
  ['[^a]x', '^x', false, true],
  ['[\\d]', 'd', false, true],
  ['[\\d]', '5', false, false],
  ['[.*?[]', '[', false, true],
  ['[.*?[]', 'x', false, false],
  // `-` is itself first, last, after a range, or escaped; `]` right after `[` is itself.
  ['[-+]x', '-x', false, true],
  ['[+-]x', '+x', false, true],
  ['[+-]x', '-x', false, true],
  ['[a-c-e]', '-', false, true],
  ['[a-c-e]', 'b', false, true],
  ['[a-c-e]', 'd', false, false],
  [`[a${BT}-z]`, '-', false, true],
  [`[a${BT}-z]`, 'm', false, false],
  ['[]]x', ']x', false, true],
  ['[]a]', 'a', false, true],
  [`[${BT}]]`, ']', false, true],
  ['[a-a]', 'a', false, true],
  // Backtick escapes, outside and inside sets.
  [`${BT}*x`, '*x', false, true],
  [`${BT}*x`, 'yx', false, false],
  [`a${BT}?`, 'a?', false, true],
  [`a${BT}?`, 'ab', false, false],
  [`${BT}[1${BT}]`, '[1]', false, true],
  [`${BT}${BT}`, BT, false, true],
  [`${BT}a-b`, 'a-b', false, true],
  [`[${BT}${BT}]`, BT, false, true],
  // A lone trailing backtick is itself, but the pattern of one backtick matches only "".
  [`x${BT}`, `x${BT}`, false, true],
  [`x${BT}`, 'x', false, false],
  [BT, '', false, true],
  [BT, BT, false, false],
  // Case: simple lower-case per code unit; a set matches the character, its lower or upper case.
  ['msrtcsip-*', 'msRTCSIP-PrimaryUserAddress', false, true],
  ['msrtcsip-*', 'msRTCSIP-PrimaryUserAddress', true, false],
  ['[a-z][0-9]', 'M1', false, true],
  ['[a-z][0-9]', 'M1', true, false],
  ['[A-Z]', 'm', false, true],
  ['ärger-*.EXAMPLE', 'Ärger-Straße.example', false, true],
  ['STRASSE', 'straße', false, false],
  ['ΑΣ', 'ας', false, false],
  ['ΑΣ', 'ασ', false, true],
  ['i', 'İ', false, false],
]

test('matching follows the rules of §5.3', () => {
  for (const [pattern, text, caseSensitive, expected] of MATCHES) {
    assert.equal(compileWildcard(pattern, caseSensitive).matches(text), expected, `${JSON.stringify(text)} against ${JSON.stringify(pattern)}${caseSensitive ? ' (case-sensitive)' : ''}`)
  }
})

test('an unclosed set and a reversed range are the only invalid patterns', () => {
  for (const pattern of ['[a', 'a[', '[]', '[]]]x[', `[a${BT}]`, '[z-a]', 'my-[z-a]', '[a--]', `*${BT}[[`]) {
    assert.throws(
      () => compileWildcard(pattern),
      (error) => error instanceof WildcardPatternError && error.message === `The specified wildcard character pattern is not valid: ${pattern}`,
      pattern,
    )
  }
  for (const pattern of [']', 'a]', `${BT}[`, '[[]', '[-]', '[a-]', '[--]', `${BT}`]) {
    assert.doesNotThrow(() => compileWildcard(pattern), pattern)
  }
})

test('many stars against a long text take O(text × pattern), never exponential time', () => {
  const started = performance.now()
  const text = 'a'.repeat(10_000)
  assert.equal(compileWildcard('*a*a*a*a*a*b').matches(text), false)
  assert.equal(compileWildcard('*a*a*a*a*a*b', true).matches(text), false)
  assert.equal(compileWildcard(`${'*?'.repeat(50)}b`).matches(text), false)
  assert.equal(compileWildcard('*a*a*a*a*a*').matches(text), true)
  assert.ok(performance.now() - started < 500, `took ${Math.round(performance.now() - started)} ms`)
})

// The seeded property test §5.3 asks for. CSXMPP_FUZZ_SEED replays a run.
const SEED = envNumber('CSXMPP_FUZZ_SEED', 20261213)
const ALPHABET = [...Array.from({length: 95}, (_, i) => String.fromCharCode(32 + i)), 'é', 'Ä', 'ß', 'İ', 'Σ', '😀', '\ud800', '\u0000']

function randomText(rng: Rng, max: number): string {
  return Array.from({length: below(rng, max + 1)}, () => pick(rng, ALPHABET)).join('')
}

/** lowerUnits is a string's simple lower case, one code unit at a time (§5.3). */
function lowerUnits(text: string): string {
  return Array.from({length: text.length}, (_, i) => text[i]!.toLowerCase()).map((l, i) => (l.length === 1 ? l : text[i]!)).join('')
}

test(`random patterns either match or are invalid, nothing else (seed ${SEED})`, () => {
  const rng = seeded(SEED)
  for (let index = 0; index < 5_000; index++) {
    const pattern = randomText(rng, 12)
    const text = randomText(rng, 12)
    try {
      const result = compileWildcard(pattern, rng() < 0.5).matches(text)
      assert.equal(typeof result, 'boolean')
    } catch (error) {
      if (!(error instanceof WildcardPatternError)) assert.fail(`seed ${SEED} case ${index}: ${JSON.stringify(pattern)} threw ${String(error)}`)
    }
  }
})

test(`a pattern with every character escaped matches exactly its text (seed ${SEED})`, () => {
  const rng = seeded(SEED + 1)
  for (let index = 0; index < 5_000; index++) {
    const text = randomText(rng, 12)
    const escaped = [...Array(text.length).keys()].map((i) => `${BT}${text[i]}`).join('')
    const other = rng() < 0.5 ? randomText(rng, 12) : text.slice(0, -1) + pick(rng, ALPHABET)
    const context = `seed ${SEED} case ${index}: ${JSON.stringify(escaped)} against ${JSON.stringify(other)}`
    assert.ok(compileWildcard(escaped, true).matches(text), context)
    assert.equal(compileWildcard(escaped, true).matches(other), other === text, context)
    assert.equal(compileWildcard(escaped).matches(other), lowerUnits(other) === lowerUnits(text), context)
  }
})
