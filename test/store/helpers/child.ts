import {type ChildProcess, spawn} from 'node:child_process'
import {once} from 'node:events'
import path from 'node:path'
import {createInterface} from 'node:readline'
import type {TestContext} from 'node:test'
import {fileURLToPath} from 'node:url'

const HELPERS = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HELPERS, '../../..')

/** HelperProcess is a running helper script with its stdout lines. */
export interface HelperProcess {
  child: ChildProcess
  /** Every stdout line so far. */
  lines: string[]
  /** stderr so far, for assertion messages. */
  stderr(): string
  /** waitForLine resolves with the first line (seen or future) matching pattern; rejects if the child exits first. */
  waitForLine(pattern: RegExp): Promise<string>
  /** exited resolves with the exit code and signal. */
  exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>
}

/** startHelper runs test/store/helpers/<script> with `node --import tsx`; t kills it at the end if still running. */
export function startHelper(t: TestContext, script: string, args: string[]): HelperProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HELPERS, script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const waiters: Array<{pattern: RegExp; resolve: (line: string) => void}> = []
  createInterface({input: child.stdout!}).on('line', (line) => {
    lines.push(line)
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(line)) waiter.resolve(line)
      else waiters.push(waiter)
    }
  })
  // 'close', not 'exit': by then every line the child wrote has been read.
  const exited = once(child, 'close').then(([code, signal]) => ({code: code as number | null, signal: signal as NodeJS.Signals | null}))
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  })
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine(pattern) {
      const seen = lines.find((line) => pattern.test(line))
      if (seen !== undefined) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        waiters.push({pattern, resolve})
        void exited.then(({code, signal}) => reject(new Error(`${script} exited (${code ?? signal}) before printing ${pattern}: ${stderr}`)))
      })
    },
  }
}
