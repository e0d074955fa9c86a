import {toPSString} from '../../../values/convert.js'
import {type UtilityCommand, signature} from '../command.js'
import {param} from '../parameters.js'
import {pathParameter, requirePaths} from './item-paths.js'

/**
 * Join-Path and Split-Path (powershell.md §9): text only, never the file system. `/` and `\` are
 * separators; Join-Path inserts `/` (DECISION, as pwsh on Linux); Split-Path keeps the text as written.
 */

/** trimEnd removes the separators at the end of a path, keeping a root. */
function trimEnd(text: string): string {
  const trimmed = text.replace(/[\\/]+$/, '')
  return trimmed === '' && text !== '' ? text[0]! : trimmed
}

export const joinPath: UtilityCommand = {
  signature: signature(
    'Join-Path',
    [
      pathParameter('The parent paths; each is joined with -ChildPath.'),
      param('ChildPath', 'string', {position: 1, mandatory: true, description: 'The path to append.'}),
    ],
    ['Resolve', 'Credential', 'UseTransaction'],
  ),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Joins a path and a child path with `/`.',
  start: (ctx) => ({
    async process(values) {
      const child = toPSString(values.get('ChildPath') ?? '').replace(/^[\\/]+/, '')
      for (const parent of requirePaths(ctx.name, values.get('Path'))) await ctx.emit(`${parent.replace(/[\\/]+$/, '')}/${child}`)
    },
  }),
}

/** parentOf is the text before the last separator: empty without one, the root for a path under it. */
function parentOf(text: string): string {
  const separator = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'))
  if (separator < 0) return ''
  const parent = text.slice(0, separator).replace(/[\\/]+$/, '')
  return parent === '' ? text[0]! : parent
}

/** split is one Split-Path answer for one path. */
function split(text: string, values: ReadonlyMap<string, unknown>): string | boolean {
  if (values.get('IsAbsolute') === true) return /^[\\/~]/.test(text)
  if (values.get('NoQualifier') === true) return text.replace(/^[a-z]:/i, '')
  const path = trimEnd(text)
  if (values.get('Leaf') === true) return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
  return parentOf(path)
}

export const splitPath: UtilityCommand = {
  signature: signature(
    'Split-Path',
    [
      pathParameter('The paths to split.'),
      param('Parent', 'switch', {description: 'Outputs the part before the last separator (the default).'}),
      param('Leaf', 'switch', {description: 'Outputs the part after the last separator.'}),
      param('NoQualifier', 'switch', {description: 'Removes a leading drive such as C:.'}),
      param('IsAbsolute', 'switch', {description: 'Tells whether the path starts with /, \\ or ~.'}),
    ],
    ['Qualifier', 'Resolve', 'LiteralPath', 'Credential', 'UseTransaction'],
  ),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Splits a path into its parent or its leaf, as text.',
  start: (ctx) => ({
    async process(values) {
      for (const text of requirePaths(ctx.name, values.get('Path'))) await ctx.emit(split(text, values))
    },
  }),
}
