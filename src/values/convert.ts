import {PSArrayList, PSEnumValue, PSHashtable, PSList, PSObject, PSTimeSpan, isScriptBlock} from './objects.js'
import {PSSecureString, SECURE_STRING_TYPE} from './secure-string.js'

/**
 * Conversions between PowerShell values that do not depend on a target parameter
 * (powershell.md §4.2): string forms, .NET type names, number parsing.
 */

/** isInt32 tells whether a JS number fits PowerShell's Int32. */
function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647
}

/** dotNetTypeName returns the full .NET type name PowerShell would report for a value. */
export function dotNetTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return 'System.String'
  if (typeof value === 'boolean') return 'System.Boolean'
  if (typeof value === 'number') return isInt32(value) ? 'System.Int32' : Number.isInteger(value) ? 'System.Int64' : 'System.Double'
  if (value instanceof PSList || value instanceof PSArrayList) return value.typeName
  if (Array.isArray(value)) return 'System.Object[]'
  if (value instanceof PSHashtable) return 'System.Collections.Hashtable'
  if (value instanceof PSEnumValue) return value.type.fullName
  if (value instanceof PSObject) return value.typeNames[0] ?? 'System.Management.Automation.PSCustomObject'
  if (isScriptBlock(value)) return 'System.Management.Automation.ScriptBlock'
  if (value instanceof Date) return 'System.DateTime'
  if (value instanceof PSTimeSpan) return 'System.TimeSpan'
  if (value instanceof PSSecureString) return SECURE_STRING_TYPE
  return 'System.Object'
}

/** shortTypeName is a type name without its namespace, as CategoryInfo shows it (`String`). */
export function shortTypeName(value: unknown): string {
  if (value instanceof PSObject) return 'PSObject'
  const full = dotNetTypeName(value)
  return full.slice(full.lastIndexOf('.') + 1)
}

/** formatDouble prints a Double as .NET's round-trip form does (powershell.md §4.2). */
function formatDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity'
  const exponent = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)))
  if (exponent >= 15 || exponent <= -5) {
    const [mantissa, exp] = n.toExponential().split('e') as [string, string]
    const sign = exp.startsWith('-') ? '-' : '+'
    return `${mantissa.toUpperCase()}E${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`
  }
  return String(n)
}

/** toPSString is PowerShell's string conversion of a value (expansion, String parameters). */
export function toPSString(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  // Integers beyond 2^53 can only be Doubles here, and print as .NET prints Doubles (1E+20).
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : formatDouble(value)
  if (value instanceof PSList) return value.typeName
  if (Array.isArray(value)) return value.map(toPSString).join(' ')
  if (value instanceof PSEnumValue) return value.name
  if (value instanceof PSHashtable) return 'System.Collections.Hashtable'
  if (value instanceof PSObject) return psObjectString(value)
  if (isScriptBlock(value)) return value.text
  if (value instanceof Date) return invariantDateTime(value)
  // An ErrorRecord's string form is its message (§4.2).
  if (value instanceof Error) return value.message
  return String(value)
}

/** A Lync object converts to its Identity (DECISION, §4.2); other objects to `@{a=1; b=x}`. */
function psObjectString(value: PSObject): string {
  if (value.stringForm !== undefined) return value.stringForm
  if (value.typeNames.some((t) => t.startsWith('Microsoft.Rtc.') || t.startsWith('Deserialized.Microsoft.Rtc.'))) {
    return toPSString(value.get('Identity'))
  }
  return `@{${value.properties().map(([n, v]) => `${n}=${toPSString(v)}`).join('; ')}}`
}

/**
 * parseNumber reads a numeric string as PowerShell does: trimmed, decimal, `0x` hex or real.
 * Returns NaN when the text is not a number; `""` reads as 0.
 */
export function parseNumber(text: string): number {
  const t = text.trim()
  if (t === '') return 0
  if (/^[+-]?0x[0-9a-f]+$/i.test(t)) {
    const negative = t.startsWith('-')
    const n = Number.parseInt(t.replace(/^[+-]?0x/i, ''), 16)
    return negative ? -n : n
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t)
  return Number.NaN
}

/** roundHalfToEven rounds like .NET's default Math.Round (banker's rounding). */
export function roundHalfToEven(n: number): number {
  const floor = Math.floor(n)
  const diff = n - floor
  if (diff > 0.5) return floor + 1
  if (diff < 0.5) return floor
  return floor % 2 === 0 ? floor : floor + 1
}

/** invariantDateTime is a DateTime's string form, `MM/dd/yyyy HH:mm:ss` in local time (§4.2). */
function invariantDateTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(date.getMonth() + 1)}/${two(date.getDate())}/${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
}
