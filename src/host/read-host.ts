import {type Interface, createInterface} from 'node:readline/promises'

/**
 * Reading what Read-Host and Get-Credential ask for on a terminal (powershell.md §9, Prompts). The
 * prompt and the echo go to stdout when it is a terminal, else to stderr, so that redirected output
 * stays clean. A secret echoes `*`.
 */

/** promptStream is where a prompt and its echo go. */
export function promptStream(): NodeJS.WriteStream {
  return process.stdout.isTTY ? process.stdout : process.stderr
}

/**
 * readTerminalLine reads one line from the terminal; undefined at the end of input or on Ctrl-C.
 * shared is the interactive shell's own line reader: a second reader would see the keys too.
 */
export async function readTerminalLine(prompt: string, secret: boolean, shared?: Interface): Promise<string | undefined> {
  const echo = promptStream()
  const reader = shared ?? createInterface({input: process.stdin, output: secret ? undefined : echo, terminal: true, historySize: 0})
  const internals = reader as unknown as {output: NodeJS.WritableStream | null | undefined; history: string[]}
  const output = internals.output
  // readline echoes only through its output stream: a secret detaches it and echoes stars itself.
  const star = (text: string | undefined, key: {name?: string; ctrl?: boolean} | undefined) => {
    if (key?.name === 'backspace') echo.write('\b \b')
    else if (text && !key?.ctrl && key?.name !== 'return' && key?.name !== 'enter') echo.write('*'.repeat([...text].length))
  }
  if (secret) {
    echo.write(prompt)
    internals.output = null
    process.stdin.on('keypress', star)
  }
  const abort = new AbortController()
  const onClose = () => abort.abort()
  let interrupted = false
  // In raw mode Ctrl-C is a key: it ends the question instead of leaving it waiting for ever.
  const onInterrupt = () => {
    interrupted = true
    abort.abort()
  }
  reader.once('close', onClose)
  reader.on('SIGINT', onInterrupt)
  try {
    // readline redraws its line, so a prompt written before it would be erased: it writes the prompt.
    const answer = await reader.question(secret ? '' : prompt, {signal: abort.signal})
    if (shared && internals.history[0] === answer) internals.history.shift()
    return answer
  } catch {
    return undefined
  } finally {
    reader.off('close', onClose)
    reader.off('SIGINT', onInterrupt)
    if (secret) {
      process.stdin.off('keypress', star)
      internals.output = output
      echo.write('\n')
    }
    if (!shared) reader.close()
    // Outside the shell, Ctrl-C at a prompt is the signal it would be anywhere else (exit 130, §1.9);
    // the shell's own reader hears it too and stops the running input.
    if (interrupted && !shared) process.kill(process.pid, 'SIGINT')
  }
}
