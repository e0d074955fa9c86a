import {appendFileSync, existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {toPSString} from '../../../values/convert.js'
import {bomEncoding, encodeContinuation, encodeText} from '../../../values/text-encoding.js'
import {enumerate} from '../../interp/interpreter.js'
import {type UtilityCommand, type UtilityContext, signature} from '../command.js'
import {encoding} from '../files.js'
import {param} from '../parameters.js'
import {itemPath, partOfPathNotFound} from './errors.js'
import {attempt, requirePaths} from './item-paths.js'
import {changing, itemShouldProcess} from './should-process.js'

/**
 * Add-Content (powershell.md §9): appends each value's string form and LF to each file, creating a
 * missing one, without first ending an unfinished last line (PS). Without -Encoding it keeps the
 * encoding the file's BOM names (DECISION: 5.1 wrote ANSI into UTF-16 files).
 */

/** append adds text to one file: a new file gets the encoding's BOM, an existing one only continues. */
function append(ctx: UtilityContext, full: string, text: string): void {
  if (!existsSync(path.dirname(full))) throw partOfPathNotFound(ctx.name, full)
  const existing = existsSync(full) ? readFileSync(full) : undefined
  const chosen = encoding(ctx.values, (existing && bomEncoding(existing)) ?? 'utf8')
  appendFileSync(full, existing && existing.length > 0 ? encodeContinuation(text, chosen) : encodeText(text, chosen))
}

export const addContent: UtilityCommand = {
  signature: changing(
    signature(
      'Add-Content',
      [
        param('Path', 'strings', {position: 0, mandatory: true, description: 'The files to append to; several paths append to each.'}),
        param('Value', 'object', {position: 1, pipe: true, mandatory: true, description: 'The values whose string forms are appended, one per line.'}),
        param('Encoding', 'string', {description: 'The encoding of a new file, or of the text appended.'}),
        param('NoNewline', 'switch', {description: 'Appends no line end after each value.'}),
        param('Force', 'switch', {description: 'Accepted.'}),
        param('PassThru', 'switch', {description: 'Outputs the values appended.'}),
      ],
      ['LiteralPath', 'Filter', 'Include', 'Exclude', 'Credential', 'UseTransaction', 'Stream'],
    ),
  ),
  module: 'Microsoft.PowerShell.Management',
  synopsis: 'Appends lines to files.',
  start(ctx) {
    const shouldProcess = itemShouldProcess(ctx)
    const values: unknown[] = []
    return {
      async process(bound) {
        values.push(...enumerate(bound.get('Value') ?? null))
      },
      async end() {
        const newline = ctx.values.get('NoNewline') === true ? '' : '\n'
        const text = values.map((v) => toPSString(v) + newline).join('')
        for (const full of requirePaths(ctx.name, ctx.values.get('Path')).map((p) => itemPath(ctx.name, p))) {
          if (!(await shouldProcess(`Path: ${full}`, 'Add Content'))) continue
          await attempt(ctx, full, () => append(ctx, full, text))
        }
        if (ctx.values.get('PassThru') === true) for (const value of values) await ctx.emit(value)
      },
    }
  },
}
