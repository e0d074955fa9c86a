import {type Interface, createInterface} from 'node:readline/promises'
import type {PromptChoice} from '../cmdlets/definition.js'

/**
 * Host prompts on a terminal (powershell.md §7.8, cmdlets.md A6.4). Without a terminal on both stdin
 * and stdout, or under -NonInteractive, there is no prompt: the caller turns that into an error and
 * never blocks.
 */

/** canPrompt tells whether a prompt can be shown. */
export function canPrompt(nonInteractive = false): boolean {
  return !nonInteractive && Boolean(process.stdin.isTTY && process.stdout.isTTY)
}

/** choiceLine is the `[Y] Yes  [N] No  [?] Help (default is "N"):` line. */
function choiceLine(choices: readonly PromptChoice[], defaultKey: string): string {
  return `${choices.map((c) => `[${c.key}] ${c.label}`).join('  ')}  [?] Help (default is "${defaultKey}"): `
}

/** terminalPrompt asks until it gets one of the choices' keys (any case) or an empty answer. */
export async function terminalPrompt(
  caption: string,
  message: string,
  choices: readonly PromptChoice[],
  defaultKey: string,
  /** The interactive shell's own line reader, so that two readers never share the terminal. */
  shared?: Interface,
): Promise<string | undefined> {
  if (!canPrompt()) return undefined
  const rl = shared ?? createInterface({input: process.stdin, output: process.stdout, terminal: true})
  try {
    process.stdout.write(`${caption}\n${message}\n`)
    for (;;) {
      const answer = (await rl.question(choiceLine(choices, defaultKey))).trim().toUpperCase()
      if (answer === '') return defaultKey
      const choice = choices.find((c) => c.key === answer)
      if (choice) return choice.key
      if (answer === '?') for (const c of choices) process.stdout.write(`${c.key} - ${c.help}\n`)
    }
  } finally {
    if (!shared) rl.close()
  }
}
