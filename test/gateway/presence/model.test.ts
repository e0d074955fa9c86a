import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {PresenceAction} from '../../../src/gateway/presence/actions.js'
import {LocalPresence, RemotePresence} from '../../../src/gateway/presence/cache.js'
import {contactCount, mayAddContact, mayAddPendingRequest, mayOpenNotifierDialog, pendingCount} from '../../../src/gateway/presence/caps.js'
import {type PresenceEvent, type TransitionContext, transition} from '../../../src/gateway/presence/model.js'
import {type ContactRecord, FROM, PENDING_IN, PENDING_OUT, TO, isDeletable, newRecord, pending, rfc6121State, subscription} from '../../../src/gateway/presence/record.js'

/**
 * presence.md P2.3, one row per row of its tables (XMPP events, SIP events) and of P3.1's error
 * table: the bits afterwards (`deleted` when P2.1's deletion rule removes the record) and the exact
 * actions, in order.
 */

const L = 'alice@gw.test'
const R = 'juliet@a.test'
const NOW = 1_800_000_000
const BASE: TransitionContext = {
  now: NOW,
  partnerType: 'Federated',
  approve: 'yes',
  cached: false,
  displayName: 'Alice Ciccu',
  otherWatchers: 0,
  othersHaveTo: false,
  refreshInterval: 3600,
  subscriberDialog: 'live',
  errored: false,
}

type Row = [name: string, s: number, event: PresenceEvent, context: Partial<TransitionContext>, after: number | 'deleted', actions: PresenceAction[]]

const sub = {side: 'xmpp', type: 'subscribe'} as const
const unsub = {side: 'xmpp', type: 'unsubscribe'} as const
const subd = {side: 'xmpp', type: 'subscribed'} as const
const unsubd = {side: 'xmpp', type: 'unsubscribed'} as const
const away = {available: true, show: 'away', status: {text: 'at lunch', lang: 'en'}} as const
const available = {side: 'xmpp', type: 'presence', resource: 'balcony', presence: away} as const
const unavailable = {side: 'xmpp', type: 'presence', resource: 'balcony', presence: {available: false}} as const
const probe = {side: 'xmpp', type: 'probe', from: `${R}/balcony`} as const
const error = (answers: 'subscribe' | 'broadcast' | 'probe', condition: string) => ({side: 'xmpp', type: 'error', answers, condition}) as const
const sipSubscribe = (dialog: 'new' | 'existing', expires: number) => ({side: 'sip', type: 'subscribe', dialog, expires}) as const
const message = {side: 'sip', type: 'message'} as const
const changed = {side: 'sip', type: 'presence-changed'} as const

const subscribed = {kind: 'xmpp', stanza: 'subscribed', from: L, to: R} as const
const unsubscribed = {kind: 'xmpp', stanza: 'unsubscribed', from: L, to: R} as const
const probeR = {kind: 'xmpp', stanza: 'probe', from: L, to: R} as const
const lPresence = (note: boolean, to = R) => ({kind: 'xmpp', stanza: 'presence', from: `${L}/sip`, to, note}) as const
const subscribeR = {kind: 'xmpp', stanza: 'subscribe', from: L, to: R, nick: 'Alice Ciccu'} as const
const ensure = {kind: 'source', op: 'ensure', l: L} as const
const ok = (expires: 'granted' | 0) => ({kind: 'sip', method: 'response', status: 200, expires}) as const
const notify = (dialogs: string, state: string, body: string, reason?: string) => ({kind: 'sip', method: 'NOTIFY', dialogs, state, body, ...(reason ? {reason} : {})}) as PresenceAction

const XMPP_ROWS: Row[] = [
  ['subscribe, From set: confirm', FROM | TO, sub, {approve: 'pending'}, FROM | TO, [subscribed, lPresence(true)]],
  ['subscribe, approve', 0, sub, {}, FROM, [subscribed, lPresence(true), ensure]],
  ['subscribe, approve clears PendingIn', PENDING_IN | PENDING_OUT, sub, {partnerType: 'PublicUnverified'}, FROM | PENDING_OUT, [subscribed, lPresence(false), ensure]],
  ['subscribe, pending', 0, sub, {approve: 'pending', partnerType: 'PublicUnverified'}, PENDING_IN, []],
  ['unsubscribe, From, last watcher', FROM, unsub, {}, 'deleted', [{kind: 'xmpp', stanza: 'unavailable', from: `${L}/sip`, to: R}, {kind: 'source', op: 'end', l: L}]],
  ['unsubscribe, From, other watchers left', FROM | TO, unsub, {otherWatchers: 2}, TO, [{kind: 'xmpp', stanza: 'unavailable', from: `${L}/sip`, to: R}]],
  ['unsubscribe, PendingIn only', PENDING_IN | PENDING_OUT, unsub, {}, PENDING_OUT, []],
  ['unsubscribe, neither', TO, unsub, {}, TO, []],
  ['subscribed, PendingOut, nothing cached', PENDING_OUT | FROM, subd, {}, TO | FROM, [notify('all', 'active', 'empty'), probeR]],
  ['subscribed, PendingOut, cached', PENDING_OUT, subd, {cached: true}, TO, [notify('all', 'active', 'pidf')]],
  ['subscribed, no PendingOut: ignored', FROM, subd, {}, FROM, []],
  ['unsubscribed, To, no other local user has To', TO, unsubd, {}, 'deleted', [notify('all', 'terminated', 'empty', 'rejected'), {kind: 'cache', op: 'drop', r: R}]],
  ['unsubscribed, PendingOut, another user has To', PENDING_OUT | FROM, unsubd, {othersHaveTo: true}, FROM, [notify('all', 'terminated', 'empty', 'rejected')]],
  ['unsubscribed, neither', FROM | PENDING_IN, unsubd, {}, FROM | PENDING_IN, []],
  ['available, To', TO, available, {}, TO, [{kind: 'cache', op: 'update', r: R, resource: 'balcony', presence: away}, notify('active', 'active', 'pidf')]],
  ['unavailable, To', TO, unavailable, {}, TO, [{kind: 'cache', op: 'update', r: R, resource: 'balcony', presence: {available: false}}, notify('active', 'active', 'pidf')]],
  ['available, no To: dropped', FROM | PENDING_OUT, available, {}, FROM | PENDING_OUT, [{kind: 'log', message: 'presence dropped', reason: 'not subscribed'}]],
  ['unavailable, no To: dropped', FROM, unavailable, {}, FROM, [{kind: 'log', message: 'presence dropped', reason: 'not subscribed'}]],
  ['probe, From, source live: answered to the full JID', FROM, probe, {subscriberDialog: 'down', lastSourceSubscribeAt: NOW - 59}, FROM, [lPresence(true, `${R}/balcony`)]],
  ['probe, From, subscriber dialog down', FROM, probe, {subscriberDialog: 'down', lastSourceSubscribeAt: NOW - 60}, FROM, [lPresence(true, `${R}/balcony`), {kind: 'source', op: 'subscribe', l: L}]],
  ['probe, From, store source', FROM, {...probe, from: R}, {subscriberDialog: 'none', partnerType: 'PublicVerified'}, FROM, [lPresence(false)]],
  ['probe, no From', TO | PENDING_IN, probe, {}, TO | PENDING_IN, [unsubscribed]],
  ['error to our subscribe: item-not-found', PENDING_OUT, error('subscribe', 'item-not-found'), {}, 'deleted', [notify('all', 'terminated', 'empty', 'noresource')]],
  ['error to our subscribe: remote-server-not-found', PENDING_OUT | FROM, error('subscribe', 'remote-server-not-found'), {}, FROM, [notify('all', 'terminated', 'empty', 'noresource')]],
  ['error to our subscribe: gone', PENDING_OUT, error('subscribe', 'gone'), {}, 'deleted', [notify('all', 'terminated', 'empty', 'noresource')]],
  ['error to our subscribe: forbidden', PENDING_OUT, error('subscribe', 'forbidden'), {}, 'deleted', [notify('all', 'terminated', 'empty', 'rejected')]],
  ['error to our subscribe: subscription-required', PENDING_OUT, error('subscribe', 'subscription-required'), {}, 'deleted', [notify('all', 'terminated', 'empty', 'rejected')]],
  ['error to our subscribe: remote-server-timeout', PENDING_OUT, error('subscribe', 'remote-server-timeout'), {}, 'deleted', [{...notify('all', 'terminated', 'empty', 'probation'), retryAfter: 3600} as PresenceAction]],
  ['error to our subscribe, no PendingOut left', TO, error('subscribe', 'forbidden'), {}, TO, []],
  ['error to L broadcast presence', FROM, error('broadcast', 'recipient-unavailable'), {}, FROM, [{kind: 'errored', l: L, r: R}]],
  ['error to a probe for L', TO, error('probe', 'remote-server-timeout'), {}, TO, [{kind: 'log', message: 'presence probe failed', reason: 'remote-server-timeout'}]],
]

const SIP_ROWS: Row[] = [
  ['SUBSCRIBE new, To, nothing cached', TO, sipSubscribe('new', 3600), {}, TO, [ok('granted'), notify('this', 'active', 'empty'), probeR]],
  ['SUBSCRIBE new, To, cached', TO, sipSubscribe('new', 3600), {cached: true}, TO, [ok('granted'), notify('this', 'active', 'pidf')]],
  ['SUBSCRIBE new, no To, no PendingOut', FROM, sipSubscribe('new', 600), {}, FROM | PENDING_OUT, [ok('granted'), notify('this', 'pending', 'empty'), subscribeR]],
  [
    'SUBSCRIBE new, no To, PendingIn from PublicUnverified: approved first',
    PENDING_IN,
    sipSubscribe('new', 600),
    {partnerType: 'PublicUnverified', approve: 'pending'},
    FROM | PENDING_OUT,
    [ok('granted'), notify('this', 'pending', 'empty'), subscribed, lPresence(false), ensure, subscribeR],
  ],
  ['SUBSCRIBE new, To + PendingIn from PublicUnverified: still evidence', TO | PENDING_IN, sipSubscribe('new', 600), {partnerType: 'PublicUnverified', cached: true}, TO | FROM, [ok('granted'), notify('this', 'active', 'pidf'), subscribed, lPresence(false), ensure]],
  ['SUBSCRIBE new, PendingOut + PendingIn from PublicUnverified: still evidence', PENDING_OUT | PENDING_IN, sipSubscribe('new', 600), {partnerType: 'PublicUnverified', lastSubscribeAt: NOW}, FROM | PENDING_OUT, [ok('granted'), notify('this', 'pending', 'empty'), subscribed, lPresence(false), ensure]],
  ['SUBSCRIBE new, PendingIn but partner not PublicUnverified', PENDING_IN, sipSubscribe('new', 600), {partnerType: 'PublicVerified'}, PENDING_IN | PENDING_OUT, [ok('granted'), notify('this', 'pending', 'empty'), subscribeR]],
  ['SUBSCRIBE new, no DisplayName: no nick', 0, sipSubscribe('new', 600), {displayName: undefined}, PENDING_OUT, [ok('granted'), notify('this', 'pending', 'empty'), {kind: 'xmpp', stanza: 'subscribe', from: L, to: R}]],
  ['SUBSCRIBE new, PendingOut, subscribe sent recently', PENDING_OUT, sipSubscribe('new', 600), {lastSubscribeAt: NOW - 3600}, PENDING_OUT, [ok('granted'), notify('this', 'pending', 'empty')]],
  ['SUBSCRIBE new, PendingOut, subscribe older than the interval', PENDING_OUT, sipSubscribe('new', 600), {lastSubscribeAt: NOW - 3601}, PENDING_OUT, [ok('granted'), notify('this', 'pending', 'empty'), subscribeR]],
  ['SUBSCRIBE refresh, To, cached', TO, sipSubscribe('existing', 600), {cached: true}, TO, [ok('granted'), notify('this', 'active', 'pidf')]],
  ['SUBSCRIBE refresh, To, nothing cached', TO, sipSubscribe('existing', 600), {}, TO, [ok('granted'), notify('this', 'active', 'empty'), probeR]],
  ['SUBSCRIBE refresh, pending', PENDING_OUT, sipSubscribe('existing', 600), {}, PENDING_OUT, [ok('granted'), notify('this', 'pending', 'empty')]],
  ['SUBSCRIBE in dialog, Expires: 0', TO | FROM, sipSubscribe('existing', 0), {cached: true}, TO | FROM, [ok(0), notify('this', 'terminated', 'closed', 'timeout')]],
  ['fetch, To, nothing cached', TO, sipSubscribe('new', 0), {}, TO, [ok(0), notify('this', 'terminated', 'empty', 'timeout'), probeR]],
  ['fetch, To, cached', TO, sipSubscribe('new', 0), {cached: true}, TO, [ok(0), notify('this', 'terminated', 'pidf', 'timeout')]],
  ['fetch, no To: no subscribe, no evidence', PENDING_IN, sipSubscribe('new', 0), {partnerType: 'PublicUnverified', cached: true}, PENDING_IN, [ok(0), notify('this', 'terminated', 'empty', 'timeout')]],
  ['MESSAGE, PublicUnverified, PendingIn: approved before the message', PENDING_IN, message, {partnerType: 'PublicUnverified'}, FROM, [subscribed, lPresence(false), ensure]],
  ['MESSAGE, Federated', 0, message, {}, 'deleted', []],
  ['L presence changes, watcher', FROM | TO, changed, {}, FROM | TO, [lPresence(true)]],
  ['L presence changes, watcher at a PublicVerified partner', FROM, changed, {partnerType: 'PublicVerified'}, FROM, [lPresence(false)]],
  ['L presence changes, errored watcher', FROM, changed, {errored: true}, FROM, []],
  ['L presence changes, not a watcher', TO | PENDING_IN, changed, {}, TO | PENDING_IN, []],
]

for (const [name, s, event, context, after, actions] of [...XMPP_ROWS, ...SIP_ROWS]) {
  test(`P2.3: ${name}`, () => {
    const record: ContactRecord = {l: L, r: R, s, fc: false, at: NOW - 100}
    const result = transition(record, event, {...BASE, ...context})
    assert.deepEqual(result.actions, actions)
    if (after === 'deleted') return assert.equal(result.record, undefined)
    assert.equal(result.record?.s, after)
    assert.equal(result.record?.at, after === s ? NOW - 100 : NOW, 'at changes with the bits only')
  })
}

test('P2.1: fc keeps a record without bits; a MESSAGE to a PublicUnverified contact sets it', () => {
  const blank: ContactRecord = {l: L, r: R, s: 0, fc: false, at: NOW - 100}
  const first = transition(blank, message, {...BASE, partnerType: 'PublicUnverified'})
  assert.deepEqual(first, {record: {l: L, r: R, s: 0, fc: true, at: NOW}, actions: []})
  const again = transition(first.record!, message, {...BASE, partnerType: 'PublicUnverified', now: NOW + 5})
  assert.equal(again.record, first.record, 'nothing changed: the same record, at unchanged')
  const withFc: ContactRecord = {l: L, r: R, s: TO, fc: true, at: NOW - 100}
  assert.deepEqual(transition(withFc, unsubd, BASE).record, {l: L, r: R, s: 0, fc: true, at: NOW})
})

test('P2.1: RFC 6121 states (Appendix A.1) and the admin view columns are views of the bits', () => {
  const rows: Array<[number, string, string, string]> = [
    [0, 'None', 'None', 'None'],
    [PENDING_OUT, 'None', 'Out', 'None + Pending Out'],
    [PENDING_IN, 'None', 'In', 'None + Pending In'],
    [PENDING_IN | PENDING_OUT, 'None', 'In, Out', 'None + Pending Out+In'],
    [TO, 'To', 'None', 'To'],
    [TO | PENDING_IN, 'To', 'In', 'To + Pending In'],
    [FROM, 'From', 'None', 'From'],
    [FROM | PENDING_OUT, 'From', 'Out', 'From + Pending Out'],
    [TO | FROM, 'Both', 'None', 'Both'],
  ]
  for (const [s, sub, pend, name] of rows) {
    const record: ContactRecord = {l: L, r: R, s, fc: false, at: 0}
    assert.deepEqual([subscription(record), pending(record), rfc6121State(record)], [sub, pend, name], `s=0x${s.toString(16)}`)
  }
  assert.deepEqual([TO, FROM, PENDING_IN, PENDING_OUT], [0x01, 0x02, 0x10, 0x20], "Yate's bit values")
})

test('P2.1: a record is deleted when it has no bits and no fc; keys are lower case', () => {
  assert.deepEqual(newRecord('Alice@GW.test', 'Juliet@A.test', NOW), {l: L, r: R, s: 0, fc: false, at: NOW})
  assert.deepEqual(
    [{s: 0, fc: false}, {s: 0, fc: true}, {s: PENDING_IN, fc: false}].map((bits) => isDeletable({l: L, r: R, at: 0, ...bits})),
    [true, false, false],
  )
})

/** records builds one local user's records: `n` contacts of each bit set given. */
function records(counts: Array<[s: number, fc: boolean, n: number]>): ContactRecord[] {
  return counts.flatMap(([s, fc, n]) => Array.from({length: n}, (_, i) => ({l: L, r: `c${s}-${fc}-${i}@a.test`, s, fc, at: 0})))
}

test('P2.2: contacts count To, From or PendingOut; pending requests count PendingIn without From', () => {
  const mixed = records([[TO, false, 1], [FROM, false, 2], [PENDING_OUT, false, 3], [PENDING_IN, false, 4], [0, true, 5], [FROM | PENDING_IN, false, 6], [PENDING_IN, true, 7]])
  assert.deepEqual([contactCount(mixed), pendingCount(mixed)], [12, 11])
})

test('P2.2: the 1,001st contact and the 1,001st pending request are refused; a record that counts already is not', () => {
  const full = records([[TO, false, 1000]])
  const almost = records([[TO, false, 999], [PENDING_IN, false, 1]])
  const newcomer: ContactRecord = {l: L, r: R, s: PENDING_IN, fc: true, at: 0}
  assert.deepEqual([mayAddContact(almost, undefined), mayAddContact(full, undefined), mayAddContact(full, newcomer), mayAddContact(full, full[0])], [true, false, false, true])
  const pendingFull = records([[PENDING_IN, false, 1000]])
  assert.deepEqual(
    [mayAddPendingRequest(records([[PENDING_IN, false, 999]]), undefined), mayAddPendingRequest(pendingFull, undefined), mayAddPendingRequest(pendingFull, pendingFull[0])],
    [true, false, true],
  )
  assert.deepEqual([mayOpenNotifierDialog(9, 1999), mayOpenNotifierDialog(10, 0), mayOpenNotifierDialog(0, 2000)], [true, false, false])
})

test('P2.4: at most 16 resources per contact; a 17th is ignored until one leaves', () => {
  const cache = new RemotePresence()
  const here = {available: true} as const
  for (let i = 1; i <= 16; i++) assert.equal(cache.update(R, `r${i}`, here, i), 'stored')
  assert.equal(cache.update(R, 'r17', here, 17), 'ignored')
  assert.equal(cache.update(R, 'r16', {available: true, show: 'dnd'}, 18), 'stored', 'a known resource still updates')
  assert.equal(cache.update(R, 'r3', {available: false}, 19), 'removed')
  assert.equal(cache.update(R, 'r17', here, 20), 'stored')
  assert.deepEqual([cache.resources(R).size, cache.resources(R).get('r16'), cache.resources(R).has('r3')], [16, {presence: {available: true, show: 'dnd'}, at: 18}, false])
})

test('P2.4: unavailable from the bare JID clears every resource; from the last resource forgets the contact', () => {
  const cache = new RemotePresence()
  cache.update(R, 'balcony', {available: true}, 1)
  cache.update(R, '', {available: true, show: 'away'}, 2)
  assert.equal(cache.update(R, 'garden', {available: false}, 3), 'ignored')
  assert.equal(cache.update(R, '', {available: false}, 4), 'cleared')
  assert.deepEqual([cache.isCached(R), cache.resources(R).size, cache.update(R, '', {available: false}, 5)], [false, 0, 'ignored'])
  cache.update(R, 'balcony', {available: true}, 6)
  assert.equal(cache.update(R, 'balcony', {available: false}, 7), 'removed')
  assert.equal(cache.isCached(R), false)
  cache.update(R, 'balcony', {available: true}, 8)
  cache.drop(R)
  assert.equal(cache.isCached(R), false)
})

test('P2.4: local presence is unknown until a source produced a state; set reports changes only', () => {
  const local = new LocalPresence()
  assert.equal(local.get(L), 'unknown')
  const lunch = {available: true, show: 'away', status: {text: 'lunch', lang: 'en'}} as const
  assert.deepEqual([local.set(L, lunch), local.set(L, {...lunch, status: {text: 'lunch', lang: 'en'}}), local.set(L, {...lunch, status: {text: 'lunch'}})], [true, false, true])
  assert.deepEqual(local.get(L), {available: true, show: 'away', status: {text: 'lunch'}})
  local.forget(L)
  assert.equal(local.get(L), 'unknown')
})
