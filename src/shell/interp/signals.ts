import type {ErrorRecord} from '../../errors.js'

/**
 * Control flow that unwinds the interpreter: loops, return, exit, and script-terminating errors
 * (powershell.md §6, §8.1). A statement-terminating error is the ErrorRecord itself, thrown.
 */

/** BreakSignal leaves the innermost loop. */
export class BreakSignal {}

/** ContinueSignal starts the innermost loop's next round. */
export class ContinueSignal {}

/** ReturnSignal leaves the function, script block or script (its value was already written). */
export class ReturnSignal {}

/** ExitSignal ends the whole run with a code (§1.9); finally blocks run while it passes. */
export class ExitSignal {
  constructor(readonly code: number | undefined) {}
}

/** ScriptTerminatingError is `throw` or an error escalated by ErrorAction Stop (§8.1). */
export class ScriptTerminatingError {
  constructor(readonly record: ErrorRecord) {}
}

/** PipelineStopped unwinds upstream commands once `Select-Object -First n` has what it needs. */
export class PipelineStopped {
  constructor(readonly owner: object) {}
}

/** Interrupted stops a running input of the interactive shell after Ctrl-C (§1.6). */
export class Interrupted {}
