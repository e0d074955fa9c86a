// TEMPORARY stub written by the lead so the interpreter can be smoke-tested; the helper writing
// the regex translation replaces this whole file (its brief owns src/values/regex.ts).
import {PSHashtable} from './objects.js'

export function toRegExp(pattern: string, options: {caseSensitive: boolean; global?: boolean}): RegExp {
  return new RegExp(pattern, `${options.caseSensitive ? '' : 'i'}${options.global ? 'g' : ''}`)
}

export function toReplacement(replacement: string): string {
  return replacement
}

export function matchGroups(match: RegExpExecArray): PSHashtable {
  const table = new PSHashtable()
  for (const [k, v] of Object.entries(match.groups ?? {})) table.set(k, v)
  match.forEach((v, i) => table.set(String(i), v))
  return table
}
