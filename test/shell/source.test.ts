import assert from 'node:assert/strict'
import {test} from 'node:test'
import {cmdletError} from '../../src/errors.js'
import {formatErrorRecord} from '../../src/format/index.js'
import {atExtent, parseError} from '../../src/shell/errors.js'
import {SourceText, decodeScript, positionLines} from '../../src/shell/source.js'

const bytes = (...b: number[]) => Uint8Array.from(b)
const utf16 = (text: string, bigEndian: boolean) => {
  const out = [bigEndian ? 0xfe : 0xff, bigEndian ? 0xff : 0xfe]
  for (const unit of text.split('').map((c) => c.charCodeAt(0))) out.push(...(bigEndian ? [unit >> 8, unit & 255] : [unit & 255, unit >> 8]))
  return Uint8Array.from(out)
}

// powershell.md §1.4: UTF-8 with or without BOM, UTF-16 LE/BE with BOM; §9: invalid UTF-8 is Windows-1252.
const DECODING: Array<[string, Uint8Array, string]> = [
  ['UTF-8', new TextEncoder().encode('Get-CsUser # é'), 'Get-CsUser # é'],
  ['UTF-8 with BOM', bytes(0xef, 0xbb, 0xbf, 0x61, 0x0a), 'a\n'],
  ['UTF-16 LE with BOM (Windows PowerShell ISE)', utf16('"é"\r\n', false), '"é"\r\n'],
  ['UTF-16 BE with BOM', utf16('ab', true), 'ab'],
  ['Windows-1252 (invalid UTF-8)', bytes(0x63, 0x61, 0x66, 0xe9), 'café'],
]

for (const [name, input, expected] of DECODING) test(`decode ${name}`, () => assert.equal(decodeScript(input), expected))

test('lines end at LF, CRLF or CR; columns count code points', () => {
  const source = new SourceText('a\r\nb\rc\n😀x')
  assert.deepEqual([source.locate(0), source.locate(3), source.locate(5), source.locate(9)], [
    {line: 1, column: 1},
    {line: 2, column: 1},
    {line: 3, column: 1},
    {line: 4, column: 2},
  ])
  assert.deepEqual([1, 2, 3, 4].map((l) => source.lineText(l)), ['a', 'b', 'c', '😀x'])
})

/** at finds the nth occurrence of needle in a line of text and returns its extent's position lines. */
function at(text: string, name: string | undefined, needle: string, length = needle.length): string[] {
  const source = new SourceText(text, name)
  const start = text.indexOf(needle)
  return positionLines({source, start, end: start + length})
}

// The position blocks of the conformance examples (powershell.md §15).
const POSITIONS: Array<[string, string[], string[]]> = [
  [
    'C44: a conversion error points at the argument',
    at('Set-CsXmppGatewayConfiguration -ConnectionLimit abc\n"after"\n', 't.ps1', 'abc'),
    ['At t.ps1:1 char:49', '+ Set-CsXmppGatewayConfiguration -ConnectionLimit abc', '+                                                 ~~~'],
  ],
  [
    'C47: a command inside a try block',
    at('try { Write-Error "soft"; "still here" } catch { "caught 1" }\n', 't.ps1', 'Write-Error "soft"'),
    ['At t.ps1:1 char:7', '+ try { Write-Error "soft"; "still here" } catch { "caught 1" }', '+       ~~~~~~~~~~~~~~~~~~'],
  ],
  [
    'C54: an unterminated string runs to the end of its line',
    at('New-CsXmppAllowedPartner -Identity first.example | Out-Null\nSet-CsXmppGatewayConfiguration -ConnectionLimit 7\nNew-CsXmppAllowedPartner -Identity "unterminated.example\n', 't.ps1', '"unterminated', 1000),
    ['At t.ps1:3 char:36', '+ New-CsXmppAllowedPartner -Identity "unterminated.example', '+                                    ~~~~~~~~~~~~~~~~~~~~~'],
  ],
  [
    'C55: $name: inside a string',
    at('$d = "a.example"\n"Partner $d: added"\n', 't.ps1', '$d:'),
    ['At t.ps1:2 char:10', '+ "Partner $d: added"', '+          ~~~'],
  ],
  [
    '-Command text says line:, tabs show as one space',
    at('\tGet-CsBar', undefined, 'Get-CsBar'),
    ['At line:1 char:2', '+  Get-CsBar', '+  ~~~~~~~~~'],
  ],
]

for (const [name, actual, expected] of POSITIONS) test(`position lines, ${name}`, () => assert.deepEqual(actual, expected))

test('C54: a parse error shows its position first, then the message, without an origin', () => {
  const text = 'New-CsXmppAllowedPartner -Identity first.example | Out-Null\nSet-CsXmppGatewayConfiguration -ConnectionLimit 7\nNew-CsXmppAllowedPartner -Identity "unterminated.example\n'
  const source = new SourceText(text, 't.ps1')
  const start = text.indexOf('"unterminated')
  const record = parseError('TerminatorExpectedAtEndOfString', 'The string is missing the terminator: ".', {source, start, end: text.length})
  assert.equal(
    formatErrorRecord(record),
    'At t.ps1:3 char:36\n' +
      '+ New-CsXmppAllowedPartner -Identity "unterminated.example\n' +
      '+                                    ~~~~~~~~~~~~~~~~~~~~~\n' +
      'The string is missing the terminator: ".\n' +
      '    + CategoryInfo          : ParserError: (:) [], ParseException\n' +
      '    + FullyQualifiedErrorId : TerminatorExpectedAtEndOfString\n',
  )
})

test('C44: a cmdlet error raised in script text shows origin, message, then the position', () => {
  const text = 'Set-CsXmppGatewayConfiguration -ConnectionLimit abc\n'
  const record = cmdletError('Set-CsXmppGatewayConfiguration', {
    message: 'Cannot bind parameter \'ConnectionLimit\'. Cannot convert value "abc" to type "System.UInt32". Error: "Input string was not in a correct format."',
    errorId: 'CannotConvertArgumentNoMessage',
    category: 'InvalidArgument',
    reason: 'ParameterBindingException',
  })
  atExtent(record, {source: new SourceText(text, 't.ps1'), start: 48, end: 51})
  assert.equal(
    formatErrorRecord(record),
    'Set-CsXmppGatewayConfiguration : Cannot bind parameter \'ConnectionLimit\'. Cannot convert value "abc" to type "System.UInt32". Error: "Input string was not in a correct format."\n' +
      'At t.ps1:1 char:49\n' +
      '+ Set-CsXmppGatewayConfiguration -ConnectionLimit abc\n' +
      '+                                                 ~~~\n' +
      '    + CategoryInfo          : InvalidArgument: (:) [Set-CsXmppGatewayConfiguration], ParameterBindingException\n' +
      '    + FullyQualifiedErrorId : CannotConvertArgumentNoMessage,Set-CsXmppGatewayConfiguration\n',
  )
})
