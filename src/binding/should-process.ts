import type {CommandIO, PromptChoice} from '../command-io.js'
import {type ErrorRecord, cmdletError} from '../errors.js'

/**
 * -WhatIf and -Confirm (powershell.md §7.8): one rule for the Lync cmdlets, which name themselves as
 * the operation, and the file cmdlets of §9, which name theirs (`Create File`, `Remove Directory`, …).
 */

const CONFIRM_CHOICES: readonly PromptChoice[] = [
  {key: 'Y', label: 'Yes', help: 'Continue with only the next step of the operation.'},
  {key: 'A', label: 'Yes to All', help: 'Continue with all the steps of the operation.'},
  {key: 'N', label: 'No', help: 'Skip this operation and proceed with the next operation.'},
  {key: 'L', label: 'No to All', help: 'Skip this operation and all subsequent operations.'},
]

/** hostPromptNotAvailable: -Confirm without a terminal (powershell.md §7.8). */
export function hostPromptNotAvailable(cmdlet: string): ErrorRecord {
  return cmdletError(cmdlet, {
    message: 'PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.',
    errorId: 'HostPromptNotAvailable',
    category: 'InvalidOperation',
    reason: 'PSInvalidOperationException',
  })
}

/** ShouldProcessOptions: the effective -WhatIf and -Confirm of one invocation. */
export interface ShouldProcessOptions {
  readonly cmdlet: string
  readonly whatIf: boolean
  readonly confirm: boolean
  readonly io: Pick<CommandIO, 'writeWhatIf' | 'prompt'>
  /** writeError writes the non-terminating HostPromptNotAvailable error under the invocation's -ErrorAction. */
  readonly writeError: (record: ErrorRecord) => void
}

/** ShouldProcess asks about one target; true means go ahead. The operation defaults to the cmdlet name. */
export type ShouldProcess = (target: string, operation?: string) => Promise<boolean>

/** createShouldProcess builds the question of one invocation; `[A]`/`[L]` answer it for the rest. */
export function createShouldProcess(options: ShouldProcessOptions): ShouldProcess {
  let confirmAll: boolean | undefined
  return async (target, operation = options.cmdlet) => {
    const action = `Performing the operation "${operation}" on target "${target}".`
    if (options.whatIf) {
      options.io.writeWhatIf(`What if: ${action}`)
      return false
    }
    if (!options.confirm || confirmAll !== undefined) return confirmAll ?? true
    const answer = await options.io.prompt('Confirm', `Are you sure you want to perform this action?\n${action}`, CONFIRM_CHOICES, 'Y')
    if (answer === undefined) {
      options.writeError(hostPromptNotAvailable(options.cmdlet))
      return false
    }
    if (answer === 'A' || answer === 'L') confirmAll = answer === 'A'
    return answer === 'Y' || answer === 'A'
  }
}
