import {type ChildProcess, spawn} from 'node:child_process'
import {CSXMPP_BIN, hermeticEnv, runProcess} from './process.js'

/**
 * The real gateway as a test peer: `csxmpp Start-CsXmppGateway` in its own process, its store in the
 * test's directory, its JSON log lines parsed as they come, stopped with SIGTERM by its PID, as an
 * admin would run it. Cmdlets run against the same store in separate processes, so a test exercises
 * the hot reload through the file exactly as in production.
 */

/** LogLine is one parsed pino line. */
export type LogLine = Record<string, unknown> & {msg: string; level: number}

/** GatewayProcess is a running gateway. */
export interface GatewayProcess {
  readonly pid: number
  readonly lines: LogLine[]
  readonly stderr: () => string
  /** waitForLog resolves with the first line (already seen or to come) that matches, or rejects after timeoutMs. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number, from?: number): Promise<LogLine>
  /** cmdlet runs a csxmpp command line against the gateway's store. */
  cmdlet(...args: string[]): Promise<{stdout: string; stderr: string; code: number}>
  /** stop sends SIGTERM and waits for the exit; resolves with the exit code. */
  stop(): Promise<number>
}

/** GatewayProcessOptions are the extra environment (CA file, DNS servers) and Start-CsXmppGateway's arguments. */
export interface GatewayProcessOptions {
  readonly dir: string
  readonly args: readonly string[]
  readonly env?: Readonly<Record<string, string>>
}

/** startGatewayProcess starts the gateway and waits for its 'gateway started' line. */
export async function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(process.execPath, [CSXMPP_BIN, 'Start-CsXmppGateway', ...options.args], {
    cwd: options.dir,
    env: {...hermeticEnv(options.dir), ...options.env},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: LogLine[] = []
  const waiters = new Set<() => void>()
  let stderr = ''
  let partial = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n')
    partial = parts.pop()!
    for (const part of parts) if (part.trim() !== '') lines.push(JSON.parse(part) as LogLine)
    for (const wake of waiters) wake()
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))))
  let gone = false
  void exited.then(() => {
    gone = true
    for (const wake of waiters) wake()
  })

  const waitForLog = (match: (line: LogLine) => boolean, timeoutMs = 10_000, from = 0): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = lines.slice(from).find(match)
        if (found) return finish(() => resolve(found))
        if (gone) finish(() => reject(new Error(`the gateway exited; stderr:\n${stderr}`)))
      }
      const finish = (settle: () => void): void => {
        clearTimeout(timer)
        waiters.delete(check)
        settle()
      }
      const timer = setTimeout(() => finish(() => reject(new Error(`no matching log line within ${timeoutMs} ms; stderr:\n${stderr}`))), timeoutMs)
      waiters.add(check)
      check()
    })

  const gateway: GatewayProcess = {
    pid: child.pid!,
    lines,
    stderr: () => stderr,
    waitForLog,
    cmdlet: (...args) => runProcess(options.dir, process.execPath, [CSXMPP_BIN, ...args], 30_000),
    async stop() {
      if (!gone) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      const code = await exited
      clearTimeout(timer)
      return code
    },
  }
  try {
    await waitForLog((line) => line.msg === 'gateway started', 30_000)
  } catch (error) {
    await gateway.stop()
    throw error
  }
  return gateway
}
