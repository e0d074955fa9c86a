import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ErrorRecord} from '../../src/errors.js'
import {formatErrorRecord} from '../../src/format/index.js'
import {SourceText, isIncomplete, parseScript} from '../../src/shell/index.js'

/** The parser's errors: exact PowerShell texts and positions, first error only (powershell.md §3, §11.2, §14). */

function parseFailure(text: string): {shown: string; incomplete: boolean} {
  try {
    parseScript(new SourceText(text, 't.ps1'))
  } catch (error) {
    assert.ok(error instanceof ErrorRecord)
    return {shown: formatErrorRecord(error), incomplete: isIncomplete(error)}
  }
  assert.fail(`parsed without error: ${text}`)
}

function errorLines(position: string, caret: string, message: string, id: string): string {
  return `${position}\n${caret}\n${message}\n    + CategoryInfo          : ParserError: (:) [], ParseException\n    + FullyQualifiedErrorId : ${id}\n`
}

const ERRORS: ReadonlyArray<[string, string, string, string, string]> = [
  // script, echoed line + tildes, message, id
  ['if ($x) {\n  "a"\n', 'At t.ps1:1 char:9\n+ if ($x) {', '+         ~', "Missing closing '}' in statement block or type definition.", 'MissingEndCurlyBrace'],
  ['$x = (1 + 2', 'At t.ps1:1 char:12\n+ $x = (1 + 2', '+            ~', "Missing closing ')' in expression.", 'MissingEndParenthesisInExpression'],
  ['$a -eq', 'At t.ps1:1 char:4\n+ $a -eq', '+    ~~~', "You must provide a value expression following the '-eq' operator.", 'ExpectedValueExpression'],
  ['foreach ($d $list) { }', 'At t.ps1:1 char:13\n+ foreach ($d $list) { }', '+             ~~~~~', "Missing 'in' after variable in foreach loop.", 'MissingInInForeach'],
  ['try { 1 }\n"after"', 'At t.ps1:1 char:9\n+ try { 1 }', '+         ~', 'The Try statement is missing its Catch or Finally block.', 'MissingCatchOrFinally'],
  ['Get-CsSipDomain | | Out-Null', 'At t.ps1:1 char:17\n+ Get-CsSipDomain | | Out-Null', '+                 ~', 'An empty pipe element is not allowed.', 'EmptyPipeElement'],
  ['$h = @{ a 1 }', 'At t.ps1:1 char:11\n+ $h = @{ a 1 }', '+           ~', "Missing '=' operator after key in hash literal.", 'MissingEqualsInHashLiteral'],
  ['function f', 'At t.ps1:1 char:10\n+ function f', '+          ~', 'Missing function body in function declaration.', 'MissingFunctionBody'],
  ['$a[]', 'At t.ps1:1 char:3\n+ $a[]', '+   ~~', 'Array index expression is missing or not valid.', 'MissingArrayIndexExpression'],
  ['"ok" "x"', 'At t.ps1:1 char:6\n+ "ok" "x"', '+      ~~~', "Unexpected token '\"x\"' in expression or statement.", 'UnexpectedToken'],
  ['<# open', 'At t.ps1:1 char:1\n+ <# open', '+ ~~', "Missing closing '#>' at end of file.", 'MissingEndMultiLineComment'],
  ['$s = @"x\n"@', 'At t.ps1:1 char:8\n+ $s = @"x', '+        ~', 'No characters are allowed after a here-string header but before the end of the line.', 'UnexpectedCharactersAfterHereStringHeader'],
]

for (const [script, position, caret, message, id] of ERRORS) {
  test(`parse error ${id}: ${JSON.stringify(script)}`, () => {
    assert.equal(parseFailure(script).shown, errorLines(position, caret, message, id))
  })
}

const UNSUPPORTED: ReadonlyArray<[string, string, string]> = [
  ['class Foo { }', '+ ~~~~~', 'Class definitions are not supported by csxmpp.'],
  ['enum Color { Red }', '+ ~~~~', 'Enum definitions are not supported by csxmpp.'],
  ['using namespace System', '+ ~~~~~', 'The using statement is not supported by csxmpp.'],
  ['workflow W { }', '+ ~~~~~~~~', 'Workflows are not supported by csxmpp.'],
  ['configuration C { }', '+ ~~~~~~~~~~~~~', 'DSC configurations are not supported by csxmpp.'],
  ['switch ($x) { 1 { "a" } }', '+ ~~~~~~', 'The switch statement is not supported by csxmpp; use if/elseif.'],
  ['do { $i++ } while ($i -lt 3)', '+ ~~', 'do loops are not supported by csxmpp; use while.'],
  ['trap { continue }', '+ ~~~~', 'The trap statement is not supported by csxmpp; use try/catch.'],
  ['break', '+ ~~~~~', 'break outside a loop is not supported by csxmpp.'],
  ['function f { begin { } }', '+              ~~~~~', 'Pipeline input to functions (begin/process/end) is not supported by csxmpp; use foreach.'],
  ['data { "x" }', '+ ~~~~', 'Data sections are not supported by csxmpp.'],
  ['Get-CsSipDomain && "ok"', '+                 ~~', "The '&&' operator (PowerShell 7) is not supported by csxmpp."],
  ['$a = $b -band 1', '+         ~~~~~', "The '-band' operator is not supported by csxmpp."],
  ['$a, $b = 1, 2', '+ ~~~~~~~~', 'Multiple assignment is not supported by csxmpp.'],
  ['Get-CsSipDomain 3> x.txt', '+                 ~~', "The redirection '3>' is not supported by csxmpp."],
  ['Get-CsSipDomain --% x', '+                 ~~~', 'The stop-parsing token (--%) is not supported by csxmpp.'],
  ['$using:x', '+ ~~~~~~~~', "The variable '$using:' is not supported by csxmpp."],
  ['$PSCmdlet.ShouldProcess("x")', '+ ~~~~~~~~~', "The variable '$PSCmdlet' is not supported by csxmpp."],
  ['$w = [System.Net.WebClient]$x', '+      ~~~~~~~~~~~~~~~~~~~~~~', 'The type [System.Net.WebClient] is not supported by csxmpp.'],
  ['$n = 5d', '+      ~~', "The decimal literal '5d' is not supported by csxmpp."],
  ['try { } catch [System.IO.IOException] { }', '+               ~~~~~~~~~~~~~~~~~~~~~~~', 'The catch type [System.IO.IOException] is not supported by csxmpp.'],
  ['$x?.Name', '+   ~~', "The '?.' operator (PowerShell 7) is not supported by csxmpp."],
  ['#Requires -PSEdition Core', '+ ~~~~~~~~~~~~~~~~~~~~~~~~~', "The #Requires clause '-PSEdition Core' is not supported by csxmpp."],
  ['#Requires -Modules ActiveDirectory', '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~', 'Import-Module ActiveDirectory is not supported by csxmpp; only the Lync and SkypeForBusiness modules are known, and they need no import.'],
]

for (const [script, caret, message] of UNSUPPORTED) {
  test(`outside the subset: ${script}`, () => {
    const shown = parseFailure(script).shown
    assert.equal(shown, errorLines(`At t.ps1:1 char:${caret.indexOf('~') - 1}\n+ ${script}`, caret, message, 'NotSupportedByCsxmpp'))
  })
}

test('the legacy headers parse: #Requires -Version, -Modules Lync, -RunAsAdministrator, a #! line', () => {
  const script = '#!/usr/bin/env csxmpp\n#Requires -Version 3\n#Requires -Modules Lync\n#Requires -RunAsAdministrator\nGet-CsSipDomain'
  assert.equal(parseScript(new SourceText(script)).statements.length, 1)
})

const INCOMPLETE: ReadonlyArray<[string, boolean]> = [
  ['foreach ($i in 1..2) {', true],
  ['if ($x)', true],
  ['"open string', true],
  ['@"\nline', true],
  ['Get-CsSipDomain |', true],
  ['$h = @{ a = 1', true],
  ['(1 +', true],
  ['$x = 1', false],
  ['"ok" "x"', false],
]

for (const [script, incomplete] of INCOMPLETE) {
  test(`the REPL waits for more input after ${JSON.stringify(script)}: ${incomplete}`, () => {
    let waits = false
    try {
      parseScript(new SourceText(script))
    } catch (error) {
      waits = isIncomplete(error)
    }
    assert.equal(waits, incomplete)
  })
}

test('nesting deeper than the parser can follow is a parse error, never a stack overflow (§8.1)', () => {
  for (const opener of ['(', '@(', '{', '$a[', '-(', '@{a=', '!']) {
    const {shown, incomplete} = parseFailure(opener.repeat(4096 / opener.length))
    assert.match(shown, /^The script is nested too deeply for csxmpp to parse\.$/m, opener)
    assert.match(shown, /FullyQualifiedErrorId : ScriptTooDeeplyNested\n$/, opener)
    assert.equal(incomplete, false, opener)
  }
  assert.doesNotThrow(() => parseScript(new SourceText(`${'('.repeat(100)}1${')'.repeat(100)}`, 't.ps1')))
})
