/**
 * .NET standard numeric formats of the format operator (powershell.md §5.2): N, F, D, X, P with the
 * invariant culture. Like .NET Framework (Windows PowerShell 5.1), a Double is first taken to 15
 * significant digits and then rounded half away from zero, so `{0:N2}` of 1.005 is 1.01.
 */

/** plainDigits writes |x| to 15 significant digits as a plain decimal string (no exponent). */
function plainDigits(x: number): string {
  const [mantissa, exponentText] = Math.abs(x).toPrecision(15).split('e') as [string, string?]
  const exponent = Number(exponentText ?? 0)
  const [whole, fraction = ''] = mantissa.split('.') as [string, string?]
  const digits = whole + fraction
  const point = whole.length + exponent
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length)
  return `${digits.slice(0, point)}.${digits.slice(point)}`
}

/** fixed rounds |x| half away from zero to n decimals and returns [integer part, fraction]. */
function fixed(x: number, decimals: number): [string, string] {
  const [whole, fraction = ''] = plainDigits(x).split('.') as [string, string?]
  const padded = fraction.padEnd(decimals + 1, '0')
  let digits = whole + padded.slice(0, decimals)
  if (Number(padded[decimals]) >= 5) {
    // Carry the rounding through the digit string.
    const chars = [...digits]
    let i = chars.length - 1
    for (; i >= 0; i--) {
      if (chars[i] === '9') chars[i] = '0'
      else {
        chars[i] = String(Number(chars[i]) + 1)
        break
      }
    }
    digits = (i < 0 ? '1' : '') + chars.join('')
  }
  const cut = digits.length - decimals
  return [digits.slice(0, cut).replace(/^0+(?=\d)/, '') || '0', digits.slice(cut)]
}

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

function signed(x: number, text: string): string {
  return x < 0 && /[1-9]/.test(text) ? `-${text}` : text
}

/** formatNumber applies a standard numeric format; undefined when the format is not one csxmpp knows. */
export function formatNumber(x: number, format: string): string | undefined {
  const match = /^([NnFfDdXxPp])(\d{0,2})$/.exec(format)
  if (!match) return undefined
  const [, letter, precisionText] = match as unknown as [string, string, string]
  const precision = precisionText === '' ? undefined : Number(precisionText)
  switch (letter.toUpperCase()) {
    case 'N': {
      const [integer, fraction] = fixed(x, precision ?? 2)
      return signed(x, group(integer) + (fraction ? `.${fraction}` : ''))
    }
    case 'F': {
      const [integer, fraction] = fixed(x, precision ?? 2)
      return signed(x, integer + (fraction ? `.${fraction}` : ''))
    }
    case 'P': {
      const [integer, fraction] = fixed(x * 100, precision ?? 2)
      return `${signed(x, group(integer) + (fraction ? `.${fraction}` : ''))} %`
    }
    case 'D':
      if (!Number.isInteger(x)) return undefined
      return signed(x, String(Math.abs(x)).padStart(precision ?? 0, '0'))
    default: {
      if (!Number.isInteger(x)) return undefined
      const hex = (x < 0 ? x >>> 0 : x).toString(16).padStart(precision ?? 0, '0')
      return letter === 'X' ? hex.toUpperCase() : hex
    }
  }
}
