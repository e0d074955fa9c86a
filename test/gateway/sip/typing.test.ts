import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import xml from '@xmpp/xml'
import type {SipMessage} from 'sip'
import {toWire} from '../../../src/gateway/sip/message.js'
import {parseMessage} from '../../../src/gateway/sip/parse.js'
import {
  chatStateElement,
  chatStateOf,
  composingLapsed,
  composingRepeatDue,
  isLyncDialect,
  readIsComposing,
  readKeyboardActivity,
  typingFormFor,
  typingMaySend,
  typingRequest,
  typingStepFor,
} from '../../../src/gateway/sip/typing.js'

/** Typing notifications (presence.md P10.5): both tables, the dialect rule, the timing rules. */

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/sip/session/${name}`, import.meta.url), 'utf8')
const KA = (status: string) => `<?xml version="1.0"?><KeyboardActivity> <status status="${status}" /></KeyboardActivity>`
const isComposing = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing">${inner}</isComposing>`
const BAD_KA = {status: 400, reason: 'Bad Request (KeyboardActivity)'}
const BAD_IC = {status: 400, reason: 'Bad Request (isComposing)'}

test('P10.5 table 1: KeyboardActivity to chat states', () => {
  const cases: Array<[string, unknown]> = [
    [KA('type'), {state: 'composing', refresh: 120}],
    [KA('idle'), {state: 'active'}],
    [KA('paused'), undefined],
    ['<KeyboardActivity xmlns="urn:x"><status status="type"/></KeyboardActivity>', BAD_KA],
    ['<KeyboardActivity><status status="type">', BAD_KA],
    ['<!DOCTYPE k [<!ENTITY e "type">]><KeyboardActivity><status status="&e;"/></KeyboardActivity>', BAD_KA],
    ['<?pi x?><KeyboardActivity/>', BAD_KA],
    [`<KeyboardActivity>${'<a>'.repeat(9)}${'</a>'.repeat(9)}</KeyboardActivity>`, BAD_KA],
    [`<KeyboardActivity><status status="type"/>${' '.repeat(5000)}</KeyboardActivity>`, BAD_KA],
    ['\xff<KeyboardActivity/>', BAD_KA],
    ['', BAD_KA],
  ]
  for (const [body, expected] of cases) assert.deepEqual(readKeyboardActivity(body), expected, body.slice(0, 60))
})

test('P10.5 table 1: isComposing to chat states (RFC 7573 Table 3)', () => {
  const cases: Array<[string, unknown]> = [
    [fixture('iscomposing-active.xml'), {state: 'composing', refresh: 60}],
    [isComposing('<state>active</state>'), {state: 'composing', refresh: 120}],
    [isComposing('<state> active </state><refresh>abc</refresh>'), {state: 'composing', refresh: 120}],
    [isComposing('<state>idle</state><lastactive>2026-12-08T02:00:00Z</lastactive>'), {state: 'active'}],
    [isComposing('<state>gone</state>'), BAD_IC],
    [isComposing(''), BAD_IC],
    ['<isComposing><state>active</state></isComposing>', BAD_IC],
    [toWire(isComposing('<state>idle</state><contenttype>text/plain;charset=“x”</contenttype>')), {state: 'active'}],
  ]
  for (const [body, expected] of cases) assert.deepEqual(readIsComposing(body), expected, body.slice(0, 80))
})

test('composingLapsed: an unrefreshed active state becomes <active/> after its refresh', () => {
  assert.equal(composingLapsed(1000, 120, 120_999), false)
  assert.equal(composingLapsed(1000, 120, 121_000), true)
  assert.equal(composingLapsed(0, 60, 60_000), true)
})

test('chat states from and to XMPP (XEP-0085)', () => {
  const message = (...children: ReturnType<typeof xml>[]) => xml('message', {type: 'chat'}, ...children)
  assert.equal(chatStateOf(message(xml('body', {}, 'hi'), xml('composing', {xmlns: 'http://jabber.org/protocol/chatstates'}))), 'composing')
  assert.equal(chatStateOf(message(xml('composing', {xmlns: 'urn:other'}))), undefined)
  assert.equal(chatStateOf(message(xml('typing', {xmlns: 'http://jabber.org/protocol/chatstates'}))), undefined)
  assert.equal(chatStateOf(message()), undefined)
  assert.equal(chatStateElement('gone').toString(), '<gone xmlns="http://jabber.org/protocol/chatstates"/>')
})

const response = (lines: readonly string[]): SipMessage =>
  parseMessage(['SIP/2.0 200 OK', 'Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK-2', 'From: <sip:j@x.test>;tag=a', 'To: <sip:a@gw.test>;tag=b', 'Call-ID: c', 'CSeq: 1 INVITE', ...lines, 'Content-Length: 0', '', ''].join('\r\n'))!

test('isLyncDialect: Ms-Conversation-ID, or a UCCAPI/ or RTC/ product', () => {
  const sfb = parseMessage(toWire(fixture('sfb-invite.txt').replaceAll('\n', '\r\n')))!
  const cases: Array<[readonly string[], boolean]> = [
    [['Ms-Conversation-ID: AdPQwQ+QHyGgNm5cnnI5Sv0cCiqWRgACaRaw'], true],
    [['User-Agent: UCCAPI/15.0.4971.1000 OC/15.0.4971.1000 (Skype for Business)'], true],
    [['Server: RTC/6.0'], true],
    [['User-Agent: baresip v1.0.0 (x86_64/linux)'], false],
    [['User-Agent: Mozilla UCCAPI/1'], false],
    [[], false],
  ]
  assert.equal(isLyncDialect(sfb), true)
  for (const [lines, expected] of cases) assert.equal(isLyncDialect(response(lines)), expected, lines.join())
})

test('P10.5 table 2: the form toward a peer, and the step for each chat state', () => {
  assert.equal(typingFormFor(['text/plain', 'application/im-iscomposing+xml'], true), 'iscomposing')
  assert.equal(typingFormFor(['text/plain', 'multipart/alternative', 'image/gif', 'text/rtf'], true), 'keyboard-activity')
  assert.equal(typingFormFor(['text/plain'], false), undefined)
  const steps: Array<[Parameters<typeof typingStepFor>[0], boolean, string | undefined]> = [
    ['composing', false, 'active'],
    ['composing', true, 'active'],
    ['paused', true, 'idle'],
    ['active', true, 'idle'],
    ['inactive', true, 'idle'],
    ['paused', false, undefined],
    ['active', false, undefined],
    ['inactive', false, undefined],
    ['gone', false, 'bye'],
    ['gone', true, 'bye'],
  ]
  for (const [state, activeSent, expected] of steps) assert.equal(typingStepFor(state, activeSent), expected, `${state} ${activeSent}`)
})

test('typingRequest writes the isComposing body of P10.5 and pidgin-sipe KeyboardActivity byte for byte', () => {
  assert.deepEqual(typingRequest('iscomposing', 'active'), {method: 'MESSAGE', contentType: 'application/im-iscomposing+xml', body: fixture('iscomposing-active.xml').trimEnd()})
  assert.deepEqual(typingRequest('iscomposing', 'idle'), {
    method: 'MESSAGE',
    contentType: 'application/im-iscomposing+xml',
    body: '<?xml version="1.0" encoding="UTF-8"?>\n<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing">\n  <state>idle</state>\n  <contenttype>text/plain</contenttype>\n</isComposing>',
  })
  assert.deepEqual(typingRequest('keyboard-activity', 'active'), {method: 'INFO', contentType: 'application/xml', body: KA('type')})
  assert.deepEqual(typingRequest('keyboard-activity', 'idle'), {method: 'INFO', contentType: 'application/xml', body: KA('idle')})
  for (const form of ['iscomposing', 'keyboard-activity'] as const) for (const step of ['active', 'idle'] as const) assert.notEqual((form === 'iscomposing' ? readIsComposing : readKeyboardActivity)(typingRequest(form, step).body), undefined)
})

test('at most one typing request per session per 2 s; the active form repeats every 60 s', () => {
  const cases: Array<[number | undefined, number, boolean]> = [
    [undefined, 0, true],
    [10_000, 11_999, false],
    [10_000, 12_000, true],
    [10_000, 10_000, false],
  ]
  for (const [last, now, expected] of cases) assert.equal(typingMaySend(last, now), expected, `${last} ${now}`)
  assert.equal(composingRepeatDue(0, 59_999), false)
  assert.equal(composingRepeatDue(0, 60_000), true)
})
