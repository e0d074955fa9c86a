import {ErrorRecord, type ErrorCategory} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {atExtent} from '../errors.js'
import {type UtilityCommand, signature} from './command.js'
import {inputObject, param} from './parameters.js'

/** Write-Output, Write-Warning, Write-Verbose, Write-Debug, Write-Information, Write-Error and Out-Null (powershell.md §9, §8.3). */

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

const writeInformation: UtilityCommand = {
  signature: signature('Write-Information', [param('MessageData', 'object', {position: 0, mandatory: true}), param('Tags', 'strings', {position: 1})]),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes an information record; shown under -InformationAction Continue or $InformationPreference.',
  start: (ctx) => ({
    async process(values) {
      ctx.writeInformation(toPSString(values.get('MessageData') ?? null))
    },
  }),
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
  message('Write-Warning', 'Writes a warning message.', (ctx, text) => ctx.writeWarning(text)),
  message('Write-Verbose', 'Writes text to the verbose message stream.', (ctx, text) => ctx.writeVerbose(text)),
  message('Write-Debug', 'Writes a debug message.', (ctx, text) => ctx.writeDebug(text)),
  writeInformation,
  writeError,
  outNull,
]
