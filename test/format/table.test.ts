import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {PARTNER_TYPE} from '../../src/cmdlets/lync-types.js'
import {tableLines} from '../../src/format/table.js'
import {formatFieldValue} from '../../src/format/values.js'
import {PSEnumValue, PSHashtable, PSList, PSObject, PSTimeSpan} from '../../src/values/objects.js'

/** table renders columns and rows as the lines of §10.4, joined for readable expectations. */
const table = (columns: Array<{label: string; width?: number; alignment?: 'Left' | 'Right' | 'Center'}>, rows: unknown[][], width = 120) =>
  tableLines(columns, rows, width).join('\n')

describe('formatFieldValue (§10.5)', () => {
  const custom = new PSObject(['System.Management.Automation.PSCustomObject', 'System.Object']).addProperty('a', 1).addProperty('b', 'x')
  const cases: Array<[string, unknown, string]> = [
    ['$null', null, ''],
    ['Boolean', true, 'True'],
    ['Int32', 42, '42'],
    ['Double', 2.5, '2.5'],
    ['enum by name', new PSEnumValue(PARTNER_TYPE, 'Federated'), 'Federated'],
    ['string as is', 'a b', 'a b'],
    ['empty collection', [], '{}'],
    ['empty List<String>', PSList.listOf([]), '{}'],
    ['collection', ['a', 'b', 'c'], '{a, b, c}'],
    ['four elements', ['a', 'b', 'c', 'd'], '{a, b, c, d}'],
    ['enumeration limit', ['d1', 'd2', 'd3', 'd4', 'd5'], '{d1, d2, d3, d4...}'],
    ['nested collection joined by spaces', [1, [2, 3]], '{1, 2 3}'],
    ['DateTime', new Date(2026, 10, 24, 19, 4, 5), '11/24/2026 7:04:05 PM'],
    ['DateTime at midnight', new Date(2013, 1, 21), '2/21/2013 12:00:00 AM'],
    ['DateTime inside a collection', [new Date(2026, 10, 24, 9, 4, 5)], '{11/24/2026 9:04:05 AM}'],
    ['TimeSpan with fraction', new PSTimeSpan(25_361_946), '00:00:02.5361946'],
    ['TimeSpan of hours', new PSTimeSpan(8 * 36_000_000_000), '08:00:00'],
    ['TimeSpan with days', new PSTimeSpan(-(86_400 + 3_661) * 10_000_000), '-1.01:01:01'],
    ['PSCustomObject', custom, '@{a=1; b=x}'],
    ['Hashtable', new PSHashtable(), 'System.Collections.Hashtable'],
  ]
  for (const [name, value, expected] of cases) it(name, () => assert.equal(formatFieldValue(value), expected))

  it('takes the limit as a parameter', () => assert.equal(formatFieldValue([1, 2, 3], 2), '{1, 2...}'))
})

describe('tableLines (§10.4)', () => {
  it('sizes columns by their longest cell, header included, and pads with one space (C35)', () => {
    const rows = [
      ['a.example', 'Federated', true],
      ['b.example', 'PublicVerified', true],
      ['c.example', 'Federated', false],
    ]
    assert.equal(
      table([{label: 'Identity'}, {label: 'PartnerType'}, {label: 'EnableKeepAlive'}], rows),
      [
        'Identity  PartnerType    EnableKeepAlive',
        '--------  -----------    ---------------',
        'a.example Federated      True',
        'b.example PublicVerified True',
        'c.example Federated      False',
      ].join('\n'),
    )
  })

  it('right-aligns numeric columns with their header and dashes (C39)', () => {
    assert.equal(
      table([{label: 'Identity'}, {label: 'ConnectionLimit'}], [['Global', 1000]]),
      ['Identity ConnectionLimit', '-------- ---------------', 'Global              1000'].join('\n'),
    )
  })

  it('judges a column numeric by its first non-null value', () => {
    const rows = [[null], [7], ['x']]
    assert.equal(table([{label: 'N'}], rows), ['N', '-', '', '7', 'x'].join('\n'))
    assert.equal(table([{label: 'N'}], [['x'], [7]]), ['N', '-', 'x', '7'].join('\n'))
    assert.equal(table([{label: 'Count'}, {label: 'X'}], [[1.5, 'a'], [12, 'b']]), ['Count X', '----- -', '  1.5 a', '   12 b'].join('\n'))
  })

  it('keeps fixed widths and alignments, cutting longer cells (GroupInfo view)', () => {
    const columns = [{label: 'Count', width: 5, alignment: 'Right' as const}, {label: 'Name', width: 25}, {label: 'Group'}]
    assert.equal(
      table(columns, [[2, 'Federated', ['a.example', 'c.example']], [1, 'A name longer than twenty-five', []]]),
      [
        'Count Name                      Group',
        '----- ----                      -----',
        '    2 Federated                 {a.example, c.example}',
        '    1 A name longer than twe... {}',
      ].join('\n'),
    )
  })

  it('centres a column with Alignment Center', () => {
    assert.equal(table([{label: 'Mid', width: 7, alignment: 'Center'}, {label: 'X'}], [['ab', 1]]), ['  Mid   X', '  ---   -', '  ab    1'].join('\n'))
  })

  it('cuts header and dashes to a narrow fixed width', () => {
    assert.equal(table([{label: 'LongHeader', width: 6}, {label: 'B'}], [['v', 'w']]), ['Lon... B', '------ -', 'v      w'].join('\n'))
  })

  it('shows the first line of a multi-line cell, marked ...', () => {
    assert.equal(table([{label: 'Text'}, {label: 'N'}], [['first\r\nsecond', 1]]), ['Text     N', '----     -', 'first... 1'].join('\n'))
  })

  it('narrows the first column that does not fit and drops the rest (width 40)', () => {
    const columns = [{label: 'Identity'}, {label: 'Description'}, {label: 'PartnerType'}]
    const rows = [['a.example', 'A partner described at great length, really', 'Federated']]
    assert.equal(
      table(columns, rows, 40),
      ['Identity  Description', '--------  -----------', 'a.example A partner described at grea...'].join('\n'),
    )
    assert.ok(tableLines(columns, rows, 40).every((line) => line.length <= 40))
  })

  it('drops a column when fewer than 4 characters are left', () => {
    const columns = [{label: 'Identity'}, {label: 'Value'}]
    assert.equal(table(columns, [['x'.repeat(37), 'abcdef']], 40), ['Identity', '--------', 'x'.repeat(37)].join('\n'))
    assert.equal(table(columns, [['x'.repeat(35), 'abcdef']], 40), ['Identity                            V...', '--------                            ----', `${'x'.repeat(35)} a...`].join('\n'))
  })

  it('keeps a table that exactly fits', () => {
    assert.equal(table([{label: 'A'}, {label: 'B'}], [['x'.repeat(18), 'y'.repeat(21)]], 40), ['A                  B', '-                  -', `${'x'.repeat(18)} ${'y'.repeat(21)}`].join('\n'))
  })

  it('removes trailing spaces and renders an empty table as header and dashes', () => {
    assert.equal(table([{label: 'Name', width: 30}, {label: 'Value'}], []), ['Name                           Value', '----                           -----'].join('\n'))
    assert.equal(table([{label: 'A'}, {label: 'B'}], [['', null]]), ['A B', '- -', ''].join('\n'))
  })
})
