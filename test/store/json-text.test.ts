import assert from 'node:assert/strict'
import {test} from 'node:test'
import {formatJsonPath, parseStoreText} from '../../store/index.js'
import {parseJsonText} from '../../store/json-text.js'

// Syntax errors: the line and column are our own scan's; the words are V8's, without its position.
const SYNTAX: Array<[text: string, problem: string]> = [
  ['', 'not valid JSON (line 1, column 1: Unexpected end of JSON input)'],
  ['{', "not valid JSON (line 1, column 2: Expected property name or '}')"],
  ['{"a":}', "not valid JSON (line 1, column 6: Unexpected token '}')"],
  ['{\n  "a": tru\n}', "not valid JSON (line 2, column 11: Unexpected token '\\n')"],
  ['{"a":1} x', 'not valid JSON (line 1, column 9: Unexpected non-whitespace character after JSON)'],
  ['[1 2]', "not valid JSON (line 1, column 4: Expected ',' or ']' after array element)"],
  ['{"a": 01}', 'not valid JSON (line 1, column 8: Unexpected number)'],
  ['{"a":"\u0001"}', 'not valid JSON (line 1, column 7: Bad control character in string literal)'],
  ['{"a":"\\q"}', 'not valid JSON (line 1, column 8: Bad escaped character)'],
  ['{"a":1\n\n  "b":2}', "not valid JSON (line 3, column 3: Expected ',' or '}' after property value)"],
  // Columns count characters, not UTF-16 units.
  ['{"😀😀": nul }', "not valid JSON (line 1, column 11: Unexpected token ' ')"],
  // A long line: V8 quotes an excerpt, which is dropped.
  [`{"x": [${'1,'.repeat(100)}x]}`, "not valid JSON (line 1, column 208: Unexpected token 'x')"],
  ['[' + '['.repeat(100000), 'not valid JSON (line 1, column 100002: Unexpected end of JSON input)'],
]

for (const [text, problem] of SYNTAX) {
  test(`syntax error in ${JSON.stringify(text.slice(0, 30))}`, () => {
    assert.deepEqual(parseStoreText(text), {document: null, problem: {jsonPath: '$', problem}})
  })
}

const PATHS: Array<[segments: Array<string | number>, path: string]> = [
  [[], '$'],
  [['xmppAllowedPartners', 'a.example', 'TlsNegotiation'], "$.xmppAllowedPartners['a.example'].TlsNegotiation"],
  [['externalAccessPolicies', 'global'], '$.externalAccessPolicies.global'],
  [['externalAccessPolicies', "tag:o'brien"], "$.externalAccessPolicies['tag:o\\'brien']"],
  [['users', 'back\\slash@a.example'], "$.users['back\\\\slash@a.example']"],
  [['xmppAllowedPartners', 'a.example', 'AdditionalDomains', 3], "$.xmppAllowedPartners['a.example'].AdditionalDomains[3]"],
  [['_under', '$dollar', '9lives'], "$._under.$dollar['9lives']"],
]

for (const [segments, path] of PATHS) {
  test(`JSONPath ${path}`, () => {
    assert.equal(formatJsonPath(segments), path)
  })
}

// A name given twice in one object: JSON.parse would keep the last silently; the store refuses it at
// the member's path, with both places (issue 12). Escapes are compared decoded; strings that hold
// quotes, colons or backslashes are no names.
const DUPLICATES: Array<[text: string, jsonPath: string, problem: string]> = [
  ['{"a":1,"a":2}', '$.a', "the key 'a' appears more than once (line 1, column 2 and line 1, column 8)"],
  ['{\n  "x": {\n    "k": 1,\n    "k": 1\n  }\n}', '$.x.k', "the key 'k' appears more than once (line 3, column 5 and line 4, column 5)"],
  ['{"x": [{"k": 1}, {"k": 1, "j": 2, "k": 3}]}', '$.x[1].k', "the key 'k' appears more than once (line 1, column 19 and line 1, column 35)"],
  ['{"a\\u0062": 1, "ab": 2}', '$.ab', "the key 'ab' appears more than once (line 1, column 2 and line 1, column 16)"],
  ['{"s": "\\":\\\\", "t" : ":", "s": 0}', '$.s', "the key 's' appears more than once (line 1, column 2 and line 1, column 27)"],
  ['{"users": {}, "😀": 1, "users": {}}', '$.users', "the key 'users' appears more than once (line 1, column 2 and line 1, column 23)"],
]

for (const [text, jsonPath, problem] of DUPLICATES) {
  test(`duplicate key in ${JSON.stringify(text.slice(0, 40))}`, () => {
    assert.deepEqual(parseStoreText(text), {document: null, problem: {jsonPath, problem}})
  })
}

test('names that only look alike are no duplicates, and a deep nesting does not overflow the stack', () => {
  assert.deepEqual(parseJsonText('{"a": {"b": 1}, "b": {"a": "\\"a\\": 1"}, "A": 2}'), {ok: true, value: {a: {b: 1}, b: {a: '"a": 1'}, A: 2}})
  assert.deepEqual(parseStoreText('['.repeat(100000) + ']'.repeat(100000)).problem, {jsonPath: '$', problem: 'must be an object'})
})
