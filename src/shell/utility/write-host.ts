import {toPSString} from '../../values/convert.js'
import {sgrCode} from '../../values/console-color.js'
import {PSEnumValue, PSHashtable} from '../../values/objects.js'
import {type UtilityCommand, signature} from './command.js'
import {param} from './parameters.js'

/** Write-Host and Clear-Host: text for the person at the console (powershell.md §9). */

/**
 * hostText unrolls an object as WriteHostCommand.ProcessObject does: a string is itself, a
 * collection its elements (recursively) joined with the separator, anything else its string form.
 */
function hostText(value: unknown, separator: string): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  // A Hashtable is an IEnumerable of DictionaryEntry objects in .NET.
  if (value instanceof PSHashtable) return value.entries().map(() => 'System.Collections.DictionaryEntry').join(separator)
  if (Array.isArray(value)) return value.map((v) => hostText(v, separator)).join(separator)
  return toPSString(value)
}

/** paint wraps text in the SGR codes of its colours (§9 table); the caller checks for a terminal. */
function paint(text: string, foreground: unknown, background: unknown): string {
  const codes = [
    ...(foreground instanceof PSEnumValue ? [sgrCode(foreground.name, 'fg')] : []),
    ...(background instanceof PSEnumValue ? [sgrCode(background.name, 'bg')] : []),
  ]
  return codes.length === 0 ? text : `${codes.map((c) => `\u001B[${c}m`).join('')}${text}\u001B[0m`
}

const writeHost: UtilityCommand = {
  signature: signature('Write-Host', [
    param('Object', 'object', {position: 0, pipe: true}),
    param('NoNewline', 'switch'),
    param('Separator', 'object'),
    param('ForegroundColor', 'color'),
    param('BackgroundColor', 'color'),
    // ValueFromRemainingArguments (§7.2 step 4): `Write-Host "Step" 2 "of" 3 -ForegroundColor Yellow`.
  ], [], 'Object'),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes customized output to the host.',
  start: (ctx) => ({
    async process(values) {
      // Write-Host is an information record that only its own -InformationAction Ignore hides (§8.3).
      const action = values.get('InformationAction')
      if (action instanceof PSEnumValue && action.name === 'Ignore') return
      const separator = values.has('Separator') ? toPSString(values.get('Separator')) : ' '
      const text = hostText(values.get('Object') ?? null, separator)
      const console = ctx.runtime.console
      const shown = console.outColor ? paint(text, values.get('ForegroundColor'), values.get('BackgroundColor')) : text
      console.out(values.get('NoNewline') === true ? shown : `${shown}\n`)
    },
  }),
}

/** CLEAR_SCREEN is what `clear` writes (pwsh on Linux runs it): home, erase the screen and the scrollback. */
const CLEAR_SCREEN = '\u001B[H\u001B[2J\u001B[3J'

const clearHost: UtilityCommand = {
  signature: signature('Clear-Host', []),
  module: 'Microsoft.PowerShell.Core',
  synopsis: 'Clears the display of the terminal.',
  start: (ctx) => ({
    async process() {
      if (ctx.runtime.console.terminal.stdout) ctx.runtime.console.out(CLEAR_SCREEN)
    },
  }),
}

export const HOST_OUTPUT_COMMANDS: readonly UtilityCommand[] = [writeHost, clearHost]
