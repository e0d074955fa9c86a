import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {after, test} from 'node:test'
import {spawnCsxmpp, tmpStore} from '../helpers/csxmpp.js'

/**
 * A script's arguments from bash bind like a function's (powershell.md §1.4, §6, §7.2): which
 * parameters are positional, and where the arguments left over go. C88 holds the conformance case.
 */

const store = tmpStore()
after(() => store.cleanup())

const CASES: ReadonlyArray<[string, string, string[], {stdout: string; stderr: string; code: number}]> = [
  [
    'a script without param() keeps every argument in $args, parameter tokens as text',
    '"args=$($args -join \'|\')"',
    ['1', '-Verbose', 'x', '-y:2'],
    {stdout: 'args=1|-Verbose|x|-y:|2\n', stderr: '', code: 0},
  ],
  [
    'a simple param() block binds by position and keeps the rest in $args',
    'param($a) "a=$a args=$($args -join \'|\')"',
    ['1', '2', '-z'],
    {stdout: 'a=1 args=2|-z\n', stderr: '', code: 0},
  ],
  [
    'an advanced script takes the common parameters and refuses what is left over (exit 2)',
    '[CmdletBinding()] param($a) "a=$a"',
    ['1', '-Verbose', '2'],
    {
      stdout: '',
      stderr:
        "s.ps1 : A positional parameter cannot be found that accepts argument '2'.\n" +
        '    + CategoryInfo          : InvalidArgument: (:) [s.ps1], ParameterBindingException\n' +
        '    + FullyQualifiedErrorId : PositionalParameterNotFound,s.ps1\n',
      code: 2,
    },
  ],
  [
    'a ValueFromRemainingArguments parameter takes the rest',
    'param([Parameter(Position=0)]$First, [Parameter(ValueFromRemainingArguments=$true)]$Rest) "$First; $($Rest -join \'|\')"',
    ['a', 'b', '-c', 'd'],
    {stdout: 'a; b|-c|d\n', stderr: '', code: 0},
  ],
]

for (const [title, script, argv, expected] of CASES) {
  test(`-File arguments: ${title}`, async () => {
    writeFileSync(path.join(store.dir, 's.ps1'), `${script}\n`)
    assert.deepEqual(await spawnCsxmpp(store, ['-File', 's.ps1', ...argv]), expected)
  })
}
