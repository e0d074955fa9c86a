import assert from 'node:assert/strict'
import {test} from 'node:test'
import {CsvError, csvHeaderOf, parseCsv, writeCsv} from '../../src/format/index.js'
import {PSEnumValue, PSHashtable, PSList, PSObject} from '../../src/values/objects.js'

// powershell.md §9 Import-Csv / Export-Csv; whitespace and quote leniency as Windows PowerShell 5.1.

process.env.TZ = 'Europe/Berlin'

const CUSTOM = 'System.Management.Automation.PSCustomObject'
const SELECTED = ['Selected.System.Management.Automation.PSCustomObject', CUSTOM]
const MISSING = 'One or more headers were not specified. Default names starting with "H" have been used in place of any missing headers.'

type Row = Array<[string, unknown]>
const rowsOf = (text: string, options?: Parameters<typeof parseCsv>[1]): Row[] => parseCsv(text, options).objects.map((o) => o.properties())

const PARSED: ReadonlyArray<[name: string, text: string, options: Parameters<typeof parseCsv>[1], rows: Row[]]> = [
  ['C29 p2.csv: unquoted, values stay strings', 'Domain,KeepAlive\nk.example,False\n', {}, [[['Domain', 'k.example'], ['KeepAlive', 'False']]]],
  ['quoted fields, "" is a quote', '"a","b"\n"x ""y""","1,2"\n', {}, [[['a', 'x "y"'], ['b', '1,2']]]],
  ['a quoted field spans lines, its line ends kept', 'a,b\n"l1\r\nl2\nl3",z\n', {}, [[['a', 'l1\r\nl2\nl3'], ['b', 'z']]]],
  ['CRLF line ends', 'a,b\r\n1,2\r\n3,4\r\n', {}, [[['a', '1'], ['b', '2']], [['a', '3'], ['b', '4']]]],
  ['CR line ends', 'a,b\r1,2\r3,4', {}, [[['a', '1'], ['b', '2']], [['a', '3'], ['b', '4']]]],
  ['no line end after the last record', 'a\n1', {}, [[['a', '1']]]],
  ['empty and blank lines are skipped', '\n\na,b\n\n1,2\n  \n\r\n3,4\n\n', {}, [[['a', '1'], ['b', '2']], [['a', '3'], ['b', '4']]]],
  ['a missing trailing field is $null, an extra field is dropped', 'a,b,c\n1,2\n1,2,3,4\n', {}, [[['a', '1'], ['b', '2'], ['c', null]], [['a', '1'], ['b', '2'], ['c', '3']]]],
  ['an empty field is "", a last empty field at the end of the text is $null', 'a,b\n1,\n2,', {}, [[['a', '1'], ['b', '']], [['a', '2'], ['b', null]]]],
  ['other # lines are data', 'a,b\n#c,d\n', {}, [[['a', '#c'], ['b', 'd']]]],
  ['-Header: the first line is data', 'x,y\n1,2\n', {header: ['A', 'B']}, [[['A', 'x'], ['B', 'y']], [['A', '1'], ['B', '2']]]],
  ['-Delimiter ;', 'a;b\n"1;2";3,4\n', {delimiter: ';'}, [[['a', '1;2'], ['b', '3,4']]]],
  ['-Delimiter tab', 'a\tb\n1 \t 2\n', {delimiter: '\t'}, [[['a', '1 '], ['b', '2']]]],
  ['a BOM is dropped', '\uFEFFa\n1\n', {}, [[['a', '1']]]],
  ['trailing empty header names are dropped', 'a,b,,\n1,2,3,4\n', {}, [[['a', '1'], ['b', '2']]]],
  // COMPAT(powershell) whitespace, as 5.1 (PowerShell/PowerShell#25605).
  ['leading blanks go, one trailing blank stays', 'foo,bar\n foovalue   , bar value   \n', {}, [[['foo', 'foovalue '], ['bar', 'bar value   ']]]],
  ['blanks after a closing quote go', 'a,b\n"x y"  ,"z"\t\n', {}, [[['a', 'x y'], ['b', 'z']]]],
  ['text after a closing quote is appended', 'a,b\n"x y" ab ,c\n', {}, [[['a', 'x y ab '], ['b', 'c']]]],
  ['a quote inside an unquoted field is text up to the delimiter', 'a,b\nfoo "ba,r"\n', {}, [[['a', 'foo "ba'], ['b', 'r"']]]],
  ['a quote after text', 'a,b\nx"y,z\n', {}, [[['a', 'x"y'], ['b', 'z']]]],
  ['spaces inside quotes stay', 'a\n"  x  "\n', {}, [[['a', '  x  ']]]],
  ['an unterminated quote takes the rest of the text', 'a,b\n1,"2\n3,4\n', {}, [[['a', '1'], ['b', '2\n3,4\n']]]],
  ['only a header', 'a,b\n', {}, []],
  ['empty text', '', {}, []],
]

for (const [name, text, options, rows] of PARSED) {
  test(`parseCsv: ${name}`, () => assert.deepEqual(rowsOf(text, options), rows))
}

test('parseCsv: C27 partners.csv, the #TYPE line gives CSV:<type name>', () => {
  const text = '#TYPE Selected.System.Management.Automation.PSCustomObject\n"Domain","Type"\n"a.example","Federated"\n"b.example","PublicVerified"\n'
  const {objects, warnings} = parseCsv(text)
  assert.deepEqual(
    objects.map((o) => o.properties()),
    [
      [['Domain', 'a.example'], ['Type', 'Federated']],
      [['Domain', 'b.example'], ['Type', 'PublicVerified']],
    ],
  )
  assert.deepEqual(objects[0]!.typeNames, ['CSV:Selected.System.Management.Automation.PSCustomObject', CUSTOM])
  assert.deepEqual(warnings, [])
})

const TYPE_NAMES: ReadonlyArray<[text: string, typeNames: string[]]> = [
  ['a\n1\n', [CUSTOM]],
  ['#TYPE Foo.Bar\r\na\n1\n', ['CSV:Foo.Bar', CUSTOM]],
  ['#type  Foo.Bar  \na\n1\n', ['CSV:Foo.Bar', CUSTOM]],
  ['#TYPE\na\n1\n', [CUSTOM]],
  ['\uFEFF#TYPE X\ra\r1', ['CSV:X', CUSTOM]],
]

for (const [text, typeNames] of TYPE_NAMES) {
  test(`parseCsv type names of ${JSON.stringify(text)}`, () => {
    const {objects} = parseCsv(text)
    assert.deepEqual(objects.map((o) => o.properties()), [[['a', '1']]])
    assert.deepEqual(objects[0]!.typeNames, typeNames)
  })
}

test('parseCsv: empty header names become H1, H2 with one warning', () => {
  const {objects, warnings} = parseCsv(',b,,d\n1,2,3,4\n5,6,7,8\n')
  assert.deepEqual(objects[1]!.properties(), [['H1', '5'], ['b', '6'], ['H2', '7'], ['d', '8']])
  assert.deepEqual(warnings, [MISSING])
})

test('parseCsv: no warning for empty header names without rows, as 5.1 warns when it builds an object', () => {
  assert.deepEqual(parseCsv('a,,b\n'), {objects: [], warnings: []})
})

test('parseCsv: -Header with an empty name', () => {
  const {objects, warnings} = parseCsv('1,2\n', {header: ['', 'B']})
  assert.deepEqual(objects[0]!.properties(), [['H1', '1'], ['B', '2']])
  assert.deepEqual(warnings, [MISSING])
})

const DUPLICATES: ReadonlyArray<[text: string, header: string[] | undefined, message: string]> = [
  ['Domain,Type,Domain\n1,2,3\n', undefined, 'The member "Domain" is already present.'],
  ['Domain,domain\n', undefined, 'The member "domain" is already present.'],
  ['1,2\n', ['Domain', 'DOMAIN'], 'The member "DOMAIN" is already present.'],
  [',H1\n1,2\n', undefined, 'The member "H1" is already present.'],
]

for (const [text, header, message] of DUPLICATES) {
  test(`parseCsv refuses a duplicate header: ${message}`, () => {
    assert.throws(() => parseCsv(text, {header}), (error: unknown) => error instanceof CsvError && error.message === message)
  })
}

const HEADERS: ReadonlyArray<[text: string, delimiter: string | undefined, header: string[] | undefined]> = [
  ['"Identity","AdditionalDomains"\n"a","b"\n', undefined, ['Identity', 'AdditionalDomains']],
  ['#TYPE X\n\n"a";"b"\n', ';', ['a', 'b']],
  ['a,b,,\n', undefined, ['a', 'b']],
  ['', undefined, undefined],
  ['#TYPE X\n', undefined, undefined],
]

for (const [text, delimiter, header] of HEADERS) {
  test(`csvHeaderOf(${JSON.stringify(text)})`, () => assert.deepEqual(csvHeaderOf(text, delimiter), header))
}

const selected = (...properties: Array<[string, unknown]>) => {
  const object = new PSObject(SELECTED)
  for (const [name, value] of properties) object.addProperty(name, value)
  return object
}

test('writeCsv: C63 out.csv, a list is written as its type name', () => {
  const row = selected(['Identity', 'a.example'], ['AdditionalDomains', PSList.listOf(['x.a.example', 'y.a.example'])])
  assert.equal(writeCsv([row]), '"Identity","AdditionalDomains"\n"a.example","System.Collections.Generic.List`1[System.String]"\n')
})

test('writeCsv: C63 out2.csv, the list joined', () => {
  assert.equal(writeCsv([selected(['Identity', 'a.example'], ['AdditionalDomains', 'x.a.example;y.a.example'])]), '"Identity","AdditionalDomains"\n"a.example","x.a.example;y.a.example"\n')
})

const PARTNER_TYPE = {fullName: 'Microsoft.Rtc.Management.WritableConfig.Policy.XmppFederation.PartnerType', names: ['Federated', 'PublicVerified']}

const WRITTEN: ReadonlyArray<[name: string, objects: unknown[], options: Parameters<typeof writeCsv>[1], text: string]> = [
  ['no objects, no text', [], {}, ''],
  ['-IncludeTypeInformation: #TYPE of the first object', [selected(['a', 1])], {includeTypeInformation: true}, '#TYPE Selected.System.Management.Automation.PSCustomObject\n"a"\n"1"\n'],
  [
    'the first object makes the header; missing → empty, extra ignored, any case',
    [selected(['a', 1], ['b', 2]), selected(['B', 3], ['c', 4]), selected(['A', 5], ['b', 6], ['z', 7])],
    {},
    '"a","b"\n"1","2"\n"","3"\n"5","6"\n',
  ],
  ['quotes doubled, line ends kept inside quotes', [selected(['q', 'say "hi"']), selected(['q', 'l1\nl2'])], {}, '"q"\n"say ""hi"""\n"l1\nl2"\n'],
  [
    'string forms of values (§4.2), an array as .NET ToString',
    [selected(['n', null], ['t', true], ['d', 1.5], ['e', new PSEnumValue(PARTNER_TYPE, 'Federated')], ['arr', [1, 2]], ['h', new PSHashtable()], ['o', selected(['x', 1])], ['dt', new Date(2013, 1, 21, 8, 30, 0)])],
    {},
    '"n","t","d","e","arr","h","o","dt"\n"","True","1.5","Federated","System.Object[]","System.Collections.Hashtable","@{x=1}","02/21/2013 08:30:00"\n',
  ],
  ['-Delimiter ;', [selected(['a', 1], ['b', 'x;y'])], {delimiter: ';'}, '"a";"b"\n"1";"x;y"\n'],
  ['-Append: the existing header, no header line', [selected(['b', 1], ['a', 2], ['c', 3])], {header: ['a', 'b']}, '"2","1"\n'],
  ['a string exports its Length', ['abc', 'hello'], {}, '"Length"\n"3"\n"5"\n'],
  ['a string with -IncludeTypeInformation', ['abc'], {includeTypeInformation: true}, '#TYPE System.String\n"Length"\n"3"\n'],
]

for (const [name, objects, options, text] of WRITTEN) {
  test(`writeCsv: ${name}`, () => assert.equal(writeCsv(objects, options), text))
}

test('writeCsv: a hashtable exports its .NET properties, as 5.1 does', () => {
  const table = new PSHashtable()
  table.set('a', 1)
  table.set('b', 2)
  assert.equal(
    writeCsv([table], {includeTypeInformation: true}),
    '#TYPE System.Collections.Hashtable\n"IsReadOnly","IsFixedSize","IsSynchronized","Keys","Values","SyncRoot","Count"\n"False","False","False","System.Collections.Hashtable+KeyCollection","System.Collections.Hashtable+ValueCollection","System.Object","2"\n',
  )
})

test('writeCsv then parseCsv gives the strings back', () => {
  const rows = [selected(['Identity', 'a "b", c'], ['Note', ' x \n y ']), selected(['Identity', ''], ['Note', null])]
  const {objects} = parseCsv(writeCsv(rows, {includeTypeInformation: true}))
  assert.deepEqual(objects.map((o) => o.properties()), [
    [['Identity', 'a "b", c'], ['Note', ' x \n y ']],
    [['Identity', ''], ['Note', '']],
  ])
  assert.deepEqual(objects[0]!.typeNames, ['CSV:Selected.System.Management.Automation.PSCustomObject', CUSTOM])
})
