import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * SIPp (Debian's sip-tester, built without TLS) as a scripted SIP peer. The scenarios are in
 * test/fixtures/sip. Each run is its own process group with a time limit; -trace_msg keeps every
 * message it sent and received, for the test to read.
 */

/** SIP_FIXTURES is the directory of the SIPp scenarios and baresip templates. */
export const SIP_FIXTURES = fileURLToPath(new URL('../../fixtures/sip/', import.meta.url))

/** SippOptions describe one run. */
export interface SippOptions {
  /** Scenario file name in test/fixtures/sip. */
  readonly scenario: string
  /** Our address and port (-i, -p). */
  readonly address: string
  readonly port: number
  readonly transport: 'udp' | 'tcp'
  /** host:port to send to (UAC scenarios); absent for a UAS. */
  readonly remote?: string
  /** The [service] user part (-s). */
  readonly service?: string
  /** Values for the scenario's own [keyword]s (-key keyword value). */
  readonly keys?: Readonly<Record<string, string>>
  /** The whole run is killed after this long. */
  readonly timeoutMs: number
}

/** SippRun is a finished run: exit code 0 means every call passed; messages is the -trace_msg log. */
export interface SippRun {
  readonly code: number
  readonly output: string
  readonly messages: string
}

/** SippProcess is a running SIPp; done settles when it exits. */
export interface SippProcess {
  readonly pid: number
  readonly done: Promise<SippRun>
  /** stop kills it (SIGKILL to its process group) if it still runs, and waits for it. */
  stop(): Promise<SippRun>
}

/** startSipp starts SIPp for one call (-m 1) and returns at once. */
export function startSipp(options: SippOptions): SippProcess {
  const dir = mkdtempSync(path.join(tmpdir(), 'csxmpp-sipp-'))
  const trace = path.join(dir, 'messages.log')
  const args = [
    ...(options.remote ? [options.remote] : []),
    '-sf', path.join(SIP_FIXTURES, options.scenario),
    '-m', '1', '-i', options.address, '-p', String(options.port),
    '-t', options.transport === 'tcp' ? 't1' : 'u1',
    ...(options.service ? ['-s', options.service] : []),
    ...Object.entries(options.keys ?? {}).flatMap(([keyword, value]) => ['-key', keyword, value]),
    // A failed call must end the run, not wait for SIPp's default 30 s or more of retransmissions.
    '-timeout', `${Math.ceil(options.timeoutMs / 1000)}s`, '-timeout_error',
    '-nostdin', '-trace_msg', '-message_file', trace,
  ]
  const child = spawn('sipp', args, {cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true})
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d))
  let exited = false
  const kill = () => {
    if (!exited && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
  }
  const timer = setTimeout(kill, options.timeoutMs + 2000)
  const done = new Promise<SippRun>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      exited = true
      clearTimeout(timer)
      const messages = existsSync(trace) ? readFileSync(trace, 'utf8') : ''
      rmSync(dir, {recursive: true, force: true})
      resolve({code: code ?? -1, output, messages})
    })
  })
  return {
    pid: child.pid!,
    done,
    stop() {
      kill()
      return done
    },
  }
}

/** runSipp runs SIPp for one call and waits for it. */
export function runSipp(options: SippOptions): Promise<SippRun> {
  return startSipp(options).done
}
