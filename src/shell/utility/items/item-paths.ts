import {lstatSync, readdirSync} from 'node:fs'
import path from 'node:path'
import type {ParameterDefinition} from '../../../binding/parameter.js'
import {ErrorRecord} from '../../../errors.js'
import {toPSString} from '../../../values/convert.js'
import {type WildcardPattern, WildcardPatternError, compileWildcard} from '../../../values/wildcard.js'
import {enumerate} from '../../interp/interpreter.js'
import type {UtilityContext} from '../command.js'
import {param} from '../parameters.js'
import {fileSystemError, invalidWildcard, itemNotFound, itemPath, nullPath} from './errors.js'
import {FILE_ITEM_TYPES} from './file-item.js'

/**
 * The -Path of the file cmdlets (powershell.md §9 Paths): several paths, each relative to the current
 * directory, with wildcards in the last segment for the cmdlets that take them; names match ignoring
 * case (DECISION) and hidden names (a leading `.`) only match with -Force.
 */

/** pathParameter is the -Path of the file cmdlets: position 0, several paths, piped strings or file items. */
export function pathParameter(description: string, mandatory = true): ParameterDefinition {
  return param('Path', 'strings', {position: 0, pipe: true, mandatory, pipelineTypes: FILE_ITEM_TYPES, description})
}

/** requirePaths reads a mandatory -Path: `$null` or `""` is PS's binding error. */
export function requirePaths(cmdlet: string, value: unknown): string[] {
  const paths = enumerate(value ?? null).map((p) => (p === null ? null : toPSString(p)))
  if (paths.length === 0 || paths.includes(null)) throw nullPath(cmdlet, false)
  if (paths.includes('')) throw nullPath(cmdlet, true)
  return paths as string[]
}

/** isHidden: names starting with `.` are hidden, as pwsh on Linux has it. */
export function isHidden(name: string): boolean {
  return name.startsWith('.')
}

/** byName orders names ignoring case, as PS lists a directory (§9 Get-ChildItem). */
export function byName(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()]
  if (x !== y) return x < y ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** splitLast splits a path as written at its last separator (`/` or `\\`): the directory part and the last segment. */
export function splitLast(text: string): [string, string] {
  const separator = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'))
  return [separator < 0 ? '.' : text.slice(0, separator + 1), text.slice(separator + 1)]
}

/** isPattern tells whether a path's last segment holds wildcards (WildcardPattern.ContainsWildcardCharacters). */
export function isPattern(text: string): boolean {
  return /[*?[\]]/.test(splitLast(text)[1])
}

/** itemExists: an item is there, a broken symbolic link included. */
export function itemExists(full: string): boolean {
  try {
    lstatSync(full)
    return true
  } catch {
    return false
  }
}

/** matches lists the entries of a directory matching a pattern, sorted; none when it is no directory. */
/** namePattern compiles a name pattern, ignoring case (DECISION §9); an invalid one is WildcardPattern_Invalid. */
export function namePattern(cmdlet: string, pattern: string): WildcardPattern {
  try {
    return compileWildcard(pattern, false)
  } catch (error) {
    if (error instanceof WildcardPatternError) throw invalidWildcard(cmdlet, error.message, pattern)
    throw error
  }
}

function matches(cmdlet: string, directory: string, pattern: string, force: boolean): string[] {
  const wildcard = namePattern(cmdlet, pattern)
  let names: string[]
  try {
    names = readdirSync(directory)
  } catch {
    return []
  }
  return names.filter((name) => (force || !isHidden(name)) && wildcard.matches(name)).sort(byName).map((name) => path.join(directory, name))
}

/** ExpandOptions: -Force lets patterns match hidden names; a literal path is never a pattern. */
export interface ExpandOptions {
  readonly force: boolean
  readonly literal?: boolean
}

/** expandPath gives the full paths of the items a -Path names; a literal path that does not exist is PathNotFound. */
export function expandPath(cmdlet: string, text: string, options: ExpandOptions): string[] {
  const full = itemPath(cmdlet, text)
  if (!options.literal && isPattern(text)) {
    const [directory, last] = splitLast(text)
    return matches(cmdlet, itemPath(cmdlet, directory), last, options.force)
  }
  if (!itemExists(full)) throw itemNotFound(cmdlet, full)
  return [full]
}

/** isFileSystemError tells what the operating system threw (an errno error) from csxmpp's own signals. */
function isFileSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
}

/**
 * attempt runs one item's file-system work; a failure is a non-terminating error of the cmdlet and
 * undefined is returned, so the next item goes on (§8.1). Signals (ErrorAction Stop) pass through.
 * Output is written by the caller after it, so that errors of downstream commands are not caught here.
 */
export async function attempt<T>(ctx: UtilityContext, full: string, work: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof ErrorRecord) ctx.writeError(error)
    else if (isFileSystemError(error)) ctx.writeError(fileSystemError(ctx.name, full, error))
    else throw error
    return undefined
  }
}

/** forEachItem runs an operation on every item each -Path names; a literal path (a piped file item) is no pattern. */
export async function forEachItem(ctx: UtilityContext, texts: readonly string[], options: ExpandOptions, operation: (full: string) => unknown): Promise<void> {
  for (const text of texts) {
    for (const full of (await attempt(ctx, text, () => expandPath(ctx.name, text, options))) ?? []) await operation(full)
  }
}
