import assert from 'node:assert/strict'
import {appendFileSync, chmodSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {PresenceJournal} from '../../src/gateway/presence/journal.js'
import type {StateLog} from '../../src/gateway/presence/state-files.js'
import type {ContactRecord} from '../../store/index.js'
import {type TempStore, spawnCsxmpp, tmpStore} from '../helpers/csxmpp.js'

/**
 * Get-CsXmppPresenceSubscription (issue 14 item 6): the admin view of the presence state, written by
 * the gateway's real PresenceJournal into `<store dir>/state/` and read by a real csxmpp process.
 */

const SILENT = {warn: () => undefined, error: () => undefined} as unknown as StateLog
// Epoch seconds: 2026-12-08 10:00:00 UTC (`at` of P2.1).
const AT = 1796724000

const RECORDS: ContactRecord[] = [
  {l: 'pilar@litwareinc.com', r: 'romeo@montague.test', s: 0x03, fc: false, at: AT},
  {l: 'kenmyer@litwareinc.com', r: 'juliet@capulet.test', s: 0x01 | 0x10, fc: false, at: AT + 60},
  {l: 'kenmyer@litwareinc.com', r: 'benvolio@montague.test', s: 0x20, fc: false, at: AT + 120},
  {l: 'kenmyer@litwareinc.com', r: 'nurse@chat.capulet.test', s: 0x30, fc: true, at: AT + 180},
  {l: 'kenmyer@litwareinc.com', r: 'tybalt@capulet.test', s: 0x02, fc: false, at: AT + 240},
]

/** withState writes records through the gateway's journal, closes it, and returns the store. */
async function withState(records: readonly ContactRecord[], deleted: ReadonlyArray<[string, string]> = []): Promise<TempStore> {
  const store = tmpStore()
  const journal = await PresenceJournal.open(path.join(store.dir, 'state'), {log: SILENT})
  for (const record of records) journal.putContact(record)
  for (const [l, r] of deleted) journal.deleteContact(l, r)
  await journal.close()
  return store
}

const ENV = {TZ: 'UTC'}

async function json(store: TempStore, argv: string[]): Promise<Array<Record<string, unknown>>> {
  const result = await spawnCsxmpp(store, ['Get-CsXmppPresenceSubscription', ...argv, '--json'], ENV)
  assert.equal(result.stderr, '')
  assert.equal(result.code, 0)
  return JSON.parse(result.stdout)
}

const pairs = (objects: Array<Record<string, unknown>>) => objects.map((o) => `${o.User} ${o.Contact}`)

test('--json: one object per (user, contact), sorted by User then Contact, with the states of P2.1', async (t) => {
  const store = await withState(RECORDS)
  t.after(store.cleanup)
  const objects = await json(store, [])
  assert.deepEqual(
    objects.map((o) => [o.User, o.Contact, o.Subscription, o.Pending]),
    [
      ['sip:kenmyer@litwareinc.com', 'benvolio@montague.test', 'None', 'Out'],
      ['sip:kenmyer@litwareinc.com', 'juliet@capulet.test', 'To', 'In'],
      ['sip:kenmyer@litwareinc.com', 'nurse@chat.capulet.test', 'None', 'In, Out'],
      ['sip:kenmyer@litwareinc.com', 'tybalt@capulet.test', 'From', 'None'],
      ['sip:pilar@litwareinc.com', 'romeo@montague.test', 'Both', 'None'],
    ],
  )
  assert.deepEqual(Object.keys(objects[0]!), ['User', 'Contact', 'Subscription', 'Pending', 'Since', 'LastPresence', 'LastRefusal'])
  assert.equal(objects[0]!.LastPresence, null)
  assert.equal(objects[0]!.LastRefusal, null)
  assert.equal(objects[0]!.Since, '2026-12-08T10:02:00+00:00')
})

const FILTERS: Array<{name: string; argv: string[]; expected: string[]}> = [
  {name: '-User with sip:', argv: ['-User', 'sip:pilar@litwareinc.com'], expected: ['sip:pilar@litwareinc.com romeo@montague.test']},
  {name: '-User positional, bare and in another case', argv: ['PILAR@LitwareInc.com'], expected: ['sip:pilar@litwareinc.com romeo@montague.test']},
  {name: '-User nobody has state for', argv: ['-User', 'anne@fabrikam.com'], expected: []},
  {name: '-Contact a bare JID, any case', argv: ['-Contact', 'Juliet@Capulet.test'], expected: ['sip:kenmyer@litwareinc.com juliet@capulet.test']},
  {
    name: '-Contact a domain',
    argv: ['-Contact', 'capulet.test'],
    expected: ['sip:kenmyer@litwareinc.com juliet@capulet.test', 'sip:kenmyer@litwareinc.com tybalt@capulet.test'],
  },
  {
    name: '-Contact a domain wildcard',
    argv: ['-Contact', '*capulet.test'],
    expected: ['sip:kenmyer@litwareinc.com juliet@capulet.test', 'sip:kenmyer@litwareinc.com nurse@chat.capulet.test', 'sip:kenmyer@litwareinc.com tybalt@capulet.test'],
  },
  {name: '-Contact a JID wildcard', argv: ['-Contact', '[jt]*@capulet.test'], expected: ['sip:kenmyer@litwareinc.com juliet@capulet.test', 'sip:kenmyer@litwareinc.com tybalt@capulet.test']},
  {name: '-User and -Contact together', argv: ['sip:kenmyer@litwareinc.com', '-Contact', 'montague.test'], expected: ['sip:kenmyer@litwareinc.com benvolio@montague.test']},
]

test('-User and -Contact select', async (t) => {
  const store = await withState(RECORDS)
  t.after(store.cleanup)
  for (const c of FILTERS) assert.deepEqual(pairs(await json(store, c.argv)), c.expected, c.name)
})

test('the table view: fixed widths, LastRefusal dropped at 120 columns', async (t) => {
  const store = await withState(RECORDS.slice(0, 2))
  t.after(store.cleanup)
  const result = await spawnCsxmpp(store, ['Get-CsXmppPresenceSubscription'], ENV)
  assert.equal(result.stderr, '')
  assert.equal(
    result.stdout,
    [
      '',
      'User                      Contact                   Subscription Pending Since                  LastPresence',
      '----                      -------                   ------------ ------- -----                  ------------',
      'sip:kenmyer@litwareinc... juliet@capulet.test       To           In      12/8/2026 10:01:00 AM',
      'sip:pilar@litwareinc.com  romeo@montague.test       Both         None    12/8/2026 10:00:00 AM',
      '',
      '',
    ].join('\n'),
  )
})

test('no state directory, or an empty one: nothing, no error', async (t) => {
  const none = tmpStore()
  t.after(none.cleanup)
  assert.deepEqual(await json(none, []), [])
  const empty = await withState([])
  t.after(empty.cleanup)
  assert.deepEqual(await json(empty, []), [])
  assert.deepEqual(await json(empty, ['-Contact', 'a.test']), [])
})

test('a torn last line is ignored, an undecodable line skipped, a deletion applied; nothing is written', async (t) => {
  const store = await withState(RECORDS, [['kenmyer@litwareinc.com', 'tybalt@capulet.test']])
  t.after(store.cleanup)
  const journal = path.join(store.dir, 'state', 'presence.journal')
  appendFileSync(journal, 'not json\n{"t":"c","l":"pilar@litwareinc.com","r":"late@x.test","s":1,"fc":0,"at":1}\n{"t":"c","l":"pilar@litwareinc.com","r":"torn@x.test","s":1,')
  chmodSync(journal, 0o644)
  const before = readFileSync(journal, 'utf8')
  const objects = await json(store, ['-User', 'pilar@litwareinc.com'])
  assert.deepEqual(pairs(objects), ['sip:pilar@litwareinc.com late@x.test', 'sip:pilar@litwareinc.com romeo@montague.test'])
  assert.equal((await json(store, ['-Contact', 'tybalt@capulet.test'])).length, 0)
  // Read-only: the torn line stays, the mode is not narrowed, no lock is taken.
  assert.equal(readFileSync(journal, 'utf8'), before)
  assert.equal(statSync(journal).mode & 0o777, 0o644)
  assert.deepEqual(readdirSync(path.join(store.dir, 'state')).sort(), ['presence.journal'])
})

test('snapshot, then .old, then journal: a later file wins', async (t) => {
  const store = tmpStore()
  t.after(store.cleanup)
  const state = path.join(store.dir, 'state')
  const journal = await PresenceJournal.open(state, {log: SILENT})
  await journal.close()
  const line = (s: number) => `{"t":"c","l":"kenmyer@litwareinc.com","r":"juliet@capulet.test","s":${s},"fc":0,"at":${AT}}\n`
  writeFileSync(path.join(state, 'presence.snapshot'), line(1) + line(2).replace('juliet', 'romeo'), {mode: 0o600})
  writeFileSync(path.join(state, 'presence.journal.old'), line(2), {mode: 0o600})
  writeFileSync(path.join(state, 'presence.journal'), line(3), {mode: 0o600})
  assert.deepEqual(
    (await json(store, [])).map((o) => `${o.Contact} ${o.Subscription}`),
    ['juliet@capulet.test Both', 'romeo@capulet.test From'],
  )
})

const err = (message: string, category: string, id: string) =>
  new RegExp(`^Get-CsXmppPresenceSubscription : ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n[\\s\\S]*CategoryInfo +: ${category}[\\s\\S]*FullyQualifiedErrorId : ${id},Get-CsXmppPresenceSubscription\n$`)

test('an invalid -Contact pattern is the cmdlet\'s error, with or without state', async (t) => {
  const store = tmpStore()
  t.after(store.cleanup)
  const result = await spawnCsxmpp(store, ['Get-CsXmppPresenceSubscription', '-Contact', '[a'], ENV)
  assert.equal(result.code, 1)
  assert.equal(result.stdout, '')
  assert.match(result.stderr, err('The specified wildcard character pattern is not valid: [a', 'InvalidArgument', 'WildcardPattern_Invalid'))
})

test('a state file that is a symbolic link is not followed: an error record', async (t) => {
  const store = await withState(RECORDS.slice(0, 1))
  t.after(store.cleanup)
  const snapshot = path.join(store.dir, 'state', 'presence.snapshot')
  writeFileSync(path.join(store.dir, 'elsewhere'), '')
  symlinkSync(path.join(store.dir, 'elsewhere'), snapshot)
  const result = await spawnCsxmpp(store, ['Get-CsXmppPresenceSubscription'], ENV)
  assert.equal(result.code, 1)
  assert.match(
    result.stderr,
    err(`Cannot read the presence state in "${path.join(store.dir, 'state')}": a state file is a symbolic link, which csxmpp does not follow.`, 'ReadError', 'PresenceStateUnreadable'),
  )
})

test('help: synopsis, parameters and examples', async () => {
  const result = await spawnCsxmpp(undefined, ['-Command', 'Get-Help Get-CsXmppPresenceSubscription -Full'], ENV)
  assert.equal(result.code, 0, result.stderr)
  for (const text of ['Returns the presence subscriptions between local users and XMPP contacts.', '-User <String>', '-Contact <String>', 'Get-CsXmppPresenceSubscription sip:kenmyer@litwareinc.com -Contact fabrikam.com']) {
    assert.ok(result.stdout.includes(text), text)
  }
})
