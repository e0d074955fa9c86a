import assert from 'node:assert/strict'
import {test} from 'node:test'
import {JsonError, convertFromJson, convertToJson} from '../../src/format/index.js'
import {PSEnumValue, PSHashtable, PSList, PSObject, PSTimeSpan} from '../../src/values/objects.js'

// powershell.md §10.7: ConvertTo-Json (pwsh 7 layout, csxmpp value rules) and ConvertFrom-Json (5.1).

process.env.TZ = 'Europe/Berlin' // DateTime is local time (§4.1); a fixed zone makes the offsets known.

const CUSTOM = ['System.Management.Automation.PSCustomObject', 'System.Object']
const PARTNER_TYPE = {fullName: 'Microsoft.Rtc.Management.WritableConfig.Policy.XmppFederation.PartnerType', names: ['Federated', 'PublicVerified']}

const custom = (...properties: Array<[string, unknown]>) => {
  const object = new PSObject(['Selected.Microsoft.Rtc.Management.WritableConfig.Policy.XmppFederation.XmppAllowedPartner', 'System.Management.Automation.PSCustomObject'])
  for (const [name, value] of properties) object.addProperty(name, value)
  return object
}
const table = (...entries: Array<[string, unknown]>) => {
  const hashtable = new PSHashtable()
  for (const [key, value] of entries) hashtable.set(key, value)
  return hashtable
}
const json = (objects: unknown[], options?: Parameters<typeof convertToJson>[1]) => convertToJson(objects, options).text

test('ConvertTo-Json: C40, a Select-Object result with an empty list', () => {
  const partner = custom(['Identity', 'a.example'], ['PartnerType', new PSEnumValue(PARTNER_TYPE, 'Federated')], ['EnableKeepAlive', true], ['AdditionalDomains', new PSList()])
  assert.deepEqual(convertToJson([partner]), {text: '{\n  "Identity": "a.example",\n  "PartnerType": "Federated",\n  "EnableKeepAlive": true,\n  "AdditionalDomains": []\n}', truncated: false})
})

test('ConvertTo-Json -Compress: C40, two objects make an array', () => {
  assert.equal(json([custom(['Identity', 'a.example']), custom(['Identity', 'b.example'])], {compress: true}), '[{"Identity":"a.example"},{"Identity":"b.example"}]')
})

const LAYOUTS: ReadonlyArray<[name: string, objects: unknown[], text: string | undefined]> = [
  ['no objects, no text', [], undefined],
  ['one string', ['a'], '"a"'],
  ['one $null', [null], 'null'],
  ['several scalars make an array', [1, 'a', false, null], '[\n  1,\n  "a",\n  false,\n  null\n]'],
  ['nesting indents by two', [custom(['a', [1, custom(['b', 2])]], ['c', custom()])], '{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ],\n  "c": {}\n}'],
  ['one array is that array', [[1, 2]], '[\n  1,\n  2\n]'],
  ['a hashtable in its key order', [table(['z', 1], ['A', 'x'])], '{\n  "z": 1,\n  "A": "x"\n}'],
]

for (const [name, objects, text] of LAYOUTS) {
  test(`ConvertTo-Json layout: ${name}`, () => assert.equal(json(objects), text))
}

test('ConvertTo-Json -Compress nests without whitespace', () => {
  assert.equal(json([custom(['a', [1, table(['b', null])]], ['c', []])], {compress: true}), '{"a":[1,{"b":null}],"c":[]}')
})

const VALUES: ReadonlyArray<[name: string, value: unknown, text: string]> = [
  ['enum by name', new PSEnumValue(PARTNER_TYPE, 'PublicVerified'), '"PublicVerified"'],
  ['DateTime with milliseconds', new Date(2026, 10, 24, 19, 4, 5, 123), '"2026-11-24T19:04:05.123+01:00"'],
  ['DateTime without a fraction', new Date(2013, 6, 1, 8, 0, 0, 0), '"2013-07-01T08:00:00+02:00"'],
  ['DateTime fraction without trailing zeros', new Date(2013, 6, 1, 8, 0, 5, 500), '"2013-07-01T08:00:05.5+02:00"'],
  ['TimeSpan by its string form', new PSTimeSpan(8 * 3600 * 10_000_000), '"08:00:00"'],
  ['ScriptBlock by its text', {isScriptBlock: true, text: ' $_.Identity '}, '" $_.Identity "'],
  ['Int64', 2147483648, '2147483648'],
  ['large Int64 in full', 2 ** 60, '1152921504606846976'],
  ['Double', -1.5, '-1.5'],
  ['large Double as .NET', 1e20 * 1000, '1E+23'],
  ['small Double as .NET', 1e-7, '1E-07'],
  ['NaN as a string', Number.NaN, '"NaN"'],
  ['Infinity as a string', Number.POSITIVE_INFINITY, '"Infinity"'],
  ['escapes: quote, backslash, control characters', '"\\\n\r\t\b\f\u0001\u001f', '"\\"\\\\\\n\\r\\t\\u0008\\u000c\\u0001\\u001f"'],
  ['other characters as they are', 'é <>&\' \u2028 \u{1f600} /', '"é <>&\' \u2028 \u{1f600} /"'],
]

for (const [name, value, text] of VALUES) {
  test(`ConvertTo-Json value: ${name}`, () => assert.equal(json([value]), text))
}

test('ConvertTo-Json: property names are escaped too', () => {
  assert.equal(json([custom(['a"b', 1])], {compress: true}), '{"a\\"b":1}')
})

const nested = table(['a', table(['b', table(['c', table(['d', 1])])])])

const DEPTHS: ReadonlyArray<[name: string, objects: unknown[], depth: number | undefined, text: string, truncated: boolean]> = [
  ['default depth 2: the third level is a string', [nested], undefined, '{"a":{"b":{"c":"System.Collections.Hashtable"}}}', true],
  ['-Depth 3 reaches the end', [nested], 3, '{"a":{"b":{"c":{"d":1}}}}', false],
  ['-Depth 0: an object in an object is its string form', [custom(['o', custom(['x', 1], ['y', 'z'])])], 0, '{"o":"@{x=1; y=z}"}', true],
  ['-Depth 0: an array in an object is its elements joined', [custom(['l', [1, 2]])], 0, '{"l":"1 2"}', true],
  ['-Depth 0: scalars, enums and dates are never cut', [custom(['e', new PSEnumValue(PARTNER_TYPE, 'Federated')], ['n', 1])], 0, '{"e":"Federated","n":1}', false],
  ['several objects are one level deeper', [custom(['o', custom(['x', 1])]), custom()], 0, '["@{o=@{x=1}}","@{}"]', true],
  ['several objects at -Depth 1', [custom(['o', custom(['x', 1])])], 1, '{"o":{"x":1}}', false],
]

for (const [name, objects, depth, text, truncated] of DEPTHS) {
  test(`ConvertTo-Json depth: ${name}`, () => assert.deepEqual(convertToJson(objects, {depth, compress: true}), {text, truncated}))
}

test('--json writes its array with the ConvertTo-Json writer: `[]` when empty, depth 10 below the array', () => {
  const partner = custom(['Identity', 'a.example'], ['PartnerType', new PSEnumValue(PARTNER_TYPE, 'Federated')], ['AdditionalDomains', PSList.listOf(['x'])])
  assert.equal(convertToJson([[]], {depth: 11}).text, '[]')
  assert.equal(convertToJson([[partner]], {depth: 11, compress: true}).text, '[{"Identity":"a.example","PartnerType":"Federated","AdditionalDomains":["x"]}]')
})

test('ConvertFrom-Json: C41, nested objects and arrays in document order', () => {
  const cfg = convertFromJson('{"partners":[{"domain":"a.example","type":"Federated"},{"domain":"b.example","type":"PublicVerified"}]}') as PSObject
  assert.deepEqual(cfg.typeNames, CUSTOM)
  const partners = cfg.get('Partners') as PSObject[]
  assert.ok(Array.isArray(partners))
  assert.deepEqual(
    partners.map((p) => p.properties()),
    [
      [['domain', 'a.example'], ['type', 'Federated']],
      [['domain', 'b.example'], ['type', 'PublicVerified']],
    ],
  )
  assert.deepEqual(partners[1]!.typeNames, CUSTOM)
})

const READ: ReadonlyArray<[text: string, value: unknown]> = [
  ['1', 1],
  ['-2147483649', -2147483649],
  ['1.5', 1.5],
  ['1e3', 1000],
  ['-0.25E-1', -0.025],
  ['"2013-02-21T08:30:00"', '2013-02-21T08:30:00'],
  ['"\\u00e9\\/\\b\\f\\n\\"\\\\"', 'é/\b\f\n"\\'],
  ["'single'", 'single'],
  ['true', true],
  [' false ', false],
  ['null', null],
  ['', null],
  [' \n ', null],
  ['[1, "a", [true], []]', [1, 'a', [true], []]],
]

for (const [text, value] of READ) {
  test(`ConvertFrom-Json ${JSON.stringify(text)}`, () => assert.deepEqual(convertFromJson(text), value))
}

const OBJECTS: ReadonlyArray<[text: string, properties: Array<[string, unknown]>]> = [
  ['{}', []],
  [' { "b" : 1 , "a" : null } ', [['b', 1], ['a', null]]],
  ['{unquoted: 1, \'single\': 2}', [['unquoted', 1], ['single', 2]]],
  ['{"a":1,"b":2,"a":3}', [['a', 3], ['b', 2]]],
]

for (const [text, properties] of OBJECTS) {
  test(`ConvertFrom-Json object ${text}`, () => assert.deepEqual((convertFromJson(text) as PSObject).properties(), properties))
}

const INVALID: ReadonlyArray<[text: string, message: string]> = [
  ['foo', 'Invalid JSON primitive: foo.'],
  ['foo bar', 'Invalid JSON primitive: foo.'],
  ['{"a": tru}', 'Invalid JSON primitive: tru.'],
  ['True', 'Invalid JSON primitive: True.'],
  ['1.2.3', 'Invalid JSON primitive: 1.2.3.'],
  ['@', 'Invalid JSON primitive: .'],
  ['{"a":1} x', 'Invalid JSON primitive: .'],
  ['"a" "bc"', 'Invalid JSON primitive: bc".'],
  ['{"a":1}}', 'Invalid JSON primitive: .'],
  ['{"a":1', 'Invalid JSON primitive: .'],
  ['{"a":', 'Invalid JSON primitive: .'],
  ['[1,2', 'Invalid JSON primitive: .'],
  ['[1,]', 'Invalid JSON primitive: .'],
  ['[1 2]', 'Invalid JSON primitive: 2.'],
  ['{"a" 1}', 'Invalid JSON primitive: 1.'],
  ['{"a":"abc', 'Invalid JSON primitive: .'],
  ['"\\q"', 'Invalid JSON primitive: .'],
  ['{"a":1,"A":2}', "Cannot convert the JSON string because a dictionary that was converted from the string contains the duplicated keys 'a' and 'A'."],
  ['[{"x":{"Id":1,"ID":2}}]', "Cannot convert the JSON string because a dictionary that was converted from the string contains the duplicated keys 'Id' and 'ID'."],
  ['{"a":1,"A":2', 'Invalid JSON primitive: .'],
]

for (const [text, message] of INVALID) {
  test(`ConvertFrom-Json refuses ${text}: ${message}`, () => {
    assert.throws(() => convertFromJson(text), (error: unknown) => error instanceof JsonError && error.message === message)
  })
}

test('ConvertTo-Json then ConvertFrom-Json gives the values back', () => {
  const original = custom(['s', 'a "b"\n\u0001'], ['n', 2147483648], ['d', 0.5], ['l', PSList.listOf(['x', 'y'])], ['o', custom(['t', true])])
  const back = convertFromJson(json([original], {depth: 5})!) as PSObject
  assert.deepEqual(back.get('s'), 'a "b"\n\u0001')
  assert.deepEqual([back.get('n'), back.get('d'), back.get('l')], [2147483648, 0.5, ['x', 'y']])
  assert.deepEqual((back.get('o') as PSObject).properties(), [['t', true]])
})
