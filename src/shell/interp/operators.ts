import {ErrorRecord} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {formatOperator} from '../../values/dotnet-format.js'
import {PSEnumValue, PSHashtable, PSTimeSpan} from '../../values/objects.js'
import {matchGroups, toRegExp, toReplacement} from '../../values/regex.js'
import {runtimeError} from '../../values/runtime-errors.js'
import {compileOperatorWildcard} from '../../values/wildcard-errors.js'
import {toBoolean, toNumber} from './convert.js'

/**
 * The binary and unary operators of powershell.md §5: the left operand decides the kind of
 * comparison, a collection on the left filters, strings compare case-insensitively unless the
 * `c` form is used. `-and`/`-or` short-circuit and `-is`/`-as` take a type; the interpreter does those.
 */

/** OperatorContext receives `$Matches` from a scalar `-match`. */
export interface OperatorContext {
  setMatches(table: PSHashtable): void
}

const MAX_RANGE = 10_000_000

/** caseForm splits `-ceq` into its base `eq` and whether it is case-sensitive. */
function caseForm(op: string): {base: string; caseSensitive: boolean} {
  const name = op.slice(1)
  if (/^[ci](eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)$/.test(name)) {
    return {base: name.slice(1), caseSensitive: name[0] === 'c'}
  }
  return {base: name, caseSensitive: false}
}

/** psEquals is `-eq` of one left value: the right operand is converted to the left one's type. */
export function psEquals(left: unknown, right: unknown, caseSensitive = false): boolean {
  if (left === null || left === undefined) return right === null || right === undefined
  if (right === null || right === undefined) return false
  if (left instanceof PSEnumValue) return left.name.toLowerCase() === toPSString(right).toLowerCase()
  if (typeof left === 'string') {
    const r = toPSString(right)
    return caseSensitive && !(right instanceof PSEnumValue) ? left === r : left.toLowerCase() === r.toLowerCase()
  }
  if (typeof left === 'number') {
    try {
      return left === toNumber(right)
    } catch {
      return false
    }
  }
  if (typeof left === 'boolean') return left === toBoolean(right)
  if (left instanceof Date) return right instanceof Date && left.getTime() === right.getTime()
  if (left instanceof PSTimeSpan) return right instanceof PSTimeSpan && left.ticks === right.ticks
  return left === right
}

/** psCompare orders two values (§5): numbers numerically, strings ordinally (case-folded), enums by declaration. */
export function psCompare(left: unknown, right: unknown, caseSensitive = false): number {
  if (left === null || left === undefined) return right === null || right === undefined ? 0 : -1
  if (right === null || right === undefined) return 1
  if (typeof left === 'number') {
    let r: number
    try {
      r = toNumber(right)
    } catch (error) {
      const detail = error instanceof ErrorRecord ? error.message : String(error)
      throw runtimeError(`Could not compare "${toPSString(left)}" to "${toPSString(right)}". Error: "${detail}"`, 'ComparisonFailure', 'InvalidOperation')
    }
    return Math.sign(left - r)
  }
  if (left instanceof PSEnumValue) {
    const index = left.type.names.findIndex((n) => n.toLowerCase() === toPSString(right).toLowerCase())
    return Math.sign(left.type.names.indexOf(left.name) - index)
  }
  if (left instanceof Date && right instanceof Date) return Math.sign(left.getTime() - right.getTime())
  if (left instanceof PSTimeSpan && right instanceof PSTimeSpan) return Math.sign(left.ticks - right.ticks)
  if (typeof left === 'boolean') return Math.sign(Number(left) - Number(toBoolean(right)))
  let a = toPSString(left)
  let b = toPSString(right)
  if (!caseSensitive) [a, b] = [a.toLowerCase(), b.toLowerCase()]
  return a < b ? -1 : a > b ? 1 : 0
}

function scalarCompare(base: string, left: unknown, right: unknown, cs: boolean, ctx: OperatorContext, filtering: boolean): boolean {
  switch (base) {
    case 'eq':
      return psEquals(left, right, cs)
    case 'ne':
      return !psEquals(left, right, cs)
    case 'gt':
      return psCompare(left, right, cs) > 0
    case 'ge':
      return psCompare(left, right, cs) >= 0
    case 'lt':
      return psCompare(left, right, cs) < 0
    case 'le':
      return psCompare(left, right, cs) <= 0
    default: {
      const match = toRegExp(toPSString(right), {caseSensitive: cs}).exec(toPSString(left))
      if (match && !filtering) ctx.setMatches(matchGroups(match))
      return (match !== null) === (base === 'match')
    }
  }
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value]
}

/** comparison evaluates `-eq` … `-notmatch`, `-contains`, `-in` and their c/i forms. */
function comparison(base: string, left: unknown, right: unknown, cs: boolean, ctx: OperatorContext): unknown {
  if (base === 'contains' || base === 'notcontains') return asList(left).some((l) => psEquals(l, right, cs)) === (base === 'contains')
  if (base === 'in' || base === 'notin') return asList(right).some((r) => psEquals(left, r, cs)) === (base === 'in')
  if (base === 'like' || base === 'notlike') return like(base === 'like', left, right, cs)
  if (Array.isArray(left)) return left.filter((l) => scalarCompare(base, l, right, cs, ctx, true))
  return scalarCompare(base, left, right, cs, ctx, false)
}

/**
 * like evaluates `-like`/`-notlike` (§5.3). The pattern is compiled first, so an invalid one is an
 * error even with nothing on the left; a collection gives the string forms of its matching elements.
 */
function like(wanted: boolean, left: unknown, right: unknown, cs: boolean): unknown {
  const pattern = compileOperatorWildcard(toPSString(right), cs)
  const test = (text: string) => pattern.matches(text) === wanted
  return Array.isArray(left) ? left.map(toPSString).filter(test) : test(toPSString(left))
}

function replace(left: unknown, right: unknown, cs: boolean): unknown {
  const [pattern, replacement = ''] = asList(right)
  const regex = toRegExp(toPSString(pattern), {caseSensitive: cs, global: true})
  const to = toReplacement(toPSString(replacement))
  const one = (value: unknown) => toPSString(value).replace(regex, to)
  return Array.isArray(left) ? left.map(one) : one(left)
}

function split(left: unknown, right: unknown, cs: boolean): string[] {
  const [pattern, max] = asList(right)
  const limit = max === undefined || max === null ? 0 : toNumber(max)
  const regex = toRegExp(toPSString(pattern), {caseSensitive: cs, global: true})
  return asList(left).flatMap((value) => {
    const text = toPSString(value)
    const parts: string[] = []
    let last = 0
    let pieces = 0
    for (const match of text.matchAll(regex)) {
      if (limit > 0 && pieces === limit - 1) break
      if (match[0] === '' && match.index === last) continue
      parts.push(text.slice(last, match.index))
      pieces++
      // Captured groups are part of the result, as in .NET's Regex.Split: "a1b2" -split '(\d)' is a,1,b,2,"".
      for (const group of match.slice(1)) if (group !== undefined) parts.push(group)
      last = match.index! + match[0].length
    }
    parts.push(text.slice(last))
    return parts
  })
}

function add(left: unknown, right: unknown): unknown {
  if (left === null || left === undefined) return Array.isArray(right) ? [...right] : right
  if (typeof left === 'string') return left + toPSString(right)
  if (Array.isArray(left)) return [...left, ...(Array.isArray(right) ? right : [right])]
  if (left instanceof PSHashtable) {
    if (!(right instanceof PSHashtable)) throw runtimeError('A hash table can only be added to another hash table.', 'AddHashTableToNonHashTable', 'InvalidOperation')
    const merged = new PSHashtable()
    for (const [k, v] of [...left.entries(), ...right.entries()]) {
      if (merged.has(k)) throw duplicateKey(k)
      merged.set(k, v)
    }
    return merged
  }
  if (left instanceof Date && right instanceof PSTimeSpan) return new Date(left.getTime() + right.ticks / 10_000)
  return toNumber(left) + toNumber(right)
}

/** duplicateKey is .NET's Hashtable.Add message (§4.5). */
export function duplicateKey(key: string): ErrorRecord {
  return runtimeError(`Item has already been added. Key in dictionary: '${key}'  Key being added: '${key}'`, 'ArgumentException', 'NotSpecified', 'ArgumentException')
}

function multiply(left: unknown, right: unknown): unknown {
  if (typeof left === 'string') return left.repeat(Math.max(0, toNumber(right)))
  if (Array.isArray(left)) return Array.from({length: Math.max(0, toNumber(right))}, () => left).flat()
  return toNumber(left) * toNumber(right)
}

function divide(left: unknown, right: unknown, op: '/' | '%'): number {
  const r = toNumber(right)
  if (r === 0) throw runtimeError('Attempted to divide by zero.', 'RuntimeException', 'NotSpecified', 'RuntimeException')
  const l = toNumber(left)
  return op === '/' ? l / r : l % r
}

/** range is `a..b`, ascending or descending (§5). */
export function range(from: unknown, to: unknown): number[] {
  const a = Math.round(toNumber(from))
  const b = Math.round(toNumber(to))
  if (Math.abs(b - a) + 1 > MAX_RANGE) throw runtimeError('The range is too large.', 'RangeTooLarge', 'InvalidOperation')
  const step = a <= b ? 1 : -1
  return Array.from({length: Math.abs(b - a) + 1}, (_, i) => a + i * step)
}

/** binaryOperator evaluates every binary operator except `-and`, `-or`, `-is`, `-isnot` and `-as`. */
export function binaryOperator(op: string, left: unknown, right: unknown, ctx: OperatorContext): unknown {
  const {base, caseSensitive} = caseForm(op)
  switch (op) {
    case '+':
      return add(left, right)
    case '-':
      if (left instanceof Date && right instanceof Date) return new PSTimeSpan((left.getTime() - right.getTime()) * 10_000)
      return toNumber(left) - toNumber(right)
    case '*':
      return multiply(left, right)
    case '/':
    case '%':
      return divide(left, right, op)
    case '..':
      return range(left, right)
    case '-f':
      return formatOperator(toPSString(left), asList(right))
    case '-xor':
      return toBoolean(left) !== toBoolean(right)
    case '-join':
      return asList(left).map(toPSString).join(toPSString(right))
  }
  if (base === 'replace') return replace(left, right, caseSensitive)
  if (base === 'split') return split(left, right, caseSensitive)
  return comparison(base, left, right, caseSensitive, ctx)
}

/** unaryOperator evaluates `-not`, `-`, `+`, `-split` and `-join`. */
export function unaryOperator(op: string, operand: unknown): unknown {
  switch (op) {
    case '-not':
      return !toBoolean(operand)
    case '-':
      return -toNumber(operand)
    case '+':
      return toNumber(operand)
    case '-split':
      return asList(operand).flatMap((v) => toPSString(v).trim().split(/\s+/).filter((s) => s !== ''))
    case '-join':
      return asList(operand).map(toPSString).join('')
  }
  throw new Error(`unknown unary operator ${op}`)
}

