import type {ParameterType} from '../../binding/parameter.js'
import {toPSString} from '../../values/convert.js'
import {CONSOLE_COLOR} from '../../values/console-color.js'
import {PSEnumValue, PSHashtable, PSObject} from '../../values/objects.js'
import type {Runtime} from './runtime.js'

/**
 * The host object `$host` (powershell.md §4.4, §4.5; C100): what 5.1 scripts test (`Name` is
 * ConsoleHost) and set (window title, console colours). The settable properties keep what is
 * assigned, converted to their type, and change nothing in the output. UI.Write and UI.WriteLine
 * write like Write-Host; UI.WriteErrorLine writes a line on stderr that is not an error record.
 */

const COLOR_TYPE: ParameterType = {kind: 'Enum', enum: CONSOLE_COLOR}
const STRING_TYPE: ParameterType = {kind: 'String'}

function color(name: string): PSEnumValue {
  return new PSEnumValue(CONSOLE_COLOR, name)
}

/** PRIVATE_DATA_COLORS are ConsoleHost's PrivateData colours and their defaults in 5.1. */
const PRIVATE_DATA_COLORS: ReadonlyArray<[string, string, string]> = [
  ['Error', 'Red', 'Black'],
  ['Warning', 'Yellow', 'Black'],
  ['Debug', 'Yellow', 'Black'],
  ['Verbose', 'Yellow', 'Black'],
  ['Progress', 'Yellow', 'DarkCyan'],
]

function size(width: number): PSObject {
  return new PSObject(['System.Management.Automation.Host.Size', 'System.ValueType', 'System.Object']).addProperty('Width', width).addProperty('Height', 50)
}

function rawUI(width: number): PSObject {
  return new PSObject(['System.Management.Automation.Internal.Host.InternalHostRawUserInterface', 'System.Object'])
    .addProperty('ForegroundColor', color('Gray'), {type: COLOR_TYPE})
    .addProperty('BackgroundColor', color('Black'), {type: COLOR_TYPE})
    .addProperty('WindowTitle', 'csxmpp', {type: STRING_TYPE})
    .addProperty('WindowSize', size(width), {readOnly: true})
    .addProperty('BufferSize', size(width), {readOnly: true})
}

function userInterface(runtime: Runtime): PSObject {
  const ui = new PSObject(['System.Management.Automation.Internal.Host.InternalHostUserInterface', 'System.Object'])
  ui.addProperty('RawUI', rawUI(runtime.console.width), {readOnly: true})
  const text = (args: readonly unknown[]) => toPSString(args[0] ?? null)
  ui.methods = new Map([
    ['write', (args: readonly unknown[]) => runtime.console.out(text(args))],
    ['writeline', (args: readonly unknown[]) => runtime.console.out(`${text(args)}\n`)],
    ['writeerrorline', (args: readonly unknown[]) => runtime.showErrorLine(text(args))],
  ])
  return ui
}

function privateData(): PSObject {
  const data = new PSObject(['System.Management.Automation.Internal.Host.ConsoleHost+ConsoleColorProxy', 'System.Object'])
  for (const [stream, fg, bg] of PRIVATE_DATA_COLORS) {
    data.addProperty(`${stream}ForegroundColor`, color(fg), {type: COLOR_TYPE})
    data.addProperty(`${stream}BackgroundColor`, color(bg), {type: COLOR_TYPE})
  }
  return data
}

/** makeHostObject builds the run's `$host`; Version is the object of `$PSVersionTable.PSVersion`. */
export function makeHostObject(runtime: Runtime): PSObject {
  const table = runtime.global.lookup('PSVersionTable')?.value
  return new PSObject(['System.Management.Automation.Internal.Host.InternalHost', 'System.Management.Automation.Host.PSHost', 'System.Object'])
    .addProperty('Name', 'ConsoleHost', {readOnly: true})
    .addProperty('Version', table instanceof PSHashtable ? table.get('PSVersion') : null, {readOnly: true})
    // globalThis.crypto, not node:crypto: a static import would load it at every start (scripts/startup-path.mjs).
    .addProperty('InstanceId', globalThis.crypto.randomUUID(), {readOnly: true})
    .addProperty('UI', userInterface(runtime), {readOnly: true})
    .addProperty('PrivateData', privateData(), {readOnly: true})
}
