import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import net from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {waitListening, within} from './peers.js'
import {SIP_FIXTURES} from './sipp.js'

/**
 * baresip 1.0 (Debian's baresip-core) as a real SIP user agent: it registers with digest, sends
 * MESSAGE through its outbound proxy, and prints every SIP message it sends or receives with -s.
 * It is driven over ctrl_tcp (netstring-framed JSON). Stop it with stop(): `quit` first (SIGTERM
 * can hang while it unregisters, notes/sip.md §3.3), then SIGKILL to its process group.
 */

/** BaresipOptions describe one UA. */
export interface BaresipOptions {
  /** Its own loopback address; SIP on port sipPort, ctrl_tcp on ctrlPort. */
  readonly address: string
  readonly sipPort: number
  readonly ctrlPort: number
  readonly user: string
  readonly domain: string
  readonly password: string
  /** The gateway as host:port, its outbound proxy. */
  readonly gateway: string
  readonly transport: 'udp' | 'tcp'
  /** Registration interval: the Contact expires parameter it sends. */
  readonly regint: number
  /** The URI the `message` command sends to. */
  readonly contact: string
}

/** Baresip is a running UA. */
export interface Baresip {
  readonly pid: number
  /** trace is everything it printed so far (the -s SIP trace among it). */
  trace(): string
  /** waitForTrace resolves when the trace matches, or rejects after ms. */
  waitForTrace(pattern: RegExp, ms: number): Promise<string>
  /** command runs a ctrl_tcp command and resolves with its response's data. */
  command(command: string, params?: string): Promise<string>
  stop(): Promise<void>
}

const MODULE_DIRS = ['/usr/lib/baresip/modules', '/usr/lib/x86_64-linux-gnu/baresip/modules', '/usr/local/lib/baresip/modules']

function fill(template: string, values: Record<string, string>): string {
  return readFileSync(path.join(SIP_FIXTURES, 'baresip', template), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`${template}: no value for {{${key}}}`)
    return values[key]!
  })
}

/** startBaresip writes its configuration into a temporary directory, starts it and waits for ctrl_tcp to listen. */
export async function startBaresip(options: BaresipOptions): Promise<Baresip> {
  const dir = mkdtempSync(path.join(tmpdir(), 'csxmpp-baresip-'))
  const modulePath = MODULE_DIRS.find((d) => existsSync(path.join(d, 'account.so')))
  if (!modulePath) throw new Error('baresip modules not found in ' + MODULE_DIRS.join(', '))
  const ctrl = `${options.address}:${options.ctrlPort}`
  writeFileSync(path.join(dir, 'config'), fill('config.template', {SIP_LISTEN: `${options.address}:${options.sipPort}`, MODULE_PATH: modulePath, CTRL_LISTEN: ctrl}))
  writeFileSync(path.join(dir, 'accounts'), fill('accounts.template', {USER: options.user, DOMAIN: options.domain, PASSWORD: options.password, GATEWAY: options.gateway, TRANSPORT: options.transport, REGINT: String(options.regint)}))
  writeFileSync(path.join(dir, 'contacts'), fill('contacts.template', {CONTACT_NAME: 'peer', CONTACT_URI: options.contact}))
  const child = spawn('baresip', ['-f', dir, '-s'], {cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: {PATH: process.env.PATH, HOME: dir}})
  let output = ''
  const waiters = new Set<() => void>()
  const onData = (d: string) => {
    output += d
    for (const w of waiters) w()
  }
  child.stdout.setEncoding('utf8').on('data', onData)
  child.stderr.setEncoding('utf8').on('data', onData)
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
  let running = true
  void exited.then(() => (running = false))
  const kill = () => {
    if (running && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
  }
  try {
    await waitListening('tcp', options.address, options.ctrlPort, 5000)
  } catch (error) {
    kill()
    await exited
    rmSync(dir, {recursive: true, force: true})
    throw new Error(`baresip did not start: ${(error as Error).message}\n${output}`)
  }

  return {
    pid: child.pid!,
    trace: () => output,
    waitForTrace(pattern, ms) {
      return within(new Promise<string>((resolve) => {
        const check = () => {
          const m = pattern.exec(output)
          if (m) {
            waiters.delete(check)
            resolve(m[0])
          }
        }
        waiters.add(check)
        check()
      }), ms, `baresip trace ${pattern}`)
    },
    command: (command, params) => ctrlCommand(ctrl, command, params ?? ''),
    async stop() {
      if (running) {
        await ctrlCommand(ctrl, 'quit', '').catch(() => {})
        await within(exited, 3000, 'baresip to quit').catch(kill)
        await exited
      }
      rmSync(dir, {recursive: true, force: true})
    },
  }
}

/** ctrlCommand sends one netstring-framed JSON command to ctrl_tcp and reads the response (events are skipped). */
function ctrlCommand(ctrl: string, command: string, params: string): Promise<string> {
  const [host, port] = ctrl.split(':') as [string, string]
  const socket = net.connect(Number(port), host)
  const payload = JSON.stringify({command, params, token: '1'})
  socket.write(`${Buffer.byteLength(payload)}:${payload},`)
  let buffer = ''
  const response = new Promise<string>((resolve, reject) => {
    socket.setEncoding('utf8')
    socket.on('error', reject)
    socket.on('close', () => reject(new Error(`ctrl_tcp closed before answering ${command}`)))
    socket.on('data', (d: string) => {
      buffer += d
      for (let m = /^(\d+):/.exec(buffer); m && buffer.length >= m[0].length + Number(m[1]) + 1; m = /^(\d+):/.exec(buffer)) {
        const body = buffer.slice(m[0].length, m[0].length + Number(m[1]))
        buffer = buffer.slice(m[0].length + Number(m[1]) + 1)
        const message = JSON.parse(body) as {response?: boolean; ok?: boolean; data?: string}
        if (message.response) resolve(message.data ?? '')
      }
    })
  })
  return within(response, 3000, `ctrl_tcp ${command}`).finally(() => socket.destroy())
}
