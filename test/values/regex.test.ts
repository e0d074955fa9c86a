import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ErrorRecord} from '../../src/errors.js'
import {matchGroups, toRegExp, toReplacement} from '../../src/values/regex.js'

/** thrown runs f and returns the ErrorRecord it throws. */
function thrown(f: () => unknown): ErrorRecord {
  try {
    f()
  } catch (error) {
    assert.ok(error instanceof ErrorRecord, String(error))
    return error
  }
  assert.fail('no error thrown')
}

/** firstMatch is what `-match`/`-cmatch` finds: the whole match, or null. */
function firstMatch(pattern: string, input: string, caseSensitive = false): string | null {
  return toRegExp(pattern, {caseSensitive}).exec(input)?.[0] ?? null
}

// powershell.md §5.1: .NET semantics through JavaScript.
const MATCHES: ReadonlyArray<[string, string, boolean, string | null]> = [
  ['example', 'EXAMPLE.org', false, 'EXAMPLE'],
  ['example', 'EXAMPLE.org', true, null],
  ['(?i)example', 'EXAMPLE.org', true, 'EXAMPLE'],
  ['\\Afab', 'fabrikam', false, 'fab'],
  ['\\Afab', 'x\nfabrikam', false, null],
  ['kam\\z', 'fabrikam', false, 'kam'],
  ['kam\\z', 'fabrikam\n', false, null],
  ['kam\\Z', 'fabrikam\n', false, 'kam'],
  ['kam$', 'fabrikam\n', false, 'kam'],
  ['kam$', 'fabrikam\nx', false, null],
  ['a.c', 'a\rc', false, 'a\rc'],
  ['a.c', 'a\nc', false, null],
  ['\\\\A', 'C:\\A', false, '\\A'],
  ['[\\A]+', 'xAAx', true, 'AA'],
  ['[$.]+', 'a$.b', false, '$.'],
  ['[]a]+', 'x]a]x', false, ']a]'],
  ['[^]a]+', ']]bc', false, 'bc'],
  ['(?<host>\\w+)\\.\\k\'host\'', 'ab.ab', false, 'ab.ab'],
  ["(?'user'\\w+)@", 'jsmith@contoso', false, 'jsmith@'],
  ['a(?#a comment)b', 'ab', false, 'ab'],
  ['(a)(b)\\2\\1', 'abba', false, 'abba'],
  ['x{2}', 'xxx', false, 'xx'],
  ['x{2,}?', 'xxx', false, 'xx'],
  ['a{,2}', 'a{,2}', false, 'a{,2}'],
  ['(?<=@)\\w+', 'user@fabrikam', false, 'fabrikam'],
  ['\\d+\\+\\d+', '1+2', false, '1+2'],
]

for (const [pattern, input, caseSensitive, expected] of MATCHES) {
  test(`toRegExp ${JSON.stringify(pattern)} on ${JSON.stringify(input)}${caseSensitive ? ' (case-sensitive)' : ''}`, () => {
    assert.equal(firstMatch(pattern, input, caseSensitive), expected)
  })
}

test('toRegExp: flags are i unless case-sensitive, g on request, never u', () => {
  assert.equal(toRegExp('a', {caseSensitive: false}).flags, 'i')
  assert.equal(toRegExp('a', {caseSensitive: true, global: true}).flags, 'g')
  assert.equal(toRegExp('(?i)a', {caseSensitive: true}).flags, 'i')
})

// Constructs JavaScript lacks are refused by name (§5.1, §14).
const REFUSED: ReadonlyArray<[string, string]> = [
  ['(?>abc)', '(?>'],
  ['a*+', '*+'],
  ['a++b', '++'],
  ['a?+', '?+'],
  ['a{2}+', '}+'],
  ['a{1,3}+', '}+'],
  ['\\Gabc', '\\G'],
  ['(?(x)a|b)', '(?('],
  ['(?<open-close>x)', '(?<open-close>'],
  ['(?<-close>x)', '(?<-close>'],
  ["(?'open-close'x)", "(?'open-close'"],
  ['(?<2>x)', '(?<2>'],
  ['a(?i)b', '(?i)'],
  ['(?i)(?m)^a', '(?m)'],
  ['(?-i)a', '(?-i)'],
  ['(?s:a.b)', '(?s:'],
  ['(?imnsx-imnsx:a)', '(?imnsx-imnsx:'],
  ['\\p{L}+', '\\p{L}'],
  ['[\\P{Lu}]', '\\P{Lu}'],
  ['[a-z-[aeiou]]', '-['],
]

for (const [pattern, construct] of REFUSED) {
  test(`toRegExp refuses ${construct} in ${JSON.stringify(pattern)}`, () => {
    const error = thrown(() => toRegExp(pattern, {caseSensitive: false}))
    assert.deepEqual(
      [error.message, error.errorId, error.category, error.reason, error.targetObject],
      [`The regular expression construct '${construct}' is not supported by csxmpp.`, 'NotSupportedByCsxmpp', 'NotImplemented', 'NotSupportedException', construct],
    )
  })
}

// Escaped, the same characters are ordinary.
for (const [pattern, input] of [['\\(\\?>', '(?>'], ['\\*\\+', '*+'], ['[(?>]+', '(?>'], ['a\\{2}+', 'a{2}}'], ['\\\\G', '\\G']] as const) {
  test(`toRegExp accepts ${JSON.stringify(pattern)}`, () => {
    assert.equal(firstMatch(pattern, input), input)
  })
}

// PS 5.1: `InvalidOperation: ([(:String) [], RuntimeException`, FullyQualifiedErrorId InvalidRegularExpression.
for (const pattern of ['[(', '(', 'a)', '*a', 'a**', 'x\\', '(?<a>x)(?<a>y)']) {
  test(`toRegExp: ${JSON.stringify(pattern)} is not valid`, () => {
    const error = thrown(() => toRegExp(pattern, {caseSensitive: false}))
    assert.deepEqual(
      [error.message, error.errorId, error.category, error.reason, error.targetObject],
      [`The regular expression pattern ${pattern} is not valid.`, 'InvalidRegularExpression', 'InvalidOperation', 'RuntimeException', pattern],
    )
  })
}

const REPLACEMENTS: ReadonlyArray<[string, string]> = [
  ['$2\\$1', '$2\\$1'],
  ['$0', '$&'],
  ['<$0>', '<$&>'],
  ['${1}0', '$010'],
  ['${0}', '$&'],
  ['${user}', '$<user>'],
  ['$$1', '$$1'],
  ['$&|$`|$\'', '$&|$`|$\''],
  ['cost: 5$', 'cost: 5$$'],
  ['$x $<a> ${a b}', '$$x $$<a> $${a b}'],
  ['plain', 'plain'],
]

for (const [replacement, expected] of REPLACEMENTS) {
  test(`toReplacement ${JSON.stringify(replacement)}`, () => {
    assert.equal(toReplacement(replacement), expected)
  })
}

for (const construct of ['$_', '$+']) {
  test(`toReplacement refuses ${construct}`, () => {
    const error = thrown(() => toReplacement(`a${construct}b`))
    assert.equal(error.message, `The regular expression construct '${construct}' is not supported by csxmpp.`)
  })
}

/** replace is `input -replace pattern, replacement`. */
function replace(input: string, pattern: string, replacement: string): string {
  return input.replace(toRegExp(pattern, {caseSensitive: false, global: true}), toReplacement(replacement))
}

const REPLACED: ReadonlyArray<[string, string, string, string]> = [
  ['user@fabrikam.com', '^(\\w+)@(.+)$', '$2\\$1', 'fabrikam.com\\user'],
  ['a.example.com', '\\.example\\.com$', '.test', 'a.test'],
  ['jabber.example.org', '^(?<host>[^.]+)\\.', '${host}-', 'jabber-example.org'],
  ['abc', 'b', '[$0]', 'a[b]c'],
  ['abc', '(b)', '${1}0', 'ab0c'],
  ['abc', 'b', '$1', 'a$1c'],
  ['price', 'price', '5$ $$', '5$ $'],
  ['a1b22', '\\d', '#', 'a#b##'],
  ['line\n', '$', '!', 'line!\n!'],
]

for (const [input, pattern, replacement, expected] of REPLACED) {
  test(`${JSON.stringify(input)} -replace ${JSON.stringify(pattern)}, ${JSON.stringify(replacement)}`, () => {
    assert.equal(replace(input, pattern, replacement), expected)
  })
}

/** matches is `$Matches` after `input -match pattern`, as [key, value] pairs in listing order. */
function matches(pattern: string, input: string): Array<[string, unknown]> {
  const match = toRegExp(pattern, {caseSensitive: false}).exec(input)
  assert.ok(match)
  return matchGroups(match).entries()
}

// §5: named groups by name, unnamed ones by their .NET number (named groups count after them),
// only groups that took part, 0 the whole match; numbers descending as PS 5.1 lists them.
const MATCH_TABLES: ReadonlyArray<[string, string, Array<[string, string]>]> = [
  ['^(?<host>[^.]+)\\.(?<rest>.+)$', 'jabber.example.org', [['host', 'jabber'], ['rest', 'example.org'], ['0', 'jabber.example.org']]],
  ['(a)(b)(c)', 'xabc', [['3', 'c'], ['2', 'b'], ['1', 'a'], ['0', 'abc']]],
  ['(?<first>a)(b)', 'ab', [['first', 'a'], ['1', 'b'], ['0', 'ab']]],
  ['(a)|(b)', 'b', [['2', 'b'], ['0', 'b']]],
  ['(?<x>a)?(?<y>b)', 'b', [['y', 'b'], ['0', 'b']]],
  ['(?:a)(b)', 'ab', [['1', 'b'], ['0', 'ab']]],
  ['fab', 'FABRIKAM', [['0', 'FAB']]],
]

for (const [pattern, input, expected] of MATCH_TABLES) {
  test(`$Matches for ${JSON.stringify(input)} -match ${JSON.stringify(pattern)}`, () => {
    assert.deepEqual(matches(pattern, input), expected)
  })
}

test('$Matches keys are case-insensitive: $Matches.HOST', () => {
  const match = toRegExp('^(?<host>[^.]+)', {caseSensitive: false}).exec('jabber.example.org')
  assert.ok(match)
  assert.equal(matchGroups(match).get('HOST'), 'jabber')
})
