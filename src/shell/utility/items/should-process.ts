import type {CommandSignature} from '../../../binding/parameter.js'
import {type ShouldProcess, createShouldProcess} from '../../../binding/should-process.js'
import {preferencesOf} from '../../interp/variables.js'
import type {UtilityContext} from '../command.js'

/** -WhatIf and -Confirm of the file cmdlets (powershell.md §7.8): they name their operation (`Remove File`). */

/** changing marks a signature as taking -WhatIf and -Confirm. */
export function changing(signature: CommandSignature): CommandSignature {
  return {...signature, supportsShouldProcess: true}
}

/** itemShouldProcess builds the question of one invocation, over the caller's $WhatIfPreference and $ConfirmPreference. */
export function itemShouldProcess(ctx: UtilityContext): ShouldProcess {
  const preferences = preferencesOf(ctx.frame.scope)
  const given = (name: string, fallback: boolean) => {
    const value = ctx.values.get(name)
    return typeof value === 'boolean' ? value : fallback
  }
  return createShouldProcess({
    cmdlet: ctx.name,
    whatIf: given('WhatIf', preferences.whatIf),
    confirm: given('Confirm', preferences.confirm),
    io: {writeWhatIf: (text) => ctx.runtime.console.out(`${text}\n`), prompt: (...question) => ctx.runtime.console.prompt(...question)},
    writeError: (record) => ctx.writeError(record),
  })
}
