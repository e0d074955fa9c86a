import {lstatSync, readdirSync, rmSync, unlinkSync} from 'node:fs'
import {type UtilityCommand, signature} from '../command.js'
import {param} from '../parameters.js'
import {directoryNotEmpty} from './errors.js'
import {isFileItem} from './file-item.js'
import {attempt, forEachItem, pathParameter, requirePaths} from './item-paths.js'
import {changing, itemShouldProcess} from './should-process.js'

/**
 * Remove-Item (powershell.md §9): deletes files and directories; a directory that is not empty needs
 * -Recurse (DECISION: PS asks first, csxmpp never asks). A symbolic link is removed, not followed.
 */

export const removeItem: UtilityCommand = {
  signature: changing(
    signature(
      'Remove-Item',
      [
        pathParameter('The items to delete; the last segment may hold wildcards.'),
        param('Recurse', 'switch', {description: 'Deletes directories with their contents.'}),
        param('Force', 'switch', {description: 'Also deletes read-only and hidden items, and lets wildcards match hidden names.'}),
      ],
      ['LiteralPath', 'Filter', 'Include', 'Exclude', 'Credential', 'UseTransaction', 'Stream'],
    ),
  ),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Deletes files and directories.',
  start(ctx) {
    const shouldProcess = itemShouldProcess(ctx)
    return {
      async process(values, input, hasInput) {
        const recurse = values.get('Recurse') === true
        const options = {force: values.get('Force') === true, literal: hasInput && isFileItem(input)}
        await forEachItem(ctx, requirePaths(ctx.name, values.get('Path')), options, async (full) => {
          const isDirectory = await attempt(ctx, full, () => lstatSync(full).isDirectory())
          if (isDirectory === undefined || !(await shouldProcess(full, isDirectory ? 'Remove Directory' : 'Remove File'))) return
          await attempt(ctx, full, () => {
            if (!isDirectory) return unlinkSync(full)
            if (!recurse && readdirSync(full).length > 0) throw directoryNotEmpty(ctx.name, full)
            rmSync(full, {recursive: true, force: true})
          })
        })
      },
    }
  },
}
