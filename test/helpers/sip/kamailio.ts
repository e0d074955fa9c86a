import {spawn, spawnSync} from 'node:child_process'
import {chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {listening, waitFor, waitListening, within} from './peers.js'
import {SIP_FIXTURES} from './sipp.js'

/**
 * Kamailio 5.6 (Debian's kamailio + kamailio-presence-modules) as the organisation's SIP proxy,
 * registrar and SIMPLE presence server (presence.md P11.1, notes/sip.md §6). It listens on UDP and
 * TCP port 5060 of one loopback address, runs in the foreground (-DD -E) as its own process group,
 * as `nobody` when the test runs as root, and is stopped by SIGTERM to the PID of its pid file, then
 * SIGKILL to the group after 5 s. CSXMPP_KEEP_TEST_DIR keeps its directory and stderr (kamailio.log).
 */

/** KamailioOptions describe one server. */
export interface KamailioOptions {
  /** Its loopback address; it listens on port 5060 there (UDP and TCP). */
  readonly address: string
  /** The organisation's SIP domain (also the gateway's XMPP domain, cmdlets.md A9.2). */
  readonly domain: string
  /** host:port every other domain is routed to (the gateway). */
  readonly gateway: string
  /** The presence module's bounds on a SUBSCRIBE's Expires (defaults 60 and 3600, notes/sip.md §6.2). */
  readonly minExpires?: number
  readonly maxExpires?: number
}

/** Kamailio is a running server. */
export interface Kamailio {
  /** pid is its main process (the one its pid file names). */
  readonly pid: number
  readonly address: string
  /** output is what it wrote to stderr so far (-E logs there). */
  output(): string
  stop(): Promise<void>
}

/** KAMAILIO_PORT is where every test Kamailio listens, on its own address. */
export const KAMAILIO_PORT = 5060

// The db_text tables the presence modules open (notes/sip.md §6.3).
const DB_TEMPLATES = '/usr/share/kamailio/dbtext/kamailio'
const DB_TABLES = ['version', 'presentity', 'active_watchers', 'watchers', 'xcap']
const START_MS = 10_000
const STOP_GRACE_MS = 5_000

/** startKamailio writes its configuration and tables into a temporary directory, checks the configuration and starts it. */
export async function startKamailio(options: KamailioOptions): Promise<Kamailio> {
  // A second server on the same address would fail to bind, while the first one's sockets answered the readiness checks.
  if (listening('udp', options.address, KAMAILIO_PORT) || listening('tcp', options.address, KAMAILIO_PORT)) {
    throw new Error(`kamailio: something already listens on ${options.address}:${KAMAILIO_PORT}`)
  }
  const dir = prepareDirectory(options)
  const config = path.join(dir, 'kamailio.cfg')
  const check = spawnSync('kamailio', ['-c', '-f', config], {encoding: 'utf8', timeout: START_MS})
  if (check.status !== 0) {
    rmSync(dir, {recursive: true, force: true})
    throw new Error(`kamailio -c rejected ${config} (status ${check.status}):\n${check.stderr}`)
  }
  const run = path.join(dir, 'run')
  const command = ['kamailio', '-f', config, '-DD', '-E', '-Y', run, '-P', path.join(run, 'kamailio.pid')]
  // As root, setpriv makes every Kamailio process nobody from its first instruction (it execs, so the
  // PID stays the same); an ordinary user needs no privilege for port 5060 (notes/sip.md §6.3).
  const argv = asRoot() ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', ...command] : command
  const child = spawn(argv[0]!, argv.slice(1), {cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], detached: true})
  let output = ''
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d))
  // 'close' comes once every process of the group has let go of stderr: the children too.
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
  let running = true
  void exited.then(() => (running = false))
  const killGroup = () => {
    if (running && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
  }
  const orphan = () => killGroup()
  process.once('exit', orphan)
  const finish = async () => {
    process.off('exit', orphan)
    if (process.env.CSXMPP_KEEP_TEST_DIR) writeFileSync(path.join(dir, 'kamailio.log'), output)
    else rmSync(dir, {recursive: true, force: true})
  }
  try {
    const ready = async () => {
      await Promise.all([waitListening('udp', options.address, KAMAILIO_PORT, START_MS), waitListening('tcp', options.address, KAMAILIO_PORT, START_MS)])
      await waitFor(() => existsSync(path.join(run, 'kamailio.pid')), START_MS, 'its pid file')
    }
    await Promise.race([ready(), exited.then(() => Promise.reject(new Error('it exited')))])
  } catch (error) {
    killGroup()
    await exited
    await finish()
    throw new Error(`kamailio did not start on ${options.address}:${KAMAILIO_PORT}: ${(error as Error).message}\n${output}`)
  }
  const pid = Number(readFileSync(path.join(run, 'kamailio.pid'), 'utf8').trim()) || child.pid!
  return {
    pid,
    address: options.address,
    output: () => output,
    async stop() {
      if (running) {
        try {
          process.kill(pid, 'SIGTERM')
        } catch {
          // Already gone; the group is killed below if anything is left.
        }
        await within(exited, STOP_GRACE_MS, 'kamailio to stop').catch(killGroup)
        await exited
      }
      await finish()
    },
  }
}

/** prepareDirectory makes the 0700 directory with kamailio.cfg, db/ (the db_text tables) and run/, owned by nobody under root. */
function prepareDirectory(options: KamailioOptions): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'csxmpp-kamailio-'))
  const db = path.join(dir, 'db')
  mkdirSync(db)
  mkdirSync(path.join(dir, 'run'))
  for (const table of DB_TABLES) copyFileSync(path.join(DB_TEMPLATES, table), path.join(db, table))
  const values: Record<string, string> = {
    ADDRESS: options.address,
    DOMAIN: options.domain,
    GATEWAY: options.gateway,
    DB_DIR: db,
    MIN_EXPIRES: String(options.minExpires ?? 60),
    MAX_EXPIRES: String(options.maxExpires ?? 3600),
  }
  const template = readFileSync(path.join(SIP_FIXTURES, 'kamailio', 'kamailio.cfg.template'), 'utf8')
  writeFileSync(path.join(dir, 'kamailio.cfg'), template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`kamailio.cfg.template: no value for {{${key}}}`)
    return values[key]!
  }))
  // mkdtemp makes the directory 0700: nobody must own it to read the configuration and write the
  // tables and the pid file.
  if (asRoot()) chownTree(dir, nobody())
  return dir
}

function asRoot(): boolean {
  return process.getuid?.() === 0
}

/** nobody is the uid of nobody and the gid of nogroup, as setpriv will use them. */
function nobody(): {uid: number; gid: number} {
  const uid = Number.parseInt(spawnSync('id', ['-u', 'nobody'], {encoding: 'utf8'}).stdout, 10)
  const gid = Number.parseInt(spawnSync('getent', ['group', 'nogroup'], {encoding: 'utf8'}).stdout.split(':')[2] ?? '', 10)
  // Never hand the directory to root by accident (an empty answer would read as 0).
  if (!(uid > 0 && gid > 0)) throw new Error('kamailio: no nobody user or nogroup group to run it as')
  return {uid, gid}
}

function chownTree(target: string, owner: {uid: number; gid: number}): void {
  chownSync(target, owner.uid, owner.gid)
  for (const entry of readdirSync(target, {withFileTypes: true})) {
    const child = path.join(target, entry.name)
    if (entry.isDirectory()) chownTree(child, owner)
    else chownSync(child, owner.uid, owner.gid)
  }
}
