import assert from 'node:assert/strict'
import {test} from 'node:test'
import {parse} from 'sip'
import {parseMessage} from '../../../src/gateway/sip/parse.js'

/**
 * csxmpp's SIP reader against the `sip` package's parser, which it replaces: the same objects for
 * the messages peers send (requests and responses as SIPp, baresip, Kamailio and Lync write them),
 * and, in a second table, the few places where it reads on purpose what the package misread.
 */

const CRLF = (lines: readonly string[], body = ''): string => `${lines.join('\r\n')}\r\n\r\n${body}`

const SAME: ReadonlyArray<readonly [string, string]> = [
  ['a MESSAGE with a quoted display name, a GRUU, Route, Subject and a body', CRLF([
    'MESSAGE sip:romeo@gw.test SIP/2.0',
    'Via: SIP/2.0/TCP 127.0.1.5:5060;branch=z9hG4bK776asdhds;rport',
    'Max-Forwards: 70',
    'Route: <sip:127.0.1.10:5060;transport=tcp;lr>',
    'To: <sip:romeo@gw.test>',
    'From: "Juliet Capulet" <sip:juliet@a.test;gr=balcony>;tag=1928301774',
    'Call-ID: a84b4c76e66710@pc33.atlanta.com',
    'CSeq: 314159 MESSAGE',
    'Content-Type: text/plain;charset=UTF-8',
    'Subject: Montague',
    'Content-Length: 5',
  ], 'hello')],
  ['a REGISTER with two contacts, parameters and Digest credentials', CRLF([
    'REGISTER sip:gw.test SIP/2.0',
    'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKnashds7;received=127.0.0.1;rport=5070',
    'To: Romeo <sip:romeo@gw.test>',
    'From: Romeo <sip:romeo@gw.test>;tag=456248',
    'Call-ID: 843817637684230@998sdasdh09',
    'CSeq: 1826 REGISTER',
    'Contact: <sip:romeo@127.0.0.1:5070;transport=udp>;expires=60;+sip.instance="<urn:uuid:00000000-0000-1000-8000-000A95A0E128>", <sip:romeo@127.0.0.2:5070>;q=0.5',
    'Authorization: Digest username="romeo", realm="gw.test", nonce="abc", uri="sip:gw.test", response="0123456789abcdef0123456789abcdef", algorithm=MD5, cnonce="x\\"y", qop=auth, nc=00000001',
    'Expires: 3600',
    'User-Agent: baresip v1.0.0 (x86_64/linux)',
    'Allow: INVITE,ACK,BYE,CANCEL,OPTIONS,NOTIFY,SUBSCRIBE,INFO,MESSAGE,UPDATE,REFER',
    'Content-Length: 0',
  ])],
  ['a 200 OK through Kamailio: two Via values on one line, one more on another, Record-Route', CRLF([
    'SIP/2.0 200 OK',
    'Via: SIP/2.0/TCP 127.0.1.10:5060;branch=z9hG4bK.k1;i=2, SIP/2.0/TCP 127.0.1.5:5060;received=127.0.1.5;branch=z9hG4bK-d8754z',
    'Via: SIP/2.0/UDP 127.0.1.3:5062;branch=z9hG4bK.3',
    'Record-Route: <sip:127.0.1.10;transport=tcp;lr;r2=on>, <sip:127.0.1.10;lr;r2=on>',
    'To: <sip:romeo@gw.test>;tag=as6b3a4d',
    'From: <sip:juliet@a.test;gr=balcony>;tag=1928301774',
    'Call-ID: 1',
    'CSeq: 2 MESSAGE',
    'Server: kamailio (5.6.3 (x86_64/linux))',
    'Content-Length: 0',
  ])],
  ['a 407 with two challenges', CRLF([
    'SIP/2.0 407 Proxy Authentication Required',
    'Via: SIP/2.0/UDP 127.0.0.3:5060;branch=z9hG4bKa;rport=5060;received=127.0.0.3',
    'From: <sip:romeo@gw.test>;tag=a',
    'To: <sip:someone@d1.test>;tag=b',
    'Call-ID: c',
    'CSeq: 1 MESSAGE',
    'Proxy-Authenticate: Digest realm="gw.test", nonce="1700000000.abcdef", algorithm=MD5, qop="auth", stale=true',
    'Proxy-Authenticate: Digest realm="gw.test", nonce="n2", algorithm=SHA-256, qop="auth"',
    'Content-Length: 0',
  ])],
  ['a 200 with Authentication-Info and a reason of several words', CRLF([
    'SIP/2.0 200 Accepted for delivery',
    'v: SIP/2.0/TLS gw.test;branch=z9hG4bK1',
    'f: sip:alice@a.test;tag=1',
    't: sip:bob@b.test',
    'i: compact-1',
    'CSeq: 7 OPTIONS',
    'Authentication-Info: qop=auth, rspauth="6629fae49393a05397450978507c4ef1", cnonce="0a4f113b", nc=00000001',
    'Allow: MESSAGE',
    'Allow: OPTIONS',
    'l: 0',
  ])],
  ['a Lync-style MESSAGE with ms- headers, Supported and a token display name', CRLF([
    'MESSAGE sip:juliet@a.test SIP/2.0',
    'Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK6B2E3D4A.1;branched=FALSE;ms-internal-info="aa"',
    'Max-Forwards: 69',
    'From: Romeo Montague <sip:romeo@gw.test>;tag=2b2c;epid=0c4b8c9a1f',
    'To: <sip:juliet@a.test>',
    'Call-ID: 6f3a2c1e8d',
    'CSeq: 1 MESSAGE',
    'Contact: <sip:fe01.gw.test:5061;transport=tls;ms-opaque=ab;grid>;+sip.instance="<urn:uuid:1>"',
    'k: ms-dialog-route-set-update',
    'Ms-Conversation-ID: AdQ9',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Length: 3',
  ], 'Hi!')],
  ['a CANCEL, an addr-spec Contact and a body longer than Content-Length (over UDP: cut)', CRLF([
    'CANCEL sip:romeo@gw.test SIP/2.0',
    'Via: SIP/2.0/UDP 127.0.0.3:5060;branch=z9hG4bKc',
    'From: sip:juliet@a.test;tag=x',
    'To: sip:romeo@gw.test',
    'Contact: sip:juliet@127.0.0.3',
    'Call-ID: k',
    'CSeq: 1 CANCEL',
    'Content-Length: 2',
  ], 'abcdef')],
  ['keep-alive line ends before a datagram and no Content-Length', `\r\n\r\n${CRLF(['OPTIONS sip:gw.test SIP/2.0', 'Via: SIP/2.0/UDP h;branch=z9hG4bKo', 'From: <sip:a@a.test>;tag=1', 'To: <sip:gw.test>', 'Call-ID: o', 'CSeq: 9 OPTIONS'], 'rest')}`],
]

for (const [name, text] of SAME) {
  test(`parseMessage reads ${name} as the sip package does`, () => {
    assert.deepEqual(parseMessage(text), parse(text))
  })
}

const REQUEST = (lines: readonly string[], body = ''): string =>
  CRLF(['MESSAGE sip:romeo@gw.test SIP/2.0', 'Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'From: <sip:a@a.test>;tag=1', 'To: <sip:romeo@gw.test>', 'Call-ID: 1', 'CSeq: 1 MESSAGE', ...lines], body)

test('the wildcard Contact is "*" (sip.d.ts; RFC 3261 §10.2.2), which the package never returned', () => {
  assert.equal(parseMessage(REQUEST(['Contact: *', 'Expires: 0']))!.headers.contact, '*')
  assert.deepEqual(parse(REQUEST(['Contact: *']))!.headers.contact, [{name: undefined, uri: '*', params: {}}])
})

test('a folded header reads as one line with one space (RFC 3261 §7.3.1)', () => {
  assert.equal(parseMessage(REQUEST(['Subject: I know not', '   how to tell thee']))!.headers.subject, 'I know not how to tell thee')
  assert.deepEqual(parseMessage(REQUEST(['To: <sip:romeo@gw.test>', ' ;tag=7']))!.headers.to, {name: undefined, uri: 'sip:romeo@gw.test', params: {tag: '7'}})
})

test('a Via host is an IPv6 reference, and a received parameter an IPv6 address', () => {
  const via = parseMessage(REQUEST(['Via: SIP/2.0/UDP [2001:db8::1]:5062;received=2001:db8::2;branch=z9hG4bK2']))!.headers.via[1]
  assert.deepEqual(via, {version: '2.0', protocol: 'UDP', host: '[2001:db8::1]', port: 5062, params: {received: '2001:db8::2', branch: 'z9hG4bK2'}})
})

test('repeated lines of a list add to it; a line that does not parse is left out, not the lines before it', () => {
  const headers = parseMessage(REQUEST(['Proxy-Authorization: Digest username="a", realm="r"', `Proxy-Authorization: Digest ${'x'.repeat(100)}`, 'Proxy-Authorization: Digest nonce="n", Basic cm9tZW8']))!.headers
  assert.deepEqual(headers['proxy-authorization'], [{scheme: 'Digest', username: '"a"', realm: '"r"'}])
})

test('what is not a message is undefined', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['no empty line', 'MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n'],
    ['a start line that is neither', CRLF(['HELLO', 'Via: SIP/2.0/UDP h'])],
    ['a lone line feed in the start line', CRLF(['SIP/2.0 200 OK\nX: y', 'Via: SIP/2.0/UDP h'])],
    ['a header line without colon', REQUEST(['Subject'])],
    ['a header name with a blank in it', REQUEST(['Sub ject: x'])],
    ['a body shorter than its Content-Length (RFC 3261 §18.3)', REQUEST(['Content-Length: 10'], 'short')],
    ['only blank lines', '\r\n\r\n\r\n'],
  ]
  for (const [name, text] of cases) assert.equal(parseMessage(text), undefined, name)
})

test('a header value that does not parse leaves that header out, as in the package', () => {
  const text = CRLF(['MESSAGE sip:a@b SIP/2.0', 'Via: SIP/2.0/UDP', 'To: ;x', 'CSeq: MESSAGE', 'Authorization: Digest', 'Authentication-Info: x', 'Call-ID: 1'])
  assert.deepEqual(parseMessage(text)!.headers, {'call-id': '1'})
  assert.deepEqual(parse(text)!.headers, {'call-id': '1'})
})
