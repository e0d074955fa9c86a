import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import {Element, xml} from '@xmpp/xml'
import {aggregate, pidfContentLanguage, presenceToStanza, stanzaToModel, writePidf, type ResourcePresence} from '../../../src/gateway/presence/mapping.js'
import type {PresenceModel} from '../../../src/gateway/presence/presence-model.js'
import {MAX_NOTIFY_PIDF_BYTES, PidfError, readPidf, type PidfDocument} from '../../../src/gateway/presence/pidf.js'

/** The presence mapping table of presence.md P5: every P5.1 row both ways, the P5.3 vectors, the P5.2 precedence cases (P5.5). */

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/presence/${name}`, import.meta.url), 'utf8')

const NAMESPACES = 'xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"'

/** pidf wraps tuples and persons in a `<presence>` with baresip's prefixes. */
const pidf = (inner: string, rootAttributes = ''): string => `<?xml version="1.0" encoding="UTF-8"?><presence ${NAMESPACES} entity="sip:alice@gw.test"${rootAttributes}>${inner}</presence>`
const tuple = (basic: string, inside = '', id = 't1'): string => `<tuple id="${id}"><status><basic>${basic}</basic>${inside}</status></tuple>`
const show = (value: string): string => `<show xmlns="jabber:client">${value}</show>`
const person = (...activities: string[]): string => `<dm:person id="p"><rpid:activities>${activities.map((a) => `<rpid:${a}/>`).join('')}</rpid:activities></dm:person>`

function read(body: string, contentLanguage?: string): PidfDocument {
  const document = readPidf(body, contentLanguage === undefined ? {} : {contentLanguage})
  if (document instanceof PidfError) assert.fail(`${document.reason}: ${document.text}`)
  return document
}

const AVAILABLE: PresenceModel = {available: true}
const UNAVAILABLE: PresenceModel = {available: false}

const AWAY_ACTIVITIES = ['away', 'meal', 'breakfast', 'dinner', 'in-transit', 'travel', 'shopping', 'steering', 'playing', 'spectator', 'tv']
const XA_ACTIVITIES = ['vacation', 'holiday', 'sleeping', 'permanent-absence']
const DND_ACTIVITIES = ['busy', 'on-the-phone', 'meeting', 'appointment', 'presentation', 'performance', 'worship']

/** Reading (SIP → XMPP): [row, body, Content-Language, the local user's presence]. */
const READ: ReadonlyArray<[string, string, string | undefined, PresenceModel]> = [
  ['1: open, no show, no activity', pidf(tuple('open')), undefined, AVAILABLE],
  ['1: open, empty rpid:activities', pidf(person() + tuple('open')), undefined, AVAILABLE],
  ...['working', 'other', 'unknown'].map((a): [string, string, undefined, PresenceModel] => [`1: activity ${a} maps to nothing`, pidf(person(a) + tuple('open')), undefined, AVAILABLE]),
  ['2: open + show chat', pidf(tuple('open', show('chat'))), undefined, {available: true, show: 'chat'}],
  ['3: open + show away', pidf(tuple('open', show('away'))), undefined, {available: true, show: 'away'}],
  ...AWAY_ACTIVITIES.map((a): [string, string, undefined, PresenceModel] => [`3: activity ${a}`, pidf(person(a) + tuple('open')), undefined, {available: true, show: 'away'}]),
  ['4: open + show xa', pidf(tuple('open', show('xa'))), undefined, {available: true, show: 'xa'}],
  ...XA_ACTIVITIES.map((a): [string, string, undefined, PresenceModel] => [`4: activity ${a}`, pidf(person(a) + tuple('open')), undefined, {available: true, show: 'xa'}]),
  ['5: open + show dnd', pidf(tuple('open', show('dnd'))), undefined, {available: true, show: 'dnd'}],
  ...DND_ACTIVITIES.map((a): [string, string, undefined, PresenceModel] => [`5: activity ${a}`, pidf(person(a) + tuple('open')), undefined, {available: true, show: 'dnd'}]),
  ...['closed', 'unknown', '?', ''].map((basic): [string, string, undefined, PresenceModel] => [`6: basic '${basic}'`, pidf(tuple(basic, show('chat'))), undefined, UNAVAILABLE]),
  ['6: a tuple without basic', pidf('<tuple id="t"><status/></tuple>'), undefined, UNAVAILABLE],
  ['6: no tuple', pidf(person('busy')), undefined, UNAVAILABLE],
  ['2: basic is case-insensitive', pidf(tuple(' OPEN ')), undefined, AVAILABLE],
  ['7: the tuple note with its language', pidf(`<tuple id="t"><status><basic>open</basic></status><note xml:lang="en">Lunch</note></tuple><note>document</note>`), undefined, {available: true, status: {text: 'Lunch', lang: 'en'}}],
  ['7: else the first dm:note', pidf(`${tuple('open')}<dm:person id="p"><dm:note>first</dm:note></dm:person><dm:person id="q"><dm:note>second</dm:note></dm:person><note>document</note>`), undefined, {available: true, status: {text: 'first'}}],
  ['7: else the document note', pidf(`${tuple('open')}<note xml:lang="de">Mittag</note>`), undefined, {available: true, status: {text: 'Mittag', lang: 'de'}}],
  ['7: cut at 1,024 characters, no pair split', pidf(`<tuple id="t"><status><basic>open</basic></status><note>${'😀'.repeat(1030)}</note></tuple>`), undefined, {available: true, status: {text: '😀'.repeat(1024)}}],
  ['8: contact priority 0.394 → 50', pidf(`<tuple id="t"><status><basic>open</basic></status><contact priority="0.394">sip:a@b</contact></tuple>`), undefined, {available: true, priority: 50}],
  ['8: contact priority 1 → 127', pidf(`<tuple id="t"><status><basic>open</basic></status><contact priority="1">sip:a@b</contact></tuple>`), undefined, {available: true, priority: 127}],
  ['8: an invalid qvalue is ignored', pidf(`<tuple id="t"><status><basic>open</basic></status><contact priority="1.5">sip:a@b</contact></tuple>`), undefined, AVAILABLE],
  ['10: Content-Language for a note without xml:lang', pidf(`${tuple('open')}<note>Déjeuner</note>`), 'fr', {available: true, status: {text: 'Déjeuner', lang: 'fr'}}],
  ['10: the note’s own xml:lang wins', pidf(`${tuple('open')}<note xml:lang="de">Mittag</note>`), 'fr', {available: true, status: {text: 'Mittag', lang: 'de'}}],
  ['10: xml:lang inherited from <presence>', pidf(`${tuple('open')}<note>Mittag</note>`, ' xml:lang="de"'), 'fr', {available: true, status: {text: 'Mittag', lang: 'de'}}],
  // P5.2 precedence.
  ['5.2: away + dnd tuples → away', pidf(tuple('open', show('dnd'), 'a') + tuple('open', show('away'), 'b')), undefined, {available: true, show: 'away'}],
  ['5.2: person busy + tuple show chat → chat', pidf(person('busy') + tuple('open', show('chat'))), undefined, {available: true, show: 'chat'}],
  ['5.2: person busy + tuple show away → away (the tuple’s own show)', pidf(person('busy') + tuple('open', show('away'))), undefined, {available: true, show: 'away'}],
  ['5.2: person activity applies to the tuple without show', pidf(person('busy') + tuple('open', show('dnd'), 'a') + tuple('open', '', 'b')), undefined, {available: true, show: 'dnd'}],
  ['5.2: the first mapped person activity', pidf(person('working', 'vacation', 'busy') + tuple('open')), undefined, {available: true, show: 'xa'}],
  ['5.2: an activity inside the tuple', pidf(tuple('open', '<rpid:activities><rpid:on-the-phone/></rpid:activities>')), undefined, {available: true, show: 'dnd'}],
  ['5.2: an invalid show falls back to the activity', pidf(tuple('open', show('busy') + '<rpid:activities><rpid:meal/></rpid:activities>')), undefined, {available: true, show: 'away'}],
  ['5.2: a show in another namespace is not RFC 8048’s', pidf(tuple('open', '<show xmlns="urn:example">dnd</show>')), undefined, AVAILABLE],
  ['5.2: closed document with a note → unavailable with status', pidf(`<tuple id="t"><status><basic>closed</basic></status><note>Gone home</note></tuple>`), undefined, {available: false, status: {text: 'Gone home'}}],
  ['5.2: ? → unavailable', pidf(tuple('?')), undefined, UNAVAILABLE],
  ['5.2: open + closed → the open one', pidf(tuple('closed', '', 'a') + tuple('open', show('xa'), 'b')), undefined, {available: true, show: 'xa'}],
  ['5.2: tie → the higher priority', pidf(`<tuple id="a"><status><basic>open</basic></status><contact priority="0.8">sip:a@b</contact><note>high</note></tuple><tuple id="b"><status><basic>open</basic></status><contact priority="0.2">sip:a@b</contact><note>low</note></tuple>`), undefined, {available: true, priority: 102, status: {text: 'high'}}],
  ['5.2: tie → the later tuple', pidf(`<tuple id="a"><status><basic>open</basic></status><note>first</note></tuple><tuple id="b"><status><basic>open</basic></status><note>second</note></tuple>`), undefined, {available: true, status: {text: 'second'}}],
  ['5.2: note text is never a state (P0 #9)', pidf(`<tuple id="t"><status><basic>open</basic></status><note>Busy (DND)</note></tuple>`), undefined, {available: true, status: {text: 'Busy (DND)'}}],
  [
    '5.2: prefixes other than dm/rpid',
    `<p:presence xmlns:p="urn:ietf:params:xml:ns:pidf" xmlns:d="urn:ietf:params:xml:ns:pidf:data-model" entity="sip:a@b"><d:person id="x"><activities xmlns="urn:ietf:params:xml:ns:pidf:rpid"><holiday/></activities></d:person><p:tuple id="t"><p:status><p:basic>open</p:basic></p:status></p:tuple></p:presence>`,
    undefined,
    {available: true, show: 'xa'},
  ],
  ['5.2: a person in the PIDF namespace (pua_xmpp)', `<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"><tuple id="t"><status><basic>open</basic></status></tuple><person><activities xmlns="urn:ietf:params:xml:ns:pidf:rpid"><busy/></activities></person></presence>`, undefined, {available: true, show: 'dnd'}],
  ['5.2: unknown elements are ignored', pidf(`<tuple id="t"><status><basic>open</basic><x xmlns="urn:x"><basic>closed</basic></x></status><timestamp>2026-01-01T00:00:00Z</timestamp></tuple><dm:device id="d"/>`), undefined, AVAILABLE],
]

for (const [row, body, contentLanguage, expected] of READ) {
  test(`read P5.1 row ${row}`, () => {
    assert.deepEqual(aggregate([read(body, contentLanguage)]), expected)
  })
}

test('read P5.1 row 6: no document yet (a body-less first NOTIFY) is unavailable', () => {
  assert.deepEqual(aggregate([]), UNAVAILABLE)
})

test('read P5.2 rule 7: across sources the most available open tuple wins', () => {
  const publication = read(pidf(tuple('open', show('dnd'))))
  const registration = read(pidf(tuple('open')))
  const closed = read(fixture('kamailio-offline.xml'))
  assert.deepEqual(aggregate([publication, closed, registration]), AVAILABLE)
  assert.deepEqual(aggregate([closed, publication]), {available: true, show: 'dnd'})
})

/** The P5.3 vectors: what real peers send, read as the local user's presence. */
const VECTORS: ReadonlyArray<[string, string, PresenceModel]> = [
  ['baresip 1.0 PUBLISH/NOTIFY, open', fixture('baresip-open.xml'), AVAILABLE],
  ...['closed', 'unknown', '?'].map((basic): [string, string, PresenceModel] => [`baresip 1.0, basic ${basic}`, fixture('baresip-open.xml').replace('<basic>open</basic>', `<basic>${basic}</basic>`), UNAVAILABLE]),
  ['Kamailio 5.6 offline body', fixture('kamailio-offline.xml'), UNAVAILABLE],
  ['Kamailio 5.6 dummy document (force_dummy_presence)', fixture('kamailio-dummy.xml'), {available: true, status: {text: 'Available'}}],
  ['Kamailio pua_xmpp, dnd written as a note', fixture('pua-xmpp-dnd.xml'), {available: true, status: {text: 'Busy (DND)'}}],
  ['RFC 8048 example 4', fixture('rfc8048-example4.xml'), {available: true, show: 'away'}],
  ['RFC 8048 example 19', fixture('rfc8048-example19.xml'), {available: true, show: 'away'}],
  ['RFC 8048 example 20', fixture('rfc8048-example20.xml'), UNAVAILABLE],
  ['the gateway’s own P5.2 document', fixture('gateway-dnd.xml'), {available: true, show: 'dnd', priority: 50, status: {text: 'In a meeting', lang: 'en'}}],
]

for (const [name, body, expected] of VECTORS) {
  test(`read P5.3 vector: ${name}`, () => {
    assert.deepEqual(aggregate([read(body)]), expected)
  })
}

test('read P5.3: the baresip document’s records', () => {
  assert.deepEqual(read(fixture('baresip-open.xml')), {
    entity: 'sip:alice@gw.test',
    tuples: [{id: 't4109', basic: 'open', activities: [], notes: []}],
    persons: [{activities: [], notes: []}],
    notes: [],
  })
})

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf"
    xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
    xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"
    entity="sip:juliet@a.test">`
const ENTITY = 'sip:juliet@a.test'
const resource = (name: string, presence: PresenceModel): ResourcePresence => ({resource: name, presence})

/** Writing (XMPP → SIP): [row, juliet's resources, the exact document]. */
const WRITE: ReadonlyArray<[string, ResourcePresence[], string]> = [
  [
    '1: available, no show',
    [resource('balcony', AVAILABLE)],
    `${HEAD}\n  <tuple id="ID-balcony">\n    <status><basic>open</basic></status>\n    <contact>sip:juliet@a.test</contact>\n  </tuple>\n</presence>`,
  ],
  [
    '2: chat, no activity',
    [resource('balcony', {available: true, show: 'chat'})],
    `${HEAD}\n  <tuple id="ID-balcony">\n    <status><basic>open</basic><show xmlns="jabber:client">chat</show></status>\n    <contact>sip:juliet@a.test</contact>\n  </tuple>\n</presence>`,
  ],
  [
    '3: away + rpid:away',
    [resource('balcony', {available: true, show: 'away'})],
    `${HEAD}\n  <tuple id="ID-balcony">\n    <status><basic>open</basic><show xmlns="jabber:client">away</show></status>\n    <contact>sip:juliet@a.test</contact>\n  </tuple>\n  <dm:person id="p1"><rpid:activities><rpid:away/></rpid:activities></dm:person>\n</presence>`,
  ],
  [
    '4: xa + rpid:away',
    [resource('balcony', {available: true, show: 'xa'})],
    `${HEAD}\n  <tuple id="ID-balcony">\n    <status><basic>open</basic><show xmlns="jabber:client">xa</show></status>\n    <contact>sip:juliet@a.test</contact>\n  </tuple>\n  <dm:person id="p1"><rpid:activities><rpid:away/></rpid:activities></dm:person>\n</presence>`,
  ],
  ['5, 7, 8: the P5.2 example', [resource('balcony', {available: true, show: 'dnd', priority: 50, status: {text: 'In a meeting', lang: 'en'}})], fixture('gateway-dnd.xml').replace(/\n$/, '')],
  ['6: no resource', [], `${HEAD}\n  <tuple id="ID-bare">\n    <status><basic>closed</basic></status>\n  </tuple>\n</presence>`],
  ['6: no available resource', [resource('balcony', {available: false, status: {text: 'bye'}})], `${HEAD}\n  <tuple id="ID-bare">\n    <status><basic>closed</basic></status>\n  </tuple>\n</presence>`],
  [
    '7: a note without language, escaped',
    [resource('balcony', {available: true, status: {text: 'R&D <lab> "5"'}})],
    `${HEAD}\n  <tuple id="ID-balcony">\n    <status><basic>open</basic></status>\n    <contact>sip:juliet@a.test</contact>\n    <note>R&amp;D &lt;lab&gt; "5"</note>\n  </tuple>\n</presence>`,
  ],
  [
    '8, 9: priorities 127, 0, −5; ids; most available first, then by priority',
    [resource('', {available: true, priority: 0}), resource('my phone', {available: true, show: 'dnd', priority: 127}), resource('ça', {available: true, priority: -5}), resource('desk', {available: true, priority: 127})],
    `${HEAD}
  <tuple id="ID-desk">
    <status><basic>open</basic></status>
    <contact priority="1.000">sip:juliet@a.test</contact>
  </tuple>
  <tuple id="ID-bare">
    <status><basic>open</basic></status>
    <contact priority="0.000">sip:juliet@a.test</contact>
  </tuple>
  <tuple id="IDx-c3a761">
    <status><basic>open</basic></status>
    <contact>sip:juliet@a.test</contact>
  </tuple>
  <tuple id="IDx-6d792070686f6e65">
    <status><basic>open</basic><show xmlns="jabber:client">dnd</show></status>
    <contact priority="1.000">sip:juliet@a.test</contact>
  </tuple>
</presence>`,
  ],
  [
    '9: the person carries the most available resource’s activity',
    [resource('a', {available: true, show: 'dnd'}), resource('b', {available: true, show: 'xa'}), resource('c', {available: false})],
    `${HEAD}\n  <tuple id="ID-b">\n    <status><basic>open</basic><show xmlns="jabber:client">xa</show></status>\n    <contact>sip:juliet@a.test</contact>\n  </tuple>\n  <tuple id="ID-a">\n    <status><basic>open</basic><show xmlns="jabber:client">dnd</show></status>\n    <contact>sip:juliet@a.test</contact>\n  </tuple>\n  <dm:person id="p1"><rpid:activities><rpid:away/></rpid:activities></dm:person>\n</presence>`,
  ],
]

for (const [row, resources, expected] of WRITE) {
  test(`write P5.1 row ${row}`, () => {
    assert.equal(writePidf(ENTITY, resources), expected)
  })
}

/** Both ways: what the gateway writes reads back as the presence of its most available resource. */
const ROUND_TRIP: ReadonlyArray<[string, ResourcePresence[], PresenceModel]> = [
  ['row 1', [resource('a', AVAILABLE)], AVAILABLE],
  ...(['chat', 'away', 'xa', 'dnd'] as const).map((value): [string, ResourcePresence[], PresenceModel] => [`show ${value}`, [resource('a', {available: true, show: value})], {available: true, show: value}]),
  ['row 6', [], UNAVAILABLE],
  ['rows 7, 8', [resource('a', {available: true, show: 'away', priority: 50, status: {text: 'R&D', lang: 'en'}})], {available: true, show: 'away', priority: 50, status: {text: 'R&D', lang: 'en'}}],
  ['row 8: a negative priority is not mapped', [resource('a', {available: true, priority: -1})], AVAILABLE],
  ['row 9: two resources', [resource('a', {available: true, show: 'dnd', priority: 5}), resource('b', {available: true, priority: 1})], {available: true, priority: 1}],
]

for (const [row, resources, expected] of ROUND_TRIP) {
  test(`write then read P5.1 ${row}`, () => {
    assert.deepEqual(aggregate([read(writePidf(ENTITY, resources))]), expected)
  })
}

test('write P5.1 rows 7 and 10: Content-Language is the most available resource’s status language', () => {
  assert.equal(pidfContentLanguage([resource('a', {available: true, show: 'dnd', status: {text: 'x', lang: 'de'}}), resource('b', {available: true, status: {text: 'y', lang: 'en'}})]), 'en')
  assert.equal(pidfContentLanguage([resource('a', {available: true, status: {text: 'x'}})]), undefined)
  assert.equal(pidfContentLanguage([]), undefined)
})

/** XMPP stanzas to the model: [name, stanza, model]. */
const STANZAS: ReadonlyArray<[string, Element, PresenceModel]> = [
  ['1: available', xml('presence', {from: 'juliet@a.test/balcony'}), AVAILABLE],
  ['2–5: each show', xml('presence', {}, xml('show', {}, 'dnd')), {available: true, show: 'dnd'}],
  ['an unknown show is absent', xml('presence', {}, xml('show', {}, 'busy')), AVAILABLE],
  ['a show in another namespace is absent', xml('presence', {xmlns: 'jabber:server'}, xml('show', {xmlns: 'urn:x'}, 'dnd')), AVAILABLE],
  ['6: unavailable keeps only its status', xml('presence', {type: 'unavailable'}, xml('show', {}, 'away'), xml('status', {}, 'bye'), xml('priority', {}, '5')), {available: false, status: {text: 'bye'}}],
  ['7: status with its xml:lang', xml('presence', {'xml:lang': 'en'}, xml('status', {'xml:lang': 'de'}, 'Mittag')), {available: true, status: {text: 'Mittag', lang: 'de'}}],
  ['7: status cut at 1,024 characters', xml('presence', {}, xml('status', {}, 'x'.repeat(1100))), {available: true, status: {text: 'x'.repeat(1024)}}],
  ['7: an empty status is absent', xml('presence', {}, xml('status', {})), AVAILABLE],
  ['8: priority −128…127', xml('presence', {}, xml('priority', {}, '-128')), {available: true, priority: -128}],
  ['8: priority out of range is absent', xml('presence', {}, xml('priority', {}, '128')), AVAILABLE],
  ['8: priority not an integer is absent', xml('presence', {}, xml('priority', {}, '1.5')), AVAILABLE],
  ['10: the stanza’s xml:lang for a status without one', xml('presence', {'xml:lang': 'fr'}, xml('status', {}, 'Déjeuner')), {available: true, status: {text: 'Déjeuner', lang: 'fr'}}],
]

for (const [name, stanza, expected] of STANZAS) {
  test(`stanza → model: ${name}`, () => {
    assert.deepEqual(stanzaToModel(stanza), expected)
  })
}

/** The model to XMPP stanzas: [name, model, withStatus, the exact stanza]. */
const TO_STANZAS: ReadonlyArray<[string, PresenceModel, boolean, string]> = [
  ['1: available', AVAILABLE, true, '<presence/>'],
  ['3: away with a note, Federated', {available: true, show: 'away', status: {text: 'In a meeting until 3', lang: 'en'}}, true, '<presence><show>away</show><status xml:lang="en">In a meeting until 3</status></presence>'],
  ['3: the same toward PublicVerified (P6.3)', {available: true, show: 'away', status: {text: 'In a meeting until 3', lang: 'en'}}, false, '<presence><show>away</show></presence>'],
  ['6: unavailable with a note', {available: false, status: {text: 'Gone home'}}, true, '<presence type="unavailable"><status>Gone home</status></presence>'],
  ['8: priority', {available: true, show: 'chat', priority: 50}, true, '<presence><show>chat</show><priority>50</priority></presence>'],
]

for (const [name, model, withStatus, expected] of TO_STANZAS) {
  test(`model → stanza: ${name}`, () => {
    assert.equal(presenceToStanza(model, {withStatus}).toString(), expected)
  })
}

const deep = (levels: number): string => pidf(`${'<x xmlns="urn:x">'.repeat(levels - 1)}${'</x>'.repeat(levels - 1)}`)
const padTo = (bytes: number): string => {
  const body = pidf(tuple('open'))
  return body.replace('</presence>', `${' '.repeat(bytes - Buffer.byteLength(body))}</presence>`)
}
const laughs = `<?xml version="1.0"?><!DOCTYPE presence [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${pidf('<note>&lol2;</note>').replace(/^<\?xml[^>]*>/, '')}`

/** Malformed and hostile bodies: [name, body, the typed error]. */
const HOSTILE: ReadonlyArray<[string, string | Uint8Array, PidfError]> = [
  ['huge: one byte over 16 KiB', padTo(16 * 1024 + 1), new PidfError('too-large', 'a PIDF document over 16384 bytes')],
  ['huge bytes', Buffer.alloc(20_000, 0x20), new PidfError('too-large', 'a PIDF document over 16384 bytes')],
  ['deep: 33 levels', deep(33), new PidfError('too-deep', 'elements nested deeper than 32')],
  ['entities: a DTD (billion laughs)', laughs, new PidfError('restricted-xml', 'a DTD is not allowed in a PIDF document')],
  ['entities: an undefined entity', pidf('<note>&lol;</note>'), new PidfError('not-well-formed', 'undefined entity.')],
  ['an external entity reference', `<!DOCTYPE presence SYSTEM "file:///etc/passwd">${pidf('')}`, new PidfError('restricted-xml', 'a DTD is not allowed in a PIDF document')],
  ['a processing instruction', pidf('<?php echo 1 ?>'), new PidfError('restricted-xml', 'processing instructions are not allowed in a PIDF document')],
  ['wrong namespace: CPIM-PIDF', '<presence xmlns="urn:ietf:params:xml:ns:cpim-pidf" entity="pres:a@b"/>', new PidfError('not-pidf', 'not a PIDF document: the root element is {urn:ietf:params:xml:ns:cpim-pidf}presence')],
  ['wrong namespace: none', '<presence entity="sip:a@b"/>', new PidfError('not-pidf', 'not a PIDF document: the root element is {}presence')],
  ['wrong root element', '<tuple xmlns="urn:ietf:params:xml:ns:pidf"/>', new PidfError('not-pidf', 'not a PIDF document: the root element is {urn:ietf:params:xml:ns:pidf}tuple')],
  ['not UTF-8 bytes', Buffer.from([0x3c, 0xff, 0x3e]), new PidfError('not-utf8', 'the PIDF document is not valid UTF-8')],
  ['declared in another encoding', `<?xml version="1.0" encoding="ISO-8859-1"?><presence xmlns="urn:ietf:params:xml:ns:pidf"/>`, new PidfError('not-utf8', 'the PIDF document must be UTF-8, not ISO-8859-1')],
  ['an unclosed tuple', pidf('<tuple id="t">'), new PidfError('not-well-formed', 'unexpected close tag.')],
  ['an unbound prefix', pidf('<x:tuple/>'), new PidfError('not-well-formed', 'unbound namespace prefix: "x".')],
  ['two roots', `${pidf('')}<presence/>`, new PidfError('not-well-formed', 'documents may contain only one root.')],
  ['a control character', pidf('<note>\u0001</note>'), new PidfError('not-well-formed', 'disallowed character.')],
  ['an empty body', '', new PidfError('not-well-formed', 'document must contain a root element.')],
]

for (const [name, body, expected] of HOSTILE) {
  test(`hostile PIDF: ${name}`, () => {
    assert.deepEqual(readPidf(body), expected)
  })
}

test('hostile PIDF: a NOTIFY body may be 64 KiB (P9 row 7), not more', () => {
  assert.equal(readPidf(padTo(64 * 1024), {maxBytes: MAX_NOTIFY_PIDF_BYTES}) instanceof PidfError, false)
  assert.deepEqual(readPidf(padTo(64 * 1024 + 1), {maxBytes: MAX_NOTIFY_PIDF_BYTES}), new PidfError('too-large', 'a PIDF document over 65536 bytes'))
})

test('hostile PIDF: exactly 16 KiB and 32 levels are read', () => {
  assert.deepEqual(aggregate([read(padTo(16 * 1024))]), AVAILABLE)
  assert.equal(read(deep(32)).tuples.length, 0)
})

test('hostile PIDF: two hundred tuples are read and aggregated', () => {
  const tuples = Array.from({length: 200}, (_, i) => tuple(i === 100 ? 'open' : 'closed', i === 100 ? show('xa') : '', `t${i}`)).join('')
  const document = read(pidf(tuples))
  assert.equal(document.tuples.length, 200)
  assert.deepEqual(aggregate([document]), {available: true, show: 'xa'})
})

test('hostile PIDF: the five predefined entities and character references are text', () => {
  assert.deepEqual(aggregate([read(pidf(`${tuple('open')}<note>&lt;&amp;&gt;&quot;&apos;&#x41;<![CDATA[<b>]]></note>`))]), {available: true, status: {text: `<&>"'A<b>`}})
})
