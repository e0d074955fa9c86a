import path from 'node:path'
import {PSObject} from '../../../values/objects.js'
import {type UtilityCommand, signature} from '../command.js'
import {param} from '../parameters.js'
import {fileItem, isFileItem} from './file-item.js'
import {attempt, forEachItem, pathParameter, requirePaths} from './item-paths.js'

/** Get-Item and Resolve-Path (powershell.md §9): the items, or the paths, that each -Path names. */

const PATH_PARAMETER = pathParameter('The paths; the last segment may hold wildcards.')

export const getItem: UtilityCommand = {
  signature: signature('Get-Item', [PATH_PARAMETER, param('Force', 'switch', {description: 'Lets wildcards match hidden names.'})], ['LiteralPath', 'Filter', 'Include', 'Exclude', 'Credential', 'UseTransaction', 'Stream']),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Gets the files and directories at the given paths.',
  start: (ctx) => ({
    async process(values, input, hasInput) {
      const options = {force: values.get('Force') === true, literal: hasInput && isFileItem(input)}
      await forEachItem(ctx, requirePaths(ctx.name, values.get('Path')), options, async (full) => {
        const item = await attempt(ctx, full, () => fileItem(full))
        if (item) await ctx.emit(item)
      })
    },
  }),
}

/** pathInfo is System.Management.Automation.PathInfo: its Path and string form are the full path. */
function pathInfo(full: string): PSObject {
  const info = new PSObject(['System.Management.Automation.PathInfo', 'System.Object']).addProperty('Path', full)
  info.stringForm = full
  return info
}

/** relativePath is the path from the current directory, starting with `./` or `../` (DECISION: `/`). */
function relativePath(full: string): string {
  const relative = path.relative(process.cwd(), full)
  if (relative === '') return '.'
  return relative === '..' || relative.startsWith('../') ? relative : `./${relative}`
}

export const resolvePath: UtilityCommand = {
  signature: signature('Resolve-Path', [PATH_PARAMETER, param('Relative', 'switch', {description: 'Outputs the path relative to the current directory, as a string.'})], ['LiteralPath', 'Credential', 'UseTransaction']),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Resolves wildcards and relative paths to the full paths of existing items.',
  start: (ctx) => ({
    async process(values, input, hasInput) {
      const options = {force: false, literal: hasInput && isFileItem(input)}
      await forEachItem(ctx, requirePaths(ctx.name, values.get('Path')), options, (full) => ctx.emit(values.get('Relative') === true ? relativePath(full) : pathInfo(full)))
    },
  }),
}
