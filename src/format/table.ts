import {formatFieldValue} from './values.js'

/**
 * The table layout of powershell.md §10.4: a header, dashes as long as each header, one row per
 * object, columns separated by one space; numeric columns right-aligned; fixed widths where a view
 * or a calculated property says so; too-wide tables keep their left columns and cut cells with `...`.
 */

/** TableColumn is a column to lay out: its header, optional fixed width and alignment. */
export interface TableColumn {
  readonly label: string
  readonly width?: number
  readonly alignment?: 'Left' | 'Right' | 'Center'
}

/** isNumeric judges a column by its first non-null value (§10.4). */
function isNumeric(cells: readonly unknown[]): boolean {
  const first = cells.find((c) => c !== null && c !== undefined)
  return typeof first === 'number'
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 3))}...`
}

function pad(text: string, width: number, alignment: 'Left' | 'Right' | 'Center'): string {
  if (alignment === 'Right') return text.padStart(width)
  if (alignment === 'Center') return text.padStart(Math.floor((width + text.length) / 2)).padEnd(width)
  return text.padEnd(width)
}

/** tableLines renders the header, the dashes and the rows (without the surrounding empty lines). */
export function tableLines(columns: readonly TableColumn[], rows: ReadonlyArray<readonly unknown[]>, lineWidth: number): string[] {
  const laid = columns.map((column, i) => {
    const cells = rows.map((row) => row[i])
    const texts = cells.map((c) => formatFieldValue(c).split('\n')[0]!)
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
    line(kept.map((e) => pad(cut('-'.repeat(e.column.label.length), e.width), e.width, e.alignment))),
    ...rows.map((_, r) => line(kept.map((e) => pad(cut(e.texts[r]!, e.width), e.width, e.alignment)))),
  ]
}
