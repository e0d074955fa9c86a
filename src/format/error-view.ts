import type {ErrorRecord} from '../errors.js'
import {shortTypeName, toPSString} from '../values/convert.js'

/**
 * How errors, warnings and verbose messages look on stderr (powershell.md §11): Windows PowerShell
 * 5.1's NormalView, or one JSON object per line under --json (§10.7).
 */

/** categoryInfo is the `Category: (target:Type) [Activity], Reason` string of a record. */
export function categoryInfo(record: ErrorRecord): string {
  const target = record.targetObject === undefined ? '' : toPSString(record.targetObject)
  const type = record.targetObject === undefined ? '' : shortTypeName(record.targetObject)
  return `${record.category}: (${target}:${type}) [${record.activity ?? ''}], ${record.reason}`
}

/**
 * formatErrorRecord renders a record in Windows PowerShell 5.1's NormalView: origin and message, the
 * position lines of script errors, then CategoryInfo and FullyQualifiedErrorId. A parse error shows
 * its position first and its message after it, without an origin (§11.1, C54).
 */
export function formatErrorRecord(record: ErrorRecord): string {
  const first = record.origin ? `${record.origin} : ${record.message}` : record.message
  const head = record.category === 'ParserError' ? [...record.positionLines, first] : [first, ...record.positionLines]
  return [
    ...head,
    `    + CategoryInfo          : ${categoryInfo(record)}`,
    `    + FullyQualifiedErrorId : ${record.fullyQualifiedErrorId}`,
  ]
    .map((l) => `${l}\n`)
    .join('')
}

/** jsonErrorLine is the --json form of an error record on stderr. */
export function jsonErrorLine(record: ErrorRecord): string {
  const error = {
    cmdlet: record.origin ?? null,
    message: record.message,
    category: record.category,
    fullyQualifiedErrorId: record.fullyQualifiedErrorId,
    targetObject: record.targetObject === undefined ? null : toPSString(record.targetObject),
  }
  return `${JSON.stringify({error})}\n`
}

/** formatStreamMessage renders a warning, verbose or debug message: prefix on the first line only (§11.3). */
export function formatStreamMessage(kind: 'WARNING' | 'VERBOSE' | 'DEBUG', text: string): string {
  return `${kind}: ${text}\n`
}
