import {appendFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {ErrorRecord} from '../../errors.js'
import {CsvError, csvHeaderOf, parseCsv, writeCsv} from '../../format/csv.js'
import {FORMAT_RECORD_MISUSE, FormatRecord} from '../../format/format-record.js'
import {JsonError, convertFromJson, convertToJson} from '../../format/json.js'
import {toPSString} from '../../values/convert.js'
import {decodeText, encodeText, parseEncodingName} from '../../values/text-encoding.js'
import {runtimeError} from '../../values/runtime-errors.js'
import {enumerate} from '../interp/interpreter.js'
import {type UtilityCommand, gather, signature} from './command.js'
import {inputObject, param} from './parameters.js'
import {filePath, pathNotFound, readText} from './paths.js'

/** ConvertTo-Json, ConvertFrom-Json, Import-Csv, Export-Csv, Export-Clixml and Import-Clixml (powershell.md §9, §10.7, §12). */

/** refuseFormatRecords: Format-* output can only be rendered, never exported (§10.2). */
function refuseFormatRecords(items: readonly unknown[]): void {
  if (items.some((i) => i instanceof FormatRecord)) {
    throw runtimeError(FORMAT_RECORD_MISUSE, 'FormatObjectDeserializerDeserializeInvalidInput', 'InvalidData', 'PSInvalidOperationException')
  }
}

/** outputFile checks -NoClobber and returns where an exporting cmdlet writes. */
function outputFile(values: ReadonlyMap<string, unknown>): string {
  const full = filePath(toPSString(values.get('Path') ?? null))
  if (values.get('NoClobber') === true && existsSync(full)) {
    throw runtimeError(`The file '${full}' already exists.`, 'NoClobber', 'ResourceExists', 'IOException', full)
  }
  return full
}

function encodingOf(values: ReadonlyMap<string, unknown>) {
  return (values.has('Encoding') && parseEncodingName(toPSString(values.get('Encoding')))) || 'utf8'
}

const convertToJsonCommand: UtilityCommand = {
  signature: signature('ConvertTo-Json', [inputObject(0), param('Depth', 'int'), param('Compress', 'switch')], ['EnumsAsStrings', 'AsArray', 'EscapeHandling']),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Converts objects to JSON text.',
  start: (ctx) =>
    gather(async (items) => {
      refuseFormatRecords(items)
      const depth = (ctx.values.get('Depth') as number | undefined) ?? 2
      const {text, truncated} = convertToJson(items, {depth, compress: ctx.values.get('Compress') === true})
      if (truncated) ctx.writeWarning(`Resulting JSON is truncated as serialization has exceeded the set depth of ${depth}.`)
      if (text !== undefined) await ctx.emit(text)
    }),
}

const convertFromJsonCommand: UtilityCommand = {
  signature: signature('ConvertFrom-Json', [inputObject(0)], ['AsHashtable', 'Depth']),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Converts JSON text to objects.',
  start: (ctx) =>
    gather(async (items) => {
      // Piped lines are joined first, so a multi-line JSON document from Get-Content works (PS).
      const text = items.map(toPSString).join('\n')
      try {
        await ctx.emit(convertFromJson(text))
      } catch (error) {
        if (!(error instanceof JsonError)) throw error
        throw runtimeError(error.message, 'System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand', 'NotSpecified', 'ArgumentException')
      }
    }),
}

const importCsv: UtilityCommand = {
  signature: signature(
    'Import-Csv',
    [param('Path', 'string', {position: 0, mandatory: true}), param('Delimiter', 'string', {position: 1}), param('Header', 'strings'), param('Encoding', 'string')],
    ['LiteralPath', 'UseCulture'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Creates objects from the rows of a CSV file.',
  start: (ctx) => ({
    async process(values) {
      const text = readText(toPSString(values.get('Path')))
      try {
        const {objects, warnings} = parseCsv(text, {delimiter: values.has('Delimiter') ? toPSString(values.get('Delimiter')) : undefined, header: values.get('Header') as string[] | undefined})
        for (const warning of warnings) ctx.writeWarning(warning)
        for (const object of objects) await ctx.emit([object])
      } catch (error) {
        if (!(error instanceof CsvError)) throw error
        throw runtimeError(error.message, 'AlreadyPresentPSMemberInfoInternalCollectionAdd', 'NotSpecified', 'ExtendedTypeSystemException')
      }
    },
  }),
}

const exportCsv: UtilityCommand = {
  signature: signature(
    'Export-Csv',
    [
      param('Path', 'string', {position: 0, mandatory: true}),
      param('Delimiter', 'string', {position: 1}),
      param('NoTypeInformation', 'switch'),
      param('IncludeTypeInformation', 'switch'),
      param('Append', 'switch'),
      param('Force', 'switch'),
      param('NoClobber', 'switch'),
      param('Encoding', 'string'),
      inputObject(),
    ],
    ['LiteralPath', 'UseCulture', 'QuoteFields', 'UseQuotes'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes objects to a CSV file, one row per object.',
  start: (ctx) =>
    gather(async (items) => {
      refuseFormatRecords(items)
      const v = ctx.values
      const full = outputFile(v)
      const delimiter = v.has('Delimiter') ? toPSString(v.get('Delimiter')) : undefined
      const appending = v.get('Append') === true && existsSync(full)
      const header = appending ? csvHeaderOf(decodeText(readFileSync(full)), delimiter) : undefined
      const text = writeCsv(items, {delimiter, includeTypeInformation: v.get('IncludeTypeInformation') === true && !appending, header})
      const bytes = encodeText(text, encodingOf(v))
      if (appending) appendFileSync(full, bytes)
      else writeFileSync(full, bytes)
    }),
}

const exportClixml: UtilityCommand = {
  signature: signature(
    'Export-Clixml',
    [param('Path', 'string', {position: 0, mandatory: true}), param('Depth', 'int'), param('Force', 'switch'), param('NoClobber', 'switch'), param('Encoding', 'string'), inputObject()],
    ['LiteralPath'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes objects to a Clixml file that Windows PowerShell can import.',
  // `-InputObject $array` writes one object holding the list, as PS does (§12.1).
  start: (ctx) =>
    gather(async (items) => {
      refuseFormatRecords(items)
      const full = outputFile(ctx.values)
      const {writeClixml} = await import('../../format/clixml-write.js')
      const text = writeClixml(items, {depth: (ctx.values.get('Depth') as number | undefined) ?? 2})
      writeFileSync(full, encodeText(text, encodingOf(ctx.values)))
    }),
}

const importClixml: UtilityCommand = {
  signature: signature('Import-Clixml', [param('Path', 'string', {position: 0, mandatory: true})], ['LiteralPath', 'First', 'Skip', 'IncludeTotalCount']),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Reads objects from a Clixml file, such as a Lync Server export.',
  start: (ctx) => ({
    async process(values) {
      const full = filePath(toPSString(values.get('Path')))
      if (!existsSync(full)) throw pathNotFound(full)
      // Loaded on use, with its XML parser (saxes): few runs read Clixml (cold start, README).
      const {ClixmlError, readClixml} = await import('../../format/clixml-read.js')
      let objects: unknown[]
      try {
        objects = readClixml(readFileSync(full))
      } catch (error) {
        if (!(error instanceof ClixmlError)) throw error
        throw new ErrorRecord({message: error.message, errorId: 'System.Xml.XmlException,Microsoft.PowerShell.Commands.ImportClixmlCommand', category: 'NotSpecified', reason: 'XmlException', origin: 'Import-Clixml', activity: 'Import-Clixml'})
      }
      for (const object of objects) await ctx.emit(enumerateTop(object))
    },
  }),
}

/** A top-level list in a Clixml file is enumerated into the pipeline, as Import-Clixml does. */
function enumerateTop(object: unknown): unknown {
  return Array.isArray(object) ? enumerate(object) : [object]
}

export const DATA_COMMANDS: readonly UtilityCommand[] = [convertToJsonCommand, convertFromJsonCommand, importCsv, exportCsv, exportClixml, importClixml]
