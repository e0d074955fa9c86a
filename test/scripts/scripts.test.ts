import assert from 'node:assert/strict'
import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, it, test} from 'node:test'
import {fileURLToPath} from 'node:url'
import {CSXMPP_BIN, type ProcessOutput as Output, runProcess} from '../helpers/process.js'

/**
 * Legacy Lync 2013 admin scripts as golden triples (issue 4). Each directory is one case: script.ps1
 * and the files it reads, optional args.json (the -File arguments) and setup.ps1 (run first, to build
 * the store the script starts from), and the expectations expected.out, expected.err (absent = empty),
 * expected.exit and expected-store.json (`null` = no store file). The expectations were written from
 * powershell.md and cmdlets.md, not recorded from csxmpp: where csxmpp differs, the case is listed in
 * PENDING and runs as a todo. Cases named `*-fail-*` must also leave the store byte-for-byte as it was.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url))
const CASES = readdirSync(HERE)
  .filter((name) => statSync(path.join(HERE, name)).isDirectory())
  .sort()
/** Files of a case that are expectations, not inputs: they are not copied next to the script. */
const EXPECTATIONS = new Set(['expected.out', 'expected.err', 'expected.exit', 'expected-store.json'])
/** Each process gets this long; then it is killed by its process id and the case fails. */
const TIMEOUT_MS = 30_000
/** At most this many cases run at once (the machine has 2 shared cores). */
const CONCURRENCY = 3

/** PENDING maps a case whose spec-derived expectation csxmpp does not meet yet to the reason. */
const PENDING: ReadonlyMap<string, string> = new Map<string, string>([])

/** csxmpp runs bin/run.js in dir with the store, home and state inside dir and no colour. */
function csxmpp(dir: string, args: readonly string[]): Promise<Output> {
  return runProcess(dir, process.execPath, [CSXMPP_BIN, ...args], TIMEOUT_MS)
}

/** storeBytes is the store file's content, or undefined when there is none. */
function storeBytes(dir: string): Buffer | undefined {
  const file = path.join(dir, 'store.json')
  return existsSync(file) ? readFileSync(file) : undefined
}

/**
 * comparableStore parses a store text (`null` for no store) for a semantic comparison. The only field
 * that varies between runs is the random name of a secret's file in the key directory; the revision
 * counts committed statements and is deterministic, so it is kept.
 */
function comparableStore(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (key === 'secretFile' ? '<secret file>' : value))
}

/** expected reads one expectation file of a case; a missing expected.err means no stderr. */
function expected(name: string, file: string): string {
  const full = path.join(HERE, name, file)
  return file === 'expected.err' && !existsSync(full) ? '' : readFileSync(full, 'utf8')
}

/** runCase runs one case in a fresh directory and compares stdout, stderr, exit code and the store. */
async function runCase(name: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), `csxmpp-script-${name}-`))
  try {
    cpSync(path.join(HERE, name), dir, {recursive: true, filter: (source) => !EXPECTATIONS.has(path.basename(source))})
    if (existsSync(path.join(dir, 'setup.ps1'))) {
      const setup = await csxmpp(dir, ['-File', 'setup.ps1'])
      assert.deepEqual([setup.stderr, setup.code], ['', 0], 'setup.ps1 runs cleanly')
    }
    const before = storeBytes(dir)
    const argsFile = path.join(dir, 'args.json')
    const args = existsSync(argsFile) ? (JSON.parse(readFileSync(argsFile, 'utf8')) as string[]) : []
    const run = await csxmpp(dir, ['-File', 'script.ps1', ...args])
    assert.equal(run.stdout, expected(name, 'expected.out'), 'stdout')
    assert.equal(run.stderr, expected(name, 'expected.err'), 'stderr')
    assert.equal(`${run.code}\n`, expected(name, 'expected.exit'), 'exit code')
    const after = storeBytes(dir)
    assert.deepEqual(comparableStore(after?.toString('utf8') ?? 'null'), comparableStore(expected(name, 'expected-store.json')), 'store afterwards')
    if (name.includes('-fail-')) assert.deepEqual(after, before, 'a failing script leaves the store byte-for-byte unchanged')
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

test('bin/run.js is built', () => assert.ok(existsSync(CSXMPP_BIN), `${CSXMPP_BIN} is missing: run npm run build`))

test('test/scripts holds at least 25 cases, at least 8 of them failures, each complete', () => {
  assert.ok(CASES.length >= 25, `${CASES.length} cases`)
  const failures = CASES.filter((name) => name.includes('-fail-'))
  assert.ok(failures.length >= 8, `${failures.length} failure cases`)
  for (const name of CASES) {
    for (const file of ['script.ps1', 'expected.out', 'expected.exit', 'expected-store.json']) {
      assert.ok(existsSync(path.join(HERE, name, file)), `${name}/${file} is missing`)
    }
  }
  for (const name of failures) assert.notEqual(expected(name, 'expected.exit'), '0\n', `${name} must fail`)
  for (const name of PENDING.keys()) assert.ok(CASES.includes(name), `PENDING names unknown case ${name}`)
})

describe('legacy admin scripts', {concurrency: CONCURRENCY}, () => {
  for (const name of CASES) it(name, {todo: PENDING.get(name)}, () => runCase(name))
})
