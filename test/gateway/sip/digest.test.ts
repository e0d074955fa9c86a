import assert from 'node:assert/strict'
import {test} from 'node:test'
import {computeHa1, createNonce, digestChallenge, digestResponse, nonceState, parseDigestCredentials, verifyDigest, type DigestCredentials} from '../../../src/gateway/sip/digest.js'

/** MD5 digest with qop=auth (RFC 2617 §3, as SIP uses it: RFC 3261 §22.4), checked against RFC 2617 §3.5's worked example. */

// RFC 2617 §3.5: Mufasa / "Circle Of Life" at testrealm@host.com.
const RFC2617: DigestCredentials = {
  username: 'Mufasa',
  realm: 'testrealm@host.com',
  nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
  uri: '/dir/index.html',
  qop: 'auth',
  nc: '00000001',
  cnonce: '0a4f113b',
  response: '6629fae49393a05397450978507c4ef1',
  opaque: '5ccc069c403ebaf9f0171e9517f40e41',
}
const HA1 = computeHa1('Mufasa', 'testrealm@host.com', 'Circle Of Life')

test("RFC 2617 §3.5's worked example", () => {
  assert.equal(digestResponse(HA1, 'GET', RFC2617), RFC2617.response)
  assert.equal(verifyDigest(RFC2617, {method: 'GET', ha1: HA1}), true)
  assert.equal(verifyDigest({...RFC2617, response: RFC2617.response.toUpperCase()}, {method: 'GET', ha1: HA1}), true, 'hex compares without case')
})

test('verifyDigest refuses what the challenge did not offer, and any changed field', () => {
  const request = {method: 'GET', ha1: HA1}
  const refused: Array<[string, DigestCredentials]> = [
    ['another method', RFC2617],
    ['MD5-sess', {...RFC2617, algorithm: 'MD5-sess'}],
    ['no qop (RFC 2069 form)', {...RFC2617, qop: undefined}],
    ['qop auth-int', {...RFC2617, qop: 'auth-int'}],
    ['no cnonce', {...RFC2617, cnonce: undefined}],
    ['nc not 8 hex digits', {...RFC2617, nc: '1'}],
    ['another uri', {...RFC2617, uri: '/dir/other.html'}],
    ['another nonce', {...RFC2617, nonce: 'x'}],
    ['a short response', {...RFC2617, response: '6629fae4'}],
  ]
  for (const [name, credentials] of refused) {
    assert.equal(verifyDigest(credentials, name === 'another method' ? {...request, method: 'POST'} : request), false, name)
  }
  assert.equal(verifyDigest({...RFC2617, algorithm: 'md5'}, request), true)
})

test('parseDigestCredentials: quoted and bare values, names without case, escapes; undefined when not Digest or incomplete', () => {
  const header = 'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"'
  assert.deepEqual(parseDigestCredentials(header), RFC2617)
  assert.deepEqual(parseDigestCredentials('digest USERNAME="a\\"b",realm="r",nonce="n",uri="u",response="x"'), {username: 'a"b', realm: 'r', nonce: 'n', uri: 'u', response: 'x'})
  assert.equal(parseDigestCredentials('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='), undefined)
  assert.equal(parseDigestCredentials('Digest username="a", realm="r", nonce="n", uri="u"'), undefined)
})

test('digestChallenge (RFC 2617 §3.2.1)', () => {
  assert.equal(digestChallenge('sip.example', 'abc'), 'Digest realm="sip.example", nonce="abc", algorithm=MD5, qop="auth"')
  assert.equal(digestChallenge('a"b', 'abc', true), 'Digest realm="a\\"b", nonce="abc", algorithm=MD5, qop="auth", stale=true')
})

test('nonces: fresh within their lifetime, stale after it, forged when not ours', () => {
  const secret = Buffer.alloc(32, 7)
  const nonce = createNonce(secret, 1_000_000)
  assert.equal(nonceState(secret, nonce, 1_000_000 + 299_999, 300_000), 'fresh')
  assert.equal(nonceState(secret, nonce, 1_000_000 + 300_001, 300_000), 'stale')
  assert.equal(nonceState(Buffer.alloc(32, 8), nonce, 1_000_000, 300_000), 'forged')
  assert.equal(nonceState(secret, nonce.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), 1_000_000, 300_000), 'forged')
  assert.equal(nonceState(secret, 'garbage', 1_000_000, 300_000), 'forged')
})
