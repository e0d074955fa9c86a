import type {PSEnumType} from './objects.js'

/**
 * System.ConsoleColor (powershell.md §4.1): the 16 console colours in .NET's order, so that an
 * integer 0–15 names the colour at that index (§7.3), and the SGR codes Write-Host writes for them
 * on a terminal (§9, Write-Host: the usual 16-colour mapping, as pwsh on Linux).
 */

export const CONSOLE_COLOR: PSEnumType = {
  fullName: 'System.ConsoleColor',
  names: ['Black', 'DarkBlue', 'DarkGreen', 'DarkCyan', 'DarkRed', 'DarkMagenta', 'DarkYellow', 'Gray', 'DarkGray', 'Blue', 'Green', 'Cyan', 'Red', 'Magenta', 'Yellow', 'White'],
  numbered: true,
}

/** Foreground SGR codes in CONSOLE_COLOR order; a background code is the foreground's + 10. */
const FOREGROUND_SGR = [30, 34, 32, 36, 31, 35, 33, 37, 90, 94, 92, 96, 91, 95, 93, 97]

/** sgrCode is the SGR parameter that selects a console colour as foreground or background. */
export function sgrCode(colorName: string, layer: 'fg' | 'bg'): number {
  const code = FOREGROUND_SGR[CONSOLE_COLOR.names.indexOf(colorName)]!
  return layer === 'fg' ? code : code + 10
}
