import {DAY_NAMES, MONTH_NAMES} from './date-format.js'

/**
 * .NET date and time format strings with the invariant culture (powershell.md §5.2, §9 Get-Date
 * -Format, §4.5 DateTime.ToString): the standard one-letter formats and the custom specifiers, in
 * the process's local time zone. DECISION: `d`, `g`, `G` … use the invariant culture's patterns
 * (`MM/dd/yyyy`), where Windows PowerShell would use the machine's culture.
 */

const STANDARD: Readonly<Record<string, string>> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  M: 'MMMM dd',
  m: 'MMMM dd',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  Y: 'yyyy MMMM',
  y: 'yyyy MMMM',
}

const two = (n: number) => String(n).padStart(2, '0')

function offset(date: Date, form: 'K' | 'z' | 'zz' | 'zzz'): string {
  const minutes = -date.getTimezoneOffset()
  const sign = minutes >= 0 ? '+' : '-'
  const hours = Math.trunc(Math.abs(minutes) / 60)
  if (form === 'z') return `${sign}${hours}`
  if (form === 'zz') return `${sign}${two(hours)}`
  return `${sign}${two(hours)}:${two(Math.abs(minutes) % 60)}`
}

/** specifier renders one run of a custom specifier letter (`yyyy`, `MM`, `fff` …). */
function specifier(date: Date, letter: string, count: number): string {
  const ticks = String(date.getMilliseconds()).padStart(3, '0') + '0000'
  switch (letter) {
    case 'y':
      return count <= 2 ? String(date.getFullYear() % 100).padStart(count, '0') : String(date.getFullYear()).padStart(count, '0')
    case 'M':
      return count >= 4 ? MONTH_NAMES[date.getMonth()]! : count === 3 ? MONTH_NAMES[date.getMonth()]!.slice(0, 3) : String(date.getMonth() + 1).padStart(count, '0')
    case 'd':
      return count >= 4 ? DAY_NAMES[date.getDay()]! : count === 3 ? DAY_NAMES[date.getDay()]!.slice(0, 3) : String(date.getDate()).padStart(count, '0')
    case 'H':
      return String(date.getHours()).padStart(Math.min(count, 2), '0')
    case 'h':
      return String(date.getHours() % 12 || 12).padStart(Math.min(count, 2), '0')
    case 'm':
      return String(date.getMinutes()).padStart(Math.min(count, 2), '0')
    case 's':
      return String(date.getSeconds()).padStart(Math.min(count, 2), '0')
    case 'f':
      return ticks.slice(0, Math.min(count, 7))
    case 'F':
      return ticks.slice(0, Math.min(count, 7)).replace(/0+$/, '')
    case 't':
      return (date.getHours() < 12 ? 'AM' : 'PM').slice(0, count >= 2 ? 2 : 1)
    case 'K':
      return offset(date, 'K')
    default:
      return offset(date, count >= 3 ? 'zzz' : count === 2 ? 'zz' : 'z')
  }
}

/** formatDateTime renders a DateTime with a .NET format string. */
export function formatDateTime(date: Date, format: string): string {
  const pattern = format.length === 1 ? (STANDARD[format] ?? format) : format.replace(/^%(.)$/, '$1')
  let out = ''
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!
    if (ch === "'" || ch === '"') {
      const end = pattern.indexOf(ch, i + 1)
      out += pattern.slice(i + 1, end < 0 ? pattern.length : end)
      i = end < 0 ? pattern.length : end + 1
    } else if (ch === '\\') {
      out += pattern[i + 1] ?? ''
      i += 2
    } else if ('yMdHhmsfFtKz'.includes(ch)) {
      let count = 1
      while (pattern[i + count] === ch) count++
      out += specifier(date, ch, count)
      i += count
    } else {
      out += ch
      i++
    }
  }
  return out
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i

/** parseDateTime reads Get-Date -Date and [datetime] casts: ISO 8601 (with offset or Z) or MM/dd/yyyy [HH:mm:ss]. */
export function parseDateTime(text: string): Date | undefined {
  const t = text.trim()
  const iso = ISO.exec(t)
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = iso as unknown as string[]
    const ms = Number(frac!.padEnd(3, '0').slice(0, 3))
    if (!zone) return valid(new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms))
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms)
    if (zone.toUpperCase() === 'Z') return valid(new Date(utc))
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.replace(/[+:-]/g, '')
    return valid(new Date(utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000))
  }
  const us = US.exec(t)
  if (!us) return undefined
  const [, mo, d, y, h = '0', mi = '0', s = '0', half] = us as unknown as string[]
  let hours = Number(h)
  if (half?.toUpperCase() === 'PM' && hours < 12) hours += 12
  if (half?.toUpperCase() === 'AM' && hours === 12) hours = 0
  return valid(new Date(Number(y), Number(mo) - 1, Number(d), hours, Number(mi), Number(s)))
}

function valid(date: Date): Date | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date
}
