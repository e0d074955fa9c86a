import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import type {PresenceModel} from '../../../src/gateway/presence/presence-model.js'
import {PublicationStore, type PublishRequest, type PublishResponse, type SipUser} from '../../../src/gateway/presence/publications.js'
import {Scheduler} from '../../../src/gateway/presence/scheduler.js'
import {FakeClock} from '../../helpers/fake-clock.js'

/** The embedded presence store of presence.md P4.4: the twelve checks, ETags, refresh/replace/remove, expiry, the cap, the aggregate. */

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/presence/${name}`, import.meta.url), 'utf8')

const ALICE: SipUser = {user: 'alice', domain: 'gw.test'}
const BOB: SipUser = {user: 'bob', domain: 'gw.test'}
const BARESIP_OPEN = fixture('baresip-open.xml')
/** baresip 1.0's document in its BUSY state (P5.3): `<basic>?</basic>`. */
const BARESIP_BUSY = BARESIP_OPEN.replace('<basic>open</basic>', '<basic>?</basic>')
const ETAG = /^[A-Za-z0-9_-]{16}$/

/** INITIAL is baresip's first PUBLISH: a body, no SIP-If-Match. */
const INITIAL: PublishRequest = {event: 'presence', presentity: ALICE, from: ALICE, sender: 'authenticated', expires: 3600, contentType: 'application/pidf+xml', body: BARESIP_OPEN}

function harness() {
  const clock = new FakeClock()
  const scheduler = new Scheduler(clock)
  const changes: [string, PresenceModel][] = []
  const bindings = new Set<string>()
  const store = new PublicationStore({
    scheduler,
    isServedDomain: (domain) => domain === 'gw.test',
    userExists: ({user}) => user === 'alice' || user === 'bob',
    hasLiveBinding: ({user}) => bindings.has(user),
    onChange: ({user}, presence) => changes.push([user, presence]),
  })
  return {clock, scheduler, changes, bindings, store}
}

function status({status, reason, headers}: PublishResponse): string {
  return [`${status} ${reason}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)].join('\n')
}

/** accepted publishes and returns the new SIP-ETag, failing unless the answer is 200. */
function accepted(store: PublicationStore, request: PublishRequest): string {
  const answer = store.publish(request)
  assert.equal(answer.status, 200, status(answer))
  return answer.headers['sip-etag']!
}

interface CheckRow {
  readonly check: string
  readonly request: Partial<PublishRequest>
  /** Publications made first: by ALICE unless they say otherwise. */
  readonly before?: readonly Partial<PublishRequest>[]
  readonly answer: string
}

const CHECKS: readonly CheckRow[] = [
  {check: '1 Event is not presence', request: {event: 'presence.winfo'}, answer: '489 Bad Event\nallow-events: presence'},
  {check: '1 no Event', request: {event: undefined}, answer: '489 Bad Event\nallow-events: presence'},
  {check: '1 before 2', request: {event: 'dialog', presentity: {user: 'alice', domain: 'other.test'}}, answer: '489 Bad Event\nallow-events: presence'},
  {check: '2 domain not served', request: {presentity: {user: 'alice', domain: 'other.test'}}, answer: '404 Not Found (domain not served)'},
  {check: '3 user does not exist', request: {presentity: {user: 'carol', domain: 'gw.test'}, from: {user: 'carol', domain: 'gw.test'}}, answer: '404 Not Found'},
  {check: '3 before 4', request: {presentity: {user: 'carol', domain: 'gw.test'}, sender: 'unauthenticated'}, answer: '404 Not Found'},
  {check: '4 no credentials yet: the challenge', request: {sender: 'unauthenticated'}, answer: '407 Proxy Authentication Required'},
  {check: '4 credentials refused', request: {sender: 'refused'}, answer: '403 Forbidden'},
  {check: '4 before 5', request: {sender: 'refused', from: BOB}, answer: '403 Forbidden'},
  {check: '5 From is another user', request: {from: BOB}, answer: '403 Forbidden (only the presentity may publish)'},
  {check: '5 From in another domain', request: {from: {user: 'alice', domain: 'other.test'}}, answer: '403 Forbidden (only the presentity may publish)'},
  {check: '5 a trusted host still publishes only for the From user', request: {sender: 'trusted', from: BOB}, answer: '403 Forbidden (only the presentity may publish)'},
  {check: '6 Expires 1', request: {expires: 1}, answer: '423 Interval Too Brief\nmin-expires: 60'},
  {check: '6 Expires 59', request: {expires: 59}, answer: '423 Interval Too Brief\nmin-expires: 60'},
  {check: '6 before 7', request: {expires: 30, ifMatch: 'unknown'}, answer: '423 Interval Too Brief\nmin-expires: 60'},
  {check: '7 SIP-If-Match unknown', request: {ifMatch: 'AAAAAAAAAAAAAAAA'}, answer: '412 Conditional Request Failed'},
  {check: '7 SIP-If-Match of another user', before: [{presentity: BOB, from: BOB}], request: {ifMatch: 'BOB'}, answer: '412 Conditional Request Failed'},
  {check: '7 before 8', request: {ifMatch: 'unknown', body: undefined}, answer: '412 Conditional Request Failed'},
  {check: '8 initial PUBLISH without a body', request: {body: undefined}, answer: '400 Bad Request (initial PUBLISH without a body)'},
  {check: '8 an empty body is no body', request: {body: new Uint8Array(0)}, answer: '400 Bad Request (initial PUBLISH without a body)'},
  {check: '8 Expires 0 without SIP-If-Match', request: {body: undefined, expires: 0}, answer: '400 Bad Request (initial PUBLISH without a body)'},
  {check: '9 body not PIDF', request: {contentType: 'application/xpidf+xml'}, answer: '415 Unsupported Media Type\naccept: application/pidf+xml'},
  {check: '9 body without Content-Type', request: {contentType: undefined}, answer: '415 Unsupported Media Type\naccept: application/pidf+xml'},
  {check: '9 before 10', request: {contentType: 'text/plain', body: 'x'.repeat(16 * 1024 + 1)}, answer: '415 Unsupported Media Type\naccept: application/pidf+xml'},
  {check: '10 body over 16 KiB', request: {body: 'x'.repeat(16 * 1024 + 1)}, answer: '413 Request Entity Too Large'},
  {check: '11 not well-formed', request: {body: '<presence'}, answer: '400 Bad Request (PIDF)'},
  {check: '11 a DTD', request: {body: '<!DOCTYPE presence [<!ENTITY a "b">]><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@gw.test"/>'}, answer: '400 Bad Request (PIDF)'},
  {check: '11 not PIDF', request: {body: '<presence xmlns="jabber:client"/>'}, answer: '400 Bad Request (PIDF)'},
  {check: '11 not UTF-8', request: {body: new Uint8Array([0x3c, 0xff, 0x3e])}, answer: '400 Bad Request (PIDF)'},
  {check: '12 the eleventh publication', before: Array.from({length: 10}, () => ({})), request: {}, answer: '403 Forbidden (too many publications)'},
  {check: '12 counts per user', before: Array.from({length: 10}, () => ({presentity: BOB, from: BOB})), request: {}, answer: `200 OK\nsip-etag: ETAG\nexpires: 3600`},
  {check: 'parameters and case of Content-Type do not matter', request: {contentType: 'Application/PIDF+XML; charset=UTF-8'}, answer: '200 OK\nsip-etag: ETAG\nexpires: 3600'},
  {check: 'Expires 60 is enough', request: {expires: 60}, answer: '200 OK\nsip-etag: ETAG\nexpires: 60'},
  {check: 'no Expires is granted 3600', request: {expires: undefined}, answer: '200 OK\nsip-etag: ETAG\nexpires: 3600'},
  {check: 'Expires over 3600 is granted 3600', request: {expires: 86_400}, answer: '200 OK\nsip-etag: ETAG\nexpires: 3600'},
  {check: 'a trusted host', request: {sender: 'trusted'}, answer: '200 OK\nsip-etag: ETAG\nexpires: 3600'},
]

for (const row of CHECKS) {
  test(`PUBLISH check ${row.check}`, () => {
    const {store} = harness()
    let bobTag = ''
    for (const before of row.before ?? []) {
      const etag = accepted(store, {...INITIAL, ...before})
      if (before.presentity === BOB) bobTag = etag
    }
    const request = {...INITIAL, ...row.request, ...(row.request.ifMatch === 'BOB' ? {ifMatch: bobTag} : {})}
    const answer = store.publish(request)
    if (answer.status === 200) assert.match(answer.headers['sip-etag']!, ETAG)
    assert.equal(status(answer).replace(answer.headers['sip-etag'] ?? '\0', 'ETAG'), row.answer)
  })
}

test('PUBLISH: a refused request changes nothing', () => {
  const {store, changes} = harness()
  const etag = accepted(store, INITIAL)
  store.publish({...INITIAL, ifMatch: etag, body: BARESIP_BUSY, contentType: 'text/plain'})
  store.publish({...INITIAL, ifMatch: etag, expires: 0, from: BOB})
  assert.deepEqual(store.presence(ALICE), {available: true})
  assert.equal(accepted(store, {...INITIAL, ifMatch: etag, body: undefined}).length, 16)
  assert.deepEqual(changes, [['alice', {available: true}]])
})

test('PUBLISH: every success gives a new SIP-ETag, and the old one is dead', () => {
  const {store} = harness()
  const first = accepted(store, INITIAL)
  const refreshed = accepted(store, {...INITIAL, ifMatch: first, body: undefined})
  const replaced = accepted(store, {...INITIAL, ifMatch: refreshed})
  assert.equal(new Set([first, refreshed, replaced]).size, 3)
  assert.equal(status(store.publish({...INITIAL, ifMatch: first, body: undefined})), '412 Conditional Request Failed')
  assert.equal(status(store.publish({...INITIAL, ifMatch: refreshed, body: undefined})), '412 Conditional Request Failed')
})

test('PUBLISH: create, refresh, replace, remove, each told once as a change', () => {
  const {store, changes} = harness()
  const created = accepted(store, INITIAL)
  const refreshed = accepted(store, {...INITIAL, ifMatch: created, body: undefined})
  const replaced = accepted(store, {...INITIAL, ifMatch: refreshed, body: BARESIP_BUSY})
  const reopened = accepted(store, {...INITIAL, ifMatch: replaced})
  const removal = store.publish({...INITIAL, ifMatch: reopened, body: undefined, expires: 0})
  assert.equal(status(removal).replace(removal.headers['sip-etag']!, 'ETAG'), '200 OK\nsip-etag: ETAG\nexpires: 0')
  assert.deepEqual(changes, [
    ['alice', {available: true}],
    ['alice', {available: false}],
    ['alice', {available: true}],
    ['alice', {available: false}],
  ])
  assert.equal(status(store.publish({...INITIAL, ifMatch: removal.headers['sip-etag']!, body: undefined})), '412 Conditional Request Failed')
})

test('PUBLISH: a publication expires silently at its granted time, a refresh moves that time', () => {
  const {store, changes, clock, scheduler} = harness()
  const etag = accepted(store, {...INITIAL, expires: 120})
  clock.advance(100_000)
  accepted(store, {...INITIAL, ifMatch: etag, body: undefined, expires: 60})
  clock.advance(59_999)
  assert.deepEqual(store.presence(ALICE), {available: true})
  clock.advance(1)
  assert.deepEqual(store.presence(ALICE), {available: false})
  assert.deepEqual(changes, [
    ['alice', {available: true}],
    ['alice', {available: false}],
  ])
  assert.equal(scheduler.size, 0)
  assert.equal(status(store.publish({...INITIAL, ifMatch: etag, body: undefined})), '412 Conditional Request Failed')
})

test('PUBLISH: removing or replacing cancels the old timer', () => {
  const {store, scheduler} = harness()
  const etag = accepted(store, INITIAL)
  const replaced = accepted(store, {...INITIAL, ifMatch: etag})
  assert.equal(scheduler.size, 1)
  store.publish({...INITIAL, ifMatch: replaced, body: undefined, expires: 0})
  assert.equal(scheduler.size, 0)
})

test('PUBLISH: ten publications per user; one removed makes room', () => {
  const {store} = harness()
  const tags = Array.from({length: 10}, () => accepted(store, INITIAL))
  assert.equal(status(store.publish(INITIAL)), '403 Forbidden (too many publications)')
  accepted(store, {...INITIAL, ifMatch: tags[3]!})
  accepted(store, {...INITIAL, ifMatch: tags[4]!, body: undefined})
  store.publish({...INITIAL, ifMatch: tags[5]!, body: undefined, expires: 0})
  accepted(store, INITIAL)
  assert.equal(status(store.publish(INITIAL)), '403 Forbidden (too many publications)')
})

interface AggregateRow {
  readonly name: string
  readonly documents: readonly string[]
  readonly registered: boolean
  readonly presence: PresenceModel
}

const AGGREGATES: readonly AggregateRow[] = [
  {name: 'nothing', documents: [], registered: false, presence: {available: false}},
  {name: 'a live binding alone is open (P0 #4)', documents: [], registered: true, presence: {available: true}},
  {name: "baresip's open document", documents: [BARESIP_OPEN], registered: false, presence: {available: true}},
  {name: "baresip's BUSY `?` is unavailable (P0 #10), even with a binding", documents: [BARESIP_BUSY], registered: true, presence: {available: false}},
  {name: "Kamailio's closed document", documents: [fixture('kamailio-offline.xml')], registered: false, presence: {available: false}},
  {name: 'closed on one device, open on another', documents: [fixture('kamailio-offline.xml'), BARESIP_OPEN], registered: false, presence: {available: true}},
  {name: "pua_xmpp's note-only DND is plain available (P0 #9)", documents: [fixture('pua-xmpp-dnd.xml')], registered: false, presence: {available: true, status: {text: 'Busy (DND)'}}},
  {
    // The union takes the persons too: the dnd person covers baresip's show-less tuple; the tie goes to the higher priority (P5.2 rule 5).
    name: "the union of two devices' tuples and persons",
    documents: [BARESIP_OPEN, fixture('gateway-dnd.xml')],
    registered: false,
    presence: {available: true, show: 'dnd', priority: 50, status: {text: 'In a meeting', lang: 'en'}},
  },
]

for (const row of AGGREGATES) {
  test(`PUBLISH aggregate: ${row.name}`, () => {
    const {store, bindings} = harness()
    if (row.registered) bindings.add('alice')
    for (const body of row.documents) accepted(store, {...INITIAL, body})
    assert.deepEqual(store.presence(ALICE), row.presence)
  })
}

test('PUBLISH aggregate: a refresh keeps its document in place (ties go to the later document set)', () => {
  const {store} = harness()
  const note = (text: string): string => BARESIP_OPEN.replace('</status>', `</status><note>${text}</note>`)
  const first = accepted(store, {...INITIAL, body: note('first')})
  accepted(store, {...INITIAL, body: note('second')})
  assert.deepEqual(store.presence(ALICE), {available: true, status: {text: 'second'}})
  accepted(store, {...INITIAL, ifMatch: first, body: undefined})
  assert.deepEqual(store.presence(ALICE), {available: true, status: {text: 'second'}})
})

test('PUBLISH: bindings, publications and their expiry tell changes only when the aggregate changes', () => {
  const {store, changes, bindings, clock} = harness()
  store.bindingsChanged(ALICE)
  bindings.add('alice')
  store.bindingsChanged(ALICE)
  store.bindingsChanged(ALICE)
  accepted(store, {...INITIAL, expires: 60})
  accepted(store, {...INITIAL, presentity: BOB, from: BOB, body: BARESIP_BUSY})
  clock.advance(60_000)
  bindings.delete('alice')
  store.bindingsChanged(ALICE)
  assert.deepEqual(changes, [
    ['alice', {available: true}],
    ['alice', {available: false}],
  ])
})
