import type {CommandSignature} from '../binding/parameter.js'

/**
 * The Get-Command table (powershell.md §9, §10.4 fixed widths): CommandType 15, Name 50,
 * Version 10, then Source, which is `Lync` for the Lync cmdlets.
 */
export function commandTable(commands: readonly CommandSignature[], version: string): string {
  const row = (type: string, name: string, v: string, source: string) => `${type.padEnd(15)} ${name.padEnd(50)} ${v.padEnd(10)} ${source}`.trimEnd()
  const lines = ['', row('CommandType', 'Name', 'Version', 'Source'), row('-----------', '----', '-------', '------')]
  for (const command of [...commands].sort((a, b) => a.name.localeCompare(b.name, 'en'))) lines.push(row('Cmdlet', command.name, version, 'Lync'))
  return `${[...lines, ''].join('\n')}\n`
}
