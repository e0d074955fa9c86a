import assert from 'node:assert/strict'
import {test} from 'node:test'
import {makeResponse, parse, stringify, type SipMessage} from 'sip'
import {respond} from '../../../src/gateway/sip/message.js'
import {wire} from '../../../src/gateway/sip/wire.js'

/**
 * csxmpp's SIP writer against the `sip` package's stringify, which it replaces on the message path:
 * the same text for every kind of message the gateway sends, except that a name-addr without display
 * name is written `<…>` rather than ` <…>` (the package's doubled space after the colon and comma).
 */

const MESSAGE = 'MESSAGE sip:romeo@gw.test SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.1.5:5060;branch=z9hG4bK776asdhds;rport\r\nMax-Forwards: 70\r\nRoute: <sip:127.0.1.10:5060;transport=tcp;lr>\r\nTo: <sip:romeo@gw.test>\r\nFrom: "Juliet" <sip:juliet@a.test;gr=balcony>;tag=1928301774\r\nCall-ID: a84b4c76e66710\r\nCSeq: 314159 MESSAGE\r\nContent-Type: text/plain;charset=UTF-8\r\nSubject: Montague\r\nContent-Length: 5\r\n\r\nhello'
const REGISTER = 'REGISTER sip:gw.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKnashds7\r\nTo: <sip:romeo@gw.test>\r\nFrom: <sip:romeo@gw.test>;tag=456248\r\nCall-ID: 843817637684230@998sdasdh09\r\nCSeq: 1826 REGISTER\r\nContact: <sip:romeo@127.0.0.1:5070>, <sip:romeo@127.0.0.2:5070>;expires=60\r\nAuthorization: Digest username="romeo", realm="gw.test", nonce="abc", uri="sip:gw.test", response="def"\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n'

const CASES: ReadonlyArray<[string, () => SipMessage]> = [
  ['a MESSAGE with Route, display name, GRUU, Subject and a body', () => parse(MESSAGE)!],
  ['a REGISTER with two contacts and credentials', () => parse(REGISTER)!],
  ['200 OK to the MESSAGE, To tag added', () => respond(parse(MESSAGE)!, 200)],
  ['401 to the REGISTER with a challenge', () => respond(parse(REGISTER)!, 401, undefined, {'www-authenticate': 'Digest realm="gw.test", nonce="x", algorithm=MD5, qop="auth"'})],
  ['200 to the REGISTER listing bindings', () => respond(parse(REGISTER)!, 200, undefined, {contact: [{uri: 'sip:romeo@127.0.0.1:5070', params: {expires: 60}}, {uri: 'sip:romeo@127.0.0.2:5070', params: {expires: 3600}}]})],
  ['a 503 made locally', () => makeResponse(parse(MESSAGE)!, 503, 'Service Unavailable')],
  ['a response with an empty Route and a parameter without value', () => ({...makeResponse(parse(MESSAGE)!, 403, 'Forbidden'), headers: {...makeResponse(parse(MESSAGE)!, 403, 'Forbidden').headers, route: [], 'x-flag': 7}})],
]

for (const [name, make] of CASES) {
  test(`wire writes ${name} as the sip package does`, () => {
    const message = make()
    const ours = wire(structuredClone(message))
    const theirs = stringify(structuredClone(message)).replace(/ {2}</g, ' <')
    assert.equal(ours, theirs)
    assert.ok(!ours.includes('  <'), ours)
  })
}
