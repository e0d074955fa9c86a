import assert from 'node:assert/strict'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {after, test} from 'node:test'
import type {ShellConsole} from '../../src/shell/index.js'
import {tmpStore} from '../helpers/csxmpp.js'
import {runScriptText} from '../helpers/shell.js'

/**
 * The host and object utility cmdlets of powershell.md §9 (Write-Host, Write-Debug/-Information/
 * -Progress, Clear-Host, Add-Member, Compare-Object, Read-Host, Get-Credential, credentials,
 * Get-Module, transcripts) and `$host`: one script per row, exact stdout and stderr.
 */

const store = tmpStore()
const dir = mkdtempSync(path.join(tmpdir(), 'csxmpp-hostcmds-'))
after(() => {
  store.cleanup()
  rmSync(dir, {recursive: true, force: true})
})

const ESC = '\u001B'
const NOT_A_TERMINAL = {stdin: false, stdout: false, stderr: false}
const ALL_TERMINALS = {stdin: true, stdout: true, stderr: true}

/** answering is a console whose terminal answers prompts from a list, remembering the prompts and whether each was secret. */
function answering(lines: string[], terminal = ALL_TERMINALS): Partial<ShellConsole> & {asked: Array<[string, boolean]>} {
  const asked: Array<[string, boolean]> = []
  return {
    terminal,
    asked,
    readLine: async (prompt, secret) => {
      asked.push([prompt, secret])
      return lines.shift()
    },
  }
}

type Row = readonly [name: string, script: string, stdout: string, stderr?: string, console?: Partial<ShellConsole>]

const ROWS: readonly Row[] = [
  // Write-Host (§9; C70 covers the remaining-arguments binding).
  ['Write-Host unrolls collections with the separator', 'Write-Host -Object:@(1, @(2, ""), "") -Separator:"|"', '1|2||\n'],
  ['Write-Host: an empty string and no object are an empty line', 'Write-Host -Object:""; Write-Host', '\n\n'],
  ['Write-Host: each piped object is one line', '"a", "b" | Write-Host -ForegroundColor:Green', 'a\nb\n'],
  ['Write-Host: only its own -InformationAction Ignore hides it', '$InformationPreference = "SilentlyContinue"; Write-Host -Object:"shown"; Write-Host -Object:"hidden" -InformationAction:Ignore', 'shown\n'],
  ['Write-Host colours on a terminal (§9 SGR table)', 'Write-Host -Object:"ok" -ForegroundColor:Green -BackgroundColor:DarkBlue; Write-Host -Object:"x" -ForegroundColor:12 -NoNewline', `${ESC}[92m${ESC}[44mok${ESC}[0m\n${ESC}[91mx${ESC}[0m`, '', {terminal: ALL_TERMINALS}],
  ['Write-Host: NO_COLOR turns colours off', 'Write-Host -Object:"ok" -ForegroundColor:Green', 'ok\n', '', {terminal: ALL_TERMINALS, noColor: true}],
  ['Write-Host: no colours when stdout is not a terminal', 'Write-Host -Object:"ok" -BackgroundColor:White', 'ok\n', '', {terminal: {stdin: true, stdout: false, stderr: true}}],
  [
    'an unknown colour is a binding error',
    'Write-Host -Object:"x" -ForegroundColor:16',
    '',
    'Write-Host : Cannot bind parameter \'ForegroundColor\'. Cannot convert value "16" to type "System.ConsoleColor". Error: "Unable to match the identifier name 16 to a valid enumerator name. Specify one of the following enumerator names and try again: Black, DarkBlue, DarkGreen, DarkCyan, DarkRed, DarkMagenta, DarkYellow, Gray, DarkGray, Blue, Green, Cyan, Red, Magenta, Yellow, White"\n' +
      'At t.ps1:1 char:41\n+ Write-Host -Object:"x" -ForegroundColor:16\n+                                         ~~\n' +
      '    + CategoryInfo          : InvalidArgument: (:) [Write-Host], ParameterBindingException\n    + FullyQualifiedErrorId : CannotConvertArgumentNoMessage,Write-Host\n',
  ],
  ['[ConsoleColor] casts, statics, -is and comparison (§4.1, §4.6)', '[ConsoleColor]10; [ConsoleColor]"darkblue"; [System.ConsoleColor]::Yellow; [ConsoleColor]::Red -eq "red"; [ConsoleColor]::Red -is [ConsoleColor]', 'Green\nDarkBlue\nYellow\nTrue\nTrue\n'],
  // Debug, information, progress (§8.3, §9).
  ['Write-Debug follows -Debug and $DebugPreference; Inquire acts as Continue', 'Write-Debug "a"; Write-Debug "b" -Debug; Write-Debug "b2" -db; $DebugPreference = "Inquire"; Write-Debug "c"', '', 'DEBUG: b\nDEBUG: b2\nDEBUG: c\n'],
  [
    '$DebugPreference Stop ends the script',
    '$DebugPreference = "Stop"\nWrite-Debug "x"\n"not reached"',
    '',
    'Write-Debug : The running command stopped because the preference variable "DebugPreference" or common parameter is set to Stop: x\nAt t.ps1:2 char:1\n+ Write-Debug "x"\n+ ~~~~~~~~~~~~~~~\n' +
      '    + CategoryInfo          : OperationStopped: (:) [Write-Debug], ActionPreferenceStopException\n    + FullyQualifiedErrorId : ActionPreferenceStop,Write-Debug\n',
  ],
  ['Write-Information -InformationAction Stop names InformationPreference', 'try { Write-Information "i" -InformationAction Stop } catch { $_.Exception.Message }', 'The running command stopped because the preference variable "InformationPreference" or common parameter is set to Stop: i\n'],
  ['DEBUG lines are yellow on a terminal', 'Write-Debug "x" -Debug', '', `${ESC}[33mDEBUG: x${ESC}[0m\n`, {color: true}],
  ['Write-Information follows -InformationAction and $InformationPreference', 'Write-Information "a"; $InformationPreference = "Continue"; Write-Information "b"; Write-Information "c" -InformationAction Ignore; Write-Information "d" -infa SilentlyContinue', 'b\n'],
  ['Write-Progress draws one line on a terminal stderr; -Completed erases it', 'Write-Progress -Activity "Import" -Status "1 of 3" -PercentComplete 33 -CurrentOperation "a.example"; Write-Progress "Import" -Completed; "done"', 'done\n', `\r${ESC}[2KImport: 1 of 3 33% a.example\r${ESC}[2K`, {terminal: ALL_TERMINALS}],
  ['other output and the end of the run erase the progress line', 'Write-Progress "A"; Write-Warning "w"; Write-Progress "B" -PercentComplete 0', '', `\r${ESC}[2KA: Processing\r${ESC}[2KWARNING: w\n\r${ESC}[2KB: Processing 0%\r${ESC}[2K`, {terminal: ALL_TERMINALS}],
  ['$ProgressPreference SilentlyContinue hides Write-Progress', '$ProgressPreference = "SilentlyContinue"; Write-Progress "A"', '', '', {terminal: ALL_TERMINALS}],
  ['Clear-Host clears a terminal', 'Clear-Host', `${ESC}[H${ESC}[2J${ESC}[3J`, '', {terminal: ALL_TERMINALS}],
  // Add-Member (§9).
  ['Add-Member -NotePropertyMembers adds one per entry', '$o = [pscustomobject]@{a = 1}; Add-Member -InputObject $o -NotePropertyMembers @{b = 2; c = 3}; ($o.PSObject.Properties | ForEach-Object Name) -join ","', 'a,b,c\n'],
  ['Add-Member: a first positional that is no member type is the name', '([pscustomobject]@{a = 1} | Add-Member Region EU -PassThru).Region; ([pscustomobject]@{a = 1} | Add-Member -NotePropertyName n 5 -PassThru).n + 1', 'EU\n6\n'],
  [
    'Add-Member to a string',
    '"s" | Add-Member -NotePropertyName a -NotePropertyValue 1',
    '',
    // Inside a pipeline a command's error underlines that command only (§11.1).
    `Add-Member to a System.String is not supported by csxmpp.\nAt t.ps1:1 char:7\n+ "s" | Add-Member -NotePropertyName a -NotePropertyValue 1\n+       ${'~'.repeat(51)}\n` +
      '    + CategoryInfo          : NotImplemented: (Add-Member:String) [], NotSupportedException\n    + FullyQualifiedErrorId : NotSupportedByCsxmpp\n',
  ],
  [
    'Add-Member of another member type',
    '[pscustomobject]@{} | Add-Member -MemberType ScriptProperty -Name a -Value { 1 }',
    '',
    `The member type ScriptProperty of Add-Member is not supported by csxmpp.\nAt t.ps1:1 char:23\n+ [pscustomobject]@{} | Add-Member -MemberType ScriptProperty -Name a -Value { 1 }\n+ ${' '.repeat(22)}${'~'.repeat(58)}\n` +
      '    + CategoryInfo          : NotImplemented: (ScriptProperty:String) [], NotSupportedException\n    + FullyQualifiedErrorId : NotSupportedByCsxmpp\n',
  ],
  // Compare-Object (§9): the sync window, -PassThru, -ExcludeDifferent alone, case.
  ['Compare-Object with -SyncWindow 1', '(Compare-Object a, b, c c, b, a -SyncWindow 1 -IncludeEqual | ForEach-Object { "$($_.InputObject)$($_.SideIndicator)" }) -join " "', 'b== a== c==\n'],
  ['Compare-Object with a full window: a difference object matched first, then the reference object', '(Compare-Object a, b, c c, b, a -IncludeEqual | ForEach-Object { "$($_.InputObject)$($_.SideIndicator)" }) -join " "', 'b== a== c==\n'],
  ['Compare-Object -CaseSensitive -PassThru: strings as they are', '(Compare-Object a, b A, b -CaseSensitive -PassThru) -join ","', 'A,a\n'],
  ['Compare-Object -PassThru adds SideIndicator to objects', '(Compare-Object @([pscustomobject]@{N = 1}) @([pscustomobject]@{N = 2}) -Property N -PassThru | ForEach-Object { "$($_.N)$($_.SideIndicator)" }) -join " "', '2=> 1<=\n'],
  ['the aliases compare, diff, cls, clear and gmo (§7.1)', '(compare a b).Count; (diff a a -IncludeEqual).SideIndicator; cls; clear; (gmo Lync).Name', '2\n==\nLync\n'],
  ['Compare-Object -ExcludeDifferent alone outputs nothing (5.1)', 'Compare-Object a b -ExcludeDifferent; "end"', 'end\n'],
  ['piped objects are the difference set', '("b", "c" | Compare-Object -ReferenceObject a, b | ForEach-Object { "$($_.InputObject)$($_.SideIndicator)" }) -join " "', 'c=> a<=\n'],
  [
    'Compare-Object: $null is a binding error',
    'Compare-Object @() $null',
    '',
    "Compare-Object : Cannot bind argument to parameter 'DifferenceObject' because it is null.\nAt t.ps1:1 char:1\n+ Compare-Object @() $null\n+ ~~~~~~~~~~~~~~~~~~~~~~~~\n" +
      '    + CategoryInfo          : InvalidData: (:) [Compare-Object], ParameterBindingValidationException\n    + FullyQualifiedErrorId : ParameterArgumentValidationErrorNullNotAllowed,Compare-Object\n',
  ],
  // Credentials (§9): a SecureString never shows its characters.
  [
    'a SecureString in every output form',
    '$s = ConvertTo-SecureString "pw12" -AsPlainText; "$s"; $s; $s.Length; $s -is [securestring]; [pscustomobject]@{P = $s} | ConvertTo-Json -Compress; [pscustomobject]@{P = $s} | Format-List',
    'System.Security.SecureString\nSystem.Security.SecureString\n4\nTrue\n{"P":"System.Security.SecureString"}\n\nP : System.Security.SecureString\n\n',
  ],
  ['[pscredential]::new and ::Empty', '$c = [pscredential]::new("u", (ConvertTo-SecureString "x" -AsPlainText -Force)); $c.UserName; $c.Password.Length; $null -eq [pscredential]::Empty.UserName', 'u\n1\nTrue\n'],
  [
    'a PSCredential needs a SecureString',
    '[System.Management.Automation.PSCredential]::new("u", "x")',
    '',
    'Cannot convert argument "password", with value: "x", for "PSCredential" to type "System.Security.SecureString": "Cannot convert the "x" value of type "System.String" to type "System.Security.SecureString"."\n' +
      `At t.ps1:1 char:1\n+ [System.Management.Automation.PSCredential]::new("u", "x")\n+ ${'~'.repeat(58)}\n` +
      '    + CategoryInfo          : NotSpecified: (:) [], MethodException\n    + FullyQualifiedErrorId : MethodArgumentConversionInvalidCastArgument\n',
  ],
  [
    'ConvertTo-SecureString without -AsPlainText',
    'ConvertTo-SecureString "01000000d08c9ddf"',
    '',
    'ConvertTo-SecureString without -AsPlainText (a Windows-protected string) is not supported by csxmpp.\nAt t.ps1:1 char:1\n+ ConvertTo-SecureString "01000000d08c9ddf"\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n' +
      '    + CategoryInfo          : NotImplemented: (ConvertTo-SecureString:String) [], NotSupportedException\n    + FullyQualifiedErrorId : NotSupportedByCsxmpp\n',
  ],
  // Prompts (§9): on a terminal they ask; a secret is read as one.
  ['Read-Host on a terminal; the end of input is an empty line', '$d = Read-Host "Domain"; "got $d"; $p = Read-Host -AsSecureString "Password"; $p.Length; $e = Read-Host; "[$e]"', 'got x.example\n6\n[]\n', '', answering(['x.example', 'secret'])],
  ['Get-Credential: -Message on its own line', '$c = Get-Credential -Message "Lync admin"; $c.UserName; $c.Password.Length', 'Lync admin\nadmin\n8\n', '', answering(['admin', 'pa55word'])],
  ['Get-Credential: -Message on stderr when stdout is redirected', '$c = Get-Credential -Message "Lync admin"; $c.UserName', 'admin\n', 'Lync admin\n', answering(['admin', 'pw'], {stdin: true, stdout: false, stderr: false})],
  ['Get-Credential -Credential passes a PSCredential through without asking', '$c = [pscredential]::new("u", (ConvertTo-SecureString "x" -AsPlainText)); (Get-Credential -Credential $c).UserName', 'u\n', '', {terminal: NOT_A_TERMINAL}],
  [
    'Read-Host under -NonInteractive on a terminal',
    'Read-Host "x"',
    '',
    'Read-Host : PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.\nAt t.ps1:1 char:1\n+ Read-Host "x"\n+ ~~~~~~~~~~~~~\n' +
      '    + CategoryInfo          : InvalidOperation: (:) [Read-Host], PSInvalidOperationException\n    + FullyQualifiedErrorId : InvalidOperation,Read-Host\n',
    {terminal: ALL_TERMINALS, nonInteractive: true},
  ],
  // $host (§4.5).
  ['$host: UI.WriteLine, UI.Write, WriteErrorLine (no error record), RawUI', '$host.UI.Write("a"); $host.UI.WriteLine("b"); $host.UI.WriteErrorLine("c"); $host.UI.RawUI.BackgroundColor = 3; $host.UI.RawUI.BackgroundColor; $host.UI.RawUI.WindowSize.Width; $Error.Count', 'ab\nDarkCyan\n120\n0\n', 'c\n'],
  ['$host is read-only', 'try { $host = 1 } catch { $_.Exception.Message }; $Host.Name', 'Cannot overwrite variable Host because it is read-only or constant.\nConsoleHost\n'],
  // Get-Module (§9, §10.2 view).
  ['Get-Module view', 'Get-Module Microsoft.PowerShell.H*', '\nModuleType Version    Name                                ExportedCommands\n---------- -------    ----                                ----------------\nManifest   0.1.0      Microsoft.PowerShell.Host           {Start-Transcript, Stop-Transcript}\n\n'],
]

for (const [name, script, stdout, stderr = '', console = {}] of ROWS) {
  test(name, async () => {
    const run = await runScriptText(store, script, 't.ps1', console)
    assert.equal(run.stdout, stdout)
    assert.equal(run.stderr, stderr)
  })
}

test('the prompts, and which read a secret', async () => {
  const console = answering(['x', 'y', 'z', 'w', 'v'])
  await runScriptText(store, '$a = Read-Host; $b = Read-Host -AsSecureString "Password"; $c = Get-Credential; $d = Get-Credential -UserName "CONTOSO\\admin"', 't.ps1', console)
  assert.deepEqual(console.asked, [['', false], ['Password: ', true], ['User: ', false], ['Password for user z: ', true], ['Password for user CONTOSO\\admin: ', true]])
})

test('a SecureString never reaches Export-Csv or Export-Clixml', async () => {
  const csv = path.join(dir, 's.csv')
  const xml = path.join(dir, 's.xml')
  const script = `$c = [pscredential]::new("u", (ConvertTo-SecureString "hunter2" -AsPlainText)); $c | Export-Csv '${csv}'; $c | Export-Clixml '${xml}'`
  const run = await runScriptText(store, script)
  assert.equal(run.stderr, '')
  for (const file of [csv, xml]) {
    const text = readFileSync(file, 'utf8')
    assert.ok(!text.includes('hunter2'), file)
    assert.ok(text.includes('System.Security.SecureString'), file)
  }
})

test('a transcript gets both streams without escape sequences, and the end of the run closes it', async () => {
  const log = path.join(dir, 'run.log')
  writeFileSync(log, 'before\n')
  const script = `Start-Transcript -Path '${log}' -Append | Out-Null; Write-Host -Object:"green" -ForegroundColor:Green; Write-Warning "careful"; "out"`
  const run = await runScriptText(store, script, 't.ps1', {terminal: ALL_TERMINALS, color: true})
  assert.equal(run.stdout, `${ESC}[92mgreen${ESC}[0m\nout\n`)
  const lines = readFileSync(log, 'utf8').split('\n')
  assert.equal(lines[0], 'before')
  assert.equal(lines[1], '**********************')
  assert.equal(lines[2], 'Windows PowerShell transcript start')
  assert.deepEqual(lines.slice(13, 16), ['green', 'WARNING: careful', 'out'])
  assert.deepEqual([lines.at(-5), lines.at(-4), lines.at(-2), lines.at(-1)], ['**********************', 'Windows PowerShell transcript end', '**********************', ''])
})

test('a transcript gets prompts and answers, but never a secret', async () => {
  const log = path.join(dir, 'prompts.log')
  const script = `Start-Transcript '${log}' | Out-Null; $d = Read-Host "Domain"; $p = Read-Host -AsSecureString "Password"; Stop-Transcript | Out-Null`
  await runScriptText(store, script, 't.ps1', answering(['a.example', 'hunter2']))
  const text = readFileSync(log, 'utf8')
  assert.ok(text.includes('\nDomain: a.example\nPassword: \n'), text)
  assert.ok(!text.includes('hunter2'), text)
})

test('Start-Transcript -NoClobber refuses an existing file; a second transcript ends the first', async () => {
  const first = path.join(dir, 'first.log')
  const second = path.join(dir, 'second.log')
  writeFileSync(first, 'kept\n')
  const refused = await runScriptText(store, `Start-Transcript '${first}' -NoClobber`)
  assert.equal(refused.stderr.split('\n')[0], `Start-Transcript : File ${first} already exists and NoClobber was specified.`)
  assert.equal(readFileSync(first, 'utf8'), 'kept\n')
  const run = await runScriptText(store, `Start-Transcript '${first}'; "one"; Start-Transcript '${second}'; "two"; Stop-Transcript`)
  assert.equal(run.stdout, `Transcript started, output file is ${first}\none\nTranscript started, output file is ${second}\ntwo\nTranscript stopped, output file is ${second}\n`)
  assert.ok(readFileSync(first, 'utf8').includes('one\n**********************\nWindows PowerShell transcript end\n'))
  assert.ok(!readFileSync(first, 'utf8').includes('two'))
  assert.ok(existsSync(second) && readFileSync(second, 'utf8').includes('two\n'))
})
