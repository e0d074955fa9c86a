import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {test} from 'node:test'
import {fileURLToPath} from 'node:url'
import {migrateFirstContacts} from '../../../src/gateway/presence/first-contacts-migration.js'
import {PresenceJournal} from '../../../src/gateway/presence/journal.js'
import type {StateLog} from '../../../src/gateway/presence/state-files.js'
import {type ContactRecord, type NotifierDialog, cseqMark, resumedCseq} from '../../../src/gateway/presence/state-records.js'

/** The presence state journal and snapshot (presence.md P8.1–P8.2), on real files in a temporary directory. */

/** Logged is a log that keeps its warn and error lines as `level message {fields}`. */
function logged(): {log: StateLog; lines: string[]} {
  const lines: string[] = []
  const entry = (level: string) => (fields: object, message: string) => lines.push(`${level} ${message} ${JSON.stringify(fields)}`)
  return {log: {warn: entry('warn'), error: entry('error')} as unknown as StateLog, lines}
}

function stateDir(): {dir: string; state: string; cleanup: () => void} {
  const dir = mkdtempSync(path.join(tmpdir(), 'csxmpp-journal-'))
  return {dir, state: path.join(dir, 'state'), cleanup: () => rmSync(dir, {recursive: true, force: true})}
}

const ALICE_JULIET: ContactRecord = {l: 'alice@gw.test', r: 'juliet@a.test', s: 18, fc: false, at: 1796673000}
const DIALOG: NotifierDialog = {
  id: '3df8dc60245c3c07;ebced54e9c57e006;8f1c2a9e04b7',
  l: 'bob@gw.test',
  r: 'juliet@a.test',
  target: 'sip:bob-0x55e1079592d0@127.0.0.43:5060',
  routes: ['<sip:127.0.0.40;lr;ftag=ebced54e9c57e006>'],
  transport: 'udp',
  cseq: 100,
  exp: 1796676600,
  state: 'active',
}
const NOW = () => 1796673000_000

function journalText(state: string): string {
  return readFileSync(path.join(state, 'presence.journal'), 'utf8')
}

test('round trip: the lines of P8.2, and the same records after a restart', async () => {
  const {state, cleanup} = stateDir()
  try {
    const {log, lines} = logged()
    const journal = await PresenceJournal.open(state, {log, now: NOW})
    journal.putContact(ALICE_JULIET)
    journal.putContact({l: 'alice@gw.test', r: 'romeo@b.test', s: 0, fc: true, at: 1796673001})
    journal.putContact({l: 'carol@gw.test', r: 'romeo@b.test', s: 1, fc: false, at: 1796673002})
    journal.deleteContact('carol@gw.test', 'romeo@b.test')
    journal.putDialog(DIALOG)
    journal.putDialog({...DIALOG, id: 'gone', cseq: 7})
    journal.deleteDialog('gone')
    // P2.1: a record with no bits and no fc is deleted.
    journal.putContact({...ALICE_JULIET, r: 'romeo@b.test', s: 0, fc: false})
    await journal.close()
    await journal.close()
    assert.equal(
      journalText(state),
      [
        '{"t":"c","l":"alice@gw.test","r":"juliet@a.test","s":18,"fc":0,"at":1796673000}',
        '{"t":"c","l":"alice@gw.test","r":"romeo@b.test","s":0,"fc":1,"at":1796673001}',
        '{"t":"c","l":"carol@gw.test","r":"romeo@b.test","s":1,"fc":0,"at":1796673002}',
        '{"t":"c-","l":"carol@gw.test","r":"romeo@b.test"}',
        '{"t":"d","id":"3df8dc60245c3c07;ebced54e9c57e006;8f1c2a9e04b7","l":"bob@gw.test","r":"juliet@a.test","target":"sip:bob-0x55e1079592d0@127.0.0.43:5060","routes":["<sip:127.0.0.40;lr;ftag=ebced54e9c57e006>"],"transport":"udp","cseq":100,"exp":1796676600,"state":"active"}',
        '{"t":"d","id":"gone","l":"bob@gw.test","r":"juliet@a.test","target":"sip:bob-0x55e1079592d0@127.0.0.43:5060","routes":["<sip:127.0.0.40;lr;ftag=ebced54e9c57e006>"],"transport":"udp","cseq":100,"exp":1796676600,"state":"active"}',
        '{"t":"d-","id":"gone"}',
        '{"t":"c-","l":"alice@gw.test","r":"romeo@b.test"}',
        '',
      ].join('\n'),
    )
    const again = await PresenceJournal.open(state, {log, now: NOW})
    assert.deepEqual([...again.contacts()], [ALICE_JULIET])
    assert.deepEqual([...again.dialogs()], [DIALOG])
    assert.equal(again.contactCount, 1)
    await again.close()
    assert.deepEqual(lines, [])
  } finally {
    cleanup()
  }
})

test('a torn last line is ignored and cut off, so the next change is a line of its own', async () => {
  for (const torn of ['{"t":"c","l":"alice@gw.te', '{"t":"c","l":"alice@gw.test","r":"torn@a.test","s":1,"fc":0,"at":1}']) {
    const {state, cleanup} = stateDir()
    try {
      mkdirSync(state, {mode: 0o700})
      const whole = '{"t":"c","l":"alice@gw.test","r":"juliet@a.test","s":18,"fc":0,"at":1796673000}\n'
      writeFileSync(path.join(state, 'presence.journal'), whole + torn, {mode: 0o600})
      const {log, lines} = logged()
      const journal = await PresenceJournal.open(state, {log, now: NOW})
      assert.deepEqual([...journal.contacts()], [ALICE_JULIET])
      journal.deleteContact('alice@gw.test', 'juliet@a.test')
      await journal.close()
      assert.equal(journalText(state), `${whole}{"t":"c-","l":"alice@gw.test","r":"juliet@a.test"}\n`)
      assert.deepEqual(lines, [])
    } finally {
      cleanup()
    }
  }
})

test('an undecodable line in the middle is skipped with a warn line, the others load', async () => {
  const {state, cleanup} = stateDir()
  try {
    mkdirSync(state, {mode: 0o700})
    const journalFile = path.join(state, 'presence.journal')
    writeFileSync(
      journalFile,
      [
        '{"t":"c","l":"alice@gw.test","r":"juliet@a.test","s":18,"fc":0,"at":1796673000}',
        'garbage{',
        '{"t":"c","l":"alice@gw.test","r":"romeo@b.test","s":"1","fc":0,"at":1}',
        '{"t":"x"}',
        '{"t":"d","id":"d1","l":"bob@gw.test","r":"juliet@a.test","target":"sip:b@h","routes":[1],"transport":"udp","cseq":100,"exp":1796676600,"state":"active"}',
        '{"t":"c","l":"alice@gw.test","r":"romeo@b.test","s":1,"fc":1,"at":2}',
        '',
      ].join('\n'),
      {mode: 0o600},
    )
    const {log, lines} = logged()
    const journal = await PresenceJournal.open(state, {log, now: NOW})
    assert.deepEqual([...journal.contacts()], [ALICE_JULIET, {l: 'alice@gw.test', r: 'romeo@b.test', s: 1, fc: true, at: 2}])
    assert.deepEqual([...journal.dialogs()], [])
    await journal.close()
    assert.deepEqual(
      lines,
      [2, 3, 4, 5].map((line) => `warn presence state: undecodable record skipped {"file":${JSON.stringify(journalFile)},"line":${line}}`),
    )
  } finally {
    cleanup()
  }
})

test('kill -9 of a writer in mid-stream, compactions included, loses no change it returned from', async () => {
  const {state, cleanup} = stateDir()
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('journal-child.ts', import.meta.url)), state], {stdio: ['ignore', 'pipe', 'pipe']})
  try {
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (data: Buffer) => (stderr += data))
    const acknowledged = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        stdout += data
        // Past several compactions (500 live records; one is due every 1,024 lines).
        if (stdout.length > 60_000) child.kill('SIGKILL')
      })
      child.on('exit', (_code, signal) => {
        if (signal !== 'SIGKILL') return reject(new Error(`the writer exited by itself: ${stderr}`))
        resolve(Number(stdout.slice(0, stdout.lastIndexOf('\n')).split('\n').pop()))
      })
    })
    assert.equal(stderr, '')
    assert.ok(acknowledged > 5000, `only ${acknowledged} changes`)
    const {log, lines} = logged()
    const journal = await PresenceJournal.open(state, {log, now: NOW})
    for (let key = 0; key < 500; key++) {
      const last = acknowledged - ((((acknowledged - key) % 500) + 500) % 500)
      const record = journal.contact('alice@gw.test', `c${key}@a.test`)
      // The change in flight when the kill came may or may not be there; every earlier one is.
      assert.ok(record && (record.at === last || record.at === last + 500), `c${key}: ${JSON.stringify(record)} (last acknowledged ${last})`)
      assert.equal(record.s, 1 + (record.at % 2))
    }
    await journal.close()
    assert.deepEqual(lines, [])
  } finally {
    child.kill('SIGKILL')
    cleanup()
  }
})

test('compaction while changes go on loses none of them, and leaves a short journal', async () => {
  const {state, cleanup} = stateDir()
  try {
    const {log, lines} = logged()
    const journal = await PresenceJournal.open(state, {log, now: NOW})
    const expected = new Map<string, ContactRecord>()
    const put = (record: ContactRecord) => {
      journal.putContact(record)
      expected.set(record.r, record)
    }
    for (let i = 0; i < 20_000; i++) put({l: 'alice@gw.test', r: `c${i}@a.test`, s: 1, fc: false, at: i})
    // 20,001 lines over 20,000 live records: not due. Churn the first 100 until it is.
    let change = 20_000
    while (!existsSync(path.join(state, 'presence.snapshot')) && change < 100_000) {
      put({l: 'alice@gw.test', r: `c${change % 100}@a.test`, s: 2, fc: false, at: change++})
      await new Promise((resolve) => setImmediate(resolve))
      if (existsSync(path.join(state, 'presence.journal.old'))) break
    }
    assert.ok(existsSync(path.join(state, 'presence.journal.old')), 'compaction did not start')
    let done = false
    const compacted = journal.compacted().then(() => (done = true))
    let during = 0
    while (!done) {
      put({l: 'bob@gw.test', r: `d${during}@b.test`, s: 1, fc: true, at: during})
      journal.deleteContact('alice@gw.test', `c${19_999 - during}@a.test`)
      expected.delete(`c${19_999 - during}@a.test`)
      during++
      await new Promise((resolve) => setImmediate(resolve))
    }
    await compacted
    assert.ok(during > 0)
    assert.equal(existsSync(path.join(state, 'presence.journal.old')), false)
    assert.equal(journalText(state).split('\n').length - 1, 2 * during)
    await journal.close()
    const again = await PresenceJournal.open(state, {log, now: NOW})
    assert.deepEqual(new Map([...again.contacts()].map((record) => [record.r, record])), expected)
    await again.close()
    assert.deepEqual(lines, [])
  } finally {
    cleanup()
  }
})

test('a journal found longer than twice the live records at open is compacted after open returns', async () => {
  const {state, cleanup} = stateDir()
  try {
    mkdirSync(state, {mode: 0o700})
    const lines = Array.from({length: 3000}, (_, i) => `{"t":"c","l":"alice@gw.test","r":"c${i % 100}@a.test","s":1,"fc":0,"at":${i}}\n`)
    writeFileSync(path.join(state, 'presence.journal'), lines.join(''), {mode: 0o600})
    const {log, lines: logLines} = logged()
    const journal = await PresenceJournal.open(state, {log, now: NOW})
    assert.equal(existsSync(path.join(state, 'presence.snapshot')), false)
    await journal.compacted()
    assert.equal(journalText(state), '')
    assert.equal(readFileSync(path.join(state, 'presence.snapshot'), 'utf8'), lines.slice(2900).join(''))
    await journal.close()
    assert.deepEqual(logLines, [])
  } finally {
    cleanup()
  }
})

test('a compaction a crash interrupted (rotated journal still there) is finished at open', async () => {
  const {state, cleanup} = stateDir()
  try {
    mkdirSync(state, {mode: 0o700})
    const line = (r: string, s: number) => `{"t":"c","l":"alice@gw.test","r":"${r}","s":${s},"fc":0,"at":1}\n`
    // The snapshot was renamed in place (it has x at 2) but .old, which set x to 1 earlier, was not removed yet.
    writeFileSync(path.join(state, 'presence.snapshot'), line('x@a.test', 2) + line('y@a.test', 1), {mode: 0o600})
    writeFileSync(path.join(state, 'presence.journal.old'), line('x@a.test', 1) + line('x@a.test', 2) + line('y@a.test', 1), {mode: 0o600})
    writeFileSync(path.join(state, 'presence.journal'), line('y@a.test', 3), {mode: 0o600})
    const {log, lines} = logged()
    const journal = await PresenceJournal.open(state, {log, now: NOW})
    assert.deepEqual([...journal.contacts()].map((record) => `${record.r} ${record.s}`), ['x@a.test 2', 'y@a.test 3'])
    assert.equal(existsSync(path.join(state, 'presence.journal.old')), false)
    assert.equal(readFileSync(path.join(state, 'presence.snapshot'), 'utf8'), line('x@a.test', 2) + line('y@a.test', 3))
    await journal.close()
    assert.deepEqual(lines, [])
  } finally {
    cleanup()
  }
})

test('state/ is created 0700 and its files 0600; wider modes are narrowed with a warn line', async () => {
  const {state, cleanup} = stateDir()
  try {
    const quiet = logged()
    await (await PresenceJournal.open(state, {log: quiet.log, now: NOW})).close()
    assert.equal(statSync(state).mode & 0o777, 0o700)
    assert.equal(statSync(path.join(state, 'presence.journal')).mode & 0o777, 0o600)
    assert.deepEqual(quiet.lines, [])
    chmodSync(state, 0o755)
    chmodSync(path.join(state, 'presence.journal'), 0o644)
    writeFileSync(path.join(state, 'presence.snapshot'), '', {mode: 0o640})
    chmodSync(path.join(state, 'presence.snapshot'), 0o640)
    const {log, lines} = logged()
    await (await PresenceJournal.open(state, {log, now: NOW})).close()
    assert.equal(statSync(state).mode & 0o777, 0o700)
    assert.equal(statSync(path.join(state, 'presence.journal')).mode & 0o777, 0o600)
    assert.equal(statSync(path.join(state, 'presence.snapshot')).mode & 0o777, 0o600)
    assert.deepEqual(lines, [
      `warn presence state directory was readable by others; narrowed to 0700 {"directory":${JSON.stringify(state)},"mode":"0755"}`,
      `warn presence state file was readable by others; narrowed to 0600 {"file":${JSON.stringify(path.join(state, 'presence.snapshot'))},"mode":"0640"}`,
      `warn presence state file was readable by others; narrowed to 0600 {"file":${JSON.stringify(path.join(state, 'presence.journal'))},"mode":"0644"}`,
    ])
  } finally {
    cleanup()
  }
})

test('a symbolic link in place of the state directory, the journal or the snapshot is refused and not written through', async () => {
  for (const name of ['', 'presence.journal', 'presence.snapshot']) {
    const {dir, state, cleanup} = stateDir()
    try {
      const victim = path.join(dir, 'victim')
      if (name === '') mkdirSync(victim, {mode: 0o700})
      else {
        mkdirSync(state, {mode: 0o700})
        writeFileSync(victim, 'precious\n', {mode: 0o600})
      }
      symlinkSync(victim, path.join(state, name))
      const {log} = logged()
      const link = name === '' ? state : path.join(state, name)
      await assert.rejects(PresenceJournal.open(state, {log, now: NOW}), {
        name: 'PresenceStateError',
        message:
          name === ''
            ? `The presence state ${link} cannot be used: it is a symbolic link, which csxmpp does not follow. Replace it with a directory.`
            : `The presence state ${link} cannot be used: it is a symbolic link, which csxmpp does not follow. Remove it.`,
      })
      if (name !== '') assert.equal(readFileSync(victim, 'utf8'), 'precious\n')
    } finally {
      cleanup()
    }
  }
})

test('dialog CSeq: the journal keeps a high-water mark rounded up to 100, written only when crossed', async () => {
  const table: Array<[number, number]> = [[1, 100], [99, 100], [100, 100], [101, 200], [250, 300]]
  assert.deepEqual(table.map(([cseq]) => [cseq, cseqMark(cseq)]), table)
  assert.equal(resumedCseq(300), 400)
  const {state, cleanup} = stateDir()
  try {
    const {log, lines} = logged()
    const journal = await PresenceJournal.open(state, {log, now: NOW})
    journal.putDialog({...DIALOG, cseq: 1})
    for (let cseq = 2; cseq <= 250; cseq++) journal.advanceDialogCseq(DIALOG.id, cseq)
    await journal.close()
    assert.deepEqual(journalText(state).trim().split('\n').map((text) => JSON.parse(text).cseq), [100, 200, 300])
    const again = await PresenceJournal.open(state, {log, now: NOW})
    assert.equal(resumedCseq(again.dialog(DIALOG.id)!.cseq), 400)
    await again.close()
    // Expired at load (P8.3 step 1): not loaded.
    const later = await PresenceJournal.open(state, {log, now: () => DIALOG.exp * 1000})
    assert.deepEqual([...later.dialogs()], [])
    await later.close()
    assert.deepEqual(lines, [])
  } finally {
    cleanup()
  }
})

test('first-contacts.json becomes fc on the records, then first-contacts.json.migrated, once', async () => {
  const {state, cleanup} = stateDir()
  try {
    mkdirSync(state, {mode: 0o700})
    writeFileSync(path.join(state, 'first-contacts.json'), JSON.stringify([['Alice@GW.test', 'Juliet@A.test'], ['bob@gw.test', 'romeo@b.test']]), {mode: 0o600})
    const {log, lines} = logged()
    const journal = await PresenceJournal.open(state, {log, now: NOW})
    journal.putContact({...ALICE_JULIET, s: 3})
    assert.equal(await migrateFirstContacts(journal, log, () => 1796673100_000), 2)
    assert.deepEqual([...journal.contacts()], [
      {l: 'alice@gw.test', r: 'juliet@a.test', s: 3, fc: true, at: 1796673100},
      {l: 'bob@gw.test', r: 'romeo@b.test', s: 0, fc: true, at: 1796673100},
    ])
    assert.equal(existsSync(path.join(state, 'first-contacts.json')), false)
    assert.equal(existsSync(path.join(state, 'first-contacts.json.migrated')), true)
    assert.equal(await migrateFirstContacts(journal, log), 0)
    writeFileSync(path.join(state, 'first-contacts.json'), '{"not":"pairs"}', {mode: 0o600})
    assert.equal(await migrateFirstContacts(journal, log), 0)
    assert.equal(existsSync(path.join(state, 'first-contacts.json')), true)
    await journal.close()
    assert.deepEqual(lines, [
      `warn first-contact records not migrated: the file is not a list of [user, contact] pairs; it is left as it is {"file":${JSON.stringify(path.join(state, 'first-contacts.json'))}}`,
    ])
  } finally {
    cleanup()
  }
})
