import {type ErrorRecord, cmdletError} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {credential, isCredential} from '../../values/credential.js'
import {PSSecureString} from '../../values/secure-string.js'
import type {RuntimeConsole} from '../interp/console.js'
import {type UtilityCommand, signature} from './command.js'
import {param} from './parameters.js'

/**
 * Read-Host and Get-Credential (powershell.md §9, Prompts). They prompt only when stdin is a terminal
 * and -NonInteractive was not given; otherwise they never wait, and the statement ends with an error
 * that says how to pass the value instead (C96). The prompt goes to stdout when it is a terminal,
 * else to stderr, so that redirected output stays clean.
 */

/** cannotPrompt is the statement-terminating error of a prompt that is not possible, or undefined. */
function cannotPrompt(console: RuntimeConsole, cmdlet: string, instead: string): ErrorRecord | undefined {
  let message: string
  if (!console.terminal.stdin) message = `${cmdlet} cannot prompt because stdin is not a terminal. ${instead}`
  else if (console.nonInteractive) message = 'PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.'
  else return undefined
  return cmdletError(cmdlet, {message, errorId: 'InvalidOperation', category: 'InvalidOperation', reason: 'PSInvalidOperationException'})
}

/** ask shows a prompt and reads the answer; the end of input is an empty answer. */
async function ask(console: RuntimeConsole, prompt: string, secret: boolean): Promise<string> {
  return (await console.readLine(prompt, secret)) ?? ''
}

const readHost: UtilityCommand = {
  signature: signature('Read-Host', [param('Prompt', 'object', {position: 0}), param('AsSecureString', 'switch')]),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Reads a line of input from the terminal.',
  start: (ctx) => ({
    async process(values) {
      const console = ctx.runtime.console
      const refusal = cannotPrompt(console, 'Read-Host', 'Pass the value as a script parameter instead.')
      if (refusal) throw refusal
      const secret = values.get('AsSecureString') === true
      const answer = await ask(console, values.has('Prompt') ? `${toPSString(values.get('Prompt'))}: ` : '', secret)
      await ctx.emit(secret ? new PSSecureString(answer) : answer)
    },
  }),
}

const getCredential: UtilityCommand = {
  signature: signature('Get-Credential', [param('Credential', 'object', {position: 0}), param('UserName', 'string'), param('Message', 'string')]),
  module: 'Microsoft.PowerShell.Security',
  synopsis: 'Asks for a user name and password on the terminal and outputs a PSCredential.',
  start: (ctx) => ({
    async process(values) {
      const given = values.get('Credential') ?? null
      // A PSCredential passed in is output unchanged, without asking.
      if (isCredential(given)) return ctx.emit(given)
      const console = ctx.runtime.console
      const refusal = cannotPrompt(console, 'Get-Credential', 'Pass a PSCredential object instead.')
      if (refusal) throw refusal
      if (values.has('Message')) {
        const message = `${toPSString(values.get('Message'))}\n`
        if (console.terminal.stdout) console.out(message)
        else console.err(message)
      }
      const known = values.get('UserName') ?? given
      const user = known === null ? await ask(console, 'User: ', false) : toPSString(known)
      const password = await ask(console, `Password for user ${user}: `, true)
      await ctx.emit(credential(user, new PSSecureString(password)))
    },
  }),
}

export const PROMPT_COMMANDS: readonly UtilityCommand[] = [readHost, getCredential]
