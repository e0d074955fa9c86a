import type {FormatColumn} from './format-record.js'
import {formatFieldValue} from './values.js'

/**
 * The table layout of powershell.md §10.4: a header, dashes as long as each header, one row per
 * object, columns separated by one space; numeric columns right-aligned; fixed widths where a view
 * or a calculated property says so; too-wide tables keep their left columns and cut cells with `...`.
 */

type Alignment = NonNullable<FormatColumn['alignment']>

/** isNumeric judges a column by its first non-null value (§10.4). */
function isNumeric(cells: readonly unknown[]): boolean {
  const first = cells.find((c) => c !== null && c !== undefined)
  return typeof first === 'number'
}

// COMPAT(powershell): a table cell shows the first line of a value, marked `...` (5.1's
// StringManipulationHelper.TruncateAtNewLine).
function firstLine(text: string): string {
  const lineBreak = text.search(/[\r\n]/)
  return lineBreak < 0 ? text : `${text.slice(0, lineBreak)}...`
}

/** cut shortens a cell to its column: width − 3 characters and `...` (§10.4). */
function cut(text: string, width: number): string {
  if (text.length <= width) return text
  return width <= 3 ? text.slice(0, width) : `${text.slice(0, width - 3)}...`
}

function pad(text: string, width: number, alignment: Alignment): string {
  if (alignment === 'Right') return text.padStart(width)
  if (alignment === 'Center') return text.padStart(Math.floor((width + text.length) / 2)).padEnd(width)
  return text.padEnd(width)
}

/** tableLines renders the header, the dashes and the rows (without the surrounding empty lines). */
export function tableLines(columns: readonly FormatColumn[], rows: ReadonlyArray<readonly unknown[]>, lineWidth: number): string[] {
  const laid = columns.map((column, i) => {
    const cells = rows.map((row) => row[i])
    const texts = cells.map((c) => firstLine(formatFieldValue(c)))
    const natural = Math.max(column.label.length, ...texts.map((t) => t.length))
    const alignment = column.alignment ?? (isNumeric(cells) ? 'Right' : 'Left')
    return {column, texts, width: column.width ?? natural, alignment}
  })
  // Too wide: keep columns from the left while they fit; narrow the first that does not (§10.4).
  const kept: typeof laid = []
  let used = 0
  for (const entry of laid) {
    const separator = kept.length > 0 ? 1 : 0
    const room = lineWidth - used - separator
    if (entry.width <= room) {
      kept.push(entry)
      used += separator + entry.width
      continue
    }
    if (room >= 4) kept.push({...entry, width: room})
    break
  }
  const line = (parts: string[]) => parts.join(' ').trimEnd()
  return [
    line(kept.map((e) => pad(cut(e.column.label, e.width), e.width, e.alignment))),
    line(kept.map((e) => pad('-'.repeat(Math.min(e.column.label.length, e.width)), e.width, e.alignment))),
    ...rows.map((_, r) => line(kept.map((e) => pad(cut(e.texts[r]!, e.width), e.width, e.alignment)))),
  ]
}
