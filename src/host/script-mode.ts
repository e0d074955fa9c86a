import {readFileSync} from 'node:fs'
import {isatty} from 'node:tty'
import {ConfigStore, defaultStorePath} from '../../store/index.js'
import {type ShellConsole, ShellSession, SourceText, decodeScript} from '../shell/index.js'
import {argvArguments} from './argv-arguments.js'
import {readPassword} from './password.js'
import {readTerminalLine} from './read-host.js'
import {terminalPrompt} from './prompt.js'
import {createScriptHost} from './script-host.js'

/**
 * Script modes of the executable (powershell.md §1.3–§1.5): -Command text, -File with arguments, and
 * a script on standard input. Each is parsed completely before anything runs.
 */

/** ScriptInvocation is a script mode with its host options (§1.7). */
export type ScriptInvocation =
  | {readonly mode: 'command'; readonly text: string}
  | {readonly mode: 'stdin'}
  | {readonly mode: 'file'; readonly path: string; readonly args: readonly string[]}

/** ScriptOptions are the host options and the environment of a run. */
export interface ScriptOptions {
  readonly whatIf: boolean
  readonly nonInteractive: boolean
  readonly version: string
  readonly store?: ConfigStore
  readonly console?: ShellConsole
}

/** processShellConsole writes to the process streams; prompts need a terminal on both ends (§7.8). */
export function processShellConsole(nonInteractive: boolean): ShellConsole {
  // isatty(0), not process.stdin.isTTY: that getter opens a stream on standard input at once, and
  // most runs never read it (cold start, README).
  const interactive = isatty(0) && Boolean(process.stdout.isTTY) && !nonInteractive
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    color: Boolean(process.stderr.isTTY) && process.env.NO_COLOR === undefined,
    width: process.stdout.isTTY ? process.stdout.columns : 120,
    interactive,
    prompt: async (...question) => (interactive ? terminalPrompt(...question) : undefined),
    readPassword: (prompt) => readPassword(prompt, {nonInteractive}),
    terminal: terminalStreams(),
    noColor: process.env.NO_COLOR !== undefined,
    nonInteractive,
    readLine: (prompt, secret) => readTerminalLine(prompt, secret),
  }
}

/** terminalStreams tells which process streams are terminals (ShellConsole.terminal). */
export function terminalStreams(): {stdin: boolean; stdout: boolean; stderr: boolean} {
  return {stdin: Boolean(process.stdin.isTTY), stdout: Boolean(process.stdout.isTTY), stderr: Boolean(process.stderr.isTTY)}
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return decodeScript(Buffer.concat(chunks))
}

/** runUtilityFromArgv runs `csxmpp <utility cmdlet> …` from bash (powershell.md §1.2). */
export async function runUtilityFromArgv(name: string, elements: readonly string[], options: ScriptOptions): Promise<number> {
  const store = options.store ?? new ConfigStore(defaultStorePath())
  const console = options.console ?? processShellConsole(options.nonInteractive)
  const session = new ShellSession({console, host: createScriptHost(store, options.version), whatIf: options.whatIf})
  try {
    return await session.runArgv(name, argvArguments(elements))
  } finally {
    session.close()
  }
}

/** runScript runs a script mode and returns the exit code (§1.9). */
export async function runScript(invocation: ScriptInvocation, options: ScriptOptions): Promise<number> {
  const store = options.store ?? new ConfigStore(defaultStorePath())
  const console = options.console ?? processShellConsole(options.nonInteractive)
  const session = new ShellSession({console, host: createScriptHost(store, options.version), whatIf: options.whatIf})
  try {
    return await runInvocation(session, invocation, console)
  } finally {
    session.close()
  }
}

async function runInvocation(session: ShellSession, invocation: ScriptInvocation, console: ShellConsole): Promise<number> {
  switch (invocation.mode) {
    case 'command':
      return session.run(new SourceText(invocation.text))
    case 'stdin':
      return session.run(new SourceText(await readStdin()))
    case 'file': {
      let bytes: Buffer
      try {
        bytes = readFileSync(invocation.path)
      } catch {
        console.err(
          `csxmpp: The argument '${invocation.path}' is not recognized as the name of a script file. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\n`,
        )
        return 2
      }
      return session.run(new SourceText(decodeScript(bytes), invocation.path), {path: invocation.path, args: argvArguments(invocation.args)})
    }
  }
}
