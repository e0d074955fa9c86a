import assert from 'node:assert/strict'
import {test} from 'node:test'
import {parseInvocation, splitCmdletArgs} from '../../src/cli/invocation.js'

const host = {nonInteractive: false, whatIf: false}

// powershell.md §1.1: the first argument decides the mode, after host options.
const MODES: Array<[string[], boolean, unknown]> = [
  [[], true, {mode: 'shell', host}],
  [[], false, {mode: 'stdin', host}],
  [['-'], true, {mode: 'stdin', host}],
  [['-Command', '$x', '=', '1'], true, {mode: 'command', host, text: '$x = 1'}],
  [['-c', '-'], true, {mode: 'stdin', host}],
  [['-File', 't.ps1', '-Domain', 'x'], true, {mode: 'file', host, path: 't.ps1', args: ['-Domain', 'x']}],
  [['-File'], true, {mode: 'usage-error', message: '-File needs a script path.'}],
  [['--help'], true, {mode: 'usage'}],
  [['-?'], true, {mode: 'usage'}],
  [['-Version'], true, {mode: 'version'}],
  [['help'], true, {mode: 'help'}],
  [['Get-Help', 'set-csxmppallowedpartner'], true, {mode: 'help', name: 'set-csxmppallowedpartner'}],
  [['add.PS1', 'x'], true, {mode: 'file', host, path: 'add.PS1', args: ['x']}],
  [['./add-partner', 'x'], true, {mode: 'file', host, path: './add-partner', args: ['x']}],
  [['-Bogus'], true, {mode: 'usage-error', message: "unknown option '-Bogus'. Run 'csxmpp --help' for usage."}],
  [['Get-CsUser', '-Filter', 'x'], true, {mode: 'cmdlet', host, name: 'Get-CsUser', args: ['-Filter', 'x']}],
  [
    ['-NoProfile', '-ep', 'Bypass', '-NonInteractive', '-WhatIf', 'Remove-CsXmppAllowedPartner', 'a.example'],
    true,
    {mode: 'cmdlet', host: {nonInteractive: true, whatIf: true}, name: 'Remove-CsXmppAllowedPartner', args: ['a.example']},
  ],
  [['-ExecutionPolicy'], true, {mode: 'usage-error', message: '-ExecutionPolicy needs a value.'}],
]

for (const [argv, terminal, expected] of MODES) {
  test(`invocation ${JSON.stringify(argv)}`, () => assert.deepEqual(parseInvocation(argv, terminal), expected))
}

test('--json, --help and -? are csxmpp options anywhere after the cmdlet', () => {
  assert.deepEqual(splitCmdletArgs(['a.example', '--json', '-WhatIf']), {elements: ['a.example', '-WhatIf'], json: true, help: false})
  assert.deepEqual(splitCmdletArgs(['-?']), {elements: [], json: false, help: true})
  assert.deepEqual(splitCmdletArgs(['--force', '--x']), {elements: [], json: false, help: false, unknown: '--force'})
})
