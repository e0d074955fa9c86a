import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ErrorRecord} from '../../src/errors.js'
import {formatDateTime, formatOperator, parseDateTime} from '../../src/values/dotnet-format.js'
import {PSTimeSpan} from '../../src/values/objects.js'

// A zone with a half-hour offset and no daylight saving time, so that offsets show all their digits.
process.env.TZ = 'Asia/Kolkata'

const morning = new Date(2013, 1, 22, 8, 30, 5, 120)
const evening = new Date(2013, 1, 3, 20, 5, 0, 0)

// powershell.md §5.2; C18.
const FORMATTED: ReadonlyArray<[string, readonly unknown[], string]> = [
  ['{0,-12}|{1,5}|{2:N1}|{3:D4}', ['contoso.com', 42, 3.14159, 7], 'contoso.com |   42|3.1|0007'],
  ['{{literal}} {0}', [1], '{literal} 1'],
  ['{0}{0}{1}', ['a', 'b'], 'aab'],
  ['{0,5:N1}|{0,-7:N1}|', [2.25], '  2.3|2.3    |'],
  ['{0,2}', ['longer'], 'longer'],
  ['{0 , -4 :D2}|', [5], '05  |'],
  ['{0}|{1}|{2}', [null, true, 1.5], '|True|1.5'],
  ['{0:N2}|{1:D3}|{2:X}', ['3.5', true, null], '3.5|True|'],
  ['{0:}', [1234.5], '1234.5'],
  ['{0:N}', [1234.5], '1,234.50'],
  ['{0:N1}', [2.25], '2.3'],
  ['{0:N1}', [-2.25], '-2.3'],
  ['{0:N2}', [0.125], '0.13'],
  ['{0:N2}', [1.005], '1.01'],
  ['{0:N0}', [2.5], '3'],
  ['{0:N2}', [-1234567.891], '-1,234,567.89'],
  ['{0:N2}', [-0.001], '0.00'],
  ['{0:n3}', [1234567], '1,234,567.000'],
  ['{0:N0}', [999.5], '1,000'],
  ['{0:N2}', [12345678901234], '12,345,678,901,234.00'],
  ['{0:N0}', [1e21], '1,000,000,000,000,000,000,000'],
  ['{0:N2}', [NaN], 'NaN'],
  ['{0:F}', [3.14159], '3.14'],
  ['{0:F0}', [-2.5], '-3'],
  ['{0:F3}', [1e-7], '0.000'],
  ['{0:f1}', [1234.56], '1234.6'],
  ['{0:F2}', [-Infinity], '-Infinity'],
  ['{0:D}', [42], '42'],
  ['{0:D4}', [-7], '-0007'],
  ['{0:d2}', [123], '123'],
  ['{0:X}', [255], 'FF'],
  ['{0:x4}', [255], '00ff'],
  ['{0:X}', [-1], 'FFFFFFFF'],
  ['{0:X}', [-5000000000], 'FFFFFFFED5FA0E00'],
  ['{0:P}', [0.125], '12.50 %'],
  ['{0:P0}', [0.5], '50 %'],
  ['{0:P1}', [-0.12345], '-12.3 %'],
  ['{0:P2}', [12.3456], '1,234.56 %'],
  ['{0:yyyy-MM-dd HH:mm}', [morning], '2013-02-22 08:30'],
  ['{0,12:d}|', [morning], '  02/22/2013|'],
]

for (const [format, args, expected] of FORMATTED) {
  test(`formatOperator ${JSON.stringify(format)} -f ${JSON.stringify(args)}`, () => {
    assert.equal(formatOperator(format, args), expected)
  })
}

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

const BAD_FORMAT = 'Error formatting a string: Input string was not in a correct format..'
const BAD_INDEX = 'Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list..'

// PS 5.1: `InvalidOperation: ({1}:String) [], RuntimeException`, FullyQualifiedErrorId FormatError.
const FORMAT_ERRORS: ReadonlyArray<[string, readonly unknown[], string]> = [
  ['{1}', [1], BAD_INDEX],
  ['{0}', [], BAD_INDEX],
  ['{0', [1], BAD_FORMAT],
  ['a}b', [1], BAD_FORMAT],
  ['{ 0}', [1], BAD_FORMAT],
  ['{x}', [1], BAD_FORMAT],
  ['{0,}', [1], BAD_FORMAT],
  ['{0:N{1}}', [1], BAD_FORMAT],
  ['{0:Q}', [morning], BAD_FORMAT],
  ['{0:D}', [1.5], 'Error formatting a string: Format specifier was invalid..'],
  ['{0:X2}', [0.5], 'Error formatting a string: Format specifier was invalid..'],
]

for (const [format, args, message] of FORMAT_ERRORS) {
  test(`formatOperator ${JSON.stringify(format)} fails: ${message}`, () => {
    const error = thrown(() => formatOperator(format, args))
    assert.deepEqual(
      [error.message, error.errorId, error.category, error.reason, error.targetObject],
      [message, 'FormatError', 'InvalidOperation', 'RuntimeException', format],
    )
  })
}

// §5.2: formats outside the subset are refused, naming the whole item.
const REFUSED: ReadonlyArray<[string, unknown]> = [
  ['{0:0.00}', 1.5],
  ['{0:#,##0}', 1234],
  ['{0:E}', 1],
  ['{0:C}', 1],
  ['{0:G}', 1],
  ['{0:R}', 1.5],
  ['{0:N100}', 1],
  ['{0,5:c}', new PSTimeSpan(10_000_000)],
  ['{0:N2}', [1, 2]],
]

for (const [item, arg] of REFUSED) {
  test(`formatOperator refuses ${item}`, () => {
    const error = thrown(() => formatOperator(`x ${item} y`, [arg]))
    assert.deepEqual(
      [error.message, error.errorId, error.category, error.reason, error.targetObject],
      [`The format string '${item}' is not supported by csxmpp.`, 'NotSupportedByCsxmpp', 'NotImplemented', 'NotSupportedException', item],
    )
  })
}

// §4.5, §9: the invariant culture; Asia/Kolkata is UTC+05:30.
const DATES: ReadonlyArray<[string, Date, string]> = [
  ['yyyy-MM-dd HH:mm', morning, '2013-02-22 08:30'],
  ['dd.MM.yyyy', new Date(2013, 1, 21), '21.02.2013'],
  ['d', morning, '02/22/2013'],
  ['D', morning, 'Friday, 22 February 2013'],
  ['f', morning, 'Friday, 22 February 2013 08:30'],
  ['F', morning, 'Friday, 22 February 2013 08:30:05'],
  ['g', evening, '02/03/2013 20:05'],
  ['G', evening, '02/03/2013 20:05:00'],
  ['', evening, '02/03/2013 20:05:00'],
  ['M', morning, 'February 22'],
  ['m', morning, 'February 22'],
  ['o', morning, '2013-02-22T08:30:05.1200000+05:30'],
  ['O', morning, '2013-02-22T08:30:05.1200000+05:30'],
  ['r', morning, 'Fri, 22 Feb 2013 08:30:05 GMT'],
  ['R', morning, 'Fri, 22 Feb 2013 08:30:05 GMT'],
  ['s', morning, '2013-02-22T08:30:05'],
  ['t', evening, '20:05'],
  ['T', evening, '20:05:00'],
  ['u', morning, '2013-02-22 08:30:05Z'],
  ['U', morning, 'Friday, 22 February 2013 03:00:05'],
  ['Y', morning, '2013 February'],
  ['y', morning, '2013 February'],
  ['h:mm tt', evening, '8:05 PM'],
  ['hh:mm t', morning, '08:30 A'],
  ['H:m:s', evening, '20:5:0'],
  ['%d', evening, '3'],
  ['%M/%d', evening, '2/3'],
  ['yy y yyy yyyyy', evening, '13 13 2013 02013'],
  ['ddd dddd MMM MMMM', evening, 'Sun Sunday Feb February'],
  ['ss.f ss.ff ss.fff ss.fffffff', morning, '05.1 05.12 05.120 05.1200000'],
  ['ss.FFF|ss.FFFFFFF', morning, '05.12|05.12'],
  ['ss.FFF|', evening, '00|'],
  ['z zz zzz K', morning, '+5 +05 +05:30 +05:30'],
  ['gg', morning, 'A.D.'],
  ["'yyyy' \"MM\" \\d 'it\\'s'", morning, "yyyy MM d it's"],
  ['HH:mm:ss.fff - \\Q', morning, '08:30:05.120 - Q'],
]

for (const [format, date, expected] of DATES) {
  test(`formatDateTime ${JSON.stringify(format)}`, () => {
    assert.equal(formatDateTime(date, format), expected)
  })
}

for (const format of ['Q', 'h', "'open", 'ss.ffffffff', 'yyyy%', '%%d', 'dd\\']) {
  test(`formatDateTime refuses ${JSON.stringify(format)} as .NET does`, () => {
    const error = thrown(() => formatDateTime(morning, format))
    assert.deepEqual(
      [error.message, error.errorId, error.category, error.reason],
      ['Input string was not in a correct format.', 'System.FormatException', 'NotSpecified', 'FormatException'],
    )
  })
}

// Get-Date -Date, [datetime] casts (§9): local time unless the text has a zone.
const PARSED: ReadonlyArray<[string, string | undefined]> = [
  ['2013-02-21', '2013-02-20T18:30:00.000Z'],
  [' 2013-2-1 ', '2013-01-31T18:30:00.000Z'],
  ['2013-02-22 08:30', '2013-02-22T03:00:00.000Z'],
  ['2013-02-22T08:30:05', '2013-02-22T03:00:05.000Z'],
  ['2013-02-22T08:30:05.1234567', '2013-02-22T03:00:05.123Z'],
  ['2013-02-22T08:30:05Z', '2013-02-22T08:30:05.000Z'],
  ['2013-02-22T08:30:05+01:00', '2013-02-22T07:30:05.000Z'],
  ['2013-02-22T08:30:05-0230', '2013-02-22T11:00:05.000Z'],
  ['02/21/2013', '2013-02-20T18:30:00.000Z'],
  ['2/21/2013 14:05:09', '2013-02-21T08:35:09.000Z'],
  ['2/21/2013 2:05 PM', '2013-02-21T08:35:00.000Z'],
  ['2/21/2013 12:05:01 AM', '2013-02-20T18:35:01.000Z'],
  ['2/21/2013 12:00 pm', '2013-02-21T06:30:00.000Z'],
  ['02/30/2013', undefined],
  ['2013-13-01', undefined],
  ['2013-02-21 24:00', undefined],
  ['2013-02-21 10:60', undefined],
  ['2/21/2013 13:05 PM', undefined],
  ['21.02.2013', undefined],
  ['tomorrow', undefined],
  ['', undefined],
]

for (const [text, iso] of PARSED) {
  test(`parseDateTime ${JSON.stringify(text)}`, () => {
    assert.equal(parseDateTime(text)?.toISOString(), iso)
  })
}

test('C43: Get-Date -Date "2013-02-21" -Format "dd.MM.yyyy"', () => {
  assert.equal(formatDateTime(parseDateTime('2013-02-21')!, 'dd.MM.yyyy'), '21.02.2013')
})
