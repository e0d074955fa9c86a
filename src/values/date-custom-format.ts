import {DAY_NAMES, MONTH_NAMES} from './date-format.js'
import {formatException} from './runtime-errors.js'

/**
 * .NET date and time format strings with the invariant culture (powershell.md §5.2, §9 Get-Date
 * -Format, §4.5 DateTime.ToString): the standard one-letter formats and the custom specifiers.
 * DECISION: `d`, `g`, `G` … use the invariant culture's patterns (`MM/dd/yyyy`), where Windows
 * PowerShell would use the machine's culture; every DateTime counts as local (.NET's Kind Local),
 * so `K` and `o` always show the process's UTC offset.
 */

/** DateParts are the fields one rendering reads: local time, or UTC for `U`. */
interface DateParts {
  year: number
  month: number
  day: number
  weekday: number
  hour: number
  minute: number
  second: number
  millisecond: number
  offsetMinutes: number
}

function localParts(d: Date): DateParts {
  return {
    year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), weekday: d.getDay(),
    hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds(), millisecond: d.getMilliseconds(),
    offsetMinutes: -d.getTimezoneOffset(),
  }
}

function utcParts(d: Date): DateParts {
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds(),
    offsetMinutes: 0,
  }
}

/** The invariant culture's standard formats; `r` and `u` label local time as UTC, as .NET does. */
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
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  U: 'dddd, dd MMMM yyyy HH:mm:ss',
  Y: 'yyyy MMMM',
  y: 'yyyy MMMM',
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

function offset(minutes: number, count: number): string {
  const sign = minutes >= 0 ? '+' : '-'
  const hours = Math.trunc(Math.abs(minutes) / 60)
  if (count === 1) return `${sign}${hours}`
  if (count === 2) return `${sign}${pad(hours, 2)}`
  return `${sign}${pad(hours, 2)}:${pad(Math.abs(minutes) % 60, 2)}`
}

/** specifier renders one run of a custom specifier letter (`yyyy`, `MM`, `fff` …). */
function specifier(p: DateParts, letter: string, count: number): string | undefined {
  const fraction = pad(p.millisecond, 3) + '0000'
  const name = (names: readonly string[], index: number) => (count === 3 ? names[index]!.slice(0, 3) : names[index]!)
  switch (letter) {
    case 'y':
      return pad(count <= 2 ? p.year % 100 : p.year, count)
    case 'M':
      return count >= 3 ? name(MONTH_NAMES, p.month - 1) : pad(p.month, count)
    case 'd':
      return count >= 3 ? name(DAY_NAMES, p.weekday) : pad(p.day, count)
    case 'H':
      return pad(p.hour, Math.min(count, 2))
    case 'h':
      return pad(p.hour % 12 || 12, Math.min(count, 2))
    case 'm':
      return pad(p.minute, Math.min(count, 2))
    case 's':
      return pad(p.second, Math.min(count, 2))
    case 'f':
      return count > 7 ? undefined : fraction.slice(0, count)
    case 'F':
      return count > 7 ? undefined : fraction.slice(0, count).replace(/0+$/, '')
    case 't':
      return (p.hour < 12 ? 'AM' : 'PM').slice(0, count >= 2 ? 2 : 1)
    case 'g':
      return 'A.D.'
    case 'K':
      return offset(p.offsetMinutes, 3)
    default:
      return offset(p.offsetMinutes, Math.min(count, 3))
  }
}

/** quoted reads a '…' or "…" literal from `start` (the quote); undefined when unterminated. */
function quoted(pattern: string, start: number): [string, number] | undefined {
  let text = ''
  for (let i = start + 1; i < pattern.length; i++) {
    if (pattern[i] === pattern[start]) return [text, i + 1]
    if (pattern[i] === '\\') i++
    if (i >= pattern.length) return undefined
    text += pattern[i]
  }
  return undefined
}

/** renderCustom renders a custom format; undefined where .NET throws a FormatException. */
function renderCustom(p: DateParts, pattern: string): string | undefined {
  let out = ''
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!
    let piece: string | undefined
    let length = 1
    if (ch === "'" || ch === '"') {
      const literal = quoted(pattern, i)
      if (!literal) return undefined
      ;[piece, length] = [literal[0], literal[1] - i]
    } else if (ch === '\\' || ch === '%') {
      // `\x` is a literal x; `%x` is the one specifier x alone (how `%d` differs from the standard `d`).
      const next = pattern[i + 1]
      if (next === undefined || (ch === '%' && next === '%')) return undefined
      piece = ch === '\\' || !SPECIFIERS.includes(next) ? next : specifier(p, next, 1)
      length = 2
    } else if (SPECIFIERS.includes(ch)) {
      // Every K stands alone; the other letters take their whole run.
      while (pattern[i + length] === ch && ch !== 'K') length++
      piece = specifier(p, ch, length)
    } else piece = ch
    if (piece === undefined) return undefined
    // COMPAT(.NET): an `F` run that writes nothing also drops the `.` before it.
    out = piece === '' && ch === 'F' && out.endsWith('.') ? out.slice(0, -1) : out + piece
    i += length
  }
  return out
}

const SPECIFIERS = 'yMdHhmsfFtgKz'

/** tryFormatDateTime renders a DateTime with a .NET format string; undefined for an invalid format. */
export function tryFormatDateTime(date: Date, format: string): string | undefined {
  if (format.length > 1) return renderCustom(localParts(date), format)
  const pattern = STANDARD[format || 'G']
  if (pattern === undefined) return undefined
  return renderCustom(format === 'U' ? utcParts(date) : localParts(date), pattern)
}

/** formatDateTime renders a DateTime with a .NET format string (`DateTime.ToString(format)`, Get-Date -Format). */
export function formatDateTime(date: Date, format: string): string {
  const text = tryFormatDateTime(date, format)
  if (text === undefined) throw formatException('Input string was not in a correct format.')
  return text
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(AM|PM))?)?$/i

/**
 * dateFrom builds a Date from fields read as local time, or as UTC shifted by `zoneMinutes`;
 * undefined when a field is out of range (.NET refuses February 30, JavaScript would roll over).
 */
function dateFrom(fields: readonly number[], zoneMinutes?: number): Date | undefined {
  const [year, month, day, hour, minute, second, millisecond] = fields as [number, number, number, number, number, number, number]
  const date = new Date(0)
  if (zoneMinutes === undefined) {
    date.setFullYear(year, month - 1, day)
    date.setHours(hour, minute, second, millisecond)
  } else {
    date.setUTCFullYear(year, month - 1, day)
    date.setUTCHours(hour, minute, second, millisecond)
  }
  const parts = zoneMinutes === undefined ? localParts(date) : utcParts(date)
  const same = parts.year === year && parts.month === month && parts.day === day && hour < 24 && minute < 60 && second < 60
  return same ? new Date(date.getTime() - (zoneMinutes ?? 0) * 60_000) : undefined
}

function zoneOffset(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  return (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)))
}

/**
 * parseDateTime reads Get-Date -Date and [datetime] casts: `yyyy-MM-dd[THH:mm[:ss[.fffffff]]]`,
 * ISO 8601 with an offset or `Z` (converted to local time, as .NET does), or the invariant
 * `MM/dd/yyyy [HH:mm[:ss]] [AM|PM]`; other text is undefined. Text without a zone is local time.
 */
export function parseDateTime(text: string): Date | undefined {
  const iso = ISO.exec(text.trim())
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone] = iso as unknown as string[]
    const ms = Number(fraction!.padEnd(3, '0').slice(0, 3))
    return dateFrom([y, mo, d, h, mi, s].map(Number).concat(ms), zone === undefined ? undefined : zoneOffset(zone))
  }
  const us = US.exec(text.trim())
  if (!us) return undefined
  const [, mo, d, y, h = '0', mi = '0', s = '0', half] = us as unknown as string[]
  let hour = Number(h)
  if (half !== undefined) {
    if (hour > 12) return undefined
    hour = (hour % 12) + (half.toUpperCase() === 'PM' ? 12 : 0)
  }
  return dateFrom([Number(y), Number(mo), Number(d), hour, Number(mi), Number(s), 0])
}
