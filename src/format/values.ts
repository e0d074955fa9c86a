import {toPSString} from '../values/convert.js'
import {dateTimeShort} from '../values/date-format.js'
import {PSEnumValue, PSHashtable, PSObject} from '../values/objects.js'

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

/** toJsonValue converts a value for --json and ConvertTo-Json (powershell.md §10.7). */
export function toJsonValue(value: unknown, depth = 10): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof PSEnumValue) return value.name
  if (depth < 0) return toPSString(value)
  if (isCollection(value)) return value.map((v) => toJsonValue(v, depth - 1))
  const entries = value instanceof PSObject ? value.properties() : value instanceof PSHashtable ? value.entries() : undefined
  if (entries) return Object.fromEntries(entries.map(([k, v]) => [k, toJsonValue(v, depth - 1)]))
  return toPSString(value)
}
