import {toPSString} from '../values/convert.js'
import {dateTimeShort} from '../values/date-format.js'

/** FORMAT_ENUMERATION_LIMIT is $FormatEnumerationLimit's default (powershell.md §10.5). */
export const FORMAT_ENUMERATION_LIMIT = 4

/** isCollection tells whether a value is enumerated (arrays, typed lists), not shown whole. */
export function isCollection(value: unknown): value is readonly unknown[] {
  return Array.isArray(value)
}

/** formatFieldValue renders a value inside a list or table (powershell.md §10.5). */
export function formatFieldValue(value: unknown, limit = FORMAT_ENUMERATION_LIMIT): string {
  if (isCollection(value)) {
    const shown = value.slice(0, limit).map((v) => formatFieldValue(v, limit))
    return `{${shown.join(', ')}${value.length > limit ? '...' : ''}}`
  }
  if (value instanceof Date) return dateTimeShort(value)
  return toPSString(value)
}
