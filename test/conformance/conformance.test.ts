import assert from 'node:assert/strict'
import {copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {after, before, describe, it, test} from 'node:test'
import {BIN, STORE_P} from '../helpers/csxmpp.js'
import {type ProcessOutput as Output, runProcess} from '../helpers/process.js'
import {CASES, PENDING, type ConformanceCase} from './cases.js'

/**
 * Runs the conformance examples of powershell.md §15 (cases.ts) against the built executable: scripts
 * as `csxmpp -File <name>`, bash lines through a real bash with `csxmpp` a function around bin/run.js,
 * so that bash itself splits, expands and brace-expands as the spec's cases assume (C2, C3, C7).
 */

const FILES = new URL('./files/', import.meta.url)
/** Each process gets this long; then its process group is killed and the case fails. */
const TIMEOUT_MS = 20_000
/** At most this many cases, each running one process at a time, run at once (the machine has 2 cores). */
const CONCURRENCY = 4

/** runCsxmpp runs bin/run.js with the given arguments. */
function runCsxmpp(dir: string, args: readonly string[]): Promise<Output> {
  return runProcess(dir, process.execPath, [BIN, ...args], TIMEOUT_MS)
}

/** runBashLine runs one of the spec's `$ ` lines, csxmpp being a shell function around bin/run.js. */
function runBashLine(dir: string, line: string): Promise<Output> {
  return runProcess(dir, 'bash', ['-c', `csxmpp() { node ${shellQuote(BIN)} "$@"; }\n${line}`], TIMEOUT_MS)
}

/** shellQuote makes a word that bash reads back as exactly s. */
function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`
}

/** readStore parses the store file, or gives undefined when there is none (a fresh store). */
function readStore(dir: string): StoreShape | undefined {
  const file = path.join(dir, 'store.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoreShape) : undefined
}

/** StoreShape is the part of the store file that the unchanged-store checks look at. */
interface StoreShape {
  readonly xmppAllowedPartners: Readonly<Record<string, unknown>>
  readonly xmppGatewayConfiguration: {readonly ConnectionLimit: number}
}

/** writeFiles creates the case's files: text as UTF-8, fixtures byte for byte. */
function writeFiles(dir: string, c: ConformanceCase): void {
  for (const [name, content] of Object.entries(c.files)) {
    if (typeof content === 'string') writeFileSync(path.join(dir, name), content)
    else copyFileSync(new URL(content.fixture, FILES), path.join(dir, name))
  }
}

/** runAll runs what the case runs, in order, and gives every process's output. */
async function runAll(dir: string, c: ConformanceCase): Promise<Output[]> {
  const outputs: Output[] = []
  if (c.bash) {
    for (const line of c.bash) outputs.push(await runBashLine(dir, line))
    return outputs
  }
  for (const script of c.scripts ?? [{name: 't.ps1', text: c.script!}]) {
    writeFileSync(path.join(dir, script.name), script.text)
    outputs.push(await runCsxmpp(dir, ['-File', script.name]))
  }
  return outputs
}

/** assertStoreUnchanged checks what the spec promises: a fresh store stays fresh, store P stays as it was. */
function assertStoreUnchanged(before: StoreShape | undefined, after: StoreShape | undefined): void {
  if (before !== undefined) return assert.deepEqual(after, before, 'the store changed')
  if (after === undefined) return
  assert.deepEqual(Object.keys(after.xmppAllowedPartners), [], 'a fresh store gained partners')
  assert.equal(after.xmppGatewayConfiguration.ConnectionLimit, 1000, 'a fresh store changed its ConnectionLimit')
}

/** runCase runs one case in a fresh directory and compares stdout, stderr and exit codes exactly. */
async function runCase(c: ConformanceCase, storeP: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), `csxmpp-${c.id}-`))
  try {
    if (c.store === 'P') copyFileSync(storeP, path.join(dir, 'store.json'))
    writeFiles(dir, c)
    const before = readStore(dir)
    const outputs = await runAll(dir, c)
    assert.equal(outputs.map((o) => o.stdout).join(''), c.stdout, `${c.id} stdout`)
    assert.equal(outputs.map((o) => o.stderr).join(''), c.stderr, `${c.id} stderr`)
    assert.deepEqual(
      outputs.map((o) => o.code),
      c.exit,
      `${c.id} exit codes`,
    )
    if (c.storeUnchanged) assertStoreUnchanged(before, readStore(dir))
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

test('cases.ts holds C1 to C105, each once, each with one exit code per run', () => {
  assert.deepEqual(
    CASES.map((c) => c.id),
    Array.from({length: 105}, (_, i) => `C${i + 1}`),
  )
  for (const c of CASES) {
    const runs = [c.script === undefined ? 0 : 1, c.scripts?.length ?? 0, c.bash?.length ?? 0]
    assert.equal(runs.filter((n) => n > 0).length, 1, `${c.id}: exactly one of script, scripts, bash`)
    assert.equal(c.exit.length, Math.max(...runs), `${c.id}: exit codes`)
  }
  for (const id of PENDING.keys()) assert.ok(CASES.some((c) => c.id === id), `PENDING names unknown case ${id}`)
})

describe('powershell.md §15 conformance', {concurrency: CONCURRENCY}, () => {
  // Store P is built once, by the argv-mode commands of §15's header, and copied into each case.
  const home = mkdtempSync(path.join(tmpdir(), 'csxmpp-store-p-'))
  const storeP = path.join(home, 'store.json')
  before(async () => {
    assert.ok(existsSync(BIN), `${BIN} is missing: run npm run build`)
    for (const argv of STORE_P) {
      const made = await runCsxmpp(home, argv)
      assert.deepEqual([made.stderr, made.code], ['', 0], `building store P: ${argv.join(' ')}`)
    }
  })
  after(() => rmSync(home, {recursive: true, force: true}))

  for (const c of CASES) it(`${c.id}. ${c.title}`, {todo: PENDING.get(c.id)}, () => runCase(c, storeP))
})
