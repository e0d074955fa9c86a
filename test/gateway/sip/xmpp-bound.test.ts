import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {SipMessage} from 'sip'
import {parseSipUri} from '../../../src/gateway/sip/address.js'
import {addressRefusal, readXmppBoundText} from '../../../src/gateway/sip/xmpp-bound.js'
import {asXmlText, forbiddenXmlCharacter} from '../../../src/gateway/xml-text.js'

/**
 * What of a SIP MESSAGE may go to XMPP: XML 1.0's characters (production [2] Char) and RFC 7622's
 * JID part limits, and the status and reason phrase of what may not (issue 12). The process-level
 * test is test/security/sip-app-to-xmpp.test.ts.
 */

test('forbiddenXmlCharacter: the first character production [2] Char leaves out, described', () => {
  const rows: Array<[string, string | undefined]> = [
    ['plain text, tab\t, LF\n, CR\r', undefined],
    ['\u0020\uD7FF\uE000\uFFFD\u{10000}\u{10FFFF} ü 漢字 🙂', undefined],
    ['\u0000', 'control character U+0000'],
    ['a\u0001b\u0002', 'control character U+0001'],
    ['\u0008', 'control character U+0008'],
    ['\u000B\u000C', 'control character U+000B'],
    ['\u001F', 'control character U+001F'],
    ['x\uFFFE', 'noncharacter U+FFFE'],
    ['\uFFFF', 'noncharacter U+FFFF'],
    ['lone \uD800 high', 'unpaired surrogate U+D800'],
    ['lone \uDC00 low', 'unpaired surrogate U+DC00'],
    // C1 controls and DEL are Chars in XML 1.0 (restricted only in XML 1.1).
    ['\u007F\u0080\u009F', undefined],
  ]
  for (const [text, description] of rows) assert.equal(forbiddenXmlCharacter(text)?.description, description, JSON.stringify(text))
  assert.equal(forbiddenXmlCharacter('\u0007')?.control, true)
  assert.equal(forbiddenXmlCharacter('\uFFFE')?.control, false)
})

test('asXmlText replaces each forbidden character with U+FFFD and leaves the rest', () => {
  assert.equal(asXmlText('Away\u0001 for\u0000 now\uFFFF'), 'Away\uFFFD for\uFFFD now\uFFFD')
  assert.equal(asXmlText('Abwesend – bis später\t🙂'), 'Abwesend – bis später\t🙂')
})

/** request is a parsed MESSAGE as the codec gives it: header values are latin1 byte strings. */
const request = (headers: Record<string, string>, content: string): SipMessage =>
  ({method: 'MESSAGE', uri: 'sip:someone@d1.test', headers: {'call-id': 'abc@host', ...headers}, content}) as unknown as SipMessage
const latin1 = (text: string): string => Buffer.from(text, 'utf8').toString('latin1')

test('readXmppBoundText: the text fields, decoded, or the refusal of the first XMPP cannot carry', () => {
  const rows: Array<[string, Record<string, string>, string, unknown]> = [
    ['all fields', {subject: latin1('Grüße'), 'content-language': 'de'}, latin1('Hallo 🙂'), {body: 'Hallo 🙂', callId: 'abc@host', subject: 'Grüße', contentLanguage: 'de'}],
    ['no optional header', {}, 'hi', {body: 'hi', callId: 'abc@host'}],
    ['a control character in Call-ID', {'call-id': 'a\u0001b'}, 'hi', {status: 400, reason: 'Bad Request (control character U+0001 in Call-ID)'}],
    ['a control character in Subject', {subject: 'a\u001fb'}, 'hi', {status: 400, reason: 'Bad Request (control character U+001F in Subject)'}],
    ['a noncharacter in Subject', {subject: latin1('\uFFFE')}, 'hi', {status: 488, reason: 'Not Acceptable Here (noncharacter U+FFFE in Subject)'}],
    ['a Subject that is not UTF-8', {subject: '\xff'}, 'hi', {status: 400, reason: 'Bad Request (Subject is not UTF-8)'}],
    ['a control character in Content-Language', {'content-language': 'en\u0000'}, 'hi', {status: 400, reason: 'Bad Request (control character U+0000 in Content-Language)'}],
    ['a control character in the body', {}, 'a\u0007', {status: 488, reason: 'Not Acceptable Here (control character U+0007 in body)'}],
    ['a body that is not UTF-8', {}, '\xc3\x28', {status: 400, reason: 'Bad Request (body is not UTF-8)'}],
    // Headers before the body, and the order of the list within them.
    ['several at once', {'call-id': '\u0001', subject: '\u0002'}, '\u0003', {status: 400, reason: 'Bad Request (control character U+0001 in Call-ID)'}],
  ]
  for (const [name, headers, content, expected] of rows) assert.deepEqual(readXmppBoundText(request(headers, content)), expected, name)
})

test('addressRefusal: the JID the addresses map to, its characters and RFC 7622 §3.1 lengths', () => {
  const check = (from: string, to: string, target = to) => addressRefusal({from: parseSipUri(from)!, to: parseSipUri(to)!, target: parseSipUri(target)!})
  const ok = 'sip:romeo@gw.test'
  const rows: Array<[string, ReturnType<typeof check>, string | undefined]> = [
    ['plain addresses', check(ok, 'sip:someone@d1.test;gr=x'), undefined],
    ['1023 bytes everywhere', check(`${ok};gr=${'f'.repeat(1023)}`, `sip:${'a'.repeat(1023)}@d1.test;gr=${'t'.repeat(1023)}`), undefined],
    ['a To user of 1024 bytes', check(ok, `sip:${'a'.repeat(1024)}@d1.test`), 'Bad Request (To user longer than 1023 bytes as a JID localpart)'],
    // XEP-0106 turns each space into \20: 342 of them are 1026 bytes in XMPP.
    ['a To user XEP-0106 lengthens', check(ok, `sip:${'%20'.repeat(342)}@d1.test`), 'Bad Request (To user longer than 1023 bytes as a JID localpart)'],
    ['a To host of 1024 bytes', check(ok, `sip:someone@${'h'.repeat(1019)}.test`), 'Bad Request (To host longer than 1023 bytes as a JID domainpart)'],
    ['a To gr of 1024 bytes', check(ok, `sip:someone@d1.test;gr=${'g'.repeat(1024)}`, 'sip:someone@d1.test'), 'Bad Request (To gr longer than 1023 bytes as a JID resourcepart)'],
    ["the Request-URI's gr is the one used, and named", check(ok, 'sip:someone@d1.test;gr=%01', `sip:someone@d1.test;gr=${'g'.repeat(1024)}`), 'Bad Request (Request-URI gr longer than 1023 bytes as a JID resourcepart)'],
    ['a From gr of 512 × ü', check(`${ok};gr=${'%C3%BC'.repeat(512)}`, 'sip:someone@d1.test'), 'Bad Request (From gr longer than 1023 bytes as a JID resourcepart)'],
    ['a control character in the To user', check(ok, 'sip:a%1Bb@d1.test'), 'Bad Request (control character U+001B in To user)'],
    ['a noncharacter in a gr', check(ok, 'sip:someone@d1.test;gr=%EF%BF%BE', 'sip:someone@d1.test'), 'Bad Request (noncharacter U+FFFE in To gr)'],
  ]
  for (const [name, refusal, reason] of rows) {
    assert.equal(refusal?.reason, reason, name)
    if (refusal) assert.equal(refusal.status, 400, name)
  }
})
