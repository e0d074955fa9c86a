import {ErrorRecord, type ErrorCategory} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {atExtent} from '../errors.js'
import {enumerate} from '../interp/interpreter.js'
import {type UtilityCommand, signature} from './command.js'
import {inputObject, param} from './parameters.js'

/** Write-Output, Write-Host, Write-Warning, Write-Verbose, Write-Error and Out-Null (powershell.md §9). */

const COLORS = ['Black', 'DarkBlue', 'DarkGreen', 'DarkCyan', 'DarkRed', 'DarkMagenta', 'DarkYellow', 'Gray', 'DarkGray', 'Blue', 'Green', 'Cyan', 'Red', 'Magenta', 'Yellow', 'White']
/** SGR codes of the 16 console colours, in COLORS order. */
const SGR = [30, 34, 32, 36, 31, 35, 33, 37, 90, 94, 92, 96, 91, 95, 93, 97]

const writeOutput: UtilityCommand = {
  signature: signature('Write-Output', [inputObject(0)], ['NoEnumerate'], 'InputObject'),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Sends the specified objects to the next command in the pipeline.',
  start: (ctx) => ({
    async process(values) {
      if (values.has('InputObject')) await ctx.emit(values.get('InputObject'))
    },
  }),
}

const writeHost: UtilityCommand = {
  signature: signature('Write-Host', [
    param('Object', 'object', {position: 0}),
    param('NoNewline', 'switch'),
    param('Separator', 'object'),
    param('ForegroundColor', 'string'),
    param('BackgroundColor', 'string'),
  ], [], 'Object'),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes customized output to the host.',
  start: (ctx) => ({
    async process(values) {
      const separator = values.has('Separator') ? toPSString(values.get('Separator')) : ' '
      const text = enumerate(values.get('Object') ?? null).map(toPSString).join(separator)
      const color = COLORS.findIndex((c) => c.toLowerCase() === toPSString(values.get('ForegroundColor') ?? '').toLowerCase())
      const painted = color >= 0 && ctx.runtime.console.color ? `\u001B[${SGR[color]}m${text}\u001B[0m` : text
      ctx.runtime.console.out(values.get('NoNewline') === true ? painted : `${painted}\n`)
    },
  }),
}

function message(name: string, synopsis: string, write: (ctx: Parameters<UtilityCommand['start']>[0], text: string) => void): UtilityCommand {
  return {
    signature: signature(name, [param('Message', 'string', {position: 0, mandatory: true, pipe: true})]),
    module: 'Microsoft.PowerShell.Utility',
    synopsis,
    start: (ctx) => ({
      async process(values) {
        write(ctx, toPSString(values.get('Message') ?? null))
      },
    }),
  }
}

const writeError: UtilityCommand = {
  signature: signature(
    'Write-Error',
    [param('Message', 'string', {position: 0, pipe: true}), param('Category', 'string'), param('ErrorId', 'string'), param('TargetObject', 'object')],
    ['Exception', 'ErrorRecord', 'RecommendedAction', 'CategoryActivity', 'CategoryReason', 'CategoryTargetName', 'CategoryTargetType'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes an object to the error stream.',
  start: (ctx) => ({
    async process(values) {
      // Inside a function the error belongs to the function's call (§11.1, C45).
      const call = ctx.frame.call
      const record = new ErrorRecord({
        message: toPSString(values.get('Message') ?? null),
        errorId: values.has('ErrorId') ? toPSString(values.get('ErrorId')) : 'Microsoft.PowerShell.Commands.WriteErrorException',
        category: (values.get('Category') as ErrorCategory | undefined) ?? 'NotSpecified',
        reason: 'WriteErrorException',
        targetObject: values.get('TargetObject'),
        origin: call?.name ?? 'Write-Error',
        activity: 'Write-Error',
        idSuffix: call?.name,
      })
      if (call) atExtent(record, {source: call.source, start: call.start, end: call.end})
      ctx.writeError(record)
    },
  }),
}

const outNull: UtilityCommand = {
  signature: signature('Out-Null', [inputObject()]),
  module: 'Microsoft.PowerShell.Core',
  synopsis: 'Hides the output instead of sending it down the pipeline.',
  start: () => ({process: async () => undefined}),
}

export const WRITE_COMMANDS: readonly UtilityCommand[] = [
  writeOutput,
  writeHost,
  message('Write-Warning', 'Writes a warning message.', (ctx, text) => ctx.writeWarning(text)),
  message('Write-Verbose', 'Writes text to the verbose message stream.', (ctx, text) => ctx.writeVerbose(text)),
  writeError,
  outNull,
]
