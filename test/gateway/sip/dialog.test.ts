import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {SipMessage} from 'sip'
import {
  acceptRequest,
  confirmByResponse,
  firstHop,
  inDialogRequest,
  isOwnLoop,
  newCallId,
  newDialogTag,
  requestMatches,
  responseMatches,
  uacDialog,
  uasDialog,
  type Dialog,
} from '../../../src/gateway/sip/dialog.js'
import {parseMessage} from '../../../src/gateway/sip/parse.js'
import {BARESIP_SUBSCRIBE} from '../../helpers/sip/presence-exchanges.js'

/** RFC 3261 §12 dialogs (presence.md P4.6): creation on both sides, CSeq, targets, routes, matching. */

const crlf = (lines: readonly string[]) => `${lines.join('\r\n')}\r\n\r\n`
const parsed = (lines: readonly string[]): SipMessage => parseMessage(crlf(lines.some((line) => line.startsWith('Content-Length')) ? lines : [...lines, 'Content-Length: 0']))!


const notifier = (): Dialog => uasDialog(parsed(BARESIP_SUBSCRIBE), '8f1c2a9e04b7') as Dialog

/** inDialog is a request the peer sends in a dialog: CSeq, tags and an optional Contact. */
function inDialog(dialog: Dialog, seq: number, extra: readonly string[] = [], callId = dialog.callId, fromTag = dialog.remoteTag, toTag = dialog.localTag): SipMessage {
  return parsed([
    'SUBSCRIBE sip:juliet@127.0.0.1:5060 SIP/2.0',
    'Via: SIP/2.0/UDP 127.0.0.43:5060;branch=z9hG4bKx',
    `From: <${dialog.remoteUri}>;tag=${fromTag}`,
    `To: <${dialog.localUri}>;tag=${toTag}`,
    `Call-ID: ${callId}`,
    `CSeq: ${seq} SUBSCRIBE`,
    ...extra,
    'Content-Length: 0',
  ])
}

test('newCallId has 122 random bits (a v4 UUID) and newDialogTag 64 (16 hex digits); neither repeats', () => {
  const ids = new Set(Array.from({length: 1000}, newCallId))
  const tags = new Set(Array.from({length: 1000}, newDialogTag))
  assert.equal(ids.size, 1000)
  assert.equal(tags.size, 1000)
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  for (const tag of tags) assert.match(tag, /^[0-9a-f]{16}$/)
})

test('uasDialog takes the notifier dialog from baresip SUBSCRIBE (RFC 3261 §12.1.1)', () => {
  assert.deepEqual(notifier(), {
    callId: '3df8dc60245c3c07',
    localTag: '8f1c2a9e04b7',
    remoteTag: 'ebced54e9c57e006',
    localUri: 'sip:juliet@xmpp.test',
    remoteUri: 'sip:bob@gw.test',
    localSeq: 0,
    remoteSeq: 61754,
    remoteTarget: 'sip:bob-0x55e1079592d0@127.0.0.43:5060',
    routeSet: ['sip:127.0.0.40;lr;ftag=ebced54e9c57e006'],
  })
})

const REFUSALS: ReadonlyArray<[string, (lines: readonly string[]) => readonly string[], {status: number; reason: string}]> = [
  ['a strict router in Record-Route', (l) => l.map((x) => x.replace(';lr;', ';')), {status: 400, reason: 'Bad Request (strict routing is not supported)'}],
  ['a second Record-Route entry that is strict', (l) => [l[0]!, 'Record-Route: <sip:10.0.0.1>', ...l.slice(1)], {status: 400, reason: 'Bad Request (strict routing is not supported)'}],
  ['a Record-Route URI that does not parse', (l) => [l[0]!, 'Record-Route: <x;lr>', ...l.slice(1)], {status: 400, reason: 'Bad Request (strict routing is not supported)'}],
  ['no Contact', (l) => l.filter((x) => !x.startsWith('Contact')), {status: 400, reason: 'Bad Request (no Contact)'}],
  ['Contact: *', (l) => l.map((x) => (x.startsWith('Contact') ? 'Contact: *' : x)), {status: 400, reason: 'Bad Request (no Contact)'}],
]
for (const [name, edit, refusal] of REFUSALS) {
  test(`uasDialog refuses ${name}`, () => assert.deepEqual(uasDialog(parsed(edit([...BARESIP_SUBSCRIBE])), 'x'), refusal))
}

test('uasDialog accepts LR in any case and several loose routes, in the order received', () => {
  const lines = [BARESIP_SUBSCRIBE[0]!, 'Record-Route: <sip:p1.test;LR>, <sip:p2.test;lr>', ...BARESIP_SUBSCRIBE.slice(2)]
  assert.deepEqual((uasDialog(parsed(lines), 'x') as Dialog).routeSet, ['sip:p1.test;LR', 'sip:p2.test;lr'])
})

const CSEQS: ReadonlyArray<[number, number | {status: number; reason: string}]> = [
  [61753, {status: 500, reason: 'Server Internal Error (CSeq out of order)'}],
  [61754, {status: 500, reason: 'Server Internal Error (CSeq out of order)'}],
  [61755, 61755],
  [4000000000, 4000000000],
]
for (const [seq, expected] of CSEQS) {
  test(`a request in the dialog with CSeq ${seq} after 61754: ${typeof expected === 'number' ? 'taken' : '500'} (RFC 3261 §12.2.2)`, () => {
    const result = acceptRequest(notifier(), inDialog(notifier(), seq))
    assert.deepEqual(typeof expected === 'number' ? (result as Dialog).remoteSeq : result, expected)
  })
}

test('a target-refresh request moves the remote target; one without Contact keeps it; the route set stays', () => {
  const moved = acceptRequest(notifier(), inDialog(notifier(), 61755, ['Contact: <sip:bob@127.0.0.99:5080>', 'Record-Route: <sip:other.test;lr>'])) as Dialog
  assert.equal(moved.remoteTarget, 'sip:bob@127.0.0.99:5080')
  assert.deepEqual(moved.routeSet, ['sip:127.0.0.40;lr;ftag=ebced54e9c57e006'])
  assert.equal((acceptRequest(moved, inDialog(moved, 61756)) as Dialog).remoteTarget, 'sip:bob@127.0.0.99:5080')
})

test('inDialogRequest: Request-URI = remote target, Route = the route set, tags, Call-ID, CSeq 1 then 2', () => {
  const first = inDialogRequest(notifier(), 'NOTIFY', {event: 'presence'})
  const second = inDialogRequest(first.dialog, 'NOTIFY', {})
  assert.equal(first.request.uri, 'sip:bob-0x55e1079592d0@127.0.0.43:5060')
  assert.deepEqual(first.request.headers.route, [{uri: 'sip:127.0.0.40;lr;ftag=ebced54e9c57e006', params: {}}])
  assert.deepEqual(first.request.headers.from, {uri: 'sip:juliet@xmpp.test', params: {tag: '8f1c2a9e04b7'}})
  assert.deepEqual(first.request.headers.to, {uri: 'sip:bob@gw.test', params: {tag: 'ebced54e9c57e006'}})
  assert.equal(first.request.headers['call-id'], '3df8dc60245c3c07')
  assert.deepEqual([first.request.headers.cseq, second.request.headers.cseq], [{seq: 1, method: 'NOTIFY'}, {seq: 2, method: 'NOTIFY'}])
  assert.equal(first.request.headers['event'], 'presence')
  assert.equal(firstHop(first.dialog), 'sip:127.0.0.40;lr;ftag=ebced54e9c57e006')
})

/** fromNotifier is a message of the presence server in a subscriber dialog: our tag on From (a response) or To (a request). */
function fromNotifier(early: Dialog, start: string, tags: {ours: 'From' | 'To'; theirs: string}, cseq: string, recordRoute = '<sip:p2.test;lr>, <sip:p1.test;lr>'): SipMessage {
  const ours = `<sip:alice@gw.test>;tag=${early.localTag}`
  const theirs = `<sip:alice@gw.test>;tag=${tags.theirs}`
  return parsed([
    start,
    'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKy',
    `From: ${tags.ours === 'From' ? ours : theirs}`,
    `To: ${tags.ours === 'From' ? theirs : ours}`,
    `Call-ID: ${early.callId}`,
    `CSeq: ${cseq}`,
    `Record-Route: ${recordRoute}`,
    'Contact: <sip:127.0.0.40:5060>',
  ])
}

test('a UAC dialog: preloaded route, then the 2xx sets tag, target and the Record-Route reversed (RFC 3261 §12.1.2)', () => {
  const early = uacDialog('sip:alice@gw.test', 'sip:alice@gw.test', ['sip:127.0.0.40:5060;transport=udp;lr'])
  assert.equal(firstHop(early), 'sip:127.0.0.40:5060;transport=udp;lr')
  assert.equal(inDialogRequest(early, 'SUBSCRIBE', {}).request.headers.to.params['tag'], undefined)
  const ok = fromNotifier(early, 'SIP/2.0 200 OK', {ours: 'From', theirs: 'remote1'}, '1 SUBSCRIBE')
  assert.equal(responseMatches(early, ok), true)
  const confirmed = confirmByResponse(early, ok) as Dialog
  assert.deepEqual([confirmed.remoteTag, confirmed.remoteTarget, confirmed.routeSet], ['remote1', 'sip:127.0.0.40:5060', ['sip:p1.test;lr', 'sip:p2.test;lr']])
  assert.deepEqual(confirmByResponse(early, {...ok, headers: {...ok.headers, 'record-route': [{uri: 'sip:p1.test', params: {}}]}}), {status: 400, reason: 'Bad Request (strict routing is not supported)'})
})

test('a NOTIFY before the 200 creates the subscriber dialog: its From tag adopted, its Record-Route as received (RFC 6665 §4.1.2.4)', () => {
  const early = uacDialog('sip:alice@gw.test', 'sip:alice@gw.test')
  const notify = fromNotifier(early, 'NOTIFY sip:alice@127.0.0.1:5060 SIP/2.0', {ours: 'To', theirs: 'notifier9'}, '2 NOTIFY', '<sip:p1.test;lr>, <sip:p2.test;lr>')
  assert.equal(requestMatches(early, notify), true)
  const dialog = acceptRequest(early, notify) as Dialog
  assert.deepEqual([dialog.remoteTag, dialog.remoteSeq, dialog.remoteTarget, dialog.routeSet], ['notifier9', 2, 'sip:127.0.0.40:5060', ['sip:p1.test;lr', 'sip:p2.test;lr']])
  // The 200 that follows changes neither the tag nor the route set.
  assert.deepEqual(confirmByResponse(dialog, {...notify, status: 200, reason: 'OK', headers: {...notify.headers, 'record-route': [], contact: [{uri: 'sip:x.test', params: {}}]}}), {...dialog, remoteTarget: 'sip:x.test'})
})

const MATCHES: ReadonlyArray<[string, (d: Dialog) => SipMessage, boolean]> = [
  ['the dialog own request', (d) => inDialog(d, 1), true],
  ['another Call-ID', (d) => inDialog(d, 1, [], 'other'), false],
  ['another From tag', (d) => inDialog(d, 1, [], d.callId, 'other'), false],
  ['another To tag', (d) => inDialog(d, 1, [], d.callId, d.remoteTag, 'other'), false],
  ['a From tag differing only in case', (d) => inDialog(d, 1, [], d.callId, d.remoteTag!.toUpperCase()), false],
]
for (const [name, make, expected] of MATCHES) {
  test(`requestMatches: ${name} → ${expected}`, () => assert.equal(requestMatches(notifier(), make(notifier())), expected))
}

test('isOwnLoop: a new request with our Call-ID and our tag as From tag is ours come back (P4.2 check 1)', () => {
  const sent = inDialogRequest(uacDialog('sip:alice@gw.test', 'sip:alice@gw.test'), 'SUBSCRIBE', {})
  const d = sent.dialog
  const loop = parsed(['SUBSCRIBE sip:alice@gw.test SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.40;branch=z9hG4bKl', `From: <sip:alice@gw.test>;tag=${d.localTag}`, 'To: <sip:alice@gw.test>', `Call-ID: ${d.callId}`, 'CSeq: 1 SUBSCRIBE', 'Content-Length: 0'])
  assert.equal(isOwnLoop(d, loop), true)
  assert.equal(isOwnLoop(d, {...loop, headers: {...loop.headers, 'call-id': 'x'}}), false)
  assert.equal(isOwnLoop(notifier(), parsed(BARESIP_SUBSCRIBE)), false)
})
