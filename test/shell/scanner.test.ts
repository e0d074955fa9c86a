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
  // Compound arguments (§2.7): a simple variable with text glued on is one generic token.
  ['a variable with a path glued on', 'argument', '$d\\eap.xml $d/x $d-old.xml ${d}y $env:TEMP\\x $a$b', ['word $d "\\\\eap.xml"', 'word $d "/x"', 'word $d "-old.xml"', 'word $d "y"', 'word $env:TEMP "\\\\x"', 'word $a $b']],
  ['a variable followed by a quote, # or a backtick escape', 'argument', '$d"x y" $d#1 $d`$', ['word $d "x y"', 'word $d "#1"', 'word $d "$"']],
  // After `.` and `[` the parser reads member and index access from the text itself.
  ['a variable ends at a terminator, ".", "[", "=" or a line continuation', 'argument', '$d,$e;$f|$g) $h.x $i[0] $a=b $j`\nk', ['$d', 'op ,', '$e', 'semicolon', '$f', 'op |', '$g', 'op )', '$h', 'word ".x"', '$i', 'word "[0]"', '$a', 'word "=b"', '$j', 'word "k"']],
  ['in expression mode a variable is never glued', 'expression', '$d\\x', ['$d', 'word "\\\\"', 'word "x"']],
  // Typographic dashes and quotes (§2.9): they start tokens as - ' " do; elsewhere they are text.
  ['typographic dashes start parameters', 'argument', 'Set-X \u2013Identity a \u2014Force:$false \u2015Name', ['word "Set-X"', 'param Identity', 'word "a"', 'param Force:', '$false', 'param Name']],
  ['a typographic dash as the sign of a number argument', 'argument', '\u20135 \u20140x10 \u2013x1', ['Int32 -5', 'Int32 -16', 'param x1']],
  ['typographic dashes as operators', 'expression', '$n \u2013eq 3 \u2014CNotLike 5 \u2013 2 \u2013not $i\u2013\u2013 $j \u2013-$k \u2015= 1', ['$n', 'op -eq', 'Int32 3', 'op -cnotlike', 'Int32 5', 'op -', 'Int32 2', 'op -not', '$i', 'op --', '$j', 'op --', '$k', 'op -=', 'Int32 1']],
  ['a dash inside a word stays as written', 'argument', 'a\u2013b Get\u2013Thing', ['word "a\u2013b"', 'word "Get\u2013Thing"']],
  ['typographic single quotes, in any combination', 'expression', "\u2018a\u2019 'b\u2019 \u201ac\u2018 \u201bd'", ['str "a"', 'str "b"', 'str "c"', 'str "d"']],
  ['typographic double quotes expand', 'expression', '\u201ca $x\u201d \u201eb\u201c "c\u201d', ['xstr "a " $x', 'xstr "b"', 'xstr "c"']],
  ['two quotes of a kind stand for one, the second kept', 'expression', "\u2018it\u2019\u2019s\u2019 'a'\u2018b' \u201cq\u201d\"\u201d", ['str "it\u2019s"', 'str "a\u2018b"', 'xstr "q\\""']],
  ['a quote of the other kind is text', 'expression', "\u2018it\u201ds\u2019 \"don\u2019t\"", ['str "it\u201ds"', 'xstr "don\u2019t"']],
  ['a typographic apostrophe ends a verbatim string (C83)', 'argument', "Write-Output 'don\u2019t stop'", "TerminatorExpectedAtEndOfString: The string is missing the terminator: '. At line:1 char:25"],
  ['an unterminated typographic string names the ASCII quote', 'expression', '\u201cabc', 'TerminatorExpectedAtEndOfString: The string is missing the terminator: ". At line:1 char:1'],
  ['typographic quotes in a word', 'argument', 'a\u201cb c\u201dd e\u2018f g\u2019', ['word "ab cd"', 'word "ef g"']],
  ['typographic here-strings', 'expression', '@\u2018\nraw $x\n\u2019@ @\u201c\nHi $n\n"@', ['str "raw $x"', 'xstr "Hi " $n']],
  ['no-break, next-line and other Unicode spaces separate tokens', 'argument', 'a\u00a0b\u0085c\u2003-d\u3000e', ['word "a"', 'word "b"', 'word "c"', 'param d', 'word "e"']],
]

for (const [name, mode, text, expected] of CASES) test(`scanner: ${name}`, () => assert.deepEqual(scan(text, mode), expected))

test('scanner: #Requires lines are collected for the parser', () => {
  const scanner = new Scanner(new SourceText('#Requires -Version 3\n#requires -Modules ActiveDirectory\nGet-CsUser'))
  while (scanner.next('argument').kind !== 'eof');
  assert.deepEqual(scanner.requires.map((r) => r.text), ['#Requires -Version 3', '#requires -Modules ActiveDirectory'])
})
