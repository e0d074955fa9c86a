import {MISSING} from './argv-value.js'
import type {ArgumentValue, CommandArgument} from './binder.js'

/**
 * How the arguments left over after named and positional binding are passed on (powershell.md §7.2
 * step 4, PS's HandleRemainingArguments): to a ValueFromRemainingArguments parameter, or to a simple
 * function's `$args` (§6).
 */

/** argumentTexts is a left-over argument as PS passes it on: a parameter token as its text (`-Bogus`, `-Bogus:`), then any value. */
export function argumentTexts(arg: CommandArgument, read: (value: ArgumentValue) => unknown): unknown[] {
  if (arg.kind === 'value') return [readLeftOver(arg.value, read)]
  if (!arg.attached) return [`-${arg.name}`]
  return [`-${arg.name}:`, readLeftOver(arg.attached, read)]
}

/** readLeftOver reads a left-over value; an argv element that counts as no value stays its text. */
function readLeftOver(value: ArgumentValue, read: (value: ArgumentValue) => unknown): unknown {
  const result = read(value)
  return result === MISSING && value.kind === 'argv' ? value.raw : result
}
