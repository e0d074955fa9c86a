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
  // A typographic first dash counts as `-` for the mode selectors and host options (§1.1, §1.7).
  [['\u2013Command', '1'], true, {mode: 'command', host, text: '1'}],
  [['\u2014File', 't.ps1', '\u2013Domain'], true, {mode: 'file', host, path: 't.ps1', args: ['\u2013Domain']}],
  [['\u2015c', '-'], true, {mode: 'stdin', host}],
  [['\u2013'], true, {mode: 'stdin', host}],
  [['\u2013Help'], true, {mode: 'usage'}],
  [['\u2014version'], true, {mode: 'version'}],
  [['\u2013NoProfile', '\u2014ep', 'Bypass', '\u2015noni', '\u2013WhatIf', '\u2013c', 'x'], true, {mode: 'command', host: {nonInteractive: true, whatIf: true}, text: 'x'}],
  [['\u2013Bogus'], true, {mode: 'usage-error', message: "unknown option '\u2013Bogus'. Run 'csxmpp --help' for usage."}],
  // csxmpp's own --help and --version need ASCII dashes.
  [['--HELP'], true, {mode: 'usage'}],
  [['\u2013-help'], true, {mode: 'usage-error', message: "unknown option '\u2013-help'. Run 'csxmpp --help' for usage."}],
  [['\u2013-version'], true, {mode: 'usage-error', message: "unknown option '\u2013-version'. Run 'csxmpp --help' for usage."}],
]

for (const [argv, terminal, expected] of MODES) {
  test(`invocation ${JSON.stringify(argv)}`, () => assert.deepEqual(parseInvocation(argv, terminal), expected))
}

test('--json, --help and -? are csxmpp options anywhere after the cmdlet', () => {
  assert.deepEqual(splitCmdletArgs(['a.example', '--json', '-WhatIf']), {elements: ['a.example', '-WhatIf'], json: true, help: false})
  assert.deepEqual(splitCmdletArgs(['-?']), {elements: [], json: false, help: true})
  assert.deepEqual(splitCmdletArgs(['--force', '--x']), {elements: [], json: false, help: false, unknown: '--force'})
})

test('a typographic -? asks for help; --json needs ASCII dashes', () => {
  assert.deepEqual(splitCmdletArgs(['a.example', '\u2013?']), {elements: ['a.example'], json: false, help: true})
  assert.deepEqual(splitCmdletArgs(['\u2013-json']), {elements: ['\u2013-json'], json: false, help: false})
})
