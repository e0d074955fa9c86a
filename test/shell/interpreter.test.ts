import assert from 'node:assert/strict'
import {after, test} from 'node:test'
import {tmpStore} from '../helpers/csxmpp.js'
import {runScriptText} from '../helpers/shell.js'

/** The language's semantics, one script per row: exact stdout, and stderr where it matters (powershell.md §4–§8). */

const store = tmpStore()
after(() => store.cleanup())

const OUTPUT: ReadonlyArray<[string, string, string]> = [
  ['integer division stays Int32 when exact', '10 / 5; 10 / 4; 7 % 3', '2\n2.5\n1\n'],
  ['overflow widens to Int64', '2147483647 + 1', '2147483648\n'],
  ['the left operand decides', '"5" + 5; 5 + "5"; "10" -eq 10; 10 -eq "10.0"', '55\n10\nTrue\nTrue\n'],
  ['a collection on the left filters', '1, 5, 10 -gt 4', '5\n10\n'],
  ['$null -eq tests for null; a collection on the left filters nulls', '$x = $null; $null -eq $x; (1, $null, 2 -eq $null).Count', 'True\n1\n'],
  ['-not binds tighter than -eq', '-not 0 -eq $true', 'True\n'],
  ['comma binds tighter than +', '(1, 2 + 3).Count', '3\n'],
  ['-1..3 is a range from -1', '(-1..3) -join ","', '-1,0,1,2,3\n'],
  ['string and array multiplication', '"ab" * 2; (1, 2) * 2 -join ""', 'abab\n1212\n'],
  ['[bool] of strings is non-empty', '[bool]"False"; [bool]""; [bool]@(); [bool]@(0)', 'True\nFalse\nFalse\nFalse\n'],
  ['[int] rounds half to even', '[int]2.5; [int]3.5; [int]"-7"', '2\n4\n-7\n'],
  ['typed variables convert later assignments', '[int]$n = "5"; $n = "6"; $n + 1', '7\n'],
  ['undefined variables are $null', '$null -eq $undefined; "[$undefined]"', 'True\n[]\n'],
  ['$OFS joins arrays in strings', '$a = 1, 2; "$a"; $OFS = "+"; "$a"', '1 2\n1+2\n'],
  ['"$p.Identity" does not expand the property', '$p = "x"; "$p.Identity"', 'x.Identity\n'],
  ['arrays from pipelines follow §4.3', '$one = Write-Output 1; $none = Write-Output; $many = Write-Output 1 2; $one.GetType().Name; $null -eq $none; $many.Count', 'Int32\nTrue\n2\n'],
  ['@() always gives an array', '@(Write-Output 1).Count; @().Count', '1\n0\n'],
  ['+= on $null gives the value; on an array it appends', '$n = $null; $n += 1; $n += 2; $n; $a = @(); $a += 1; $a += 2; $a -join ","', '3\n1,2\n'],
  ['hashtables: keys ignore case, insertion order', '$h = @{b = 1; A = 2}; $h.a; $h["B"]; $h.Keys -join ","; $h.c = 3; $h.Count', '2\n1\nb,A\n3\n'],
  ['hashtable Add refuses a duplicate', '$h = @{a = 1}; $h.Add("A", 2)', ''],
  ['negative indexes and slices', '$a = 10, 20, 30; $a[-1]; $a[0, 2] -join ","', '30\n10,30\n'],
  ['member enumeration', '$list = @([pscustomobject]@{N = 1}, [pscustomobject]@{N = 2}); $list.N -join "+"', '1+2\n'],
  ['string methods', '"  Ab  ".Trim().ToUpper(); "a,b,,c".Split(",").Count; "contoso.com".Replace(".com", ".org"); "abc".Substring(1)', 'AB\n4\ncontoso.org\nbc\n'],
  ['while and for', '$i = 0; while ($i -lt 3) { $i++ }; $i; for ($j = 5; $j -gt 3; $j--) { $j }', '3\n5\n4\n'],
  ['foreach keeps the last value', 'foreach ($x in 1, 2, 3) { }; $x', '3\n'],
  ['functions return all output', 'function f { "a"; return "b"; "c" }; (f) -join ","', 'a,b\n'],
  ['function scope is a child scope', '$v = 1; function f { $v = 2; $v }; f; $v', '2\n1\n'],
  ['$script: writes the script scope', '$v = 1; function f { $script:v = 2 }; f; $v', '2\n'],
  ['ForEach-Object runs in the caller scope', '$n = 0; 1..3 | ForEach-Object { $n++ }; $n', '3\n'],
  ['parameter defaults may use earlier parameters', 'function f([int]$a = 2, $b = $a * 10) { $b }; f; f 3', '20\n30\n'],
  ['switch parameters', 'function f([switch]$Force) { "force=$Force" }; f; f -Force; f -Force:$false', 'force=False\nforce=True\nforce=False\n'],
  ['$args without a param block', 'function f { $args.Count; $args[1] }; f a b c', '3\nb\n'],
  ['splatting a hashtable and an array', 'function f($A, $B) { "$A-$B" }; $h = @{B = 2; A = 1}; f @h; $l = 3, 4; f @l', '1-2\n3-4\n'],
  ['try/catch/finally with throw', 'try { throw "boom" } catch { "caught $_" } finally { "done" }', 'caught boom\ndone\n'],
  ['a caught error is in $Error, not shown', 'try { throw "x" } catch { }; $Error.Count; $Error[0].Exception.Message', '1\nx\n'],
  ['catch sees the FullyQualifiedErrorId and category', 'try { 1 / 0 } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category }', 'RuntimeException\nNotSpecified\n'],
  ['$? after a failing and a succeeding statement', 'Get-CsSipDomain -Identity nope.example 2>$null; $?; "x" | Out-Null; $?', 'False\nTrue\n'],
  ['-match sets $Matches', 'if ("a-1" -match "(?<n>\\d)") { $Matches.n }', '1\n'],
  ['-replace and -split', '"a.b.c" -replace "\\.", "-"; ("a1b2c" -split "\\d").Count', 'a-b-c\n3\n'],
  ['-like with wildcards and -contains', '"Federated" -like "fed*"; @("a", "B") -contains "b"; "b" -in "a", "b"', 'True\nTrue\nTrue\n'],
  ['-is and -as', '5 -is [int]; "5" -is [int]; ("5" -as [int]) + 1; ("x" -as [int]) -eq $null', 'True\nFalse\n6\nTrue\n'],
  ['static members', '[string]::Join("-", @("a", "b")); [math]::Max(3, 7); [int]::MaxValue', 'a-b\n7\n2147483647\n'],
  ['Where-Object and Select-Object -First stop early', '1..100000 | Where-Object { $_ % 2 -eq 0 } | Select-Object -First 3', '2\n4\n6\n'],
  ['Sort-Object is stable and sorts numbers numerically', '10, 9, 100 | Sort-Object; "b", "a", "B" | Sort-Object', '9\n10\n100\na\nb\nB\n'],
  ['Group-Object keeps first appearance order', '("b", "a", "b" | Group-Object | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ","', 'b=2,a=1\n'],
  ['Measure-Object statistics', '$m = 1, 2, 3 | Measure-Object -Sum -Average -Maximum; "$($m.Count) $($m.Sum) $($m.Average) $($m.Maximum) [$($m.Minimum)]"', '3 6 2 3 []\n'],
  ['script blocks and the call operator', '$b = { param($x) $x * 2 }; & $b 21; $b.Invoke(5)', '42\n10\n'],
  ['here-strings', '$n = "x"\n@"\na $n\n  `$n\n"@', 'a x\n  $n\n'],
  ['$env: variables', '$env:CSXMPP_TEST_VALUE = "v1"; $env:CSXMPP_TEST_VALUE; $env:CSXMPP_NOT_SET -eq $null', 'v1\nTrue\n'],
  // switch (§6); C72–C77 hold the conformance cases.
  ['switch: a string and a hashtable are one round each', 'switch ("abc") { abc { "whole" } }; switch (@{a = 1; b = 2}) { default { $_.Count } }', 'whole\n2\n'],
  ['switch: a command that outputs nothing gives no round', 'switch (Write-Output) { default { "never" } }; "done"', 'done\n'],
  ['switch: an array condition compares as its joined string form; case is ignored', 'switch ("1 2") { (1, 2) { "joined" } }; switch ("ABC") { abc { "ci" } }', 'joined\nci\n'],
  ['switch: a condition is evaluated each time it is tested', '$c = 0; switch (1, 2) { $($c++; 2) { "hit $_" } }; $c', 'hit 2\n2\n'],
  ['switch: script-block conditions run in a child scope, clauses in the current one', 'switch (1) { { $v = 5; $true } { "v=$v"; $w = 7 } }; "w=$w"', 'v=\nw=7\n'],
  ['switch: break in an inner switch ends only that one; $_ comes back', 'switch (1, 2) { default { switch ("a") { "a" { break } }; "outer $_" } }', 'outer 1\nouter 2\n'],
  ['switch: $_ is unset again after a switch at top level', 'switch (1) { 1 { } }; $null -eq $_', 'True\n'],
  ['switch: continue inside a while loop goes on with the loop body', '$i = 0; while ($i -lt 2) { $i++; switch ($i) { 1 { continue } }; "i=$i" }', 'i=1\ni=2\n'],
  ['switch -Wildcard -CaseSensitive', 'switch -Wildcard -CaseSensitive ("Abc") { "a*" { "lower" } "A*" { "upper" } }', 'upper\n'],
  ['switch -Regex: .NET group numbers; a failed test leaves $Matches', 'switch -Regex ("ab") { "(?<x>a)(b)" { $Matches[1]; $Matches.x } }; switch -Regex ("zz") { "a" { } }; $Matches[0]', 'b\na\nab\n'],
  ['switch: a return in a script-block condition ends only the condition', 'function f { switch (1) { { return $true } { "held" } }; "after" }; f', 'held\nafter\n'],
  // Positional and remaining arguments (§6, §7.2 step 4); C86–C88 hold the conformance cases.
  ['ValueFromRemainingArguments in a function', 'function r { param($a, [Parameter(ValueFromRemainingArguments=$true)]$rest) "a=$a rest=$($rest -join \'|\')" }; r 1 2 3 -z:4; r 1 @(5, 6)', 'a=1 rest=2|3|-z:|4\na=1 rest=5|6\n'],
  ['SupportsShouldProcess: -WhatIf and -Confirm set the preferences inside', 'function s { [CmdletBinding(SupportsShouldProcess=$true)] param() "$WhatIfPreference $ConfirmPreference" }; s; s -WhatIf -Confirm:$false', 'False High\nTrue None\n'],
  ['Write-Output takes every positional argument and unknown parameter tokens', '(Write-Output a b c).Count; Write-Output "x" -Bogus', '3\nx\n-Bogus\n'],
  ['PSVersionTable says 5.1 Desktop', '$PSVersionTable.PSVersion.Major; $PSVersionTable.PSEdition; $IsLinux', '5\nDesktop\nTrue\n'],
  // Compound arguments (§2.7).
  ['a simple variable with text glued on is one argument', 'function A { "$($args.Count): $($args -join \'|\')" }; $d = "x"; A $d\\eap.xml; A $d-old.xml; A ${d}y; A $d"q r"; A $d$d', '1: x\\eap.xml\n1: x-old.xml\n1: xy\n1: xq r\n1: xx\n'],
  ['after member access, a string or a parenthesis the next argument starts', 'function A { "$($args.Count): $($args -join \'|\')" }; $a = @{b = "B"}; A $a.b\\x; A $a.b-c; A "$a"\\x; A (1)x; A $a=b', '2: B|\\x\n2: B|-c\n2: System.Collections.Hashtable|\\x\n2: 1|x\n2: System.Collections.Hashtable|=b\n'],
  // Quoted and computed member names (§4.5).
  ['quoted member names', '$u = [pscustomobject]@{"msRTCSIP-PrimaryUserAddress" = "sip:a@b"; Name = "N"}; $u.\'msRTCSIP-PrimaryUserAddress\'; $u."name"; $p = "Na"; $u."$($p)me"; Write-Output $u.\u2018Name\u2019', 'sip:a@b\nN\nN\nN\n'],
  ['computed member names', '$u = [pscustomobject]@{Name = "N"}; $n = "name"; $u.$n; $u.("Na" + "me"); $u.$("Name").ToLower(); $u.$null -eq $null', 'N\nN\nn\nTrue\n'],
  ['computed names enumerate members, key hashtables and are assignment targets', '$l = [pscustomobject]@{"a-b" = 1}, [pscustomobject]@{"a-b" = 2}; $k = "a-b"; $l.$k -join "+"; $h = @{}; $h.$k = 1; $h.\'a-b\' += 1; $h["A-B"]; $o = [pscustomobject]@{N = 1}; $o.("N") = 5; $o.N', '1+2\n2\n5\n'],
  ['a computed method name', '$m = "ToUpper"; "abc".$m(); "abc".("Sub" + "string")(1)', 'ABC\nbc\n'],
  // Typographic dashes and quotes (§2.9).
  ['typographic dashes as operators and signs', '$n = 5 \u2013 2; $n; $n \u2013eq 3; \u2014not $false; \u20135 + 1; $n\u2013\u2013; $n; $n \u2015= 2; $n; (\u20131..1) \u2013join ","', '3\nTrue\nTrue\n-4\n2\n0\n-1,0,1\n'],
  ['no-break spaces from a web page separate keywords and tokens', 'foreach\u00a0($x in 1, 2) { $x }\nif\u00a0(1)\u00a0{ "y" }\nfunction\u2003f { "f" }; f', '1\n2\ny\nf\n'],
  ['typographic quotes', '\u2018single\u2019 + \u201alow\u2018; \u201eGerman $(1 + 1)\u201c; Write-Output \u2018it\u2019\u2019s\u2019 "don\u2019t" a\u2013b', 'singlelow\nGerman 2\nit\u2019s\ndon\u2019t\na\u2013b\n'],
]

for (const [title, script, stdout] of OUTPUT) {
  test(`interpreter: ${title}`, async () => {
    const run = await runScriptText(store, script)
    assert.equal(run.stdout, stdout, run.stderr)
  })
}

const ERRORS: ReadonlyArray<[string, string, string]> = [
  ['division by zero', '1 / 0', 'Attempted to divide by zero.\nAt t.ps1:1 char:1\n+ 1 / 0\n+ ~~~~~\n    + CategoryInfo          : NotSpecified: (:) [], RuntimeException\n    + FullyQualifiedErrorId : RuntimeException\n'],
  ['a method on $null', '$x.Trim()', 'You cannot call a method on a null-valued expression.\nAt t.ps1:1 char:1\n+ $x.Trim()\n+ ~~~~~~~~~\n    + CategoryInfo          : InvalidOperation: (:) [], RuntimeException\n    + FullyQualifiedErrorId : InvokeMethodOnNull\n'],
  ['indexing $null', '$x[0]', 'Cannot index into a null array.\nAt t.ps1:1 char:1\n+ $x[0]\n+ ~~~~~\n    + CategoryInfo          : InvalidOperation: (:) [], RuntimeException\n    + FullyQualifiedErrorId : NullArray\n'],
  ['assigning $true', '$true = 1', 'Cannot overwrite variable true because it is read-only or constant.\nAt t.ps1:1 char:1\n+ $true = 1\n+ ~~~~~\n    + CategoryInfo          : WriteError: (true:String) [], SessionStateUnauthorizedAccessException\n    + FullyQualifiedErrorId : VariableNotWritable\n'],
  ['$ErrorActionPreference Ignore', '$ErrorActionPreference = "Ignore"', 'The value Ignore is not supported for an ActionPreference variable.\nAt t.ps1:1 char:1\n+ $ErrorActionPreference = "Ignore"\n+ ~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : NotSpecified: (:) [], NotSupportedException\n    + FullyQualifiedErrorId : NotSupported\n'],
  ['an unknown command', 'Get-CsBar -X 1', "Get-CsBar : The term 'Get-CsBar' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\nAt t.ps1:1 char:1\n+ Get-CsBar -X 1\n+ ~~~~~~~~~~~~~~\n    + CategoryInfo          : ObjectNotFound: (Get-CsBar:String) [], CommandNotFoundException\n    + FullyQualifiedErrorId : CommandNotFoundException\n"],
  ['ValidateSet', 'function f { param([ValidateSet("a", "b")]$T) $T }; f -T c', 'f : Cannot validate argument on parameter \'T\'. The argument "c" does not belong to the set "a,b" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.\nAt t.ps1:1 char:53\n+ function f { param([ValidateSet("a", "b")]$T) $T }; f -T c\n+                                                     ~~~~~~\n    + CategoryInfo          : InvalidData: (:) [f], ParameterBindingValidationException\n    + FullyQualifiedErrorId : ParameterArgumentValidationError,f\n'],
  ['a missing mandatory function parameter', 'function f { param([Parameter(Mandatory=$true)]$Name) }; f', 'f : Cannot process command because of one or more missing mandatory parameters: Name.\nAt t.ps1:1 char:58\n+ function f { param([Parameter(Mandatory=$true)]$Name) }; f\n+                                                          ~\n    + CategoryInfo          : InvalidArgument: (:) [f], ParameterBindingException\n    + FullyQualifiedErrorId : MissingMandatoryParameter,f\n'],
  ['an unsupported parameter of a utility cmdlet, before running', '"x"\n1 | Format-Table -Wrap', 'At t.ps1:2 char:18\n+ 1 | Format-Table -Wrap\n+                  ~~~~~\nThe parameter -Wrap of Format-Table is not supported by csxmpp.\n    + CategoryInfo          : ParserError: (:) [], ParseException\n    + FullyQualifiedErrorId : NotSupportedByCsxmpp\n1 unsupported construct or command found; nothing was run.\n'],
  ['a typographic dash names the parameter canonically', 'function f($Name) { }; f \u2013Name', "f : Missing an argument for parameter 'Name'. Specify a parameter of type 'System.Management.Automation.PSObject' and try again.\nAt t.ps1:1 char:26\n+ function f($Name) { }; f \u2013Name\n+                          ~~~~~\n    + CategoryInfo          : InvalidArgument: (:) [f], ParameterBindingException\n    + FullyQualifiedErrorId : MissingArgument,f\n"],
  ['an invalid regular expression in switch -Regex', 'switch -Regex ("a") { "(" { } }', 'The regular expression pattern ( is not valid.\nAt t.ps1:1 char:23\n+ switch -Regex ("a") { "(" { } }\n+                       ~~~\n    + CategoryInfo          : InvalidOperation: ((:String) [], RuntimeException\n    + FullyQualifiedErrorId : InvalidRegularExpression\n'],
  ['an advanced function refuses an unknown parameter', 'function g { param([Parameter()]$a) }; g -b 1', "g : A parameter cannot be found that matches parameter name 'b'.\nAt t.ps1:1 char:42\n+ function g { param([Parameter()]$a) }; g -b 1\n+                                          ~~\n    + CategoryInfo          : InvalidArgument: (:) [g], ParameterBindingException\n    + FullyQualifiedErrorId : NamedParameterNotFound,g\n"],
  // `ls` is an alias of Get-ChildItem since the 2026-12 amendment (§7.1), so grep stands for a program.
  ['an external program', 'grep', "Running the external program 'grep' is not supported by csxmpp.\nAt t.ps1:1 char:1\n+ grep\n+ ~~~~\n    + CategoryInfo          : NotImplemented: (grep:String) [], NotSupportedException\n    + FullyQualifiedErrorId : NotSupportedByCsxmpp\n"],
]

for (const [title, script, stderr] of ERRORS) {
  test(`interpreter error: ${title}`, async () => {
    const run = await runScriptText(store, script)
    assert.equal(run.stderr, stderr)
    assert.equal(run.code, 1)
  })
}

test('an uncaught throw ends the run; finally blocks run while it unwinds', async () => {
  const run = await runScriptText(store, 'try { "in"; throw "stop" } finally { "cleanup" }\n"not reached"')
  assert.equal(run.stdout, 'in\ncleanup\n')
  assert.match(run.stderr, /^stop\nAt t\.ps1:1 char:13\n/)
  assert.equal(run.code, 1)
})

test('exit N from inside a function runs finally blocks and sets the code', async () => {
  const run = await runScriptText(store, 'function f { try { exit 7 } finally { "f" } }\nf\n"not reached"')
  assert.deepEqual([run.stdout, run.code], ['f\n', 7])
})
