import {toPSString} from './convert.js'
import {formatDateTime, parseDateTime} from './date-custom-format.js'
import {formatNumber} from './number-format.js'
import {notSupportedError, runtimeError} from './runtime-errors.js'

/** The format operator `-f` (powershell.md §5.2): `{index[,alignment][:format]}` items and `{{ }}` braces. */

function formatError(detail: string) {
  return runtimeError(`Error formatting a string: ${detail}.`, 'FormatError', 'InvalidOperation', 'RuntimeException')
}

/** formatItem applies an item's format to its argument; other formats are outside the subset (§5.2). */
function formatItem(value: unknown, format: string | undefined, item: string): string {
  if (format === undefined) return toPSString(value)
  if (value instanceof Date) return formatDateTime(value, format)
  if (typeof value === 'number') {
    const text = formatNumber(value, format)
    if (text !== undefined) return text
  }
  throw notSupportedError(`The format string '${item}' is not supported by csxmpp.`, item)
}

/** formatOperator evaluates `format -f args`. */
export function formatOperator(format: string, args: readonly unknown[]): string {
  let out = ''
  for (let i = 0; i < format.length; ) {
    const ch = format[i]!
    if ((ch === '{' || ch === '}') && format[i + 1] === ch) {
      out += ch
      i += 2
      continue
    }
    if (ch === '}') throw formatError('Input string was not in a correct format.')
    if (ch !== '{') {
      out += ch
      i++
      continue
    }
    const end = format.indexOf('}', i)
    const match = end < 0 ? null : /^\{\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::([^}]*))?\}$/.exec(format.slice(i, end + 1))
    if (!match) throw formatError('Input string was not in a correct format.')
    const [item, index, alignment, spec] = match as unknown as [string, string, string?, string?]
    if (Number(index) >= args.length) {
      throw formatError('Index (zero based) must be greater than or equal to zero and less than the size of the argument list.')
    }
    const text = formatItem(args[Number(index)], spec, item)
    const width = Number(alignment ?? 0)
    out += width < 0 ? text.padEnd(-width) : text.padStart(width)
    i = end + 1
  }
  return out
}

export {formatDateTime, parseDateTime}
