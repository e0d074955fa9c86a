import {cpSync, existsSync, lstatSync, mkdirSync, renameSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'
import {toPSString} from '../../../values/convert.js'
import {type UtilityCommand, type UtilityContext, signature} from '../command.js'
import {param} from '../parameters.js'
import {destinationExists, itemPath, partOfPathNotFound} from './errors.js'
import {fileItem, isFileItem} from './file-item.js'
import {attempt, forEachItem, itemExists, pathParameter, requirePaths} from './item-paths.js'
import {changing, itemShouldProcess} from './should-process.js'

/**
 * Copy-Item and Move-Item (powershell.md §9): each -Path goes into -Destination when that is an
 * existing directory, under its own name; otherwise -Destination is the new name.
 */

/** destinationOf applies the destination rule to one source. */
function destinationOf(source: string, destination: string): string {
  return existsSync(destination) && statSync(destination).isDirectory() && destination !== source ? path.join(destination, path.basename(source)) : destination
}

/** copy copies a file (an existing one is replaced, PS), or a directory: with -Recurse its contents, else only itself. */
function copy(ctx: UtilityContext, source: string, target: string, recurse: boolean): void {
  if (!existsSync(path.dirname(target))) throw partOfPathNotFound(ctx.name, target)
  if (source === target) return
  if (!statSync(source).isDirectory()) return cpSync(source, target, {force: true})
  if (recurse) return cpSync(source, target, {recursive: true, force: true})
  mkdirSync(target, {recursive: true})
}

/** move renames; an existing destination is an error unless -Force replaces it. Across file systems it copies. */
function move(ctx: UtilityContext, source: string, target: string, force: boolean): void {
  if (!existsSync(path.dirname(target))) throw partOfPathNotFound(ctx.name, target)
  if (source === target) return
  if (itemExists(target)) {
    if (!force) throw destinationExists(ctx.name, target)
    rmSync(target, {recursive: true, force: true})
  }
  try {
    renameSync(source, target)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    cpSync(source, target, {recursive: true})
    rmSync(source, {recursive: true, force: true})
  }
}

/** transfer is the shared body: resolve each source and its destination, ask, act, output with -PassThru. */
function transfer(verb: 'Copy' | 'Move', act: (ctx: UtilityContext, source: string, target: string, values: ReadonlyMap<string, unknown>) => void): UtilityCommand['start'] {
  return (ctx) => {
    const shouldProcess = itemShouldProcess(ctx)
    return {
      async process(values, input, hasInput) {
        const destination = itemPath(ctx.name, values.has('Destination') ? toPSString(values.get('Destination') ?? '.') || '.' : '.')
        const options = {force: values.get('Force') === true, literal: hasInput && isFileItem(input)}
        await forEachItem(ctx, requirePaths(ctx.name, values.get('Path')), options, async (source) => {
          const target = destinationOf(source, destination)
          const kind = (await attempt(ctx, source, () => (lstatSync(source).isDirectory() ? 'Directory' : 'File'))) ?? 'File'
          if (!(await shouldProcess(`Item: ${source} Destination: ${target}`, `${verb} ${kind}`))) return
          const item = await attempt(ctx, source, () => {
            act(ctx, source, target, values)
            return fileItem(target)
          })
          if (item && values.get('PassThru') === true) await ctx.emit(item)
        })
      },
    }
  }
}

const PATH = pathParameter('The items; the last segment may hold wildcards.')
const DESTINATION = param('Destination', 'string', {position: 1, description: 'An existing directory to put the items in, or the new name.'})
const PASS_THRU = param('PassThru', 'switch', {description: 'Outputs the new items.'})

export const copyItem: UtilityCommand = {
  signature: changing(
    signature(
      'Copy-Item',
      [PATH, DESTINATION, param('Recurse', 'switch', {description: 'Copies directories with their contents.'}), param('Force', 'switch', {description: 'Lets wildcards match hidden names.'}), PASS_THRU],
      ['LiteralPath', 'Container', 'Filter', 'Include', 'Exclude', 'Credential', 'UseTransaction', 'FromSession', 'ToSession'],
    ),
  ),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Copies files and directories.',
  start: transfer('Copy', (ctx, source, target, values) => copy(ctx, source, target, values.get('Recurse') === true)),
}

export const moveItem: UtilityCommand = {
  signature: changing(
    signature(
      'Move-Item',
      [PATH, DESTINATION, param('Force', 'switch', {description: 'Replaces an existing destination.'}), PASS_THRU],
      ['LiteralPath', 'Filter', 'Include', 'Exclude', 'Credential', 'UseTransaction'],
    ),
  ),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Moves or renames files and directories.',
  start: transfer('Move', (ctx, source, target, values) => move(ctx, source, target, values.get('Force') === true)),
}
