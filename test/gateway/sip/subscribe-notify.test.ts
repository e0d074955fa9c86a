import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {SipMessage} from 'sip'
import type {ResourcePresence} from '../../../src/gateway/presence/mapping.js'
import {uacDialog, uasDialog, type Dialog} from '../../../src/gateway/sip/dialog.js'
import {notifyRequest, subscriptionStateHeader, type NotifyOut, type SubscriptionState} from '../../../src/gateway/sip/notify.js'
import {parseMessage} from '../../../src/gateway/sip/parse.js'
import {readNotify, readSubscribeOk, selfWatchSubscribe, type NotifyIn} from '../../../src/gateway/sip/subscribe.js'
import {wire} from '../../../src/gateway/sip/wire.js'
import {BARESIP_SUBSCRIBE} from '../../helpers/sip/presence-exchanges.js'

/**
 * The gateway's SUBSCRIBE and NOTIFY messages (presence.md P4.2, P4.3, P4.6) against the verified
 * exchanges printed in the spec: Kamailio 5.6.3's 200 and NOTIFY, baresip's SUBSCRIBE.
 */

const crlf = (lines: readonly string[], body = '') => `${lines.join('\r\n')}\r\n\r\n${body}`
const parsed = (lines: readonly string[], body = ''): SipMessage => parseMessage(crlf([...lines, `Content-Length: ${Buffer.byteLength(body)}`], body))!
/** withVia gives a built request the Via the stack would add, as the spec prints it. */
const withVia = (request: SipMessage): SipMessage => ({...request, headers: {...request.headers, via: [{version: '2.0', protocol: 'UDP', host: '127.0.0.1', port: 5060, params: {branch: 'z9hG4bK…'}}]}})

const ALICE = 'sip:alice@gw.test'
const CALL_ID = '0b8e6c1e-4b1f-4f53-9f0e-2e2d4c9a1f11'
const subscriber = (): Dialog => ({...uacDialog(ALICE, ALICE, ['sip:127.0.0.40:5060;transport=udp;lr']), callId: CALL_ID, localTag: '5c1e0a77d2f94b13'})

test('selfWatchSubscribe writes P4.3 SUBSCRIBE byte for byte (Via as printed)', () => {
  const {dialog, request} = selfWatchSubscribe(subscriber(), 'sip:alice@127.0.0.1:5060;transport=udp', 28800)
  assert.equal(
    wire(withVia(request)),
    crlf([
      'SUBSCRIBE sip:alice@gw.test SIP/2.0',
      'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK…',
      'Route: <sip:127.0.0.40:5060;transport=udp;lr>',
      'Max-Forwards: 70',
      'From: <sip:alice@gw.test>;tag=5c1e0a77d2f94b13',
      'To: <sip:alice@gw.test>',
      `Call-ID: ${CALL_ID}`,
      'CSeq: 1 SUBSCRIBE',
      'Contact: <sip:alice@127.0.0.1:5060;transport=udp>',
      'Event: presence',
      'Accept: application/pidf+xml',
      'Allow-Events: presence',
      'Expires: 28800',
      'Content-Length: 0',
    ]),
  )
  assert.equal(dialog.localSeq, 1)
})

// P4.3: Kamailio 5.6.3's answer (Verified; the spec leaves Via out: one is added here so that it parses as it came).
const KAMAILIO_200 = [
  'SIP/2.0 200 OK',
  'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKa',
  'From: <sip:alice@gw.test>;tag=5c1e0a77d2f94b13',
  'To: <sip:alice@gw.test>;tag=e48f2d553e83834cb01e421ecef3b764-8e4b776f',
  `Call-ID: ${CALL_ID}`,
  'CSeq: 1 SUBSCRIBE',
  'Expires: 3600',
  'Contact: <sip:127.0.0.40:5060>',
  'Server: kamailio (5.6.3 (x86_64/linux))',
]
const KAMAILIO_PIDF = [
  '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
  '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"',
  '  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:alice@gw.test">',
  '  <dm:person id="p4159"><rpid:activities/></dm:person>',
  '  <tuple id="t4109"><status><basic>open</basic></status><contact>sip:alice@gw.test</contact></tuple>',
  '</presence>',
].join('\n')
// The spec leaves Via and Call-ID out of the NOTIFY as well.
const kamailioNotify = (state: string, extra: readonly string[] = [], body = KAMAILIO_PIDF, seq = 2) =>
  parsed(
    [
      'NOTIFY sip:alice@127.0.0.1:5060;transport=UDP SIP/2.0',
      'Via: SIP/2.0/UDP 127.0.0.40:5060;branch=z9hG4bKb',
      'From: <sip:alice@gw.test>;tag=e48f2d553e83834cb01e421ecef3b764-8e4b776f',
      'To: <sip:alice@gw.test>;tag=5c1e0a77d2f94b13',
      `Call-ID: ${CALL_ID}`,
      `CSeq: ${seq} NOTIFY`,
      'Event: presence',
      'Contact: <sip:127.0.0.40:5060>',
      `Subscription-State: ${state}`,
      ...(body ? ['Content-Type: application/pidf+xml'] : []),
      ...extra,
    ],
    body,
  )
const confirmed = (): Dialog => (readSubscribeOk(subscriber(), parsed(KAMAILIO_200), 28800) as {dialog: Dialog}).dialog

test('readSubscribeOk reads Kamailio 200: granted 3600, remote target = Contact, no route; the refresh goes there', () => {
  const ok = readSubscribeOk(selfWatchSubscribe(subscriber(), 'sip:alice@127.0.0.1:5060;transport=udp', 28800).dialog, parsed(KAMAILIO_200), 28800) as {dialog: Dialog; granted: number}
  assert.equal(ok.granted, 3600)
  assert.deepEqual([ok.dialog.remoteTag, ok.dialog.remoteTarget, ok.dialog.routeSet], ['e48f2d553e83834cb01e421ecef3b764-8e4b776f', 'sip:127.0.0.40:5060', []])
  const refresh = selfWatchSubscribe(ok.dialog, 'sip:alice@127.0.0.1:5060;transport=udp', 3600).request
  assert.equal(refresh.uri, 'sip:127.0.0.40:5060')
  assert.equal(refresh.headers.route, undefined)
  assert.deepEqual([refresh.headers.to.params['tag'], refresh.headers.cseq.seq], ['e48f2d553e83834cb01e421ecef3b764-8e4b776f', 2])
})

const GRANTS: ReadonlyArray<[string, string | undefined, number]> = [
  ['Expires: 3600', '3600', 3600],
  ['no Expires (the requested value)', undefined, 28800],
  ['an unreadable Expires (the requested value)', 'soon', 28800],
]
for (const [name, expires, granted] of GRANTS) {
  test(`readSubscribeOk with ${name} grants ${granted}`, () => {
    const lines = KAMAILIO_200.filter((line) => !line.startsWith('Expires')).concat(expires === undefined ? [] : [`Expires: ${expires}`])
    assert.equal((readSubscribeOk(subscriber(), parsed(lines), 28800) as {granted: number}).granted, granted)
  })
}

test('readNotify reads Kamailio NOTIFY: active for 3600 s, the open tuple', () => {
  const notify = readNotify(confirmed(), kamailioNotify('active;expires=3600')) as NotifyIn
  assert.deepEqual([notify.state, notify.expires, notify.reason, notify.retryAfter], ['active', 3600, undefined, undefined])
  assert.deepEqual(notify.document?.tuples.map((tuple) => [tuple.id, tuple.basic]), [['t4109', 'open']])
  assert.equal(notify.dialog.remoteSeq, 2)
})

const STATES: ReadonlyArray<[string, Partial<NotifyIn>, boolean]> = [
  ['pending', {state: 'pending'}, true],
  ['active;expires=600', {state: 'active', expires: 600}, true],
  ['Active ; Expires = 60', {state: 'active', expires: 60}, true],
  // P0 #11: Kamailio 5.6.3 sent a stale `open` in a terminated NOTIFY; the body is ignored.
  ['terminated;reason=timeout', {state: 'terminated', reason: 'timeout'}, false],
  ['terminated;reason=probation;retry-after=600', {state: 'terminated', reason: 'probation', retryAfter: 600}, false],
  ['terminated;reason=Rejected', {state: 'terminated', reason: 'rejected'}, false],
  ['terminated', {state: 'terminated'}, false],
]
for (const [header, expected, hasDocument] of STATES) {
  test(`readNotify: Subscription-State: ${header}`, () => {
    const {dialog: _dialog, document, ...state} = readNotify(confirmed(), kamailioNotify(header)) as NotifyIn
    assert.deepEqual(state, expected)
    assert.equal(document !== undefined, hasDocument)
  })
}

const NOTIFY_REFUSALS: ReadonlyArray<[string, () => SipMessage, object]> = [
  ['no Event', () => ({...kamailioNotify('active'), headers: {...kamailioNotify('active').headers, event: undefined}}), {status: 489, reason: 'Bad Event', headers: {'allow-events': 'presence'}}],
  ['Event: presence.winfo', () => ({...kamailioNotify('active'), headers: {...kamailioNotify('active').headers, event: 'presence.winfo'}}), {status: 489, reason: 'Bad Event', headers: {'allow-events': 'presence'}}],
  ['no Subscription-State', () => ({...kamailioNotify('active'), headers: {...kamailioNotify('active').headers, 'subscription-state': undefined}}), {status: 400, reason: 'Bad Request (Subscription-State)'}],
  ['Subscription-State: waiting', () => kamailioNotify('waiting'), {status: 400, reason: 'Bad Request (Subscription-State)'}],
  ['a text/plain body', () => ({...kamailioNotify('active'), headers: {...kamailioNotify('active').headers, 'content-type': 'text/plain'}}), {status: 415, reason: 'Unsupported Media Type', headers: {accept: 'application/pidf+xml'}}],
  ['a body over 64 KiB', () => kamailioNotify('active', [], KAMAILIO_PIDF.replace('</presence>', `<!--${'x'.repeat(65536)}--></presence>`)), {status: 413, reason: 'Request Entity Too Large'}],
  ['a body that is not PIDF', () => kamailioNotify('active', [], '<presence'), {status: 400, reason: 'Bad Request (PIDF)'}],
  ['CSeq 2 again', () => kamailioNotify('active', [], KAMAILIO_PIDF, 1), {status: 500, reason: 'Server Internal Error (CSeq out of order)'}],
]
for (const [name, make, refusal] of NOTIFY_REFUSALS) {
  test(`readNotify refuses ${name}`, () => {
    const dialog = name.startsWith('CSeq') ? (readNotify(confirmed(), kamailioNotify('active', [], KAMAILIO_PIDF, 1)) as NotifyIn).dialog : confirmed()
    assert.deepEqual(readNotify(dialog, make()), refusal)
  })
}

test('readNotify: an active NOTIFY without a body has no document; a terminated one with a text/plain body is not refused', () => {
  assert.equal((readNotify(confirmed(), kamailioNotify('active;expires=10', [], '')) as NotifyIn).document, undefined)
  const terminated = kamailioNotify('terminated;reason=noresource')
  assert.equal((readNotify(confirmed(), {...terminated, headers: {...terminated.headers, 'content-type': 'text/plain'}}) as NotifyIn).state, 'terminated')
})

// P4.2: the gateway's first NOTIFY to baresip's SUBSCRIBE.
const notifier = (): Dialog => uasDialog(parsed(BARESIP_SUBSCRIBE), '8f1c2a9e04b7') as Dialog
const JULIET_CONTACT = 'sip:juliet@127.0.0.1:5060;transport=udp'
const SENT_BY = {host: 'gateway.example.org', port: 5060}
const out = (state: SubscriptionState, rest: Partial<NotifyOut> = {}): NotifyOut => ({state, contact: JULIET_CONTACT, entity: 'sip:juliet@xmpp.test', udpSentBy: SENT_BY, ...rest})

test('notifyRequest writes P4.2 first NOTIFY byte for byte (Via as printed)', () => {
  assert.equal(
    wire(withVia(notifyRequest(notifier(), out({state: 'pending', expires: 600})).request)),
    crlf([
      'NOTIFY sip:bob-0x55e1079592d0@127.0.0.43:5060 SIP/2.0',
      'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK…',
      'Route: <sip:127.0.0.40;lr;ftag=ebced54e9c57e006>',
      'Max-Forwards: 70',
      'From: <sip:juliet@xmpp.test>;tag=8f1c2a9e04b7',
      'To: <sip:bob@gw.test>;tag=ebced54e9c57e006',
      'Call-ID: 3df8dc60245c3c07',
      'CSeq: 1 NOTIFY',
      'Contact: <sip:juliet@127.0.0.1:5060;transport=udp>',
      'Event: presence',
      'Subscription-State: pending;expires=600',
      'Content-Length: 0',
    ]),
  )
})

const HEADERS: ReadonlyArray<[SubscriptionState, string]> = [
  [{state: 'pending', expires: 600}, 'pending;expires=600'],
  [{state: 'active', expires: 3599}, 'active;expires=3599'],
  [{state: 'terminated', reason: 'rejected'}, 'terminated;reason=rejected'],
  [{state: 'terminated', reason: 'noresource'}, 'terminated;reason=noresource'],
  [{state: 'terminated', reason: 'probation', retryAfter: 3600}, 'terminated;reason=probation;retry-after=3600'],
  [{state: 'terminated', reason: 'timeout'}, 'terminated;reason=timeout'],
]
for (const [state, header] of HEADERS) {
  test(`subscriptionStateHeader → ${header}`, () => assert.equal(subscriptionStateHeader(state), header))
}

const DND: ResourcePresence = {resource: 'balcony', presence: {available: true, show: 'dnd', status: {text: 'à la messe', lang: 'fr'}}}

test('an active NOTIFY with presence: PIDF body, its type and language; Event id echoed; CSeq counts on', () => {
  const first = notifyRequest(notifier(), out({state: 'active', expires: 600}, {resources: [DND], eventId: '7'}))
  const {request} = notifyRequest(first.dialog, out({state: 'active', expires: 590}, {resources: [DND]}))
  assert.deepEqual([first.request.headers['event'], first.request.headers['content-type'], first.request.headers['content-language']], ['presence;id=7', 'application/pidf+xml', 'fr'])
  assert.equal(request.headers.cseq.seq, 2)
  const body = Buffer.from(request.content!, 'latin1').toString('utf8')
  assert.match(body, /<note xml:lang="fr">à la messe<\/note>/)
  assert.match(body, /<rpid:busy\/>/)
})

test('the final NOTIFY of an unsubscribe carries one closed tuple (RFC 8048 §5.3.3); a rejected one no body', () => {
  const timeout = notifyRequest(notifier(), out({state: 'terminated', reason: 'timeout'}, {resources: []})).request
  assert.match(timeout.content!, /<tuple id="ID-bare">\n {4}<status><basic>closed<\/basic><\/status>\n {2}<\/tuple>/)
  const rejected = notifyRequest(notifier(), out({state: 'terminated', reason: 'rejected'})).request
  assert.deepEqual([rejected.content, rejected.headers['content-type']], ['', undefined])
})

// P4.6: with the Via the stack adds (stack.ts: `;branch=z9hG4bK{uuid};rport`), a UDP NOTIFY stays within 1300 bytes.
const VIA = `Via: SIP/2.0/UDP gateway.example.org:5060;branch=z9hG4bK${'0'.repeat(36)};rport\r\n`
const sizeOver = (transport: 'udp' | 'tcp', resources: readonly ResourcePresence[]) => {
  const request = notifyRequest(notifier(), out({state: 'active', expires: 600}, transport === 'udp' ? {resources} : {resources, udpSentBy: undefined})).request
  return {request, size: wire(request).length + VIA.length}
}
const noted = (resource: string, text: string, show?: 'away' | 'xa'): ResourcePresence => ({resource, presence: {available: true, ...(show ? {show} : {}), status: {text}}})
const tupleIds = (request: SipMessage) => [...request.content!.matchAll(/<tuple id="([^"]+)"/g)].map((m) => m[1])

test('UDP: a NOTIFY of exactly 1300 bytes keeps its note; one byte more drops it (P4.6)', () => {
  const base = sizeOver('tcp', [noted('a', 'x')]).size
  const exact = 'x'.repeat(1300 - base + 1)
  assert.equal(sizeOver('udp', [noted('a', exact)]).size, 1300)
  assert.match(sizeOver('udp', [noted('a', exact)]).request.content!, /<note>x+<\/note>/)
  const over = sizeOver('udp', [noted('a', `${exact}x`)])
  assert.doesNotMatch(over.request.content!, /<note>/)
  assert.ok(over.size <= 1300)
})

test('UDP: notes go first, then the least available tuples, never the last; TCP keeps all', () => {
  const many = Array.from({length: 12}, (_, i) => noted(`r${i}`, 'n'.repeat(40), i < 4 ? undefined : i < 8 ? 'away' : 'xa'))
  const tcp = sizeOver('tcp', many)
  assert.equal(tupleIds(tcp.request).length, 12)
  assert.ok(tcp.size > 1300)
  const udp = sizeOver('udp', many)
  const kept = tupleIds(udp.request)
  assert.ok(udp.size <= 1300)
  assert.doesNotMatch(udp.request.content!, /<note>/)
  assert.ok(kept.length >= 1 && kept.length < 12)
  // The most available come first and stay: r0…r3 (no show), then away, then xa.
  assert.deepEqual(kept, ['ID-r0', 'ID-r1', 'ID-r2', 'ID-r3', 'ID-r4', 'ID-r5', 'ID-r6', 'ID-r7', 'ID-r8', 'ID-r9', 'ID-r10', 'ID-r11'].slice(0, kept.length))
  // One more tuple would not have fitted.
  assert.ok(sizeOver('tcp', many.slice(0, kept.length + 1).map(({resource, presence: {status: _s, ...presence}}) => ({resource, presence}))).size > 1300)
  const huge = sizeOver('udp', [noted('a'.repeat(1400), 'x'), noted('b', 'y', 'xa')])
  assert.deepEqual(tupleIds(huge.request), [`ID-${'a'.repeat(1400)}`])
})
