import {ErrorRecord} from '../errors.js'
import {toPSString} from '../values/convert.js'
import {dateTimeLong} from '../values/date-format.js'
import {PSHashtable, PSObject, PSTimeSpan} from '../values/objects.js'
import {formatErrorRecord} from './error-view.js'
import {FormatRecord} from './format-record.js'
import {tableLines} from './table.js'
import {formatFieldValue, isCollection} from './values.js'
import {TIME_SPAN_LIST, type View, viewOf} from './views.js'
import {timeSpanProperty} from '../values/time-span.js'

/**
 * Out-Default: turns one statement's success output into console text (powershell.md §10.1).
 * Consecutive objects with the same view form one block in that view; strings and numbers print as
 * they are. Every line ends in LF and carries no trailing spaces.
 */

/** OutputOptions: the line width for tables (§10.6). */
export interface OutputOptions {
  readonly width?: number
}

/** listLines renders one object in list layout: `Name<pad> : value` (powershell.md §10.3). */
export function listLines(entries: ReadonlyArray<readonly [string, unknown]>): string[] {
  const width = Math.max(0, ...entries.map(([n]) => n.length))
  const lines: string[] = []
  for (const [name, value] of entries) {
    const [first = '', ...rest] = formatFieldValue(value).split('\n')
    lines.push(`${name.padEnd(width)} : ${first}`)
    for (const line of rest) lines.push(`${' '.repeat(width + 3)}${line}`)
  }
  return lines
}

/** flatten enumerates collections in the output stream, as the pipeline does. */
function flatten(objects: readonly unknown[]): unknown[] {
  return objects.flatMap((o) => (isCollection(o) ? flatten(o) : [o]))
}

function entriesOf(object: unknown): Array<[string, unknown]> {
  if (object instanceof PSTimeSpan) return TIME_SPAN_LIST.map((name) => [name, timeSpanProperty(object, name.toLowerCase()) ?? null])
  return object instanceof PSObject ? object.properties() : []
}

function tableRows(view: View & {kind: 'table'}, objects: readonly unknown[]): {columns: Array<{label: string; width?: number; alignment?: 'Left' | 'Right' | 'Center'}>; rows: unknown[][]} {
  if (objects[0] instanceof PSHashtable) {
    return {columns: [...view.columns!], rows: objects.flatMap((t) => (t as PSHashtable).entries().map(([k, v]) => [k, v]))}
  }
  if (view.columns && view.cells) return {columns: [...view.columns], rows: objects.map(view.cells)}
  const names = (objects[0] as PSObject).propertyNames()
  return {columns: names.map((label) => ({label})), rows: objects.map((o) => names.map((n) => (o as PSObject).get(n)))}
}

function recordLines(record: FormatRecord, width: number): string[] {
  if (record.view === 'table') return ['', ...tableLines(record.columns, record.rows, width), '']
  return ['', ...record.rows.flatMap((row) => [...listLines(record.columns.map((c, i) => [c.label, row[i]] as const)), ''])]
}

/** formatOutput renders a statement's output objects as console text. */
export function formatOutput(objects: readonly unknown[], options: OutputOptions = {}): string {
  const width = options.width ?? 120
  const lines: string[] = []
  const items = flatten(objects).filter((o) => o !== null && o !== undefined)
  for (let i = 0; i < items.length; ) {
    const item = items[i]!
    const view = viewOf(item)
    if (!view) {
      if (item instanceof FormatRecord) lines.push(...recordLines(item, width))
      else if (item instanceof ErrorRecord) lines.push(...formatErrorRecord(item).replace(/\n$/, '').split('\n'))
      else if (item instanceof Date) lines.push('', dateTimeLong(item), '')
      else lines.push(...toPSString(item).split('\n'))
      i++
      continue
    }
    let end = i + 1
    while (end < items.length && viewOf(items[end])?.key === view.key) end++
    const block = items.slice(i, end)
    if (view.kind === 'list') lines.push('', ...block.flatMap((o) => [...listLines(entriesOf(o)), '']))
    else {
      const {columns, rows} = tableRows(view, block)
      lines.push('', ...tableLines(columns, rows, width), '')
    }
    i = end
  }
  return lines.map((l) => `${l.trimEnd()}\n`).join('')
}
