import {toPSString} from '../../values/convert.js'
import {formatDateTime, parseDateTime} from '../../values/dotnet-format.js'
import {conversionError, toNumber} from '../interp/convert.js'
import {type UtilityCommand, signature} from './command.js'
import {param} from './parameters.js'

/** Get-Date (powershell.md §9): now, or a parsed -Date, with components replaced and an optional -Format. */

const COMPONENTS: ReadonlyArray<[string, (d: Date, n: number) => void]> = [
  ['Year', (d, n) => d.setFullYear(n)],
  ['Month', (d, n) => d.setMonth(n - 1)],
  ['Day', (d, n) => d.setDate(n)],
  ['Hour', (d, n) => d.setHours(n)],
  ['Minute', (d, n) => d.setMinutes(n)],
  ['Second', (d, n) => d.setSeconds(n)],
]

export const getDate: UtilityCommand = {
  signature: signature(
    'Get-Date',
    [param('Date', 'object', {position: 0, pipe: true}), param('Format', 'string'), ...COMPONENTS.map(([name]) => param(name, 'int'))],
    ['UFormat', 'DisplayHint', 'Millisecond'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Gets the current date and time, or a given one.',
  start: (ctx) => ({
    async process(values) {
      const given = values.get('Date')
      let date = new Date()
      if (given instanceof Date) date = new Date(given.getTime())
      else if (given !== undefined && given !== null) {
        const parsed = parseDateTime(toPSString(given))
        if (!parsed) throw conversionError(given, 'System.DateTime', 'String was not recognized as a valid DateTime.')
        date = parsed
      }
      for (const [name, set] of COMPONENTS) if (values.has(name)) set(date, toNumber(values.get(name)))
      await ctx.emit(values.has('Format') ? formatDateTime(date, toPSString(values.get('Format'))) : date)
    },
  }),
}
