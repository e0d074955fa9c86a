import {PSHashtable} from './objects.js'
import {notSupportedError, runtimeError} from './runtime-errors.js'

/**
 * .NET regular expressions run by the JavaScript engine (powershell.md §5.1): `\A`, `\z`, `\Z` and a
 * leading `(?i)` are translated; constructs JavaScript cannot express are refused by name, never
 * silently changed; replacement strings are translated from .NET's `$0`/`${name}` syntax.
 */

function unsupported(construct: string) {
  return notSupportedError(`The regular expression construct '${construct}' is not supported by csxmpp.`, construct)
}

/** translate rewrites a .NET pattern for JavaScript, or throws for a construct it cannot express. */
function translate(pattern: string): {source: string; ignoreCase: boolean} {
  let source = ''
  let ignoreCase = false
  let inClass = false
  let i = 0
  if (pattern.startsWith('(?i)')) {
    ignoreCase = true
    i = 4
  }
  while (i < pattern.length) {
    const ch = pattern[i]!
    const next = pattern[i + 1]
    if (ch === '\\') {
      if (!inClass && next === 'A') source += '^'
      else if (!inClass && (next === 'z' || next === 'Z')) source += '$'
      else if (!inClass && next === 'G') throw unsupported('\\G')
      else source += ch + (next ?? '')
      i += 2
      continue
    }
    if (inClass) {
      if (ch === ']') inClass = false
      source += ch
      i++
      continue
    }
    if (ch === '[') inClass = true
    if (ch === '(' && next === '?') checkGroup(pattern.slice(i))
    if ((ch === '*' || ch === '+' || ch === '?' || ch === '}') && next === '+') throw unsupported(`${ch}+`)
    source += ch
    i++
  }
  return {source, ignoreCase}
}

/** checkGroup refuses the `(?` groups of .NET that JavaScript lacks (§5.1). */
function checkGroup(rest: string): void {
  if (rest.startsWith('(?>')) throw unsupported('(?>')
  if (rest.startsWith('(?(')) throw unsupported('(?(')
  const options = /^\(\?[imnsx-]+[):]/.exec(rest)
  if (options) throw unsupported(options[0])
  const balancing = /^\(\?<\w*-\w+>/.exec(rest)
  if (balancing) throw unsupported(balancing[0])
}

/** toRegExp compiles a .NET pattern: case-insensitive unless a `c` operator asked otherwise. */
export function toRegExp(pattern: string, options: {caseSensitive: boolean; global?: boolean}): RegExp {
  const {source, ignoreCase} = translate(pattern)
  const flags = `${ignoreCase || !options.caseSensitive ? 'i' : ''}${options.global ? 'g' : ''}`
  try {
    return new RegExp(source, flags)
  } catch {
    throw runtimeError(`The regular expression pattern ${pattern} is not valid.`, 'InvalidRegularExpression', 'InvalidOperation', 'RuntimeException', pattern)
  }
}

/** toReplacement translates a .NET replacement (`$0`, `$1`, `${name}`, `$$`) to JavaScript's. */
export function toReplacement(replacement: string): string {
  return replacement.replace(/\$(\$|0|\{([^}]+)\}|\d+|[&`'])|\$/g, (whole, what: string | undefined, name: string | undefined) => {
    if (what === undefined) return '$$' // a lone `$` is literal in .NET
    if (what === '0') return '$&'
    if (name !== undefined) return /^\d+$/.test(name) ? `$${name}` : `$<${name}>`
    return whole
  })
}

/** matchGroups builds `$Matches`: `0` the whole match, numbered and named groups that took part (§5). */
export function matchGroups(match: RegExpExecArray): PSHashtable {
  const table = new PSHashtable()
  for (const [name, value] of Object.entries(match.groups ?? {})) if (value !== undefined) table.set(name, value)
  const named = new Set(Object.values(match.groups ?? {}))
  for (let i = match.length - 1; i >= 0; i--) {
    const value = match[i]
    // Named groups are numbered too in JavaScript; PowerShell lists them by name only.
    if (value !== undefined && (i === 0 || !named.has(value) || Object.keys(match.groups ?? {}).length === 0)) table.set(String(i), value)
  }
  return table
}
