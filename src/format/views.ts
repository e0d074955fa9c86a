import {ErrorRecord} from '../errors.js'
import {PSHashtable, PSObject, PSTimeSpan} from '../values/objects.js'
import type {TableColumn} from './table.js'

/**
 * Which view an object gets on the console (powershell.md §10.2): Lync objects and a few PowerShell
 * types have a fixed view; any other object is a table when it has at most four properties, else a list.
 */

/** View is how a block of objects is laid out. */
export type View =
  | {readonly kind: 'list'; readonly key: string}
  | {readonly kind: 'table'; readonly key: string; readonly columns?: readonly TableColumn[]; readonly cells?: (object: unknown) => unknown[]}

const TIMESPAN_PROPERTIES = ['Days', 'Hours', 'Minutes', 'Seconds', 'Milliseconds', 'Ticks', 'TotalDays', 'TotalHours', 'TotalMinutes', 'TotalSeconds', 'TotalMilliseconds']

/** TIME_SPAN_LIST names the properties a TimeSpan's list view shows. */
export const TIME_SPAN_LIST: readonly string[] = TIMESPAN_PROPERTIES

const HASHTABLE: View = {
  kind: 'table',
  key: 'System.Collections.Hashtable',
  columns: [{label: 'Name', width: 30}, {label: 'Value'}],
}

const GROUP_INFO: View = {
  kind: 'table',
  key: 'Microsoft.PowerShell.Commands.GroupInfo',
  columns: [{label: 'Count', width: 5, alignment: 'Right'}, {label: 'Name', width: 25}, {label: 'Group'}],
  cells: (o) => [(o as PSObject).get('Count'), (o as PSObject).get('Name'), (o as PSObject).get('Group')],
}

const COMMAND_INFO: View = {
  kind: 'table',
  key: 'System.Management.Automation.CommandInfo',
  columns: [{label: 'CommandType', width: 15}, {label: 'Name', width: 50}, {label: 'Version', width: 10}, {label: 'Source'}],
  cells: (o) => {
    const info = o as PSObject
    return [info.get('CommandType'), info.has('DisplayName') ? info.get('DisplayName') : info.get('Name'), info.get('Version'), info.get('Source')]
  },
}

/** viewOf chooses the view of an object; undefined for values printed as text. */
export function viewOf(object: unknown): View | undefined {
  if (object instanceof PSHashtable) return HASHTABLE
  if (object instanceof PSTimeSpan) return {kind: 'list', key: 'System.TimeSpan'}
  if (!(object instanceof PSObject) || object instanceof ErrorRecord) return undefined
  const first = object.typeNames[0] ?? ''
  if (first.startsWith('Microsoft.Rtc.')) return {kind: 'list', key: first}
  if (first === GROUP_INFO.key) return GROUP_INFO
  if (object.typeNames.includes(COMMAND_INFO.key)) return COMMAND_INFO
  if (first === 'Microsoft.PowerShell.Commands.GenericMeasureInfo') return {kind: 'list', key: first}
  return object.propertyNames().length <= 4 ? {kind: 'table', key: first} : {kind: 'list', key: first}
}
