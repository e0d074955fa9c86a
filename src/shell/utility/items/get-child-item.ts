import {type Stats, lstatSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {toPSString} from '../../../values/convert.js'
import type {WildcardPattern} from '../../../values/wildcard.js'
import {type UtilityCommand, type UtilityContext, signature} from '../command.js'
import {param} from '../parameters.js'
import {fileItem, isFileItem, itemStats} from './file-item.js'
import {attempt, byName, expandPath, isHidden, isPattern, namePattern, pathParameter, splitLast} from './item-paths.js'

/**
 * Get-ChildItem (powershell.md §9): the children of each -Path directory, directories first, then
 * files, each sorted by name ignoring case; -Recurse goes into every subdirectory after listing a
 * directory's children.
 */

/** Listing is what one invocation keeps: which children pass, and how they are written. */
interface Listing {
  readonly ctx: UtilityContext
  readonly force: boolean
  readonly recurse: boolean
  readonly names: boolean
  readonly filter: WildcardPattern | undefined
  readonly kind: 'File' | 'Directory' | undefined
}

/** Child is one directory entry with its stats. */
interface Child {
  readonly full: string
  readonly name: string
  readonly stats: Stats
}

/** children reads a directory: visible entries (all with -Force), directories first, each group by name. */
async function children(listing: Listing, directory: string): Promise<Child[]> {
  const names = (await attempt(listing.ctx, directory, () => readdirSync(directory))) ?? []
  const entries: Child[] = []
  for (const name of names.filter((n) => listing.force || !isHidden(n))) {
    const full = path.join(directory, name)
    const stats = await attempt(listing.ctx, full, () => itemStats(full))
    if (stats) entries.push({full, name, stats})
  }
  const rank = (c: Child) => (c.stats.isDirectory() ? 0 : 1)
  return entries.sort((a, b) => rank(a) - rank(b) || byName(a.name, b.name))
}

/** passes applies -Filter, -File and -Directory. */
function passes(listing: Listing, child: Child): boolean {
  if (listing.kind === 'File' && child.stats.isDirectory()) return false
  if (listing.kind === 'Directory' && !child.stats.isDirectory()) return false
  return listing.filter?.matches(child.name) ?? true
}

/** write outputs an item, or with -Name its path relative to the listed -Path (`sub/c.xml`). */
async function write(listing: Listing, child: Child, relative: string): Promise<void> {
  if (!listing.names) return listing.ctx.emit(fileItem(child.full, child.stats))
  await listing.ctx.emit(relative)
}

/** list writes a directory's children, then (with -Recurse) each real subdirectory's, never following links. */
async function list(listing: Listing, directory: string, prefix: string): Promise<void> {
  const entries = await children(listing, directory)
  for (const child of entries) if (passes(listing, child)) await write(listing, child, prefix + child.name)
  if (!listing.recurse) return
  for (const child of entries) {
    const real = await attempt(listing.ctx, child.full, () => lstatSync(child.full).isDirectory())
    if (real) await list(listing, child.full, `${prefix}${child.name}/`)
  }
}

/**
 * listPath lists one -Path: a directory's children, a file itself, or what a wildcard matches
 * (DECISION §9: a matched directory is output itself). With -Recurse a wildcard keeps its directory
 * as the path and filters names in the whole tree, as PS does (`Get-ChildItem *.xml -Recurse`).
 */
async function listPath(listing: Listing, text: string, literal: boolean): Promise<void> {
  const {ctx} = listing
  const pattern = !literal && isPattern(text)
  if (pattern && listing.recurse) {
    const [directory, last] = splitLast(text)
    const filter = await attempt(ctx, text, () => namePattern(ctx.name, last))
    return filter && listPath({...listing, filter: listing.filter ?? filter}, directory, false)
  }
  for (const full of (await attempt(ctx, text, () => expandPath(ctx.name, text, {force: listing.force, literal}))) ?? []) {
    const stats = await attempt(ctx, full, () => itemStats(full))
    if (!stats) continue
    const child = {full, name: path.basename(full), stats}
    if (stats.isDirectory() && !pattern) await list(listing, full, '')
    else if (passes(listing, child)) await write(listing, child, child.name)
  }
}

export const getChildItem: UtilityCommand = {
  signature: signature(
    'Get-ChildItem',
    [
      pathParameter('The directories to list (default: the current one); the last segment may hold wildcards.', false),
      param('Filter', 'string', {position: 1, description: 'Keeps the names that match this wildcard pattern.'}),
      param('Recurse', 'switch', {aliases: ['s'], description: 'Lists the subdirectories too.'}),
      param('File', 'switch', {aliases: ['af'], description: 'Lists files only.'}),
      param('Directory', 'switch', {aliases: ['ad', 'd'], description: 'Lists directories only.'}),
      param('Name', 'switch', {description: 'Outputs the names (with -Recurse, the relative paths) instead of items.'}),
      param('Force', 'switch', {description: 'Lists hidden names (starting with a dot) too.'}),
    ],
    ['LiteralPath', 'Include', 'Exclude', 'Depth', 'Attributes', 'Hidden', 'ReadOnly', 'System', 'UseTransaction'],
  ),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Lists the files and directories in a directory.',
  start: (ctx) => ({
    async process(values, input, hasInput) {
      const filter = values.get('Filter')
      const listing: Listing = {
        ctx,
        force: values.get('Force') === true,
        recurse: values.get('Recurse') === true,
        names: values.get('Name') === true,
        filter: filter === undefined || filter === null || filter === '' ? undefined : namePattern(ctx.name, toPSString(filter)),
        kind: values.get('File') === true ? 'File' : values.get('Directory') === true ? 'Directory' : undefined,
      }
      const paths = values.get('Path') as string[] | undefined
      for (const text of paths === undefined || paths.length === 0 ? ['.'] : paths) await listPath(listing, text, hasInput && isFileItem(input))
    },
  }),
}
