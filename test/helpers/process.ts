import {spawn} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * Spawning csxmpp (or bash) for the end-to-end tables, without loading any of src/ into the test
 * process: every process gets a bounded time and is killed with its process group when it overruns.
 */

/** CSXMPP_BIN is the built executable. */
export const CSXMPP_BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

/** ProcessOutput is what one process printed and its exit code. */
export interface ProcessOutput {
  readonly stdout: string
  readonly stderr: string
  readonly code: number
}

/** hermeticEnv keeps a run inside dir: its store, home and state there, no colour, UTC. */
export function hermeticEnv(dir: string): NodeJS.ProcessEnv {
  return {PATH: process.env.PATH, CSXMPP_STORE: path.join(dir, 'store.json'), NO_COLOR: '1', TZ: 'UTC', HOME: dir, XDG_STATE_HOME: path.join(dir, 'state')}
}

/** runProcess runs a command in dir with hermeticEnv and waits for it, for at most timeoutMs. */
export function runProcess(dir: string, command: string, args: readonly string[], timeoutMs: number): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that a timeout also ends what a bash line started.
    const child = spawn(command, args, {cwd: dir, env: hermeticEnv(dir), stdio: ['ignore', 'pipe', 'pipe'], detached: true})
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => {
      timedOut = true
      process.kill(-child.pid!, 'SIGKILL')
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      if (timedOut) reject(new Error(`${command} ${args.join(' ')}: killed after ${timeoutMs} ms`))
      else resolve({stdout, stderr, code: code ?? -1})
    })
  })
}
