import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {ConfigStore} from '../../store/index.js'
import {createScriptHost} from '../../src/host/script-host.js'
import {SourceText, checkScript, findUtility, parseScript} from '../../src/shell/index.js'
import {UTILITY_COMMANDS} from '../../src/shell/utility/index.js'
import {tmpStore} from '../helpers/csxmpp.js'
import {runScriptText} from '../helpers/shell.js'

/** The check before running (powershell.md §14.1): every finding, in source order, nothing twice, nothing inside a finding. */

function findings(text: string): string[] {
  const store = tmpStore()
  try {
    const host = createScriptHost(new ConfigStore(store.path), '0.1.0')
    return checkScript(parseScript(new SourceText(text, 't.ps1')), {utilities: UTILITY_COMMANDS, host}).map((r) => `${r.position!.line}:${r.position!.column} ${r.message}`)
  } finally {
    store.cleanup()
  }
}

const BAND = "The '-band' operator is not supported by csxmpp."
const POOL = "The Lync Server cmdlet 'Get-CsPool' is not provided by csxmpp."

const CASES: ReadonlyArray<[string, string, string[]]> = [
  ['nothing outside the subset', 'Get-CsXmppAllowedPartner | Select-Object Identity\n$x = 1 -eq 1', []],
  ['several constructs, in source order', '$m = 5 -band 3\nGet-CsPool\ndo { 1 } while ($false)\nNew-PSSession', [
    `1:8 ${BAND}`, `2:1 ${POOL}`, '3:1 do loops are not supported by csxmpp; use while.',
    '4:1 PowerShell remoting (New-PSSession) is not supported by csxmpp; csxmpp runs the Lync cmdlets locally, so remove the session lines.',
  ]],
  ['a catalogue name in any case, with its documented spelling', 'get-cssite', ["1:1 The Lync Server cmdlet 'Get-CsSite' is not provided by csxmpp."]],
  ['nested in a loop, a script block and a subexpression', 'foreach ($i in 1) { & { "$(Get-CsPool)" } }', [`1:28 ${POOL}`]],
  ['nothing inside a class, a do loop or a trap', 'class C { [void] M() { Get-CsPool } }\ndo { Get-CsPool } until ($true)\ntrap { Get-CsPool; 5 -band 1 }', [
    '1:1 Class definitions are not supported by csxmpp.', '2:1 do loops are not supported by csxmpp; use while.', '3:1 The trap statement is not supported by csxmpp; use try/catch.',
  ]],
  ['a function of the file shadows the name, even defined later', 'Get-CsPool\nfunction Get-CsPool { "mine" }', []],
  ['a function shadows a Windows cmdlet too', 'function Test-Connection { }\nTest-Connection x', []],
  ['a mistyped name is left to run time', 'Get-CsXmppAlowedPartner', []],
  ['a computed name is left to run time', '$n = "Get-CsPool"; & $n', []],
  ['a documented Lync parameter csxmpp does not implement', 'Set-CsUser -Identity "Ken Myer" -EnterpriseVoiceEnabled $true -SipAddress sip:k@x', [
    '1:33 The parameter -EnterpriseVoiceEnabled of Set-CsUser is not supported by csxmpp.',
  ]],
  ['an unknown parameter is a binding error at run time', 'Set-CsUser -Identity x -NoSuchThing 1', []],
  ['an unsupported utility parameter', '1 | Format-Table -Wrap', ['1:18 The parameter -Wrap of Format-Table is not supported by csxmpp.']],
  ['another module', 'Import-Module Lync\nImport-Module ActiveDirectory', [
    '2:1 Import-Module ActiveDirectory is not supported by csxmpp; only the Lync and SkypeForBusiness modules are known, and they need no import.',
  ]],
  ['constructs after a finding are still parsed', 'Get-A && Get-B\n$a, $b = 1, 2\nGet-X 3> f.txt\n$x ?? 1', [
    "1:7 The '&&' operator (PowerShell 7) is not supported by csxmpp.", '2:1 Multiple assignment is not supported by csxmpp.',
    "3:7 The redirection '3>' is not supported by csxmpp.", "4:4 The '??' operator (PowerShell 7) is not supported by csxmpp.",
  ]],
  ['operators keep PowerShell precedence: -bor binds more loosely than -eq', '$a = 1 -eq 1 -bor 2 -shl 1', [
    "1:14 The '-bor' operator is not supported by csxmpp.", "1:21 The '-shl' operator is not supported by csxmpp.",
  ]],
]

for (const [name, script, expected] of CASES) {
  test(`check: ${name}`, () => assert.deepEqual(findings(script), expected))
}

test('check: the report ends with the count line, and nothing ran', async () => {
  const store = tmpStore()
  try {
    const run = await runScriptText(store, 'New-CsXmppAllowedPartner -Identity a.example | Out-Null\nGet-CsPool\nGet-CsSite')
    assert.equal(run.code, 1)
    assert.equal(run.stdout, '')
    assert.ok(run.stderr.endsWith('\n2 unsupported constructs or commands found; nothing was run.\n'), run.stderr)
    assert.equal(store.bytes(), undefined)
  } finally {
    store.cleanup()
  }
})

test('check: a dot-sourced file with findings does not run; the calling statement fails and the script goes on', async () => {
  const store = tmpStore()
  try {
    const file = path.join(store.dir, 'common.ps1')
    writeFileSync(file, '"common ran"\nGet-CsPool\n')
    const run = await runScriptText(store, `. "${file}"\n"after"`)
    assert.equal(run.stdout, 'after\n')
    assert.equal(run.code, 1)
    const lines = run.stderr.split('\n')
    assert.equal(lines[0], 'At common.ps1:2 char:1'.replace('common.ps1', file))
    assert.equal(lines[3], POOL)
    assert.deepEqual(lines.slice(6, 9), ['1 unsupported construct or command found; nothing was run.', 'At t.ps1:1 char:1', `+ . "${file}"`])
  } finally {
    store.cleanup()
  }
})

test('check: the Lync catalogue is not read for a script whose names are all known', () => {
  const store = tmpStore()
  try {
    const host = createScriptHost(new ConfigStore(store.path), '0.1.0')
    let lookups = 0
    const counting = {...host, catalogue: {find: (name: string) => (lookups++, host.catalogue.find(name))}}
    checkScript(parseScript(new SourceText('Get-CsXmppAllowedPartner | Sort-Object Identity | % { $_ }\nfunction f { }\nf')), {utilities: UTILITY_COMMANDS, host: counting})
    assert.equal(lookups, 0)
    assert.ok(findUtility('Sort-Object'))
  } finally {
    store.cleanup()
  }
})
