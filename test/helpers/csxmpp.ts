import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, existsSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {ConfigStore} from '../../store/index.js'
import {runCmdletFromArgv} from '../../src/index.js'

/** Test helpers: temporary stores, in-process argv runs, and spawned csxmpp processes. */

/** ROOT is the repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** BIN is the csxmpp executable (needs `npm run build`). */
export const BIN = path.join(ROOT, 'bin/run.js')

/** TempStore is a store file in its own temporary directory. */
export interface TempStore {
  readonly dir: string
  readonly path: string
  /** bytes returns the store file's content, or undefined when it does not exist. */
  bytes(): string | undefined
  json(): any
  cleanup(): void
}

/** tmpStore makes a temporary directory for one test's store. */
export function tmpStore(): TempStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'csxmpp-test-'))
  const file = path.join(dir, 'store.json')
  return {
    dir,
    path: file,
    bytes: () => (existsSync(file) ? readFileSync(file, 'utf8') : undefined),
    json: () => JSON.parse(readFileSync(file, 'utf8')),
    cleanup: () => rmSync(dir, {recursive: true, force: true}),
  }
}

/** Run is what a run printed and its exit code. */
export interface Run {
  stdout: string
  stderr: string
  code: number
}

/** run runs one cmdlet in-process, as `csxmpp <argv>` would, against a store file. */
export async function run(store: TempStore, argv: readonly string[], options: {json?: boolean} = {}): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const [name, ...rest] = argv
  const code = await runCmdletFromArgv(name!, rest, {
    console: {out: (t) => void (stdout += t), err: (t) => void (stderr += t), color: false},
    store: new ConfigStore(store.path),
    json: options.json ?? false,
  })
  return {stdout, stderr, code}
}

/** runAll runs several command lines in order and concatenates their output (as the spec's cases do). */
export async function runAll(store: TempStore, lines: ReadonlyArray<readonly string[]>): Promise<Run & {codes: number[]}> {
  const result = {stdout: '', stderr: '', code: 0, codes: [] as number[]}
  for (const line of lines) {
    const r = await run(store, line)
    result.stdout += r.stdout
    result.stderr += r.stderr
    result.codes.push(r.code)
  }
  return result
}

/** spawnCsxmpp runs the real executable with CSXMPP_STORE pointing at the store. */
export function spawnCsxmpp(store: TempStore | undefined, argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: store?.dir ?? ROOT,
      env: {...process.env, ...(store ? {CSXMPP_STORE: store.path} : {}), NO_COLOR: '1', ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({stdout, stderr, code: code ?? -1}))
  })
}

/** STORE_P are the command lines that make the spec's store P from store F (powershell.md §15). */
export const STORE_P: ReadonlyArray<readonly string[]> = [
  ['New-CsXmppAllowedPartner', 'a.example', '-PartnerType', 'Federated', '-SaslNegotiation', 'NotSupported'],
  ['New-CsXmppAllowedPartner', 'b.example', '-PartnerType', 'PublicVerified', '-SaslNegotiation', 'NotSupported'],
  ['New-CsXmppAllowedPartner', 'c.example', '-PartnerType', 'Federated', '-SaslNegotiation', 'NotSupported', '-EnableKeepAlive', '$false'],
]
