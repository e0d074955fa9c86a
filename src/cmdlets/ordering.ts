import {compileParameterWildcard} from '../values/wildcard-errors.js'
import type {CmdletContext} from './definition.js'

/** Ordering and filtering of Get- output (cmdlets.md A3: case-insensitive ordinal by Identity). */

/** compareIdentity compares two identities case-insensitively, ordinal (by UTF-16 code unit). */
export function compareIdentity(a: string, b: string): number {
  const x = a.toUpperCase()
  const y = b.toUpperCase()
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * filterByWildcard keeps the items whose identity matches a -Filter pattern (powershell.md §7.7); an
 * invalid pattern is the cmdlet's error even when there are no items (§5.3).
 */
function filterByWildcard<T>(cmdlet: string, items: readonly T[], pattern: string | null | undefined, identity: (item: T) => string): T[] {
  if (pattern === undefined || pattern === null) return [...items]
  const wildcard = compileParameterWildcard(cmdlet, pattern)
  return items.filter((item) => wildcard.matches(identity(item)))
}

/**
 * writeListing is a Get- cmdlet without -Identity: every item sorted by identity, kept when it
 * matches -Filter, written as its Lync object.
 */
export function writeListing<T>(ctx: CmdletContext, items: Iterable<T>, identity: (item: T) => string, toObject: (item: T) => unknown): void {
  const sorted = [...items].sort((a, b) => compareIdentity(identity(a), identity(b)))
  for (const item of filterByWildcard(ctx.cmdlet, sorted, ctx.get<string>('Filter'), identity)) ctx.writeObject(toObject(item))
}
