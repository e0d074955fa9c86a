import {mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'
import {writePrivateFile} from '../store/index.js'
import {PresenceJournal} from '../src/gateway/presence/journal.js'
import {writeSnapshot} from '../src/gateway/presence/state-files.js'
import type {ContactRecord, NotifierDialog} from '../src/gateway/presence/state-records.js'
import {median} from './timing.js'

/**
 * The format measurement of presence.md P8.2, side by side at 100,000 contact records (100 users ×
 * 1,000 contacts over 10 domains) and 10,000 notifier dialogs:
 *  (a) a whole-file rewrite like today's FirstContacts: one JSON document, rewritten atomically
 *      (temporary file, fsync, rename) per change;
 *  (b) the journal + snapshot of src/gateway/presence/journal.ts, loaded from a snapshot and from a
 *      journal alone (the worst case: nothing compacted yet).
 * Load time (target < 1 s), bytes per record, change latency, and heap per record once loaded
 * (issue 14: ≤ 1 KiB per subscription). Run: node --import tsx bench/presence-state.bench.ts
 */

const USERS = 100
const CONTACTS_PER_USER = 1000
const DIALOGS = 10_000
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const REWRITES = Number(process.env.BENCH_REWRITES ?? 10)
const APPENDS = Number(process.env.BENCH_APPENDS ?? 10_000)
const RECORDS = USERS * CONTACTS_PER_USER + DIALOGS

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const quiet = {warn: () => undefined, error: () => undefined} as never

function contacts(): ContactRecord[] {
  const records: ContactRecord[] = []
  for (let u = 0; u < USERS; u++)
    for (let c = 0; c < CONTACTS_PER_USER; c++) records.push({l: `user${u}@gw.test`, r: `contact${c}@partner${c % 10}.test`, s: 0x03, fc: c % 7 === 0, at: 1796673000 + c})
  return records
}

function dialogs(): NotifierDialog[] {
  return Array.from({length: DIALOGS}, (_, d) => ({
    id: `${d.toString(16).padStart(16, '0')};ebced54e9c57e006;8f1c2a9e04b7`,
    l: `user${d % USERS}@gw.test`,
    r: `contact${d % CONTACTS_PER_USER}@partner${d % 10}.test`,
    target: `sip:user${d % USERS}-0x55e1079592d0@127.0.0.43:5060`,
    routes: ['<sip:127.0.0.40;lr;ftag=ebced54e9c57e006>'],
    transport: 'udp',
    cseq: 100,
    exp: 4102444800,
    state: 'active' as const,
  }))
}

function heap(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

interface Figures {
  readonly name: string
  readonly loadMs: number
  readonly bytesPerRecord: number
  readonly changeP50Ms: number
  readonly changeP99Ms: number
  readonly heapPerRecord: number
}

/** wholeFile is (a): the records as one JSON document, loaded into the same maps, rewritten per change. */
async function wholeFile(dir: string): Promise<Figures> {
  const file = path.join(dir, 'whole.json')
  const document = {contacts: contacts(), dialogs: dialogs()}
  await writePrivateFile(file, JSON.stringify(document))
  const load = () => {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof document
    const byUser = new Map<string, Map<string, ContactRecord>>()
    for (const record of parsed.contacts) {
      let records = byUser.get(record.l)
      if (!records) byUser.set(record.l, (records = new Map()))
      records.set(record.r, record)
    }
    return {byUser, dialogs: new Map(parsed.dialogs.map((dialog) => [dialog.id, dialog]))}
  }
  const before = heap()
  let loaded = load()
  const heapPerRecord = (heap() - before) / RECORDS
  const loadMs = median(Array.from({length: ROUNDS}, () => timed(() => (loaded = load()))))
  const changes: number[] = []
  for (let i = 0; i < REWRITES; i++) {
    const start = performance.now()
    document.contacts[i] = {...document.contacts[i]!, s: 0x13}
    await writePrivateFile(file, JSON.stringify(document))
    changes.push(performance.now() - start)
  }
  void loaded
  return {name: '(a) whole-file rewrite', loadMs, bytesPerRecord: statSync(file).size / RECORDS, changeP50Ms: percentile(changes, 0.5), changeP99Ms: percentile(changes, 0.99), heapPerRecord}
}

/** journal is (b): the same records in a snapshot (state) or in a journal only (fresh), loaded by PresenceJournal.open. */
async function journal(dir: string, from: 'snapshot' | 'journal'): Promise<Figures> {
  const state = path.join(dir, `state-${from}`)
  const writer = await PresenceJournal.open(state, {log: quiet})
  if (from === 'snapshot') {
    const [allDialogs, allContacts] = [dialogs(), contacts()]
    const start = performance.now()
    await writeSnapshot(path.join(state, 'presence.snapshot'), allDialogs, allContacts)
    snapshotMs = performance.now() - start
  } else {
    for (const dialog of dialogs()) writer.putDialog(dialog)
    for (const record of contacts()) writer.putContact(record)
  }
  await writer.close()
  const file = path.join(state, from === 'snapshot' ? 'presence.snapshot' : 'presence.journal')
  const bytesPerRecord = statSync(file).size / RECORDS
  const before = heap()
  let loaded = await PresenceJournal.open(state, {log: quiet})
  const heapPerRecord = (heap() - before) / RECORDS
  await loaded.close()
  const loads: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now()
    loaded = await PresenceJournal.open(state, {log: quiet})
    loads.push(performance.now() - start)
    await loaded.close()
  }
  loaded = await PresenceJournal.open(state, {log: quiet})
  const changes: number[] = []
  for (let i = 0; i < APPENDS; i++) {
    const record = {l: `user${i % USERS}@gw.test`, r: `contact${i % CONTACTS_PER_USER}@partner${i % 10}.test`, s: 0x03 | (i % 2 ? 0x10 : 0), fc: false, at: 1796680000 + i}
    changes.push(timed(() => loaded.putContact(record)))
  }
  await loaded.close()
  return {name: `(b) journal + snapshot, from the ${from}`, loadMs: median(loads), bytesPerRecord, changeP50Ms: percentile(changes, 0.5), changeP99Ms: percentile(changes, 0.99), heapPerRecord}
}

function timed(action: () => unknown): number {
  const start = performance.now()
  action()
  return performance.now() - start
}

/** snapshotMs is how long writing the whole snapshot took: the bulk of a compaction, off the stanza path. */
let snapshotMs = 0

const dir = mkdtempSync(path.join(tmpdir(), 'csxmpp-presence-bench-'))
try {
  const rows = [await wholeFile(dir), await journal(dir, 'snapshot'), await journal(dir, 'journal')]
  console.log(`presence state: ${USERS * CONTACTS_PER_USER} contact records + ${DIALOGS} notifier dialogs (P8.2), medians of ${ROUNDS} loads`)
  console.log(`${'format'.padEnd(42)} ${'load ms'.padStart(8)} ${'bytes/rec'.padStart(10)} ${'change p50 ms'.padStart(14)} ${'change p99 ms'.padStart(14)} ${'heap B/rec'.padStart(11)}`)
  for (const row of rows)
    console.log(
      `${row.name.padEnd(42)} ${row.loadMs.toFixed(0).padStart(8)} ${row.bytesPerRecord.toFixed(0).padStart(10)} ${row.changeP50Ms.toFixed(3).padStart(14)} ${row.changeP99Ms.toFixed(3).padStart(14)} ${row.heapPerRecord.toFixed(0).padStart(11)}`,
    )
  console.log(`compaction's snapshot of ${RECORDS} records (chunked writes, fsync, rename): ${snapshotMs.toFixed(0)} ms, changes going on meanwhile`)
  console.log('targets: load < 1000 ms (P8.2 #3), O(1) I/O per change (P8.2 #4), heap ≤ 1024 B per subscription (issue 14)')
} finally {
  rmSync(dir, {recursive: true, force: true})
}
