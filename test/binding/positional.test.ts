import assert from 'node:assert/strict'
import {test} from 'node:test'
import {type CommandArgument, bindArguments} from '../../src/binding/binder.js'
import type {CommandSignature, ParameterDefinition} from '../../src/binding/parameter.js'
import {ErrorRecord} from '../../src/errors.js'
import {SourceText, parseScript} from '../../src/shell/index.js'
import {functionSignature} from '../../src/shell/interp/functions.js'

/**
 * Positional and remaining arguments (powershell.md §6 "Which parameters are positional", §7.2 step 4):
 * which parameters take positions, what is left over, and where the rest goes.
 */

function parameter(name: string, kind: 'PSObject' | 'String' | 'Switch', position?: number): ParameterDefinition {
  return {name, type: {kind}, sets: {'*': {position}}, description: ''}
}

const WRITE_HOST_LIKE: CommandSignature = {
  name: 'Write-Host',
  parameters: [parameter('Object', 'PSObject', 0), parameter('ForegroundColor', 'String'), parameter('NoNewline', 'Switch')],
  parameterSets: ['*'],
  defaultParameterSet: '*',
  remainingArguments: 'Object',
}
const STRICT: CommandSignature = {...WRITE_HOST_LIKE, name: 'Strict', remainingArguments: undefined}
const SIMPLE: CommandSignature = {name: 'f', parameters: [parameter('a', 'PSObject', 0)], parameterSets: ['*'], defaultParameterSet: '*', simpleFunction: true}

const value = (v: unknown, extent?: string): CommandArgument => ({kind: 'value', value: {kind: 'value', value: v}, extent})
const token = (name: string, attached?: unknown, extent?: string): CommandArgument => ({
  kind: 'parameter',
  name,
  attached: attached === undefined ? undefined : {kind: 'value', value: attached},
  extent,
})

/** bind summarises a binding as plain data: values and `$args`, or the error with the extent it names. */
function bind(signature: CommandSignature, args: CommandArgument[]): unknown {
  try {
    const result = bindArguments(signature, args)
    return {values: Object.fromEntries(result.values), leftOvers: result.leftOvers}
  } catch (error) {
    assert.ok(error instanceof ErrorRecord, String(error))
    return {error: error.fullyQualifiedErrorId, message: error.message, extent: error.argumentExtent}
  }
}

const CASES: ReadonlyArray<[string, CommandSignature, CommandArgument[], unknown]> = [
  [
    'named first, then the rest to the remaining parameter, in source order (Write-Host "Step" 2 "of" 3 -ForegroundColor Yellow)',
    WRITE_HOST_LIKE,
    [value('Step'), value(2), value('of'), value(3), token('ForegroundColor'), value('Yellow')],
    {values: {ForegroundColor: 'Yellow', Object: ['Step', 2, 'of', 3]}, leftOvers: []},
  ],
  [
    'one value left over is passed as a list of one',
    WRITE_HOST_LIKE,
    [value('text'), token('ForegroundColor'), value('Green')],
    {values: {ForegroundColor: 'Green', Object: ['text']}, leftOvers: []},
  ],
  ['one collection left over is passed as that collection', WRITE_HOST_LIKE, [value([1, 2])], {values: {Object: [1, 2]}, leftOvers: []}],
  [
    'parameter tokens matching nothing are passed as their text, an attached value after it',
    WRITE_HOST_LIKE,
    [value('a'), token('Bogus'), token('x', 5), value('b')],
    {values: {Object: ['a', '-Bogus', '-x:', 5, 'b']}, leftOvers: []},
  ],
  [
    'the remaining parameter bound by name takes nothing more',
    WRITE_HOST_LIKE,
    [token('Object'), value('a'), value('b', 'b-extent')],
    {error: 'PositionalParameterNotFound,Write-Host', message: "A positional parameter cannot be found that accepts argument 'b'.", extent: undefined},
  ],
  [
    'without a remaining parameter the first left over is the error: a value (its extent is the whole command, §11.1)',
    STRICT,
    [value('a'), value('b', 'b-extent'), token('Bogus', undefined, 'bogus-extent')],
    {error: 'PositionalParameterNotFound,Strict', message: "A positional parameter cannot be found that accepts argument 'b'.", extent: undefined},
  ],
  [
    'without a remaining parameter the first left over is the error: a parameter token, at its extent',
    STRICT,
    [token('Bogus', undefined, 'bogus-extent'), value('a'), value('b')],
    {error: 'NamedParameterNotFound,Strict', message: "A parameter cannot be found that matches parameter name 'Bogus'.", extent: 'bogus-extent'},
  ],
  [
    'a simple function keeps what is left over, unmatched tokens as text (C87)',
    SIMPLE,
    [value('a'), value('b'), token('c'), value('d')],
    {values: {a: 'a'}, leftOvers: ['b', '-c', 'd']},
  ],
  ['a simple function has no common parameters', SIMPLE, [token('Verbose'), token('ea', 'Stop')], {values: {}, leftOvers: ['-Verbose', '-ea:', 'Stop']}],
]

for (const [title, signature, args, expected] of CASES) {
  test(`binding: ${title}`, () => {
    assert.deepEqual(bind(signature, args), expected)
  })
}

test('binding from bash: left-over argv elements are read like the remaining parameter (Write-Host a b -Bogus:x)', () => {
  const argv: CommandArgument[] = ['a', 'b'].map((raw) => ({kind: 'value', value: {kind: 'argv', raw}}))
  argv.push({kind: 'parameter', name: 'Bogus', attached: {kind: 'argv', raw: 'x'}})
  assert.deepEqual(bindArguments(WRITE_HOST_LIKE, argv, {argv: true}).values.get('Object'), ['a', 'b', '-Bogus:', 'x'])
})

/** The positions a param block gives its parameters, by name. */
function positions(paramBlock: string): Record<string, number | undefined> {
  const block = parseScript(new SourceText(`${paramBlock}\n"body"`)).paramBlock
  const {signature} = functionSignature('f', block)
  return Object.fromEntries(signature.parameters.map((p) => [p.name, p.sets?.['*']?.position]))
}

const POSITIONS: ReadonlyArray<[string, string, Record<string, number | undefined>]> = [
  ['no Position anywhere: every non-switch parameter, in declaration order', 'param([int]$x, [switch]$Quiet, [int]$y)', {x: 0, Quiet: undefined, y: 1}],
  ['a [Parameter()] without Position changes nothing', 'param([Parameter(Mandatory=$true)]$a, $b)', {a: 0, b: 1}],
  ['one Position: only the parameters with one', 'param([Parameter(Position=0)][int]$x, [int]$y)', {x: 0, y: undefined}],
  ['positions keep their order, not the declaration order', 'param([Parameter(Position=1)]$a, [Parameter(Position=0)]$b, $c)', {a: 1, b: 0, c: undefined}],
  ['a ParameterSetName makes the others named-only', "param([Parameter(ParameterSetName='s')]$a, $b)", {a: undefined, b: undefined}],
  ['PositionalBinding=$false: only those with Position', '[CmdletBinding(PositionalBinding=$false)] param($a, [Parameter(Position=0)]$b)', {a: undefined, b: 0}],
  ['PositionalBinding=$true and the ignored arguments change nothing', "[CmdletBinding(PositionalBinding=$true, DefaultParameterSetName='d', ConfirmImpact='High', HelpUri='x')] param($a, $b)", {a: 0, b: 1}],
  ['a switch is never positional, even with Position', 'param([Parameter(Position=0)][switch]$s, [Parameter(Position=1)]$a)', {s: undefined, a: 1}],
]

for (const [title, block, expected] of POSITIONS) {
  test(`positional parameters: ${title}`, () => {
    assert.deepEqual(positions(block), expected)
  })
}

test('a function signature: ValueFromRemainingArguments, simple or advanced, SupportsShouldProcess', () => {
  const signatureOf = (block: string) => functionSignature('f', parseScript(new SourceText(`${block}\n1`)).paramBlock).signature
  const remaining = signatureOf('param($a, [Parameter(ValueFromRemainingArguments=$true)]$rest)')
  assert.deepEqual([remaining.remainingArguments, remaining.simpleFunction, remaining.supportsShouldProcess], ['rest', false, false])
  assert.deepEqual([signatureOf('param($a)').simpleFunction, signatureOf('[CmdletBinding()] param($a)').simpleFunction], [true, false])
  assert.equal(signatureOf('[CmdletBinding(SupportsShouldProcess=$true)] param()').supportsShouldProcess, true)
})
