import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import type {SipMessage} from 'sip'
import {inDialogRequest, uacDialog} from '../../../src/gateway/sip/dialog.js'
import {toWire} from '../../../src/gateway/sip/message.js'
import {parseMessage} from '../../../src/gateway/sip/parse.js'
import {
  answerShowedFirstMessage,
  deliverableFirstMessage,
  readSessionOffer,
  requireRefusal,
  sessionAnswer,
  sessionInviteHeaders,
  sessionOfferSdp,
  sessionRequestKind,
} from '../../../src/gateway/sip/session-offer.js'
import {wire} from '../../../src/gateway/sip/wire.js'

/** Session offers and answers (presence.md P10.2, P10.3, P10.7) against the messages P10 prints (test/fixtures/sip/session/). */

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/sip/session/${name}`, import.meta.url), 'utf8')
/** asWire turns a printed message (LF) into wire text: CRLF, UTF-8 bytes as latin1. */
const asWire = (printed: string) => toWire(printed.replaceAll('\n', '\r\n'))
const SFB_INVITE = parseMessage(asWire(fixture('sfb-invite.txt')))!
const SDP_IM = 'v=0\r\no=- 0 0 IN IP4 127.0.0.44\r\ns=session\r\nc=IN IP4 127.0.0.44\r\nt=0 0\r\nm=message 5061 sip null\r\na=accept-types:text/plain\r\n'

function invite(extra: readonly string[], body = SDP_IM, type = 'application/sdp'): SipMessage {
  const lines = [
    'INVITE sip:juliet@xmpp.test SIP/2.0',
    'Via: SIP/2.0/TLS 127.0.0.44:5061;branch=z9hG4bK-1',
    'Record-Route: <sip:127.0.0.40:5061;transport=tls;lr>',
    'From: "Alice" <sip:alice@gw.test>;tag=1234SIPpTag001;epid=5e8f3d0a1c',
    'To: <sip:juliet@xmpp.test>',
    'Call-ID: 1-4657@127.0.0.44',
    'CSeq: 1 INVITE',
    'Contact: <sip:alice@127.0.0.44:5061;transport=tls>',
    ...extra,
    `Content-Type: ${type}`,
    `Content-Length: ${body.length}`,
  ]
  return parseMessage(`${lines.join('\r\n')}\r\n\r\n${body}`)!
}

test('the Skype for Business capture of P10.8 is an acceptable offer: its first message, accept-types and conversation id', () => {
  assert.equal(requireRefusal(SFB_INVITE), undefined)
  const offer = readSessionOffer(SFB_INVITE, 'gw.test')
  assert.deepEqual(offer, {
    port: 5060,
    acceptTypes: ['text/plain', 'multipart/alternative', 'image/gif', 'text/rtf', 'application/x-ms-ink', 'application/ms-imdn+xml', 'text/x-msmsgsinvite'],
    firstMessage: {type: 'text/plain', text: '/call anna.lykova@rum18.trueconf.name   \r\n'},
    conversationId: 'AdPQwQ+QHyGgNm5cnnI5Sv0cCiqWRgACaRaw',
  })
  assert.deepEqual(deliverableFirstMessage(offer as never), {type: 'text/plain', text: '/call anna.lykova@rum18.trueconf.name   \r\n'})
})

const IM_ONLY = {status: 488, reason: 'Not Acceptable Here', headers: {warning: '399 gw.test "only instant messaging sessions are supported"'}}
const MULTIPARTY = {status: 488, reason: 'Not Acceptable Here', headers: {warning: '399 gw.test "multiparty sessions are not supported"'}}
const sdpWith = (media: string) => SDP_IM.replace('m=message 5061 sip null\r\n', media)

test('P10.2 checks 6 and 7 (P10.7): what an INVITE is refused for', () => {
  const cases: Array<[string, SipMessage, unknown]> = [
    ['audio alone', invite([], sdpWith('m=audio 49170 RTP/AVP 0\r\n')), IM_ONLY],
    ['IM with video', invite([], sdpWith('m=message 5061 sip null\r\nm=video 51372 RTP/AVP 31\r\n')), IM_ONLY],
    ['application sharing', invite([], sdpWith('m=applicationsharing 5061 TCP/RTP/AVP 127\r\n')), IM_ONLY],
    ['message over MSRP', invite([], sdpWith('m=message 7394 TCP/MSRP *\r\n')), IM_ONLY],
    ['port 0', invite([], sdpWith('m=message 0 sip null\r\n')), IM_ONLY],
    ['no body', invite([], ''), IM_ONLY],
    ['not SDP', invite([], 'hello', 'text/plain'), IM_ONLY],
    ['three endpoints', invite(['EndPoints: <sip:a@gw.test>, <sip:b@xmpp.test>, <sip:c@xmpp.test>']), MULTIPARTY],
  ]
  for (const [name, request, expected] of cases) assert.deepEqual(readSessionOffer(request, 'gw.test'), expected, name)
  assert.deepEqual(readSessionOffer(invite([], sdpWith('m=x-ms-message 5061 sip null\r\n')), 'gw.test'), {port: 5061, acceptTypes: ['text/plain']})
  assert.deepEqual(readSessionOffer(invite(['EndPoints: <sip:a@gw.test>, <sip:b@xmpp.test>']), 'gw.test'), {port: 5061, acceptTypes: ['text/plain']})
})

test('P10.2 check 2 (P10.7): Require gets 420 naming its tags; Supported multiparty does not', () => {
  assert.deepEqual(requireRefusal(invite(['Require: com.microsoft.rtc-multiparty'])), {status: 420, reason: 'Bad Extension', headers: {unsupported: 'com.microsoft.rtc-multiparty'}})
  assert.deepEqual(requireRefusal(invite(['Require: timer', 'Require: 100rel'])), {status: 420, reason: 'Bad Extension', headers: {unsupported: 'timer, 100rel'}})
  assert.equal(requireRefusal(invite(['Supported: com.microsoft.rtc-multiparty'])), undefined)
})

test('a bad first message is an offer all the same, without a deliverable message', () => {
  const offer = readSessionOffer(invite(['Ms-Text-Format: text/plain; charset=UTF-8; ms-body=!!!']), 'gw.test')
  assert.deepEqual(offer, {port: 5061, acceptTypes: ['text/plain'], firstMessage: {refused: 'bad-base64', text: 'ms-body is not base64'}})
  assert.equal(deliverableFirstMessage(offer as never), undefined)
})

test('sessionAnswer writes P10.2 answer byte for byte', () => {
  const answer = sessionAnswer(invite([]), {localTag: '6a0f3c1d92e4', contact: 'sip:juliet@127.0.0.1:5061;transport=tls', ip: '127.0.0.1', port: 5061, peerUri: 'sip:juliet@xmpp.test', firstMessageDelivered: true})
  const text = wire(answer)
  const expected = asWire(
    fixture('gateway-answer.txt')
      .replace('Via: {copied}', 'Via: SIP/2.0/TLS 127.0.0.44:5061;branch=z9hG4bK-1')
    .replace('Record-Route: {copied}', 'Record-Route: <sip:127.0.0.40:5061;transport=tls;lr>')
      .replace('Content-Length: …', `Content-Length: ${answer.content!.length}`),
  )
  assert.equal(text, expected)
  const withoutFirst = wire(sessionAnswer(invite([]), {localTag: 't', contact: 'sip:j@127.0.0.1', ip: '::1', port: 5061, peerUri: 'sip:j@x.test', firstMessageDelivered: false}))
  assert.doesNotMatch(withoutFirst, /Supported/)
  assert.match(withoutFirst, /\r\no=- 0 0 IN IP6 ::1\r\n/)
})

test('the gateway INVITE of P10.3 byte for byte (elisions as printed)', () => {
  const dialog = {...uacDialog('sip:juliet@xmpp.test;gr=balcony', 'sip:alice@gw.test', ['sip:127.0.0.40:5061;transport=tls;lr']), callId: 'thread-1', localTag: 'c3f1…'}
  const {headers, embedded} = sessionInviteHeaders('Wherefore art thou?', 'Q29udmVyc2F0aW9uSWQxMjM0NTY3OA==', 'Balcony')
  assert.equal(embedded, true)
  const {request} = inDialogRequest(dialog, 'INVITE', {contact: [{uri: 'sip:juliet@127.0.0.1:5061;transport=tls', params: {}}], ...headers}, sessionOfferSdp('127.0.0.1', 5061))
  request.headers.via = [{version: '2.0', protocol: 'TLS', host: '127.0.0.1', port: 5061, params: {branch: 'z9hG4bK…'}}]
  const expected = fixture('gateway-offer.txt')
    .replace('{the stanza\'s thread as callIdFor() makes it, else a UUID}', 'thread-1')
    .replace('{20 random bytes, base64}', 'Q29udmVyc2F0aW9uSWQxMjM0NTY3OA==')
    .replace('{<subject/>, when present}', 'Balcony')
    .replace('Content-Length: …', `Content-Length: ${request.content!.length}`)
    .replaceAll('\n', '\r\n')
  assert.equal(wire(request), expected)
})

test('a first message over 1,000 bytes is not embedded (P10.3)', () => {
  const {headers, embedded} = sessionInviteHeaders('é'.repeat(501), 'id')
  assert.equal(embedded, false)
  assert.deepEqual(Object.keys(headers), ['supported', 'ms-conversation-id', 'allow', 'content-type'])
})

test('answerShowedFirstMessage reads every Supported line of a 200 (P10.3)', () => {
  const response = (lines: readonly string[]) => parseMessage(['SIP/2.0 200 OK', 'Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK-2', 'From: <sip:j@x.test>;tag=a', 'To: <sip:a@gw.test>;tag=b', 'Call-ID: c', 'CSeq: 1 INVITE', ...lines, 'Content-Length: 0', '', ''].join('\r\n'))!
  assert.equal(answerShowedFirstMessage(response(['Supported: timer', 'Supported: MS-Text-Format'])), true)
  assert.equal(answerShowedFirstMessage(response(['k: ms-text-format, timer'])), true)
  assert.equal(answerShowedFirstMessage(response(['Supported: ms-embedded-first-message'])), false)
  assert.equal(answerShowedFirstMessage(response([])), false)
})

test('sessionRequestKind: the in-dialog requests of P10.2, and the 415 of P10.7', () => {
  const request = (method: string, type: string | undefined): SipMessage => ({method, uri: 'sip:j@x.test', headers: {...SFB_INVITE.headers, ...(type === undefined ? {'content-type': undefined} : {'content-type': type})}})
  const UNSUPPORTED = {status: 415, reason: 'Unsupported Media Type', headers: {accept: 'text/plain, multipart/alternative, application/im-iscomposing+xml'}}
  const cases: Array<[string, string | undefined, unknown]> = [
    ['MESSAGE', 'text/plain; charset=UTF-8', 'text'],
    ['MESSAGE', 'Text/Plain;charset="us-ascii"', 'text'],
    ['MESSAGE', 'text/plain', 'text'],
    ['MESSAGE', 'text/plain; charset=ISO-8859-1', UNSUPPORTED],
    ['MESSAGE', 'multipart/alternative; boundary=x', 'alternative'],
    ['MESSAGE', 'application/im-iscomposing+xml', 'iscomposing'],
    ['INFO', 'application/xml', 'keyboard-activity'],
    ['MESSAGE', 'text/x-msmsgsinvite; charset=UTF-8', UNSUPPORTED],
    ['MESSAGE', 'text/rtf', UNSUPPORTED],
    ['MESSAGE', 'application/ms-imdn+xml', UNSUPPORTED],
    ['INFO', 'text/plain', UNSUPPORTED],
    ['MESSAGE', undefined, UNSUPPORTED],
  ]
  for (const [method, type, expected] of cases) assert.deepEqual(sessionRequestKind(request(method, type)), expected, `${method} ${type}`)
})
