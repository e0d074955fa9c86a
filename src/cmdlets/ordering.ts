import {wildcardToRegExp} from '../values/wildcard.js'

/** Ordering and filtering of Get- output (cmdlets.md A3: case-insensitive ordinal by Identity). */

/** compareIdentity compares two identities case-insensitively, ordinal (by UTF-16 code unit). */
export function compareIdentity(a: string, b: string): number {
  const x = a.toUpperCase()
  const y = b.toUpperCase()
  return x < y ? -1 : x > y ? 1 : 0
}

/** sortedBy returns the items sorted by the identity key. */
export function sortedBy<T>(items: Iterable<T>, identity: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareIdentity(identity(a), identity(b)))
}

/** filterByWildcard keeps the items whose identity matches a -Filter pattern (powershell.md §7.7). */
export function filterByWildcard<T>(items: readonly T[], pattern: string | undefined, identity: (item: T) => string): T[] {
  if (pattern === undefined || pattern === null) return [...items]
  const regex = wildcardToRegExp(pattern)
  return items.filter((item) => regex.test(identity(item)))
}
