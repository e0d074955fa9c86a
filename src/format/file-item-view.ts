import {shortDate, shortTime} from '../values/date-format.js'
import type {PSObject} from '../values/objects.js'
import type {TableView} from './views.js'

/**
 * The view of System.IO.FileInfo and DirectoryInfo (powershell.md §9 File items, §10.4): 5.1's
 * FileSystem `children` table, grouped by parent directory, with fixed widths.
 */

const DIRECTORY_INFO = 'System.IO.DirectoryInfo'
const FILE_ITEM_TYPES = ['System.IO.FileInfo', DIRECTORY_INFO]

const COLUMNS = [
  {label: 'Mode', width: 7},
  {label: 'LastWriteTime', width: 25, alignment: 'Right'},
  {label: 'Length', width: 14, alignment: 'Right'},
  {label: 'Name'},
] as const

/** shortDateTime is the en-US short date right-aligned in 10, two spaces, the short time in 8 (local time). */
function shortDateTime(date: Date): string {
  return `${shortDate(date).padStart(10)}  ${shortTime(date).padStart(8)}`
}

function row(item: PSObject): unknown[] {
  const written = item.get('LastWriteTime')
  return [item.get('Mode'), written instanceof Date ? shortDateTime(written) : written, item.get('Length'), item.get('Name')]
}

/** fileItemView is the view of a file item, or undefined for other objects; a new parent starts a new group. */
export function fileItemView(object: PSObject): TableView | undefined {
  const type = object.typeNames[0] ?? ''
  if (!FILE_ITEM_TYPES.includes(type)) return undefined
  const parent = object.get(type === DIRECTORY_INFO ? 'Parent' : 'DirectoryName') ?? ''
  return {
    kind: 'table',
    key: `System.IO.FileSystemInfo ${String(parent)}`,
    heading: [`    Directory: ${String(parent)}`, '', ''],
    columns: COLUMNS,
    rows: (o) => [row(o as PSObject)],
  }
}
