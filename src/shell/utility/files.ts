import {existsSync, statSync, writeFileSync, appendFileSync} from 'node:fs'
import path from 'node:path'
import {toPSString} from '../../values/convert.js'
import {formatOutput} from '../../format/index.js'
import {encodeText, parseEncodingName, type TextEncodingName} from '../../values/text-encoding.js'
import {runtimeError} from '../../values/runtime-errors.js'
import {enumerate} from '../interp/interpreter.js'
import {type UtilityCommand, type UtilityContext, gather, signature} from './command.js'
import {fileSystemError, partOfPathNotFound} from './items/errors.js'
import {inputObject, param} from './parameters.js'
import {filePath, readText} from './paths.js'

/** Get-Content, Set-Content, Test-Path, Out-File and Out-String (powershell.md §9). */

/** OUT_WIDTH: Out-String and Out-File use width 120 unless -Width is given (DECISION §9). */
const OUT_WIDTH = 120

/** encoding reads -Encoding; without it, the fallback (UTF-8 without BOM, DECISION §9). */
export function encoding(values: ReadonlyMap<string, unknown>, fallback: TextEncodingName = 'utf8'): TextEncodingName {
  if (!values.has('Encoding')) return fallback
  const name = toPSString(values.get('Encoding'))
  const parsed = parseEncodingName(name)
  if (!parsed) {
    throw runtimeError(
      `Cannot bind parameter 'Encoding'. The value "${name}" is not a known encoding: use utf8, utf8BOM, utf8NoBOM, unicode, bigendianunicode, ascii, default or oem.`,
      'CannotConvertArgumentNoMessage',
      'InvalidArgument',
      'ParameterBindingException',
    )
  }
  return parsed
}

/** writeFile creates, replaces or appends to a file; -NoClobber refuses an existing one (§9). What the system refuses is an error record. */
function writeFile(cmdlet: string, text: string, values: ReadonlyMap<string, unknown>, pathParameter: string): void {
  const full = filePath(toPSString(values.get(pathParameter) ?? null))
  if (values.get('NoClobber') === true && existsSync(full)) {
    throw runtimeError(`The file '${full}' already exists.`, 'NoClobber', 'ResourceExists', 'IOException', full)
  }
  if (!existsSync(path.dirname(full))) throw partOfPathNotFound(cmdlet, full)
  const bytes = encodeText(text, encoding(values))
  try {
    if (values.get('Append') === true) appendFileSync(full, bytes)
    else writeFileSync(full, bytes)
  } catch (error) {
    throw fileSystemError(cmdlet, full, error)
  }
}

const getContent: UtilityCommand = {
  signature: signature(
    'Get-Content',
    [param('Path', 'string', {position: 0, mandatory: true}), param('Raw', 'switch'), param('TotalCount', 'int', {aliases: ['First', 'Head']}), param('Encoding', 'string')],
    ['Tail', 'Wait', 'Delimiter', 'ReadCount'],
  ),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Gets the content of a file, one string per line.',
  start: (ctx) => ({
    async process(values) {
      const text = readText(toPSString(values.get('Path')))
      if (values.get('Raw') === true) return ctx.emit(text)
      const lines = text.split(/\r\n|\n|\r/)
      if (lines.at(-1) === '') lines.pop()
      const count = values.get('TotalCount') as number | undefined
      for (const line of count === undefined ? lines : lines.slice(0, count)) await ctx.emit(line)
    },
  }),
}

const setContent: UtilityCommand = {
  signature: signature(
    'Set-Content',
    [param('Path', 'string', {position: 0, mandatory: true}), param('Value', 'object', {position: 1, pipe: true}), param('Encoding', 'string'), param('NoNewline', 'switch'), param('Force', 'switch')],
    ['Stream', 'PassThru'],
  ),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Writes the string form of each value to a file, one per line.',
  start(ctx) {
    const lines: string[] = []
    return {
      async process(values) {
        lines.push(...enumerate(values.get('Value') ?? null).map(toPSString))
      },
      async end() {
        const newline = ctx.values.get('NoNewline') === true ? '' : '\n'
        writeFile(ctx.name, lines.map((l) => l + newline).join(''), ctx.values, 'Path')
      },
    }
  },
}

const testPath: UtilityCommand = {
  signature: signature('Test-Path', [param('Path', 'string', {position: 0, mandatory: true}), param('PathType', 'string')], ['IsValid', 'NewerThan', 'OlderThan']),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Tells whether a path exists.',
  start: (ctx) => ({
    async process(values) {
      const full = filePath(toPSString(values.get('Path')))
      const type = toPSString(values.get('PathType') ?? 'Any').toLowerCase()
      if (!existsSync(full)) return ctx.emit(false)
      const isDirectory = statSync(full).isDirectory()
      await ctx.emit(type === 'leaf' ? !isDirectory : type === 'container' ? isDirectory : true)
    },
  }),
}

/** rendering collects the input and renders it as the console would (§9 Out-String). */
function rendering(ctx: UtilityContext, done: (text: string) => Promise<void>) {
  return gather((objects) => done(formatOutput(objects, {width: (ctx.values.get('Width') as number | undefined) ?? OUT_WIDTH})))
}

const outString: UtilityCommand = {
  signature: signature('Out-String', [param('Width', 'int'), param('Stream', 'switch'), inputObject()]),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Renders objects as the console would, as one string.',
  start: (ctx) =>
    rendering(ctx, async (text) => {
      if (ctx.values.get('Stream') !== true) return ctx.emit(text)
      for (const line of text.replace(/\n$/, '').split('\n')) await ctx.emit(line)
    }),
}

const outFile: UtilityCommand = {
  signature: signature(
    'Out-File',
    [param('FilePath', 'string', {position: 0, mandatory: true}), param('Append', 'switch'), param('Encoding', 'string', {position: 1}), param('Width', 'int'), param('NoClobber', 'switch'), param('Force', 'switch'), inputObject()],
    ['NoNewline', 'LiteralPath'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes rendered output to a file.',
  start: (ctx) => rendering(ctx, async (text) => writeFile(ctx.name, text, ctx.values, 'FilePath')),
}

const outDefault: UtilityCommand = {
  signature: signature('Out-Default', [inputObject()], ['Transcript']),
  module: 'Microsoft.PowerShell.Core',
  synopsis: 'Sends the output to the console, formatted, now.',
  start: (ctx) => gather(async (objects) => ctx.runtime.showOutput(objects)),
}

export const FILE_COMMANDS: readonly UtilityCommand[] = [getContent, setContent, testPath, outString, outFile, outDefault]
