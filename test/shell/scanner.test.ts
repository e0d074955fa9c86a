import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ErrorRecord} from '../../src/errors.js'
import {Scanner} from '../../src/shell/scanner.js'
import {SourceText} from '../../src/shell/source.js'
import type {ScanMode, StringPart, Token} from '../../src/shell/tokens.js'

/** scan reads every token of text in one mode and writes each as a short string. */
function scan(text: string, mode: ScanMode): string[] | string {
  const scanner = new Scanner(new SourceText(text))
  const out: string[] = []
  try {
    for (let token = scanner.next(mode); token.kind !== 'eof'; token = scanner.next(mode)) out.push(show(token))
  } catch (error) {
    if (error instanceof ErrorRecord) return `${error.errorId}: ${error.message} ${error.positionLines[0]}`
    throw error
  }
  return out
}

function part(p: StringPart): string {
  if (p.kind === 'text') return JSON.stringify(p.text)
  if (p.kind === 'variable') return `$${p.scope ? `${p.scope}:` : ''}${p.name}`
  return `$(${p.start}-${p.end})`
}

function show(t: Token): string {
  switch (t.kind) {
    case 'newline':
    case 'semicolon':
    case 'eof':
      return t.kind
    case 'operator':
      return `op ${t.op}`
    case 'parameter':
      return `param ${t.name}${t.colon ? ':' : ''}`
    case 'variable':
      return `${t.splat ? '@' : '$'}${t.scope ? `${t.scope}:` : ''}${t.name}`
    case 'number':
      return `${t.type} ${t.value}`
    case 'string':
      return `str ${JSON.stringify(t.value)}`
    case 'expandable':
      return `${t.bare ? 'word' : 'xstr'} ${t.parts.map(part).join(' ')}`
  }
}

const CASES: Array<[string, ScanMode, string, string[] | string]> = [
  // Argument mode (§2.7) and the decisive cases of §13.
  ['parameters and words', 'argument', 'Set-CsXmppAllowedPartner -Identity contoso.com -TlsNeg:Optional', ['word "Set-CsXmppAllowedPartner"', 'param Identity', 'word "contoso.com"', 'param TlsNeg:', 'word "Optional"']],
  ['a site identity is one word', 'argument', 'site:Redmond', ['word "site:Redmond"']],
  ['a word that starts with a digit', 'argument', '5.example.com 3com.example', ['word "5.example.com"', 'word "3com.example"']],
  ['numbers in argument mode', 'argument', '5 1KB -3 0x10', ['Int32 5', 'Int32 1024', 'Int32 -3', 'Int32 16']],
  ['a variable inside a word expands', 'argument', 'd$i.example', ['word "d" $i ".example"']],
  ['a hashtable, read in expression mode inside the braces', 'expression', '@{Add="a","b"; Remove=\'c\'}', ['op @{', 'word "Add"', 'op =', 'xstr "a"', 'op ,', 'xstr "b"', 'semicolon', 'word "Remove"', 'op =', 'str "c"', 'op }']],
  ['commas between arguments', 'argument', 'a.example, b.example', ['word "a.example"', 'op ,', 'word "b.example"']],
  ['quotes inside a word', 'argument', 'a"b c"d', ['word "ab cd"']],
  ['a backtick escapes, literally', 'argument', '`$x a`nb', ['word "$x"', 'word "anb"']],
  ['# inside a word is text; at a token start it is a comment', 'argument', 'a#b #comment', ['word "a#b"']],
  ['-- alone is an argument', 'argument', '--', ['word "--"']],
  ['redirections', 'argument', 'x > f.txt 2>$null 2>&1', ['word "x"', 'op >', 'word "f.txt"', 'op 2>', '$null', 'op 2>&1']],
  ['a splat', 'argument', '@params', ['@params']],
  ['pipeline and statement separators', 'argument', 'a | b; c\nd', ['word "a"', 'op |', 'word "b"', 'semicolon', 'word "c"', 'newline', 'word "d"']],
  ['backtick continuation joins lines; backtick-space does not', 'argument', 'a `\n-b ` \nc', ['word "a"', 'param b', 'word " "', 'newline', 'word "c"']],
  // Variables (§2.4).
  ['variable forms', 'expression', '$x ${a b} $script:n $env:PATH $_ $? $using:v', ['$x', '$a b', '$script:n', '$env:PATH', '$_', '$?', '$using:v']],
  ['$name: followed by no name is an error (C55)', 'expression', '$d: x', "InvalidVariableReferenceWithDrive: Variable reference is not valid. ':' was not followed by a valid variable name character. Consider using ${} to delimit the name. At line:1 char:1"],
  // Numbers (§2.5).
  ['number literals', 'expression', '42 007 0x1F 1.5 .5 1e3 10l 1KB 5GB 3000000000', ['Int32 42', 'Int32 7', 'Int32 31', 'Double 1.5', 'Double 0.5', 'Double 1000', 'Int64 10', 'Int32 1024', 'Int64 5368709120', 'Int64 3000000000']],
  ['0xFFFFFFFF is the Int32 -1', 'expression', '0xFFFFFFFF', ['Int32 -1']],
  ['a range', 'expression', '1..3', ['Int32 1', 'op ..', 'Int32 3']],
  ['the decimal suffix is outside the subset', 'expression', '5d', "NotSupportedByCsxmpp: The decimal literal '5d' is not supported by csxmpp. At line:1 char:1"],
  // Strings (§2.6).
  ['verbatim strings', 'expression', `'Partner $d' 'it''s'`, ['str "Partner $d"', 'str "it\'s"']],
  ['expandable strings: variables, subexpressions, nothing else', 'expression', '"Partner $d" "Upper: $($d.ToUpper())" "Length: $d.Length"', ['xstr "Partner " $d', 'xstr "Upper: " $(23-35)', 'xstr "Length: " $d ".Length"']],
  ['escapes in expandable strings', 'expression', '"a`tb`n`$x ""q"" `e"', ['xstr "a\\tb\\n$x \\"q\\" e"']],
  ['a lone $ is text in a string', 'expression', '"cost $ 5 $"', ['xstr "cost $ 5 $"']],
  ['a subexpression with a nested string and paren', 'expression', '"[$(f "a)" (1))]"', ['xstr "[" $(4-14) "]"']],
  ['here-strings', 'expression', '@"\nHello $name\n  indented\n"@ @\'\nraw $x\r\nline\n\'@', ['xstr "Hello " $name "\\n  indented"', 'str "raw $x\\nline"']],
  ['an empty here-string', 'expression', '@"\n"@', ['xstr ']],
  ['an unterminated string (C54)', 'argument', 'New-X -Identity "unterminated.example', 'TerminatorExpectedAtEndOfString: The string is missing the terminator: ". At line:1 char:17'],
  ['an unterminated here-string', 'expression', '@"\nabc\n', 'TerminatorExpectedAtEndOfString: The string is missing the terminator: "@. At line:1 char:1'],
  ['text after a here-string header', 'expression', '@" x\n"@', 'UnexpectedCharactersAfterHereStringHeader: No characters are allowed after a here-string header but before the end of the line. At line:1 char:4'],
  // Operators (§2.8) and comments (§2.2).
  ['dash operators and their case forms', 'expression', '$a -eq 1 -and $b -CLike "x*" -iNotIn $c -f -band', ['$a', 'op -eq', 'Int32 1', 'op -and', '$b', 'op -clike', 'xstr "x*"', 'op -inotin', '$c', 'op -f', 'op -band']],
  ['punctuation, longest first', 'expression', '$a += $b[0]; [int]::MaxValue ?? $x?.y && 1', ['$a', 'op +=', '$b', 'op [', 'Int32 0', 'op ]', 'semicolon', 'op [', 'word "int"', 'op ]', 'op ::', 'word "MaxValue"', 'op ??', '$x?', 'op .', 'word "y"', 'op &&', 'Int32 1']],
  // PS 5.1 reads `$x?` as a variable named `x?`; naming PowerShell 7's `?.` (§14) is the parser's job.
  ['a command name with a dash is one word in expression mode too', 'expression', 'Get-CsUser', ['word "Get-CsUser"']],
  ['block and line comments', 'expression', '<# block\n #> 1 # tail\n2', ['Int32 1', 'newline', 'Int32 2']],
  ['an unclosed block comment', 'expression', '1 <# never', "MissingEndMultiLineComment: Missing closing '#>' at end of file. At line:1 char:3"],
  ['a number glued to letters is an error in expression mode', 'expression', '5abc', "UnexpectedToken: Unexpected token '5abc' in expression or statement. At line:1 char:1"],
]

for (const [name, mode, text, expected] of CASES) test(`scanner: ${name}`, () => assert.deepEqual(scan(text, mode), expected))

test('scanner: #Requires lines are collected for the parser', () => {
  const scanner = new Scanner(new SourceText('#Requires -Version 3\n#requires -Modules ActiveDirectory\nGet-CsUser'))
  while (scanner.next('argument').kind !== 'eof');
  assert.deepEqual(scanner.requires.map((r) => r.text), ['#Requires -Version 3', '#requires -Modules ActiveDirectory'])
})
