import {type FormatColumn, FormatRecord} from '../../format/index.js'
import {toPSString} from '../../values/convert.js'
import {PSHashtable, PSObject} from '../../values/objects.js'
import {toNumber} from '../interp/convert.js'
import {type UtilityCommand, type UtilityContext, gather, signature} from './command.js'
import {inputObject, param} from './parameters.js'
import {optionOf, propertySpecs} from './properties.js'

/** Format-List and Format-Table (powershell.md §9, §10.2): one formatting record for all their input. */

const ALIGNMENTS = ['Left', 'Right', 'Center'] as const

function defaultProperties(object: unknown): string[] {
  if (object instanceof PSObject) return object.propertyNames()
  if (object instanceof PSHashtable) return ['Name', 'Value']
  return []
}

/** formatting builds the processor of Format-List or Format-Table. */
function formatting(ctx: UtilityContext, view: 'table' | 'list') {
  return gather(async (items) => {
    if (items.length === 0) return
    const property = ctx.values.has('Property') ? ctx.values.get('Property') : defaultProperties(items[0])
    const specs = propertySpecs(ctx, property, items[0])
    const columns: FormatColumn[] = specs.map((spec) => {
      const width = optionOf(spec, 'Width')
      const alignment = ALIGNMENTS.find((a) => a.toLowerCase() === toPSString(optionOf(spec, 'Alignment') ?? '').toLowerCase())
      return {label: spec.label, width: width === undefined ? undefined : toNumber(width), alignment}
    })
    const rows: unknown[][] = []
    for (const item of items) rows.push(await Promise.all(specs.map((s) => s.value(item))))
    await ctx.emit([new FormatRecord(view, columns, rows)])
  })
}

const formatList: UtilityCommand = {
  signature: signature('Format-List', [param('Property', 'object', {position: 0}), inputObject()], ['GroupBy', 'View', 'ShowError', 'DisplayError', 'Force', 'Expand']),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Formats the output as a list of properties, each on its own line.',
  start: (ctx) => formatting(ctx, 'list'),
}

const formatTable: UtilityCommand = {
  signature: signature(
    'Format-Table',
    [param('Property', 'object', {position: 0}), param('AutoSize', 'switch'), inputObject()],
    ['Wrap', 'HideTableHeaders', 'GroupBy', 'View', 'ShowError', 'DisplayError', 'Force', 'Expand'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Formats the output as a table.',
  start: (ctx) => formatting(ctx, 'table'),
}

export const FORMAT_COMMANDS: readonly UtilityCommand[] = [formatList, formatTable]
