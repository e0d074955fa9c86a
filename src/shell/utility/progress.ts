import {toPSString} from '../../values/convert.js'
import {actionPreference} from '../interp/variables.js'
import {type UtilityCommand, signature} from './command.js'
import {param} from './parameters.js'

/**
 * Write-Progress (powershell.md §9): pwsh 7.2's minimal view, one line on stderr rewritten in place,
 * drawn only when stderr is a terminal and $ProgressPreference is Continue; otherwise nothing.
 */

/** progressLine is `<Activity>: <Status>[ <n>%][ <CurrentOperation>]`, cut to the line width. */
function progressLine(values: ReadonlyMap<string, unknown>, width: number): string {
  const status = values.has('Status') ? toPSString(values.get('Status')) : 'Processing'
  const percent = values.get('PercentComplete')
  let line = `${toPSString(values.get('Activity') ?? null)}: ${status}`
  if (typeof percent === 'number' && percent >= 0) line += ` ${percent}%`
  if (values.has('CurrentOperation')) line += ` ${toPSString(values.get('CurrentOperation'))}`
  return [...line].slice(0, Math.max(1, width - 1)).join('')
}

const writeProgress: UtilityCommand = {
  signature: signature('Write-Progress', [
    param('Activity', 'string', {position: 0, mandatory: true}),
    param('Status', 'string', {position: 1}),
    param('Id', 'int', {position: 2}),
    param('PercentComplete', 'int'),
    param('SecondsRemaining', 'int'),
    param('CurrentOperation', 'string'),
    param('ParentId', 'int'),
    param('Completed', 'switch'),
    param('SourceId', 'int'),
  ]),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Shows a progress line on the terminal.',
  start: (ctx) => ({
    async process(values) {
      const console = ctx.runtime.console
      if (!console.terminal.stderr || actionPreference(ctx.frame.scope, 'progresspreference', 'Continue') !== 'Continue') return
      if (values.get('Completed') === true) console.hideProgress()
      else console.showProgress(progressLine(values, console.width))
    },
  }),
}

export const PROGRESS_COMMANDS: readonly UtilityCommand[] = [writeProgress]
