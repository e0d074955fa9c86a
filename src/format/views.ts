import {PSHashtable, PSObject, PSTimeSpan} from '../values/objects.js'
import {timeSpanProperty} from '../values/time-span.js'
import {fileItemView} from './file-item-view.js'
import type {FormatColumn} from './format-record.js'

/**
 * Which view an object gets on the console (powershell.md §10.2): Lync objects and a few PowerShell
 * types have a fixed view; any other object is a table when it has at most four properties, else a list.
 * Consecutive objects whose views share a key form one block (§10.1).
 */

/** ListView lays each object out as `Name : value` lines. */
export interface ListView {
  readonly kind: 'list'
  readonly key: string
  readonly entries: (object: unknown) => Array<[string, unknown]>
}

/**
 * TableView lays a block out as one table. A fixed view gives its columns and the rows of one object
 * (a hashtable gives one row per entry); without them the first object's properties are the columns.
 */
export interface TableView {
  readonly kind: 'table'
  readonly key: string
  readonly columns?: readonly FormatColumn[]
  readonly rows?: (object: unknown) => unknown[][]
  /** Lines between the block's leading empty line and its header (the `Directory:` of file items, §9). */
  readonly heading?: readonly string[]
}

/** View is how a block of objects is laid out. */
export type View = ListView | TableView

const TIME_SPAN_PROPERTIES = ['Days', 'Hours', 'Minutes', 'Seconds', 'Milliseconds', 'Ticks', 'TotalDays', 'TotalHours', 'TotalMinutes', 'TotalSeconds', 'TotalMilliseconds']

const TIME_SPAN: ListView = {
  kind: 'list',
  key: 'System.TimeSpan',
  entries: (o) => TIME_SPAN_PROPERTIES.map((name) => [name, timeSpanProperty(o as PSTimeSpan, name.toLowerCase()) ?? null]),
}

const HASHTABLE: TableView = {
  kind: 'table',
  key: 'System.Collections.Hashtable',
  columns: [{label: 'Name', width: 30}, {label: 'Value'}],
  rows: (o) => (o as PSHashtable).entries(),
}

const GROUP_INFO: TableView = {
  kind: 'table',
  key: 'Microsoft.PowerShell.Commands.GroupInfo',
  columns: [{label: 'Count', width: 5, alignment: 'Right'}, {label: 'Name', width: 25}, {label: 'Group'}],
  rows: (o) => [['Count', 'Name', 'Group'].map((name) => (o as PSObject).get(name))],
}

// Windows PowerShell 5.1's Get-Command view; an alias shows its DisplayName (`sort -> Sort-Object`).
const COMMAND_INFO: TableView = {
  kind: 'table',
  key: 'System.Management.Automation.CommandInfo',
  columns: [{label: 'CommandType', width: 15}, {label: 'Name', width: 50}, {label: 'Version', width: 10}, {label: 'Source'}],
  rows: (o) => {
    const info = o as PSObject
    return [[info.get('CommandType'), info.get(info.has('DisplayName') ? 'DisplayName' : 'Name'), info.get('Version'), info.get('Source')]]
  },
}

// Windows PowerShell 5.1's Module view, without the `Directory:` groups of -ListAvailable (§9).
const MODULE_INFO: TableView = {
  kind: 'table',
  key: 'System.Management.Automation.PSModuleInfo',
  columns: [{label: 'ModuleType', width: 10}, {label: 'Version', width: 10}, {label: 'Name', width: 35}, {label: 'ExportedCommands'}],
  rows: (o) => {
    const info = o as PSObject
    const exported = info.get('ExportedCommands')
    const names = exported instanceof PSHashtable ? exported.entries().map(([name]) => name).sort() : null
    return [[info.get('ModuleType'), info.get('Version'), info.get('Name'), names]]
  },
}

/**
 * Get-CsXmppPresenceSubscription's objects (csxmpp, issue 14 item 6): one row per (user, contact).
 * Widths: a SIP address and a bare JID of 25 (longer ones end in `...`), the longest Subscription
 * and Pending names, and en-US's longest date and time (`12/31/2026 12:59:59 PM`, 22). The six fixed
 * columns fill a 120-character console; LastRefusal, the widest, shows when the console is wider
 * (§10.4 drops what does not fit) and always in Format-List and --json.
 */
const PRESENCE_SUBSCRIPTION_COLUMNS = ['User', 'Contact', 'Subscription', 'Pending', 'Since', 'LastPresence', 'LastRefusal']
const PRESENCE_SUBSCRIPTION: TableView = {
  kind: 'table',
  key: 'Csxmpp.Gateway.PresenceSubscription',
  columns: [25, 25, 12, 7, 22, 22, undefined].map((width, i) => ({label: PRESENCE_SUBSCRIPTION_COLUMNS[i]!, ...(width ? {width} : {})})),
  rows: (o) => [PRESENCE_SUBSCRIPTION_COLUMNS.map((name) => (o as PSObject).get(name))],
}

const COMMAND_TYPES = ['Cmdlet', 'Function', 'Alias'].map((kind) => `System.Management.Automation.${kind}Info`)

const properties = (o: unknown) => (o as PSObject).properties()

/** viewOf chooses the view of an object; undefined for values printed on their own (§10.1). */
export function viewOf(object: unknown): View | undefined {
  if (object instanceof PSHashtable) return HASHTABLE
  if (object instanceof PSTimeSpan) return TIME_SPAN
  if (!(object instanceof PSObject)) return undefined
  const first = object.typeNames[0] ?? ''
  if (first === GROUP_INFO.key) return GROUP_INFO
  if (COMMAND_TYPES.includes(first)) return COMMAND_INFO
  const fileItem = fileItemView(object)
  if (fileItem) return fileItem
  if (first === MODULE_INFO.key) return MODULE_INFO
  if (first === PRESENCE_SUBSCRIPTION.key) return PRESENCE_SUBSCRIPTION
  const fixedList = first.startsWith('Microsoft.Rtc.') || first === 'Microsoft.PowerShell.Commands.GenericMeasureInfo'
  if (fixedList || object.propertyNames().length > 4) return {kind: 'list', key: first, entries: properties}
  return {kind: 'table', key: first}
}
