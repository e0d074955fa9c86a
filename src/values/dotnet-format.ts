import {ErrorRecord} from '../errors.js'
import {toPSString} from './convert.js'
import {formatDateTime, parseDateTime, tryFormatDateTime} from './date-custom-format.js'
import {formatNumber} from './number-format.js'
import {notSupportedError, runtimeError} from './runtime-errors.js'

/**
 * The format operator `-f` (powershell.md §5.2): .NET's composite formatting, with items
 * `{index[,alignment][:format]}` and the escapes `{{` `}}`, in the invariant culture.
 */

/**
 * formatError is PS 5.1's record for a failed String.Format: `InvalidOperation: (<format>:String) [],
 * RuntimeException`, id FormatError, its message .NET's with a second period appended.
 */
function formatError(detail: string, format: string): ErrorRecord {
  return runtimeError(`Error formatting a string: ${detail}.`, 'FormatError', 'InvalidOperation', 'RuntimeException', format)
}

const BAD_FORMAT = 'Input string was not in a correct format.'
const BAD_INDEX = 'Index (zero based) must be greater than or equal to zero and less than the size of the argument list.'

/**
 * formatItem applies an item's format to its argument. Strings, booleans and $null are not
 * IFormattable in .NET, so their format is ignored, as is an empty one; numbers and dates take
 * the formats of number-format.ts and date-custom-format.ts; anything else (a TimeSpan, an enum,
 * a collection) is outside the subset (§5.2), never silently formatted another way.
 */
function formatItem(value: unknown, format: string | undefined, item: string, whole: string): string {
  if (!format || value === null || typeof value === 'string' || typeof value === 'boolean') return toPSString(value)
  let text: string | undefined
  if (value instanceof Date) {
    text = tryFormatDateTime(value, format)
    if (text === undefined) throw formatError(BAD_FORMAT, whole)
  } else if (typeof value === 'number') {
    try {
      text = formatNumber(value, format)
    } catch (error) {
      throw error instanceof ErrorRecord ? formatError(error.message, whole) : error
    }
  }
  if (text === undefined) throw notSupportedError(`The format string '${item}' is not supported by csxmpp.`, item)
  return text
}

/** ITEM is one format item from its `{`: index, then optional alignment and format (.NET allows spaces after each number). */
const ITEM = /^\{(\d+) *(?:, *(-?\d+) *)?(?::([^{}]*))?\}/

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
    if (ch === '}') throw formatError(BAD_FORMAT, format)
    if (ch !== '{') {
      out += ch
      i++
      continue
    }
    const match = ITEM.exec(format.slice(i))
    if (!match) throw formatError(BAD_FORMAT, format)
    const [item, index, alignment, spec] = match as unknown as [string, string, string?, string?]
    if (Number(index) >= args.length) throw formatError(BAD_INDEX, format)
    const text = formatItem(args[Number(index)], spec, item, format)
    const width = Number(alignment ?? 0)
    out += width < 0 ? text.padEnd(-width) : text.padStart(width)
    i += item.length
  }
  return out
}

export {formatDateTime, parseDateTime}
