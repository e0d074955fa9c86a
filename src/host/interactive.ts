import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {homedir} from 'node:os'
import path from 'node:path'
import {type Interface, createInterface} from 'node:readline/promises'
import {ConfigStore, defaultStorePath} from '../../store/index.js'
import {type ShellConsole, ShellSession, SourceText, complete, isIncomplete, parseScript} from '../shell/index.js'
import {readPassword} from './password.js'
import {readTerminalLine} from './read-host.js'
import {terminalPrompt} from './prompt.js'
import {createScriptHost} from './script-host.js'
import {type ScriptOptions, terminalStreams} from './script-mode.js'

/**
 * The interactive shell (powershell.md §1.6): `PS <dir>> ` prompts, `>> ` while the input is
 * incomplete, history kept across sessions, tab completion, Ctrl-C that discards the line or stops
 * the running input, Ctrl-D or `exit` to leave. Each input is one script run of one session.
 */

const HISTORY_SIZE = 4096

/** historyPath is `$XDG_STATE_HOME/csxmpp/history`, else `~/.local/state/csxmpp/history`. */
export function historyPath(env: NodeJS.ProcessEnv = process.env): string {
  const state = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(homedir(), '.local', 'state')
  return path.join(state, 'csxmpp', 'history')
}

/** The history file holds one JSON string per line, oldest first, so multi-line entries stay whole. */
function loadHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as string)
      .reverse()
  } catch {
    return []
  }
}

function saveHistory(file: string, newestFirst: readonly string[]): void {
  mkdirSync(path.dirname(file), {recursive: true, mode: 0o700})
  const lines = newestFirst.slice(0, HISTORY_SIZE).reverse().map((entry) => JSON.stringify(entry))
  writeFileSync(file, lines.length > 0 ? `${lines.join('\n')}\n` : '', {mode: 0o600})
}

function isComplete(text: string): boolean {
  // A trailing backtick continues the line (§2.3).
  if (/`$/.test(text)) return false
  try {
    parseScript(new SourceText(text))
    return true
  } catch (error) {
    return !isIncomplete(error)
  }
}

class Repl {
  readonly #rl: Interface
  readonly #session: ShellSession
  readonly #history = historyPath()
  #buffer: string[] = []
  #closed = false
  #running = false
  #abort = new AbortController()
  /** Lines typed ahead while an input ran; they are the next inputs (readline emits them as 'line'). */
  readonly #typedAhead: string[] = []

  constructor(options: ScriptOptions) {
    this.#rl = createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: true,
      history: loadHistory(this.#history),
      historySize: HISTORY_SIZE,
      completer: (line: string): [string[], string] => {
        const {candidates, word} = complete(this.#session, line)
        return [candidates, word]
      },
    })
    const console: ShellConsole = {
      out: (text) => void process.stdout.write(text),
      err: (text) => void process.stderr.write(text),
      color: Boolean(process.stderr.isTTY) && process.env.NO_COLOR === undefined,
      get width() {
        return process.stdout.columns || 120
      },
      interactive: !options.nonInteractive,
      prompt: async (...question) => (options.nonInteractive ? undefined : terminalPrompt(...question, this.#rl)),
      readPassword: (prompt) => readPassword(prompt, {nonInteractive: options.nonInteractive, shared: this.#rl}),
      terminal: terminalStreams(),
      noColor: process.env.NO_COLOR !== undefined,
      nonInteractive: options.nonInteractive,
      readLine: (prompt, secret) => readTerminalLine(prompt, secret, this.#rl),
    }
    const store = options.store ?? new ConfigStore(defaultStorePath())
    this.#session = new ShellSession({console, host: createScriptHost(store, options.version), whatIf: options.whatIf})
    this.#rl.on('SIGINT', () => this.#interrupt())
    this.#rl.on('line', (line) => void this.#typedAhead.push(line))
    this.#rl.on('close', () => {
      this.#closed = true
      this.#abort.abort()
    })
  }

  /** Ctrl-C discards the buffer at the prompt, or stops the running input at its next statement. */
  #interrupt(): void {
    if (this.#running) {
      this.#session.runtime.interrupted = true
      // The terminal is in raw mode, so Ctrl-C reaches readline, not the process. A command that runs
      // until SIGINT (Start-CsXmppGateway) hears it as the signal it would get outside the shell.
      process.emit('SIGINT', 'SIGINT')
      return
    }
    this.#buffer = []
    this.#typedAhead.length = 0
    process.stdout.write('\n')
    this.#abort.abort()
  }

  async run(): Promise<number> {
    for (;;) {
      const prompt = this.#buffer.length === 0 ? `PS ${process.cwd()}> ` : '>> '
      this.#abort = new AbortController()
      let line: string
      try {
        line = this.#typedAhead.shift() ?? (await this.#rl.question(prompt, {signal: this.#abort.signal}))
      } catch {
        if (this.#closed) return this.#leave(0)
        continue
      }
      this.#buffer.push(line)
      const text = this.#buffer.join('\n')
      if (!isComplete(text)) continue
      this.#buffer = []
      this.#remember(text)
      if (text.trim() === '') continue
      const code = await this.#evaluate(text)
      if (code !== undefined) return this.#leave(code)
    }
  }

  async #evaluate(text: string): Promise<number | undefined> {
    this.#running = true
    this.#session.runtime.interrupted = false
    try {
      await this.#session.run(new SourceText(text))
    } finally {
      this.#running = false
      this.#session.runtime.interrupted = false
    }
    return this.#session.exited
  }

  /** #remember keeps a multi-line input as one history entry; a line starting with a space is not kept (§1.6). */
  #remember(text: string): void {
    const history = (this.#rl as unknown as {history: string[]}).history
    const lines = text.split('\n').length
    history.splice(0, Math.min(lines, history.length))
    if (!text.startsWith(' ') && text.trim() !== '') history.unshift(text)
    saveHistory(this.#history, history)
  }

  #leave(code: number): number {
    this.#session.close()
    this.#rl.close()
    return code
  }
}

/** runShell runs the interactive shell until Ctrl-D or `exit`. */
export async function runShell(options: ScriptOptions): Promise<number> {
  return new Repl(options).run()
}
