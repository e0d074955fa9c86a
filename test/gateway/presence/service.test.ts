import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {after, test} from 'node:test'
import {type PartnerType, type StoreDocument, freshStore, takeSnapshot} from '../../../store/index.js'
import {newPartnerRecord} from '../../../src/cmdlets/xmpp-allowed-partner/object.js'
import {PresenceJournal} from '../../../src/gateway/presence/journal.js'
import {writePidf} from '../../../src/gateway/presence/mapping.js'
import type {PresenceModel} from '../../../src/gateway/presence/presence-model.js'
import {Scheduler} from '../../../src/gateway/presence/scheduler.js'
import {PresenceService} from '../../../src/gateway/presence/service.js'
import {TokenBuckets} from '../../../src/gateway/presence/token-bucket.js'
import type {OutgoingNotify, OutgoingPresence} from '../../../src/gateway/presence/service-ports.js'
import {FakeClock} from '../../helpers/fake-clock.js'

/**
 * The presence service (presence.md P1.5) end to end with fakes for the XMPP and SIP sides, a real
 * journal in a temporary directory and the fake clock: each scenario lists the exact traffic, in order.
 */

const PARTNERS: Record<string, PartnerType> = {'a.test': 'Federated', 'b.test': 'PublicVerified', 'c.test': 'PublicUnverified'}
const dirs: string[] = []
after(() => dirs.forEach((dir) => rmSync(dir, {recursive: true, force: true})))

function storeDocument(): StoreDocument {
  const doc = freshStore()
  doc.sipDomains['gw.test'] = {Identity: 'gw.test', IsDefault: true}
  for (const [domain, PartnerType] of Object.entries(PARTNERS)) doc.xmppAllowedPartners[domain] = {...newPartnerRecord(domain), PartnerType}
  doc.externalAccessPolicies.global!.EnableXmppAccess = true
  doc.users['alice@gw.test'] = {SipAddress: 'sip:alice@gw.test', DisplayName: 'Alice Ames', Enabled: true, RegistrarPool: null, Site: null, ExternalAccessPolicy: null}
  doc.accessEdgeConfiguration!.AllowFederatedUsers = true
  return doc
}

/** stanza renders an outgoing stanza as one line. */
function stanza(s: OutgoingPresence): string {
  if (s.type === 'refusal') return `refusal ${s.refusal.kind === 'error' ? s.refusal.error.condition : s.refusal.kind} to ${s.request.from}`
  const extra = s.type === 'subscribe' && s.nick ? ` nick=${s.nick}` : s.type === 'available' ? ` ${JSON.stringify(s.presence)}` : ''
  return `${s.type} ${s.from} -> ${s.to}${extra}`
}

function notifyLine(dialog: string, n: OutgoingNotify): string {
  return `NOTIFY ${dialog} ${n.state}${n.reason ? `;reason=${n.reason}` : ''}${n.body === undefined ? '' : ' pidf'}`
}

async function setup(options: {presenceServer?: boolean} = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'csxmpp-service-'))
  dirs.push(dir)
  const quiet = {warn() {}, error() {}, info() {}, debug() {}}
  const warnings: string[] = []
  const journal = await PresenceJournal.open(dir, {log: quiet as never})
  const journalText = () => readFileSync(path.join(dir, 'presence.journal'), 'utf8')
  const clock = new FakeClock(1_000_000)
  const scheduler = new Scheduler(clock)
  let doc = storeDocument()
  const traffic: string[] = []
  const bodies: string[] = []
  /** journalAtSend holds, per stanza, the journal lines on disk when it was sent (P8.2 #1). */
  const journalAtSend: string[] = []
  const service = new PresenceService({
    xmpp: {send: (s) => (traffic.push(stanza(s)), journalAtSend.push(journalText()))},
    sip: {
      respond: (dialog, expires) => traffic.push(`200 ${dialog} Expires=${expires}`),
      notify: (dialog, n) => (traffic.push(notifyLine(dialog, n)), n.body && bodies.push(n.body)),
      subscriber: (op, l) => traffic.push(`subscriber ${op} ${l}`),
    },
    state: journal,
    snapshot: () => takeSnapshot(doc).document,
    scheduler,
    epochMs: () => 1_700_000_000_000 + clock.now(),
    presenceServer: options.presenceServer ?? false,
    log: {...quiet, warn: (fields: object, message: string) => void warnings.push(`${message} ${JSON.stringify(fields)}`)} as never,
  })
  const change = (fn: (d: StoreDocument) => void) => {
    doc = structuredClone(doc)
    fn(doc)
  }
  const take = () => traffic.splice(0)
  return {service, journal, journalText, journalAtSend, clock, traffic, take, bodies, change, warnings}
}

const WATCH = {dialog: 'd1', created: true, l: 'sip:alice@gw.test', r: 'juliet@a.test', entity: 'sip:juliet@a.test', expires: 3600}
const LUNCH: PresenceModel = {available: true, show: 'away', status: {text: 'Lunch'}}

test('(1) a contact at a Federated partner subscribes: journal From first, then subscribed and L presence with its note', async () => {
  const {service, journal, journalAtSend, take} = await setup()
  service.published('alice@gw.test', LUNCH)
  service.xmpp({type: 'subscribe', from: 'juliet@a.test/balcony', to: 'alice@gw.test'})
  assert.deepEqual(take(), ['subscribed alice@gw.test -> juliet@a.test', `available alice@gw.test/sip -> juliet@a.test ${JSON.stringify(LUNCH)}`])
  assert.equal(journal.contact('alice@gw.test', 'juliet@a.test')?.s, 0x02)
  assert.match(journalAtSend[0]!, /"l":"alice@gw.test","r":"juliet@a.test","s":2/)
  // L's presence changes: every watcher hears it (P3.2).
  service.published('alice@gw.test', {available: true})
  assert.deepEqual(take(), ['available alice@gw.test/sip -> juliet@a.test {"available":true}'])
})

test('(1b) notes only to Federated partners (P6.3); probe answers one per (from, L) per 5 s (P3.2)', async () => {
  const {service, clock, take} = await setup()
  service.published('alice@gw.test', LUNCH)
  service.xmpp({type: 'subscribe', from: 'nurse@b.test', to: 'alice@gw.test'})
  assert.deepEqual(take(), ['subscribed alice@gw.test -> nurse@b.test', 'available alice@gw.test/sip -> nurse@b.test {"available":true,"show":"away"}'])
  const probe = {type: 'probe', from: 'nurse@b.test/home', to: 'alice@gw.test'} as const
  service.xmpp(probe)
  clock.advance(4999)
  service.xmpp(probe)
  assert.deepEqual(take(), ['available alice@gw.test/sip -> nurse@b.test/home {"available":true,"show":"away"}'])
  clock.advance(1)
  service.xmpp(probe)
  service.xmpp({type: 'probe', from: 'stranger@b.test', to: 'alice@gw.test'})
  assert.deepEqual(take(), ['available alice@gw.test/sip -> nurse@b.test/home {"available":true,"show":"away"}', 'refusal unsubscribed to stranger@b.test'])
})

test('(2) a SIP UA of L watches R: pending NOTIFY and subscribe, then subscribed → active, then R presence as PIDF', async () => {
  const {service, journal, journalAtSend, clock, take, bodies} = await setup()
  assert.deepEqual(service.watch(WATCH), {decision: 'accept'})
  assert.deepEqual(take(), ['200 d1 Expires=3600', 'NOTIFY d1 pending', 'subscribe alice@gw.test -> juliet@a.test nick=Alice Ames'])
  assert.match(journalAtSend[0]!, /"r":"juliet@a.test","s":32/)
  service.xmpp({type: 'subscribed', from: 'juliet@a.test', to: 'alice@gw.test'})
  assert.deepEqual(take(), ['NOTIFY d1 active', 'probe alice@gw.test -> juliet@a.test'])
  assert.equal(journal.contact('alice@gw.test', 'juliet@a.test')?.s, 0x01)
  clock.advance(5000)
  service.xmpp({type: 'available', from: 'juliet@a.test/balcony', to: 'alice@gw.test', presence: LUNCH})
  assert.deepEqual(take(), ['NOTIFY d1 active pidf'])
  assert.equal(bodies.at(-1), writePidf('sip:juliet@a.test', [{resource: 'balcony', presence: LUNCH}]))
  // Presence from someone L has no To for is dropped (P6.5 #8).
  service.xmpp({type: 'available', from: 'romeo@a.test', to: 'alice@gw.test'})
  assert.deepEqual(take(), [])
})

test('(2b) R\'s cached presence stays while another local user has To for R, and goes with the last one (P2.4)', async () => {
  const {service, take, change} = await setup()
  change((d) => (d.users['bob@gw.test'] = {...d.users['alice@gw.test']!, SipAddress: 'sip:bob@gw.test', DisplayName: 'Bob Best'}))
  const BOB = {...WATCH, dialog: 'd2', l: 'sip:bob@gw.test'}
  service.watch(WATCH)
  service.watch(BOB)
  service.xmpp({type: 'subscribed', from: 'juliet@a.test', to: 'alice@gw.test'})
  service.xmpp({type: 'subscribed', from: 'juliet@a.test', to: 'bob@gw.test'})
  service.xmpp({type: 'available', from: 'juliet@a.test/balcony', to: 'alice@gw.test', presence: LUNCH})
  take()
  // Alice loses To: the cache is kept for Bob, so a new watch of Bob's is answered from it, with no probe.
  service.xmpp({type: 'unsubscribed', from: 'juliet@a.test', to: 'alice@gw.test'})
  service.watch({...BOB, dialog: 'd3'})
  assert.deepEqual(take(), ['NOTIFY d1 terminated;reason=rejected', '200 d3 Expires=3600', 'NOTIFY d3 active pidf'])
  // Bob loses To too: nothing is cached any more, so when Alice subscribes again R must be probed.
  service.xmpp({type: 'unsubscribed', from: 'juliet@a.test', to: 'bob@gw.test'})
  service.watch({...WATCH, dialog: 'd4'})
  take()
  service.xmpp({type: 'subscribed', from: 'juliet@a.test', to: 'alice@gw.test'})
  assert.deepEqual(take(), ['NOTIFY d4 active', 'probe alice@gw.test -> juliet@a.test'])
})

test('(2c) at most 10 notifier dialogs per (L, R); a terminated one frees its place (P2.2, P4.2 check 14)', async () => {
  const {service, take} = await setup()
  for (let n = 1; n <= 10; n++) assert.deepEqual(service.watch({...WATCH, dialog: `d${n}`}), {decision: 'accept'}, `d${n}`)
  const eleventh = service.watch({...WATCH, dialog: 'd11'})
  assert.equal(eleventh.decision, 'refuse')
  assert.match(JSON.stringify(eleventh), /Forbidden \(too many subscriptions\)/)
  // Juliet refuses: every dialog of the pair is terminated, and a new one is accepted again.
  service.xmpp({type: 'unsubscribed', from: 'juliet@a.test', to: 'alice@gw.test'})
  take()
  assert.deepEqual(service.watch({...WATCH, dialog: 'd12'}), {decision: 'accept'})
})

test('(3) a PublicUnverified request stays pending until L subscribes to R (P6.2)', async () => {
  const {service, journal, take} = await setup()
  service.xmpp({type: 'subscribe', from: 'romeo@c.test', to: 'alice@gw.test'})
  assert.deepEqual(take(), [])
  assert.equal(journal.contact('alice@gw.test', 'romeo@c.test')?.s, 0x10)
  service.watch({...WATCH, r: 'romeo@c.test', entity: 'sip:romeo@c.test'})
  assert.deepEqual(take(), [
    '200 d1 Expires=3600',
    'NOTIFY d1 pending',
    'subscribed alice@gw.test -> romeo@c.test',
    'unavailable alice@gw.test/sip -> romeo@c.test',
    'subscribe alice@gw.test -> romeo@c.test nick=Alice Ames',
  ])
  assert.equal(journal.contact('alice@gw.test', 'romeo@c.test')?.s, 0x22)
})

test('(4) a reload that removes the partner ends everything both ways (P8.4)', async () => {
  const {service, journal, journalAtSend, take, change} = await setup({presenceServer: true})
  service.xmpp({type: 'subscribe', from: 'juliet@a.test', to: 'alice@gw.test'})
  service.watch(WATCH)
  service.xmpp({type: 'subscribed', from: 'juliet@a.test', to: 'alice@gw.test'})
  take()
  assert.equal(journal.contact('alice@gw.test', 'juliet@a.test')?.s, 0x03)
  change((d) => delete d.xmppAllowedPartners['a.test'])
  service.reloaded()
  assert.deepEqual(take(), [
    'unavailable alice@gw.test/sip -> juliet@a.test',
    'unsubscribed alice@gw.test -> juliet@a.test',
    'unsubscribe alice@gw.test -> juliet@a.test',
    'NOTIFY d1 terminated;reason=rejected',
    'subscriber end-dialog alice@gw.test',
  ])
  assert.equal(journal.contact('alice@gw.test', 'juliet@a.test'), undefined)
  // The deletion is on disk before the first of the four stanzas (P8.2 #1).
  assert.match(journalAtSend.at(-3)!, /\{"t":"c-","l":"alice@gw.test","r":"juliet@a.test"\}\n$/)
})

test('(4b) a reload raising PublicUnverified to PublicVerified approves pending requests (P8.4)', async () => {
  const {service, journal, take, change} = await setup()
  service.xmpp({type: 'subscribe', from: 'romeo@c.test', to: 'alice@gw.test'})
  change((d) => (d.xmppAllowedPartners['c.test']!.PartnerType = 'PublicVerified'))
  service.reloaded()
  assert.deepEqual(take(), ['subscribed alice@gw.test -> romeo@c.test', 'unavailable alice@gw.test/sip -> romeo@c.test'])
  assert.equal(journal.contact('alice@gw.test', 'romeo@c.test')?.s, 0x02)
})

test('(5) a presence flood: at most one NOTIFY per dialog per 5 s, the last one carrying the last presence (P9 #1)', async () => {
  const {service, clock, take, bodies} = await setup()
  service.watch(WATCH)
  service.xmpp({type: 'subscribed', from: 'juliet@a.test', to: 'alice@gw.test'})
  clock.advance(5000)
  take()
  let last: PresenceModel = {available: true}
  for (let i = 0; i < 1000; i++) {
    last = {available: true, status: {text: `n${i}`}}
    service.xmpp({type: 'available', from: 'juliet@a.test/balcony', to: 'alice@gw.test', presence: last})
    clock.advance(10)
  }
  assert.deepEqual(take(), ['NOTIFY d1 active pidf', 'NOTIFY d1 active pidf', 'NOTIFY d1 active pidf'])
  clock.advance(5000)
  assert.deepEqual(take(), [])
  assert.equal(bodies.at(-1), writePidf('sip:juliet@a.test', [{resource: 'balcony', presence: last}]))
})

test('P9 #2: over 100 subscription stanzas at once from one domain, subscribe is refused with P6.5 #5; another domain is not', async () => {
  const {service, take} = await setup()
  for (let i = 0; i < 101; i++) service.xmpp({type: 'subscribe', from: `u${i}@a.test`, to: 'alice@gw.test'})
  service.xmpp({type: 'subscribe', from: 'nurse@b.test', to: 'alice@gw.test'})
  const sent = take()
  assert.equal(sent.filter((line) => line.startsWith('subscribed ')).length, 101)
  assert.deepEqual(sent.filter((line) => line.startsWith('refusal')), ['refusal resource-constraint to u100@a.test'])
})

test('TokenBuckets: burst, refill at the rate, one bucket per key', () => {
  const clock = new FakeClock(0)
  const buckets = new TokenBuckets({perSecond: 10, burst: 3}, () => clock.now())
  const takes = (key: string, n: number) => Array.from({length: n}, () => buckets.take(key))
  assert.deepEqual(takes('a', 4), [true, true, true, false])
  assert.deepEqual(takes('b', 1), [true])
  clock.advance(99)
  assert.deepEqual(takes('a', 1), [false])
  clock.advance(1)
  assert.deepEqual(takes('a', 2), [true, false])
  clock.advance(10_000)
  assert.deepEqual(takes('a', 4), [true, true, true, false])
})

test('(4c) a reload lowering PartnerType from Federated sends L presence again without its note (P8.4)', async () => {
  const {service, take, change} = await setup()
  service.published('alice@gw.test', LUNCH)
  service.xmpp({type: 'subscribe', from: 'juliet@a.test', to: 'alice@gw.test'})
  take()
  change((d) => (d.xmppAllowedPartners['a.test']!.PartnerType = 'PublicVerified'))
  service.reloaded()
  assert.deepEqual(take(), ['available alice@gw.test/sip -> juliet@a.test {"available":true,"show":"away"}'])
  service.reloaded()
  assert.deepEqual(take(), [])
})

test('P9 #1: over 1,000 presence stanzas at once, only the cache learns; one warn line per domain per minute with the count', async () => {
  const {service, clock, take, bodies, warnings} = await setup()
  service.watch(WATCH)
  service.xmpp({type: 'subscribed', from: 'juliet@a.test', to: 'alice@gw.test'})
  clock.advance(5000)
  take()
  for (let i = 0; i < 1100; i++) service.xmpp({type: 'available', from: 'juliet@a.test/balcony', to: 'alice@gw.test', presence: {available: true, priority: i}})
  assert.deepEqual(warnings, ['presence over the partner budget {"domain":"a.test","count":1}'])
  clock.advance(60_000)
  assert.deepEqual(warnings.slice(1), ['presence over the partner budget {"domain":"a.test","count":99}'])
  assert.deepEqual(take(), ['NOTIFY d1 active pidf', 'NOTIFY d1 active pidf'])
  assert.equal(bodies.at(-1), writePidf('sip:juliet@a.test', [{resource: 'balcony', presence: {available: true, priority: 1099}}]))
  clock.advance(60_000)
  assert.equal(warnings.length, 2)
})

test('decisions read the current snapshot, even before the reload event arrives (ARCHITECTURE rule 4)', async () => {
  const {service, take, change} = await setup()
  change((d) => (d.users['alice@gw.test']!.Enabled = false))
  service.xmpp({type: 'subscribe', from: 'juliet@a.test', to: 'alice@gw.test'})
  assert.deepEqual(take(), ['refusal forbidden to juliet@a.test'])
  assert.deepEqual(service.watch(WATCH), {decision: 'refuse', status: 403, reason: 'Forbidden'})
  assert.deepEqual(take(), [])
})
