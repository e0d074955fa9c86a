import {parseNumber, toPSString} from '../../values/convert.js'
import {compileParameterWildcard} from '../../values/wildcard-errors.js'

/**
 * Get-CsUser -Filter: a filter block such as `{ExternalAccessPolicy -eq $null}` (powershell.md §7.7).
 * It is parsed as `Property -op Value` comparisons joined by -and, -or, -not and parentheses, never
 * run as code.
 */

type Operator = '-eq' | '-ne' | '-like' | '-notlike' | '-gt' | '-ge' | '-lt' | '-le'

/** UserFilter is a parsed filter block. */
export type UserFilter =
  | {kind: 'compare'; property: string; operator: Operator; value: FilterValue}
  | {kind: 'and' | 'or'; left: UserFilter; right: UserFilter}
  | {kind: 'not'; operand: UserFilter}

type FilterValue = {kind: 'literal'; value: unknown} | {kind: 'variable'; name: string}

const TOKEN = /\s*(\(|\)|!|-[a-z]+\b|'(?:[^']|'')*'|"(?:[^"`]|`.)*"|\$[\w:]+|[^\s()'"]+)/iy
const OPERATORS = new Set(['-eq', '-ne', '-like', '-notlike', '-gt', '-ge', '-lt', '-le'])

function tokenize(text: string): string[] | undefined {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break
    const match = TOKEN.exec(text)
    if (!match) return undefined
    tokens.push(match[1]!)
  }
  return tokens
}

/** parseUserFilter parses a filter block's text; undefined when it is outside the supported form. */
export function parseUserFilter(text: string): UserFilter | undefined {
  const body = text.trim().replace(/^\{([\s\S]*)\}$/, '$1')
  const tokens = tokenize(body)
  if (!tokens || tokens.length === 0) return undefined
  let pos = 0
  const peek = () => tokens[pos]?.toLowerCase()
  const or = (): UserFilter | undefined => {
    let left = and()
    while (left && peek() === '-or') {
      pos++
      const right = and()
      left = right && {kind: 'or', left, right}
    }
    return left
  }
  const and = (): UserFilter | undefined => {
    let left = not()
    while (left && peek() === '-and') {
      pos++
      const right = not()
      left = right && {kind: 'and', left, right}
    }
    return left
  }
  const not = (): UserFilter | undefined => {
    if (peek() === '-not' || peek() === '!') {
      pos++
      const operand = not()
      return operand && {kind: 'not', operand}
    }
    if (peek() === '(') {
      pos++
      const inner = or()
      return peek() === ')' && pos++ ? inner : undefined
    }
    const [property, operator, value] = tokens.slice(pos, pos + 3)
    if (!property || !/^[A-Za-z]\w*$/.test(property) || !operator || !OPERATORS.has(operator.toLowerCase()) || !value) return undefined
    pos += 3
    const parsed = readValue(value)
    return parsed && {kind: 'compare', property, operator: operator.toLowerCase() as Operator, value: parsed}
  }
  const filter = or()
  return filter && pos === tokens.length ? filter : undefined
}

function readValue(token: string): FilterValue | undefined {
  const lower = token.toLowerCase()
  if (lower === '$null') return {kind: 'literal', value: null}
  if (lower === '$true' || lower === '$false') return {kind: 'literal', value: lower === '$true'}
  if (token.startsWith('$')) return /^\$[\w:]+$/.test(token) ? {kind: 'variable', name: token.slice(1)} : undefined
  if (token.startsWith("'")) return {kind: 'literal', value: token.slice(1, -1).replaceAll("''", "'")}
  if (token.startsWith('"')) return {kind: 'literal', value: token.slice(1, -1).replace(/`(.)/g, '$1')}
  if (/^[(),]/.test(token) || token.startsWith('-')) return undefined
  const n = parseNumber(token)
  return {kind: 'literal', value: Number.isNaN(n) ? token : n}
}

/** compareValues compares as PowerShell does with the property's value on the left. */
function compareValues(left: unknown, right: unknown): number | undefined {
  if (left === null || right === null) return left === right ? 0 : undefined
  if (typeof left === 'boolean') {
    const r = typeof right === 'string' ? right.toLowerCase() === 'true' : Boolean(right)
    return left === r ? 0 : undefined
  }
  if (typeof left === 'number') {
    const r = typeof right === 'number' ? right : parseNumber(toPSString(right))
    return Number.isNaN(r) ? undefined : Math.sign(left - r)
  }
  const [a, b] = [toPSString(left).toLowerCase(), toPSString(right).toLowerCase()]
  return a < b ? -1 : a > b ? 1 : 0
}

/** matchesUserFilter evaluates a filter against an object's properties; an invalid -like pattern is the cmdlet's error. */
export function matchesUserFilter(
  cmdlet: string,
  filter: UserFilter,
  property: (name: string) => unknown,
  variable: (name: string) => unknown = () => null,
): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesUserFilter(cmdlet, filter.left, property, variable) && matchesUserFilter(cmdlet, filter.right, property, variable)
    case 'or':
      return matchesUserFilter(cmdlet, filter.left, property, variable) || matchesUserFilter(cmdlet, filter.right, property, variable)
    case 'not':
      return !matchesUserFilter(cmdlet, filter.operand, property, variable)
    case 'compare': {
      const left = property(filter.property)
      const right = filter.value.kind === 'literal' ? filter.value.value : variable(filter.value.name)
      if (filter.operator === '-like' || filter.operator === '-notlike') {
        const like = compileParameterWildcard(cmdlet, toPSString(right)).matches(toPSString(left))
        return filter.operator === '-like' ? like : !like
      }
      const order = compareValues(left, right)
      switch (filter.operator) {
        case '-eq':
          return order === 0
        case '-ne':
          return order !== 0
        case '-gt':
          return order !== undefined && order > 0
        case '-ge':
          return order !== undefined && order >= 0
        case '-lt':
          return order !== undefined && order < 0
        case '-le':
          return order !== undefined && order <= 0
      }
    }
  }
}
