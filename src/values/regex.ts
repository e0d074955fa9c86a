import {PSHashtable} from './objects.js'
import {notSupportedError, runtimeError} from './runtime-errors.js'

/**
 * .NET regular expressions run by the JavaScript engine (powershell.md §5.1). Constructs that
 * differ are translated (`\A`, `\z`, `\Z`, `$`, `.`, a leading `(?i)`, `(?'name'…)`, `(?#…)`, a
 * leading `]` in a class); constructs JavaScript cannot express are refused by name, never
 * silently changed. Replacement strings are translated from .NET's `$0`/`${name}` syntax.
 * Known difference: without the `u` flag (which would reject .NET's identity escapes) `\w`, `\d`
 * and `\b` are ASCII-only, where .NET's are Unicode-aware.
 */

function unsupported(construct: string) {
  return notSupportedError(`The regular expression construct '${construct}' is not supported by csxmpp.`, construct)
}

/**
 * UNNAMED prefixes the names csxmpp gives to unnamed groups, so that `$Matches` can number them as
 * .NET does: unnamed groups first, named ones after (JavaScript numbers all groups in order).
 */
const UNNAMED = 'csxmpp_unnamed_'

/** Translation is the state of one pattern's translation. */
interface Translation {
  source: string
  unnamedGroups: number
  /** afterQuantifier: the last token was a quantifier, so a `+` now would make it possessive. */
  afterQuantifier: boolean
}

/** ESCAPES translates `\x` outside a character class: .NET's anchors in JavaScript's terms. */
const ESCAPES: Readonly<Record<string, string>> = {A: '^', z: '$', Z: '(?=\\n?$)'}

/** escape handles `\x` at `i`; returns how many characters it read. */
function escape(pattern: string, i: number, t: Translation, inClass: boolean): number {
  const next = pattern[i + 1] ?? ''
  const property = /^\\[pP]\{[^}]*\}?/.exec(pattern.slice(i))
  if (property) throw unsupported(property[0])
  if (!inClass && next === 'G') throw unsupported('\\G')
  const named = /^\\k'(\w+)'/.exec(pattern.slice(i))
  if (!inClass && named) {
    t.source += `\\k<${named[1]}>`
    return named[0].length
  }
  t.source += (!inClass && ESCAPES[next]) || `\\${next}`
  return 2
}

/** group handles `(` at `i` outside a class; returns how many characters it read. */
function group(pattern: string, i: number, t: Translation): number {
  const rest = pattern.slice(i)
  if (!rest.startsWith('(?')) {
    t.source += `(?<${UNNAMED}${++t.unnamedGroups}>`
    return 1
  }
  if (rest.startsWith('(?#')) {
    const end = rest.indexOf(')')
    return end < 0 ? rest.length : end + 1 // an inline comment: nothing to match
  }
  for (const construct of ['(?>', '(?(']) if (rest.startsWith(construct)) throw unsupported(construct)
  // Inline options, balancing groups `(?<a-b>` and numbered names `(?<2>`.
  const refused = /^\(\?[imnsx-]+[):]/.exec(rest) ?? /^\(\?(?:<(?:\w*-\w+|\d+)>|'(?:\w*-\w+|\d+)')/.exec(rest)
  if (refused) throw unsupported(refused[0])
  const quoted = /^\(\?'(\w+)'/.exec(rest)
  if (quoted) {
    t.source += `(?<${quoted[1]}>`
    return quoted[0].length
  }
  t.source += '(?'
  return 2
}

/** characterClass copies `[…]` from `i`; returns how many characters it read. */
function characterClass(pattern: string, i: number, t: Translation): number {
  let j = i + 1
  t.source += '['
  if (pattern[j] === '^') t.source += pattern[j++]
  // .NET reads a `]` first in a class as a literal; JavaScript reads `[]` as the empty class.
  if (pattern[j] === ']') {
    t.source += '\\]'
    j++
  }
  while (j < pattern.length && pattern[j] !== ']') {
    if (pattern[j] === '\\') j += escape(pattern, j, t, true)
    else if (pattern[j] === '-' && pattern[j + 1] === '[') throw unsupported('-[')
    else t.source += pattern[j++]
  }
  if (j < pattern.length) t.source += ']'
  return j + 1 - i
}

/** token translates the construct at `i` outside a class; returns how many characters it read. */
function token(pattern: string, i: number, t: Translation): number {
  const ch = pattern[i]!
  if (ch === '+' && t.afterQuantifier) throw unsupported(`${pattern[i - 1]}+`)
  const counted = ch === '{' ? /^\{\d+(,\d*)?\}/.exec(pattern.slice(i)) : null
  t.afterQuantifier = counted !== null || '*+?'.includes(ch)
  if (counted) t.source += counted[0]
  else if (ch === '\\') return escape(pattern, i, t, false)
  else if (ch === '(') return group(pattern, i, t)
  else if (ch === '[') return characterClass(pattern, i, t)
  // .NET's `.` excludes only \n (JavaScript's also \r, U+2028, U+2029); its `$` also matches before a final \n.
  else t.source += ch === '.' ? '[^\\n]' : ch === '$' ? '(?=\\n?$)' : ch
  return counted ? counted[0].length : 1
}

/** translate rewrites a .NET pattern for JavaScript, or throws for a construct it cannot express. */
function translate(pattern: string): {source: string; ignoreCase: boolean} {
  const ignoreCase = pattern.startsWith('(?i)')
  const t: Translation = {source: '', unnamedGroups: 0, afterQuantifier: false}
  for (let i = ignoreCase ? 4 : 0; i < pattern.length; ) i += token(pattern, i, t)
  return {source: t.source, ignoreCase}
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

/**
 * toReplacement translates a .NET replacement string to JavaScript's: `$0` → `$&`, `${1}` → `$01`,
 * `${name}` → `$<name>`; `$n`, `$$`, `$&`, `` $` `` and `$'` mean the same in both; any other `$`
 * is literal in .NET and is escaped. `$+` and `$_` have no JavaScript form and are refused.
 */
export function toReplacement(replacement: string): string {
  return replacement.replace(/\$(?:([$&`'])|(\d+)|\{(\w+)\}|([+_]))?/g, (whole, same?: string, digits?: string, name?: string, refused?: string) => {
    if (refused !== undefined) throw unsupported(whole)
    if (same !== undefined) return whole
    if (digits !== undefined) return Number(digits) === 0 ? '$&' : whole
    if (name === undefined) return '$$'
    // `${1}0` must not read as group 10: JavaScript's two-digit `$01` ends the number.
    if (/^\d+$/.test(name)) return Number(name) === 0 ? '$&' : `$${name.padStart(2, '0')}`
    return `$<${name}>`
  })
}

/**
 * matchGroups builds `$Matches` (§5) as PS 5.1 does: the groups that took part, named ones by name,
 * unnamed ones by their .NET number, and `0` the whole match. Order: named groups in pattern order,
 * then the numbers descending, as a .NET Hashtable lists small integer keys.
 */
export function matchGroups(match: RegExpExecArray): PSHashtable {
  const table = new PSHashtable()
  const unnamed: Array<[string, string]> = []
  for (const [name, value] of Object.entries(match.groups ?? {})) {
    if (value === undefined) continue
    if (name.startsWith(UNNAMED)) unnamed.push([name.slice(UNNAMED.length), value])
    else table.set(name, value)
  }
  for (const [number, value] of unnamed.reverse()) table.set(number, value)
  table.set('0', match[0])
  return table
}
