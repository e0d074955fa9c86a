import {type Interface, createInterface} from 'node:readline/promises'

/**
 * Reading a password that was not given as a parameter (cmdlets.md A9.1 Set-CsUserSipCredential):
 * on a terminal a prompt whose answer is not echoed, otherwise one line of standard input, so that
 * `printf '%s\n' "$pw" | csxmpp Set-CsUserSipCredential alice` works in scripts. Never blocks
 * under -NonInteractive on a terminal.
 */

/** PasswordOptions are what the host knows when it is asked for a password. */
export interface PasswordOptions {
  readonly nonInteractive?: boolean
  /** The interactive shell's own line reader: a second reader on the same terminal would see the keys too. */
  readonly shared?: Interface
}

/** readPassword returns the password typed or read, or undefined when there is none to read. */
export async function readPassword(prompt: string, options: PasswordOptions = {}): Promise<string | undefined> {
  if (!process.stdin.isTTY) return firstLine()
  if (options.nonInteractive) return undefined
  process.stderr.write(prompt)
  const answer = options.shared ? await mutedQuestion(options.shared) : await ownQuestion()
  process.stderr.write('\n')
  return answer
}

/** firstLine reads one line of a piped or redirected stdin; undefined at once on an empty input. */
async function firstLine(): Promise<string | undefined> {
  // A script read from stdin (`csxmpp -`) has used it up: there is no line left to wait for.
  if (process.stdin.readableEnded) return undefined
  const reader = createInterface({input: process.stdin, terminal: false})
  try {
    for await (const line of reader) return line
    return undefined
  } finally {
    reader.close()
  }
}

/** ownQuestion reads a line in raw mode with a reader that has no output, so nothing is echoed. */
async function ownQuestion(): Promise<string | undefined> {
  const reader = createInterface({input: process.stdin, terminal: true, historySize: 0})
  const abort = new AbortController()
  // Ctrl-C (raw mode turns it into a key, not a signal) and Ctrl-D give up rather than hang.
  reader.on('SIGINT', () => abort.abort())
  reader.on('close', () => abort.abort())
  try {
    return await reader.question('', {signal: abort.signal})
  } catch {
    return undefined
  } finally {
    reader.close()
  }
}

/**
 * mutedQuestion asks through the shell's reader with its output detached: readline echoes only
 * when it has an output stream. The answer is then taken out of the history, which would keep it.
 */
async function mutedQuestion(reader: Interface): Promise<string | undefined> {
  const internals = reader as unknown as {output: NodeJS.WritableStream | null; history: string[]}
  const output = internals.output
  internals.output = null
  try {
    const answer = await reader.question('')
    if (internals.history[0] === answer) internals.history.shift()
    return answer
  } catch {
    return undefined
  } finally {
    internals.output = output
  }
}
