import {existsSync, mkdirSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {bindingError} from '../../../errors.js'
import {toPSString} from '../../../values/convert.js'
import {type UtilityCommand, type UtilityContext, signature} from '../command.js'
import {param} from '../parameters.js'
import {directoryExists, fileExists, itemPath, itemTypeNotSupported, partOfPathNotFound} from './errors.js'
import {fileItem} from './file-item.js'
import {attempt, itemExists, requirePaths} from './item-paths.js'
import {changing, itemShouldProcess} from './should-process.js'

/** New-Item (powershell.md §9): creates a file (with -Value, no newline added) or a directory at each path. */

type ItemKind = 'File' | 'Directory'

/** itemKind reads -ItemType: File, Directory or Container in any case; anything else is refused. */
function itemKind(ctx: UtilityContext, value: unknown): ItemKind {
  if (value === undefined || value === null) return 'File'
  const text = toPSString(value)
  const lower = text.toLowerCase()
  if (lower === 'file') return 'File'
  if (lower === 'directory' || lower === 'container') return 'Directory'
  throw itemTypeNotSupported(ctx.name, text)
}

/** targets are the full paths to create: each -Path, joined with -Name when given (§9 New-Item). */
function targets(ctx: UtilityContext, values: ReadonlyMap<string, unknown>): string[] {
  const name = values.has('Name') ? toPSString(values.get('Name')) : undefined
  const given = values.get('Path')
  if (name === undefined || name === '') {
    if (given === undefined) throw bindingError(ctx.name, 'MissingMandatoryParameter', 'Cannot process command because of one or more missing mandatory parameters: Path.')
    return requirePaths(ctx.name, given).map((p) => itemPath(ctx.name, p))
  }
  const paths = given === undefined || given === null || (Array.isArray(given) && given.length === 0) ? ['.'] : requirePaths(ctx.name, given)
  return paths.map((p) => itemPath(ctx.name, path.join(p.replaceAll('\\', '/'), name.replaceAll('\\', '/'))))
}

function createFile(ctx: UtilityContext, full: string, value: unknown, force: boolean): void {
  if (itemExists(full) && (!force || statSync(full).isDirectory())) throw fileExists(ctx.name, full)
  if (!existsSync(path.dirname(full))) {
    if (!force) throw partOfPathNotFound(ctx.name, full)
    mkdirSync(path.dirname(full), {recursive: true})
  }
  writeFileSync(full, value === undefined || value === null ? '' : toPSString(value))
}

/** createDirectory creates a directory with its parents; -Force accepts an existing directory as it is. */
function createDirectory(ctx: UtilityContext, full: string, force: boolean): void {
  if (!itemExists(full)) return void mkdirSync(full, {recursive: true})
  if (!force || !statSync(full).isDirectory()) throw directoryExists(ctx.name, full)
}

export const newItem: UtilityCommand = {
  signature: changing(
    signature(
      'New-Item',
      [
        param('Path', 'strings', {position: 0, byPropertyName: true, description: 'Where to create the item; several paths create several items.'}),
        param('Name', 'string', {description: 'The name of the new item, under -Path (or the current directory).'}),
        param('ItemType', 'string', {aliases: ['Type'], description: 'File (the default) or Directory.'}),
        param('Value', 'object', {pipe: true, description: 'The content of a new file, written as is.'}),
        param('Force', 'switch', {description: 'Replaces an existing file, accepts an existing directory, creates missing parent directories.'}),
      ],
      ['Credential', 'UseTransaction', 'Options'],
    ),
  ),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Creates a file or a directory.',
  start(ctx) {
    const shouldProcess = itemShouldProcess(ctx)
    return {
      async process(values) {
        const kind = itemKind(ctx, values.get('ItemType'))
        const force = values.get('Force') === true
        for (const full of targets(ctx, values)) {
          if (!(await shouldProcess(`Destination: ${full}`, `Create ${kind}`))) continue
          const item = await attempt(ctx, full, () => {
            if (kind === 'File') createFile(ctx, full, values.get('Value'), force)
            else createDirectory(ctx, full, force)
            return fileItem(full)
          })
          if (item) await ctx.emit(item)
        }
      },
    }
  },
}
