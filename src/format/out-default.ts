import {ErrorRecord} from '../errors.js'
import {toPSString} from '../values/convert.js'
import {dateTimeLong} from '../values/date-format.js'
import {PSObject} from '../values/objects.js'
import {formatErrorRecord} from './error-view.js'
import {type FormatColumn, FormatRecord} from './format-record.js'
import {tableLines} from './table.js'
import {formatFieldValue, isCollection} from './values.js'
import {type TableView, viewOf} from './views.js'

/**
 * Out-Default: turns one statement's success output into console text (powershell.md §10.1).
 * Consecutive objects with the same view form one block in that view; strings and numbers print as
 * they are. Every line ends in LF and carries no trailing spaces.
 */

/** OutputOptions: the line width for tables (§10.6). */
export interface OutputOptions {
  readonly width?: number
}

/** The line width when the output is not a terminal (§10.6). */
const DEFAULT_WIDTH = 120

/**
 * listLines renders one object in list layout (§10.3): `Name<pad> : value`, names padded to the
 * longest; a value's further lines are indented to the value column.
 */
export function listLines(entries: ReadonlyArray<readonly [string, unknown]>): string[] {
  const width = Math.max(0, ...entries.map(([n]) => n.length))
  return entries.flatMap(([name, value]) => {
    const [first = '', ...rest] = formatFieldValue(value).split('\n')
    return [`${name.padEnd(width)} : ${first}`, ...rest.map((line) => `${' '.repeat(width + 3)}${line}`)]
  })
}

/** flatten enumerates collections in the output stream, as the pipeline does (§10.1). */
function flatten(objects: readonly unknown[]): unknown[] {
  return objects.flatMap((o) => (isCollection(o) ? flatten(o) : [o]))
}

/** tableOf gives a table block's columns and rows; without a fixed view the first object's properties. */
function tableOf(view: TableView, objects: readonly unknown[]): {columns: readonly FormatColumn[]; rows: unknown[][]} {
  if (view.columns && view.rows) return {columns: view.columns, rows: objects.flatMap(view.rows)}
  const names = (objects[0] as PSObject).propertyNames()
  return {columns: names.map((label) => ({label})), rows: objects.map((o) => names.map((n) => (o as PSObject).get(n) ?? null))}
}

/** recordLines renders the output of one Format-Table or Format-List as its own block. */
function recordLines(record: FormatRecord, width: number): string[] {
  if (record.view === 'table') return ['', ...tableLines(record.columns, record.rows, width), '']
  return ['', ...record.rows.flatMap((row) => [...listLines(record.columns.map((c, i) => [c.label, row[i]] as const)), ''])]
}

/** singleLines renders an object that forms no block: a record, an error, a date, a scalar. */
function singleLines(item: unknown, width: number): string[] {
  if (item instanceof FormatRecord) return recordLines(item, width)
  // The error layout of §11.1 without colour; it ends in a newline of its own.
  if (item instanceof ErrorRecord) return formatErrorRecord(item).replace(/\n$/, '').split('\n')
  if (item instanceof Date) return ['', dateTimeLong(item), '']
  return toPSString(item).split('\n')
}

/** formatOutput renders one top-level statement's output objects as console text (§10.1). */
export function formatOutput(objects: readonly unknown[], options: OutputOptions = {}): string {
  const width = options.width ?? DEFAULT_WIDTH
  const items = flatten(objects).filter((o) => o !== null && o !== undefined)
  const lines: string[] = []
  for (let i = 0; i < items.length; ) {
    const view = viewOf(items[i])
    if (!view) {
      lines.push(...singleLines(items[i], width))
      i++
      continue
    }
    let end = i + 1
    while (end < items.length && viewOf(items[end])?.key === view.key) end++
    const block = items.slice(i, end)
    if (view.kind === 'list') lines.push('', ...block.flatMap((o) => [...listLines(view.entries(o)), '']))
    else {
      const {columns, rows} = tableOf(view, block)
      lines.push('', ...(view.heading ?? []), ...tableLines(columns, rows, width), '')
    }
    i = end
  }
  return lines.map((line) => `${line.trimEnd()}\n`).join('')
}
