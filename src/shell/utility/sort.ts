import {toPSString} from '../../values/convert.js'
import {PSObject} from '../../values/objects.js'
import {toBoolean, toNumber} from '../interp/convert.js'
import {psCompare, psEquals} from '../interp/operators.js'
import {type UtilityCommand, gather, signature} from './command.js'
import {inputObject, param} from './parameters.js'
import {optionOf, propertySpecs} from './properties.js'

/** Sort-Object, Group-Object and Measure-Object (powershell.md §9): commands that need all their input. */

/** compareValues orders for Sort-Object: $null first, numbers numerically, strings by §5 rules. */
export function compareValues(a: unknown, b: unknown, caseSensitive: boolean): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1
  if (b === null || b === undefined) return 1
  try {
    return psCompare(a, b, caseSensitive)
  } catch {
    return psCompare(toPSString(a), toPSString(b), caseSensitive)
  }
}

const sortObject: UtilityCommand = {
  signature: signature(
    'Sort-Object',
    [param('Property', 'object', {position: 0}), param('Descending', 'switch'), param('Unique', 'switch'), param('CaseSensitive', 'switch'), inputObject()],
    ['Culture', 'Top', 'Bottom', 'Stable'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Sorts objects by property values.',
  start: (ctx) =>
    gather(async (items) => {
      const caseSensitive = ctx.values.get('CaseSensitive') === true
      const descending = ctx.values.get('Descending') === true
      const specs = propertySpecs(ctx, ctx.values.get('Property'), items[0])
      const keyed = await Promise.all(items.map(async (item, index) => ({item, index, keys: specs.length > 0 ? await Promise.all(specs.map((s) => s.value(item))) : [item]})))
      keyed.sort((a, b) => {
        for (let i = 0; i < a.keys.length; i++) {
          const spec = specs[i]
          const down = spec && optionOf(spec, 'Descending') !== undefined ? toBoolean(optionOf(spec, 'Descending')) : descending
          const order = compareValues(a.keys[i], b.keys[i], caseSensitive)
          if (order !== 0) return down ? -order : order
        }
        return a.index - b.index // stable (DECISION §9)
      })
      const kept = ctx.values.get('Unique') === true ? keyed.filter((k, i) => i === 0 || compareValues(keyed[i - 1]!.keys[0], k.keys[0], caseSensitive) !== 0) : keyed
      for (const {item} of kept) await ctx.emit([item])
    }),
}

const groupObject: UtilityCommand = {
  signature: signature('Group-Object', [param('Property', 'object', {position: 0}), param('NoElement', 'switch'), param('CaseSensitive', 'switch'), inputObject()], ['AsHashTable', 'AsString', 'Culture']),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Groups objects that contain the same value for specified properties.',
  start: (ctx) =>
    gather(async (items) => {
      const specs = propertySpecs(ctx, ctx.values.get('Property'), items[0])
      const groups: Array<{name: string; values: unknown[]; group: unknown[]}> = []
      for (const item of items) {
        const values = specs.length > 0 ? await Promise.all(specs.map((s) => s.value(item))) : [item]
        const name = values.map(toPSString).join(', ')
        const caseSensitive = ctx.values.get('CaseSensitive') === true
        const group = groups.find((g) => psEquals(g.name, name, caseSensitive))
        if (group) group.group.push(item)
        else groups.push({name, values, group: [item]})
      }
      for (const g of groups) {
        const info = new PSObject(['Microsoft.PowerShell.Commands.GroupInfo', 'System.Object']).addProperty('Count', g.group.length).addProperty('Name', g.name)
        if (ctx.values.get('NoElement') !== true) info.addProperty('Group', g.group)
        info.addProperty('Values', g.values)
        await ctx.emit([info])
      }
    }),
}

const measureObject: UtilityCommand = {
  signature: signature(
    'Measure-Object',
    [param('Property', 'object', {position: 0}), param('Sum', 'switch'), param('Average', 'switch'), param('Maximum', 'switch'), param('Minimum', 'switch'), inputObject()],
    ['Line', 'Word', 'Character', 'IgnoreWhiteSpace'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Calculates the numeric properties of objects.',
  start: (ctx) =>
    gather(async (items) => {
      const v = ctx.values
      const specs = propertySpecs(ctx, v.get('Property'), items[0])
      const values = specs.length > 0 ? (await Promise.all(items.map((i) => specs[0]!.value(i)))).filter((x) => x !== null) : items
      const numbers = v.get('Sum') || v.get('Average') || v.get('Maximum') || v.get('Minimum') ? values.map((x) => toNumber(x, 'System.Double')) : []
      const sum = numbers.reduce((a, b) => a + b, 0)
      const stat = (on: unknown, value: () => number) => (on === true ? (numbers.length > 0 ? value() : null) : null)
      const info = new PSObject(['Microsoft.PowerShell.Commands.GenericMeasureInfo', 'System.Object'])
        .addProperty('Count', values.length)
        .addProperty('Average', stat(v.get('Average'), () => sum / numbers.length))
        .addProperty('Sum', stat(v.get('Sum'), () => sum))
        .addProperty('Maximum', stat(v.get('Maximum'), () => Math.max(...numbers)))
        .addProperty('Minimum', stat(v.get('Minimum'), () => Math.min(...numbers)))
        .addProperty('Property', specs[0]?.label ?? null)
      await ctx.emit([info])
    }),
}


export const SORT_COMMANDS: readonly UtilityCommand[] = [sortObject, groupObject, measureObject]
