import assert from 'node:assert/strict'
import {test} from 'node:test'
import {sameSipUri} from '../../../src/gateway/sip/uri-equality.js'

/** SIP URI equality, RFC 3261 §19.1.4; the first rows are the RFC's own examples of equal and unequal URIs. */

test('equal URIs (RFC 3261 §19.1.4, and a left-out default port)', () => {
  const rows: Array<[string, string]> = [
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5'],
    ['sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;newparam=5'],
    ['sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com', 'sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com'],
    ['sip:alice@atlanta.com?subject=project%20x&priority=urgent', 'sip:alice@atlanta.com?priority=urgent&subject=project%20x'],
    ['SIP:someone@d1.test', 'sip:someone@d1.test'],
    ['sip:someone@d1.test:5060', 'sip:someone@d1.test'],
    ['sips:someone@d1.test', 'sips:someone@d1.test:5061'],
    ['sip:someone@d1.test;transport=tcp', 'sip:someone@d1.test'],
    ['sip:someone@d1.test;gr=Balcony', 'sip:someone@d1.test;gr=balcony'],
  ]
  for (const [a, b] of rows) {
    assert.equal(sameSipUri(a, b), true, `${a} = ${b}`)
    assert.equal(sameSipUri(b, a), true, `${b} = ${a}`)
  }
})

test('unequal URIs', () => {
  const rows: Array<[string, string]> = [
    ['SIP:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:6000;transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com?Subject=next%20meeting'],
    ['sip:bob@phone21.boxesbybob.com', 'sip:bob@192.0.2.4'],
    ['sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;security=off'],
    ['sip:someone@d1.test', 'sip:tybalt@d1.test'],
    ['sip:someone@d1.test', 'sips:someone@d1.test'],
    ['sip:someone@d1.test', 'sip:someone@d1.test:5070'],
    ['sip:someone@d1.test', 'sip:someone@d1.test;gr=balcony'],
    ['sip:someone@d1.test', 'sip:someone@d1.test;maddr=192.0.2.1'],
    ['sip:someone@d1.test', 'sip:someone@d1.test;user=phone'],
    ['sip:127.0.0.1:5060', 'sip:someone@d1.test'],
    ['not a uri', 'sip:someone@d1.test'],
    ['', 'sip:someone@d1.test'],
  ]
  for (const [a, b] of rows) {
    assert.equal(sameSipUri(a, b), false, `${a} ≠ ${b}`)
    assert.equal(sameSipUri(b, a), false, `${b} ≠ ${a}`)
  }
})
