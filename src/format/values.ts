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
    const shown = value.slice(0, limit).map(elementName)
    return `{${shown.join(', ')}${value.length > limit ? '...' : ''}}`
  }
  if (value instanceof Date) return dateTimeShort(value)
  // TimeSpans, enums and objects print their string form (§4.2).
  return toPSString(value)
}

// COMPAT(powershell): an element is shown by its own ToString (5.1's PSObjectHelper.GetObjectName), so
// a nested collection is not braced again but joined with spaces, and a date takes its short form.
function elementName(element: unknown): string {
  if (isCollection(element)) return element.map(elementName).join(' ')
  return element instanceof Date ? dateTimeShort(element) : toPSString(element)
}
