import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ErrorRecord} from '../../src/errors.js'
import {formatErrorRecord} from '../../src/format/index.js'
import type * as A from '../../src/shell/ast.js'
import {SourceText, isIncomplete, parseError, parseScript} from '../../src/shell/index.js'

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
  // switch (§6): PS 5.1 texts and ids; positions as PS's parser reports them (zero width after the last token).
  ['switch', 'At t.ps1:1 char:7\n+ switch', '+       ~', "A switch statement must have one of the following:  '-file file_name' or '( expression )'.", 'PipelineValueRequired'],
  ['switch ()', 'At t.ps1:1 char:9\n+ switch ()', '+         ~', "A switch statement must have one of the following:  '-file file_name' or '( expression )'.", 'PipelineValueRequired'],
  ['switch -Foo (1) { }', 'At t.ps1:1 char:8\n+ switch -Foo (1) { }', '+        ~~~~', 'The parameter Foo is not valid for the switch statement.', 'InvalidSwitchFlag'],
  ['switch -file', 'At t.ps1:1 char:13\n+ switch -file', '+             ~', "Cannot process the 'switch' statement because of a missing file name argument to the -file option.", 'MissingFilenameOption'],
  ['switch (1 { }', 'At t.ps1:1 char:10\n+ switch (1 { }', '+          ~', "Missing ')' after expression in switch statement.", 'MissingEndParenthesisInSwitchStatement'],
  ['switch ("abc")  \n"x"', 'At t.ps1:1 char:15\n+ switch ("abc")  ', '+               ~', "Missing '{' in switch statement.", 'MissingCurlyBraceInSwitchStatement'],
  ['switch (1) { }', 'At t.ps1:1 char:13\n+ switch (1) { }', '+             ~', 'Missing condition in switch statement clause.', 'MissingSwitchConditionExpression'],
  ['switch (1) { 1 {} ) }', 'At t.ps1:1 char:18\n+ switch (1) { 1 {} ) }', '+                  ~', 'Missing condition in switch statement clause.', 'MissingSwitchConditionExpression'],
  ['switch ("abc")  { 1 }', 'At t.ps1:1 char:20\n+ switch ("abc")  { 1 }', '+                    ~', 'Missing statement block in switch statement clause.', 'MissingSwitchStatementClause'],
  ['switch (1) {default {} default {}}', 'At t.ps1:1 char:24\n+ switch (1) {default {} default {}}', '+                        ~~~~~~~', 'A switch statement can have only one default clause.', 'MultipleSwitchDefaultClauses'],
  ['$s = @"x\n"@', 'At t.ps1:1 char:8\n+ $s = @"x', '+        ~', 'No characters are allowed after a here-string header but before the end of the line.', 'UnexpectedCharactersAfterHereStringHeader'],
  // §2.9: an apostrophe typed as U+2019 ends a verbatim string (C83).
  ["Write-Output 'don\u2019t stop'", "At t.ps1:1 char:25\n+ Write-Output 'don\u2019t stop'", '+                         ~', "The string is missing the terminator: '.", 'TerminatorExpectedAtEndOfString'],
  // §3 member_name: a name, a string, a variable, `( … )` or `$( … )`; nothing else.
  ['$u. x', 'At t.ps1:1 char:3\n+ $u. x', '+   ~', 'Missing property name after reference operator.', 'MissingPropertyName'],
  ['$u.@(1)', 'At t.ps1:1 char:3\n+ $u.@(1)', '+   ~', 'Missing property name after reference operator.', 'MissingPropertyName'],
  ["[int]::'MaxValue'", "At t.ps1:1 char:7\n+ [int]::'MaxValue'", '+       ~', 'Missing property name after reference operator.', 'MissingPropertyName'],
  ['$u.("a"', 'At t.ps1:1 char:8\n+ $u.("a"', '+        ~', "Missing closing ')' in expression.", 'MissingEndParenthesisInExpression'],
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
  ['switch ($x) { 1 { $switch.MoveNext() } }', '+                   ~~~~~~~', "The variable '$switch' is not supported by csxmpp."],
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

/** findingsShown parses a script and shows the findings the parser collected (§14.1). */
function findingsShown(text: string): string[] {
  const script = parseScript(new SourceText(text, 't.ps1'))
  return (script.findings ?? []).map((f) => formatErrorRecord(parseError('NotSupportedByCsxmpp', f.message, {source: script.source, start: f.start, end: f.end})))
}

for (const [script, caret, message] of UNSUPPORTED) {
  test(`outside the subset: ${script}`, () => {
    assert.deepEqual(findingsShown(script), [errorLines(`At t.ps1:1 char:${caret.indexOf('~') - 1}\n+ ${script}`, caret, message, 'NotSupportedByCsxmpp')])
  })
}

/** switchOf parses a script of one switch statement. */
function switchOf(text: string) {
  const statement = parseScript(new SourceText(text)).statements[0]!
  assert.equal(statement.type, 'Switch')
  return statement
}

const SWITCH_FORMS: ReadonlyArray<[string, string, boolean, number]> = [
  // script, mode, case-sensitive, clauses: flags by any prefix and case, the last of -Regex/-Wildcard/-Exact winning
  ['switch ($x) { 1 { "a" } }', 'exact', false, 1],
  ['switch -r -W -regEX -c ($x) { 1 { "a" } }', 'regex', true, 1],
  ['switch -Regex -Exact ($x) { a {} }', 'exact', false, 1],
  ['switch\n  -Wildcard\n  ($x)\n{\n  "a*"\n  { 1 }\n\n  default { 2 }; "b" { 3 } "c" { 4 }\n}', 'wildcard', false, 4],
]

for (const [script, mode, caseSensitive, clauses] of SWITCH_FORMS) {
  test(`switch parses: ${JSON.stringify(script)}`, () => {
    const parsed = switchOf(script)
    assert.deepEqual([parsed.mode, parsed.caseSensitive, parsed.clauses.length], [mode, caseSensitive, clauses])
  })
}

test('switch: `default` is a keyword only as the bare word; a quoted "default" is a condition', () => {
  const parsed = switchOf('switch ($x) { "default" { 1 } default { 2 } }')
  assert.deepEqual(parsed.clauses.map((c) => c.condition?.type), ['StringConstant', undefined])
})

test('switch -File and -Parallel parse, as nodes the check before running reports (§14)', () => {
  const parsed = switchOf('switch -File partners.txt { default { $_ } }')
  assert.deepEqual(parsed.unsupportedFlags.map((f) => [f.flag, f.start, f.end]), [['file', 7, 12]])
  assert.deepEqual(switchOf('switch -Parallel (1) { 1 { } }').unsupportedFlags.map((f) => f.flag), ['parallel'])
})

test('switch is a statement in statement position only, and may be assigned', () => {
  const assignment = parseScript(new SourceText('$c = switch (1) { 1 { "a" } }')).statements[0]!
  assert.equal(assignment.type === 'Assignment' && assignment.value.type, 'Switch')
  assert.equal(parseScript(new SourceText('Write-Output switch')).statements[0]!.type, 'Pipeline')
})

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
  ['switch ($x) {', true],
  ['switch ($x) { 1', true],
  ['switch ($x) { 1 { "a" }', true],
  ['$x = 1', false],
  ['"ok" "x"', false],
  // Typographic quotes (§2.9) open strings and here-strings that wait for their end too.
  ['\u201copen string', true],
  ["Write-Output \u2018it\u2019\u2019s", true],
  ['@\u2018\nline', true],
  ["$u.\u2018msRTCSIP-Primary", true],
  ['\u201cclosed\u201d', false],
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

/** memberOf parses a one-expression script and gives its member expression's name and computed part. */
function memberOf(text: string): {member: string; computed?: string} {
  const statement = parseScript(new SourceText(text)).statements[0] as A.PipelineAst
  const element = statement.elements[0] as A.CommandExpressionAst
  const member = element.expression as A.MemberExpressionAst
  assert.equal(member.type, 'Member')
  return member.computed ? {member: member.member, computed: member.computed.type} : {member: member.member}
}

const MEMBER_NAMES: ReadonlyArray<[string, {member: string; computed?: string}]> = [
  ['$u.Name', {member: 'Name'}],
  ["$u.'msRTCSIP-PrimaryUserAddress'", {member: 'msRTCSIP-PrimaryUserAddress'}],
  ['$u."DisplayName"', {member: 'DisplayName'}],
  ['$u.\u2018a\u2013b\u2019', {member: 'a\u2013b'}],
  ['$u."$p-Name"', {member: '"$p-Name"', computed: 'ExpandableString'}],
  ['$u.$attr', {member: '$attr', computed: 'Variable'}],
  ["$u.('Sip' + 'Address')", {member: "('Sip' + 'Address')", computed: 'Paren'}],
  ['$u.$(f)', {member: '$(f)', computed: 'SubExpression'}],
  ['$s.$m()', {member: '$m', computed: 'Variable'}],
]

for (const [text, expected] of MEMBER_NAMES) {
  test(`member name (§3 member_name): ${text}`, () => assert.deepEqual(memberOf(text), expected))
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
