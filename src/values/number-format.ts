import {formatException} from './runtime-errors.js'

/**
 * .NET standard numeric formats of the format operator (powershell.md §5.2) with the invariant
 * culture. DECISION: csxmpp knows N, F, D, X and P (with an optional precision 0-99); E, G, R and
 * custom formats such as `0.00` are refused by the caller, and so is C, whose symbol is a culture's.
 * Like .NET Framework (Windows PowerShell 5.1), a Double is first taken to 15 significant digits
 * and then rounded half away from zero, so `{0:N2}` of 1.005 is 1.01; integers keep every digit.
 */

/** plainDigits writes |x| as a plain decimal string (no exponent). */
function plainDigits(x: number): string {
  // Integers beyond 2^53 can only be Doubles here, as in toPSString.
  if (Number.isSafeInteger(x)) return String(Math.abs(x))
  const [mantissa, exponentText] = Math.abs(x).toPrecision(15).split('e') as [string, string?]
  const [whole, fraction = ''] = mantissa.split('.') as [string, string?]
  const digits = whole + fraction
  const point = whole.length + Number(exponentText ?? 0)
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length)
  return `${digits.slice(0, point)}.${digits.slice(point)}`
}

/** increment adds one to a string of decimal digits, carrying through nines. */
function increment(digits: string): string {
  const chars = [...digits]
  let i = chars.length - 1
  for (; i >= 0 && chars[i] === '9'; i--) chars[i] = '0'
  if (i < 0) return `1${chars.join('')}`
  chars[i] = String(Number(chars[i]) + 1)
  return chars.join('')
}

/**
 * fixed rounds |x| × 10^shift half away from zero to `decimals` places and returns the integer part
 * and the fraction. The shift moves the decimal point in the digit string (P's ×100), as .NET does,
 * instead of multiplying in binary floating point.
 */
function fixed(x: number, decimals: number, shift = 0): [string, string] {
  const [whole, fraction = ''] = plainDigits(x).split('.') as [string, string?]
  const moved = whole + fraction.padEnd(shift, '0')
  const point = whole.length + shift
  const tail = moved.slice(point).padEnd(decimals + 1, '0')
  let digits = moved.slice(0, point) + tail.slice(0, decimals)
  if (Number(tail[decimals]) >= 5) digits = increment(digits)
  const cut = digits.length - decimals
  return [digits.slice(0, cut).replace(/^0+(?=\d)/, '') || '0', digits.slice(cut)]
}

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** signed puts the minus sign back; like .NET Framework, a value that rounds to zero has none. */
function signed(x: number, text: string): string {
  return x < 0 && /[1-9]/.test(text) ? `-${text}` : text
}

function decimal(x: number, precision: number | undefined, grouped: boolean, shift = 0): string {
  const [integer, fraction] = fixed(x, precision ?? 2, shift)
  return signed(x, (grouped ? group(integer) : integer) + (fraction ? `.${fraction}` : ''))
}

/** integerFormat is D or X, which .NET allows on integral types only. */
function integerFormat(x: number, letter: string, precision = 0): string {
  if (!Number.isSafeInteger(x)) throw formatException('Format specifier was invalid.')
  if (letter === 'D' || letter === 'd') return signed(x, String(Math.abs(x)).padStart(precision, '0'))
  // A negative Int32 shows its 32-bit two's complement, a negative Int64 its 64-bit one.
  const bits = x >= -(2 ** 31) ? 32 : 64
  const hex = (x < 0 ? BigInt.asUintN(bits, BigInt(x)) : BigInt(x)).toString(16).padStart(precision, '0')
  return letter === 'X' ? hex.toUpperCase() : hex
}

/**
 * formatNumber applies a standard numeric format; undefined when the format is not one csxmpp
 * knows. D or X of a non-integer throws .NET's FormatException (`Format specifier was invalid.`).
 */
export function formatNumber(x: number, format: string): string | undefined {
  const match = /^([NnFfDdXxPp])(\d{0,2})$/.exec(format)
  if (!match) return undefined
  const [, letter, precisionText] = match as unknown as [string, string, string]
  const precision = precisionText === '' ? undefined : Number(precisionText)
  const kind = letter.toUpperCase()
  if (kind === 'D' || kind === 'X') return integerFormat(x, letter, precision)
  // .NET writes the invariant symbols for NaN and the infinities whatever the format.
  if (Number.isNaN(x)) return 'NaN'
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity'
  if (kind === 'P') return `${decimal(x, precision, true, 2)} %`
  return decimal(x, precision, kind === 'N')
}
