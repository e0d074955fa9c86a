import {isDash} from './typographic.js'

/**
 * Number literals (powershell.md §2.5), shared by the script scanner and the argv reader (§1.2), so
 * that `5`, `0x10`, `1KB`, `-3` and `–3` (a typographic minus, §2.9) mean the same in both.
 */

/** NUMBER_LITERAL matches a literal without its sign; sticky, so a scanner can try it at an offset. */
export const NUMBER_LITERAL = /(0x[0-9a-f]+|(?:\d+(?:\.(?!\.)\d*)?|\.\d+)(?:e[+-]?\d+)?)(l)?(kb|mb|gb|tb|pb)?(d)?/iy
const MULTIPLIERS: Record<string, number> = {kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30, tb: 2 ** 40, pb: 2 ** 50}

/** NumberLiteral is a literal's value and .NET type; decimal marks the `d` suffix, outside the subset. */
export interface NumberLiteral {
  readonly value: number
  readonly type: 'Int32' | 'Int64' | 'Double'
  readonly decimal: boolean
}

/** readNumberLiteral reads a whole text, with an optional sign, as a number literal; undefined when it is not one. */
export function readNumberLiteral(whole: string): NumberLiteral | undefined {
  const sign = whole[0] === '+' ? '+' : isDash(whole[0]) ? '-' : ''
  NUMBER_LITERAL.lastIndex = sign.length
  const match = NUMBER_LITERAL.exec(whole)
  if (!match || match.index + match[0].length !== whole.length) return undefined
  const [, digits, long, multiplier, decimal] = match as unknown as [string, string, string?, string?, string?]
  const hex = /^0x/i.test(digits)
  let value = hex ? Number.parseInt(digits.slice(2), 16) : Number(digits)
  if (hex && !long && value <= 0xffffffff) value |= 0 // COMPAT(powershell): 0xFFFFFFFF is the Int32 -1.
  value *= MULTIPLIERS[multiplier?.toLowerCase() ?? ''] ?? 1
  if (sign === '-') value = -value
  const integral = hex || !/[.e]/i.test(digits)
  const type = !integral && !multiplier ? 'Double' : !long && value >= -2147483648 && value <= 2147483647 && Number.isInteger(value) ? 'Int32' : Number.isSafeInteger(value) ? 'Int64' : 'Double'
  return {value, type, decimal: decimal !== undefined}
}
