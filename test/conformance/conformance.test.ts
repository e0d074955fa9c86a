import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {test} from 'node:test'
import {BIN, STORE_P} from '../helpers/csxmpp.js'

/**
 * The conformance examples of powershell.md §15, C1–C64, each a table test with exact stdout, stderr
 * and exit codes. cases.json is transcribed from the spec by extract.py; this file only runs them:
 * scripts as `csxmpp -File t.ps1`, bash lines through a real bash with `csxmpp` a function, so that
 * bash itself splits, expands and brace-expands as the spec's cases assume.
 */

interface Run {
  readonly script?: string
  readonly file?: string
  readonly bash?: readonly string[]
  readonly stdout: string
  readonly stderr: string
  readonly exit: readonly number[]
}

interface Case {
  readonly id: string
  readonly title: string
  readonly store: 'F' | 'P'
  readonly files: Readonly<Record<string, string | {readonly utf16le: string}>>
  readonly runs: readonly Run[]
}

const {cases} = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url), 'utf8')) as {cases: Case[]}

/** Cases that do not pass yet, with the reason; they run as todo and are reported, not hidden. */
const PENDING: ReadonlyMap<string, string> = new Map([])

const TIMEOUT_MS = 30_000

interface Output {
  stdout: string
  stderr: string
  code: number
}

function spawnIn(dir: string, command: string, args: readonly string[]): Promise<Output> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: dir,
      env: {...process.env, CSXMPP_STORE: path.join(dir, 'store.json'), NO_COLOR: '1', TZ: 'UTC', HOME: dir, XDG_STATE_HOME: path.join(dir, 'state'), CSXMPP_BIN: BIN},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({stdout, stderr, code: code ?? -1})
    })
  })
}

/** bashLine runs one `$ csxmpp …` line with csxmpp defined as a function around bin/run.js. */
function bashLine(dir: string, line: string): Promise<Output> {
  return spawnIn(dir, 'bash', ['-c', `csxmpp() { node "$CSXMPP_BIN" "$@"; }\n${line}`])
}

async function runCase(c: Case): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), `csxmpp-${c.id}-`))
  try {
    if (c.store === 'P') {
      for (const line of STORE_P) {
        const made = await spawnIn(dir, process.execPath, [BIN, ...line])
        assert.deepEqual([made.stderr, made.code], ['', 0], 'building store P')
      }
    }
    for (const [name, content] of Object.entries(c.files)) {
      const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(content.utf16le, 'utf16le')])
      writeFileSync(path.join(dir, name), bytes)
    }
    for (const run of c.runs) {
      const outputs: Output[] = []
      if (run.bash) for (const line of run.bash) outputs.push(await bashLine(dir, line))
      else {
        const file = run.file ?? 't.ps1'
        writeFileSync(path.join(dir, file), run.script!)
        outputs.push(await spawnIn(dir, process.execPath, [BIN, '-File', file]))
      }
      assert.equal(outputs.map((o) => o.stdout).join(''), run.stdout, `${c.id} stdout`)
      assert.equal(outputs.map((o) => o.stderr).join(''), run.stderr, `${c.id} stderr`)
      assert.deepEqual(outputs.map((o) => o.code), run.exit.length > 0 ? run.exit : [0], `${c.id} exit codes`)
    }
    if (c.id === 'C54' || c.id === 'C56') {
      // Nothing ran: the store file was never written.
      assert.throws(() => readFileSync(path.join(dir, 'store.json')), /ENOENT/)
    }
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

test('conformance: cases.json holds C1 to C64, each once', () => {
  assert.deepEqual(
    cases.map((c) => c.id),
    Array.from({length: 64}, (_, i) => `C${i + 1}`),
  )
})

// Four cases at a time: each spawns a few short csxmpp processes.
const BATCH = 4
for (let i = 0; i < cases.length; i += BATCH) {
  const batch = cases.slice(i, i + BATCH)
  test(`conformance ${batch[0]!.id}–${batch.at(-1)!.id}`, async (t) => {
    await Promise.all(batch.map((c) => t.test(`${c.id}. ${c.title}`, {todo: PENDING.get(c.id)}, () => runCase(c))))
  })
}
