import assert from 'node:assert/strict'
import {after, test} from 'node:test'
import {tmpStore} from '../helpers/csxmpp.js'
import {runScriptText} from '../helpers/shell.js'

/** The one wildcard matcher (powershell.md §5.3) behind the operators and the utility cmdlets: exact stdout and stderr. */

const store = tmpStore()
after(() => store.cleanup())

const BT = '`'

/** invalid is the record of an invalid pattern from an operator, for script text on line 1 of t.ps1. */
function operatorError(pattern: string, line: string, column: number, length: number): string {
  return [
    `The specified wildcard character pattern is not valid: ${pattern}`,
    `At t.ps1:1 char:${column}`,
    `+ ${line}`,
    `+ ${' '.repeat(column - 1)}${'~'.repeat(length)}`,
    '    + CategoryInfo          : NotSpecified: (:) [], WildcardPatternException',
    '    + FullyQualifiedErrorId : RuntimeException',
    '',
  ].join('\n')
}

/** parameterError is the record of an invalid pattern given to a cmdlet parameter. */
function parameterError(cmdlet: string, pattern: string, line: string, column: number, length: number): string {
  return [
    `${cmdlet} : The specified wildcard character pattern is not valid: ${pattern}`,
    `At t.ps1:1 char:${column}`,
    `+ ${line}`,
    `+ ${' '.repeat(column - 1)}${'~'.repeat(length)}`,
    `    + CategoryInfo          : InvalidArgument: (:) [${cmdlet}], WildcardPatternException`,
    `    + FullyQualifiedErrorId : WildcardPattern_Invalid,${cmdlet}`,
    '',
  ].join('\n')
}

// [what, script, stdout, stderr]
const ROWS: ReadonlyArray<[string, string, string, string]> = [
  ['a hyphen is itself (this crashed csxmpp)', `'a-b' -like 'a-*'; 'fabrikam-im.example' -notlike '*-im.*'`, 'True\nFalse\n', ''],
  ['-clike and -cnotlike respect case; -ilike does not', `'My-Xmpp' -clike 'my-*'; 'My-Xmpp' -cnotlike 'my-*'; 'My-Xmpp' -ilike 'my-*'`, 'False\nTrue\nTrue\n', ''],
  ['the right operand is converted to a string; $null is ""', `15 -like '1?'; $null -like ''; 'x' -like $null`, 'True\nTrue\nFalse\n', ''],
  ['a collection on the left gives the string forms of its matches', `(@(1, 15, 20) -like '1*').GetType().Name; @(1, 15, 20) -like '1*' | ForEach-Object { $_.GetType().Name }`, 'Object[]\nString\nString\n', ''],
  ['-notlike on a collection', `@('a-1', 'b-2', 'a-3') -notlike 'a-*'`, 'b-2\n', ''],
  ['a backtick in single quotes escapes the pattern', `'*x' -like '${BT}*x'; 'yx' -like '${BT}*x'`, 'True\nFalse\n', ''],
  ['an invalid pattern ends the statement, not the script', `'a' -like '[a'; 'after'`, 'after\n', operatorError('[a', `'a' -like '[a'; 'after'`, 1, 14)],
  ['an invalid pattern is an error with nothing on the left', `@() -like '[z-a]'`, '', operatorError('[z-a]', `@() -like '[z-a]'`, 1, 17)],
  ['-notlike and -clike give the same record', `'a' -cnotlike 'a['`, '', operatorError('a[', `'a' -cnotlike 'a['`, 1, 18)],
  ['the record can be caught', `try { 'a' -like '[]' } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Reason }`, 'RuntimeException\nWildcardPatternException\n', ''],
  ['Where-Object -Like and -NotLike convert the property to a string', `$d = 'my-xmpp.example', 'MY-SIP.example', 'myxmpp.example'; ($d | Where-Object Length -Like '1[4]') -join ','; $d | Where-Object Length -NotLike '1[4]'`, 'MY-SIP.example,myxmpp.example\nmy-xmpp.example\n', ''],
  ['Where-Object on a property', `$o = [pscustomobject]@{D = 'my-xmpp.example'}, [pscustomobject]@{D = 'MY-SIP.example'}; ($o | Where-Object D -Like 'my-*').D -join ','; ($o | Where-Object D -CLike 'my-*').D; ($o | Where-Object D -CNotLike 'my-*').D`, 'my-xmpp.example,MY-SIP.example\nmy-xmpp.example\nMY-SIP.example\n', ''],
  ['Where-Object -Like with an invalid pattern is its own error, before any input', `@() | Where-Object D -Like 'a['`, '', parameterError('Where-Object', 'a[', `@() | Where-Object D -Like 'a['`, 7, 25)],
  ['Get-Command -Name, -Verb and -Noun', `(Get-Command -Verb Remove -Noun '*AllowedPartner').Name; (Get-Command -Name '?et-CsXmppAllowedPartner').Name -join ','`, 'Remove-CsXmppAllowedPartner\nGet-CsXmppAllowedPartner,Set-CsXmppAllowedPartner\n', ''],
  ['Get-Command with an invalid pattern', `Get-Command -Noun '[CsUser'`, '', parameterError('Get-Command', '[CsUser', `Get-Command -Noun '[CsUser'`, 1, 27)],
  ['Select-Object property names', `[pscustomobject]@{'msRTCSIP-A' = 1; 'msRTCSIP-B' = 2; 'other' = 3} | Select-Object 'msrtcsip-[b-z]' | Format-List`, '\nmsRTCSIP-B : 2\n\n', ''],
  ['Select-Object with an invalid property pattern, inside a pipeline', `$x = 1 | Select-Object 'a['`, '', parameterError('Select-Object', 'a[', `$x = 1 | Select-Object 'a['`, 10, 18)],
]

for (const [what, script, stdout, stderr] of ROWS) {
  test(what, async () => {
    const result = await runScriptText(store, script, undefined)
    assert.equal(result.stderr, stderr)
    assert.equal(result.stdout, stdout)
  })
}
