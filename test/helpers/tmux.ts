import {execFileSync} from 'node:child_process'
import {setTimeout as sleep} from 'node:timers/promises'

/**
 * A real terminal for tests: a tmux server on its own socket, one window, keys sent and the screen
 * read back. Every wait is bounded; stop() kills the server.
 */
export class Terminal {
  readonly #socket = `csxmpp-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`

  constructor(command: string, env: Record<string, string> = {}) {
    const exports = Object.entries({NO_COLOR: '1', ...env}).map(([k, v]) => `export ${k}='${v}';`).join(' ')
    this.#tmux('new-session', '-d', '-x', '160', '-y', '40', `${exports} ${command}; echo "[exit $?]"; sleep 60`)
  }

  #tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.#socket, '-f', '/dev/null', ...args], {encoding: 'utf8'})
  }

  /** screen returns the visible text, trailing blank lines removed; with escapes, its colours as SGR sequences. */
  screen(escapes = false): string {
    return this.#tmux('capture-pane', '-p', ...(escapes ? ['-e'] : [])).replace(/\n+$/, '\n')
  }

  /** waitFor polls the screen until it contains text, for at most timeoutMs. */
  async waitFor(text: string, timeoutMs = 10000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const screen = this.screen()
      if (screen.includes(text)) return screen
      if (Date.now() > deadline) throw new Error(`terminal never showed ${JSON.stringify(text)}; screen:\n${screen}`)
      await sleep(50)
    }
  }

  /** type sends keys; a string is typed literally, then Enter when enter is true. */
  type(text: string, enter = true): void {
    this.#tmux('send-keys', '-l', text)
    if (enter) this.#tmux('send-keys', 'Enter')
  }

  /** keys sends named keys: Tab, Up, Enter, C-c, C-d, C-u … */
  keys(...names: string[]): void {
    this.#tmux('send-keys', ...names)
  }

  stop(): void {
    try {
      this.#tmux('kill-server')
    } catch {
      // already gone
    }
  }
}
