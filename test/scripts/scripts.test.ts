import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {test} from 'node:test'
import {fileURLToPath} from 'node:url'
import {BIN} from '../helpers/csxmpp.js'

/**
 * Legacy admin scripts as golden triples (issue 4): each directory holds script.ps1 (and its input
 * files, args.json, and setup.ps1 for the store it starts from), expected.out, expected.err,
 * expected.exit and expected-store.json. Cases named `*-fail-*` must leave the store byte-for-byte
 * as setup.ps1 left it. The expectations were reviewed line by line against powershell.md and
 * cmdlets.md; `UPDATE_GOLDEN=1` rewrites them for review after an intended change.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url))
const CASES = readdirSync(HERE).filter((name) => statSync(path.join(HERE, name)).isDirectory()).sort()
const UPDATE = process.env.UPDATE_GOLDEN === '1'
const INPUTS = new Set(['expected.out', 'expected.err', 'expected.exit', 'expected-store.json'])

interface Output {
  stdout: string
  stderr: string
  code: number
}

function csxmpp(dir: string, args: readonly string[]): Promise<Output> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: {...process.env, CSXMPP_STORE: path.join(dir, 'store.json'), NO_COLOR: '1', TZ: 'UTC', HOME: dir, XDG_STATE_HOME: path.join(dir, 'state')},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({stdout, stderr, code: code ?? -1})
    })
  })
}

/** storeText is the store as compared: secret file names are random, so they are masked. */
function storeText(dir: string): string {
  const file = path.join(dir, 'store.json')
  if (!existsSync(file)) return 'null\n'
  const text = readFileSync(file, 'utf8').replace(/("secretFile":\s*")[^"]+"/g, '$1<secret file>"')
  return `${JSON.stringify(JSON.parse(text), null, 2)}\n`
}

function expected(name: string, file: string): string {
  return readFileSync(path.join(HERE, name, file), 'utf8')
}

async function runCase(name: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), `csxmpp-script-${name}-`))
  try {
    cpSync(path.join(HERE, name), dir, {recursive: true, filter: (source) => !INPUTS.has(path.basename(source))})
    if (existsSync(path.join(dir, 'setup.ps1'))) {
      const setup = await csxmpp(dir, ['-File', 'setup.ps1'])
      assert.deepEqual([setup.stderr, setup.code], ['', 0], 'setup.ps1')
    }
    const before = existsSync(path.join(dir, 'store.json')) ? readFileSync(path.join(dir, 'store.json')) : undefined
    const args = existsSync(path.join(dir, 'args.json')) ? (JSON.parse(readFileSync(path.join(dir, 'args.json'), 'utf8')) as string[]) : []
    const run = await csxmpp(dir, ['-File', 'script.ps1', ...args])
    const store = storeText(dir)
    if (UPDATE) {
      const write = (file: string, text: string) => writeFileSync(path.join(HERE, name, file), text)
      write('expected.out', run.stdout)
      write('expected.err', run.stderr)
      write('expected.exit', `${run.code}\n`)
      write('expected-store.json', store)
    }
    assert.equal(run.stdout, expected(name, 'expected.out'), 'stdout')
    assert.equal(run.stderr, expected(name, 'expected.err'), 'stderr')
    assert.equal(`${run.code}\n`, expected(name, 'expected.exit'), 'exit code')
    assert.equal(store, expected(name, 'expected-store.json'), 'store afterwards')
    if (name.includes('-fail-')) {
      assert.notEqual(run.code, 0, 'a failure case fails')
      const after = existsSync(path.join(dir, 'store.json')) ? readFileSync(path.join(dir, 'store.json')) : undefined
      assert.deepEqual(after, before, 'the store is byte-for-byte unchanged')
    }
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

test('test/scripts holds at least 25 scripts, at least 8 of them failure cases', () => {
  assert.ok(CASES.length >= 25, `${CASES.length} cases`)
  assert.ok(CASES.filter((c) => c.includes('-fail-')).length >= 8)
})

// Three scripts at a time.
for (let i = 0; i < CASES.length; i += 3) {
  const batch = CASES.slice(i, i + 3)
  test(`legacy scripts ${batch.join(', ')}`, async (t) => {
    await Promise.all(batch.map((name) => t.test(name, () => runCase(name))))
  })
}
