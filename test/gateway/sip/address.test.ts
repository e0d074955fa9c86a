import assert from 'node:assert/strict'
import {test} from 'node:test'
import {aorOf, escapeLocalpart, jidToSip, parseSipUri, percentDecode, sipToJid, unescapeLocalpart} from '../../../src/gateway/sip/address.js'

/** RFC 7247 §5 address mapping; the first rows of each table are the RFC's own examples (§5.3, §5.4). */

test('SIP URI → JID (RFC 7247 §5.3)', () => {
  const rows: Array<[string, string | undefined]> = [
    ['sip:f%C3%BC@sip.example', 'fü@sip.example'],
    ["sip:o'malley@sip.example", 'o\\27malley@sip.example'],
    ['sip:foo@sip.example;gr=bar', 'foo@sip.example/bar'],
    ['sip:m&m@xmpp.example', 'm\\26m@xmpp.example'],
    ['sip:a/b@xmpp.example', 'a\\2fb@xmpp.example'],
    // Percent-decoded characters XMPP forbids are escaped too (XEP-0106), not only the three RFC 7247 names.
    ['sip:john%20smith@xmpp.example', 'john\\20smith@xmpp.example'],
    ['sip:a%40b@xmpp.example', 'a\\40b@xmpp.example'],
    ['sip:a%5Cb@xmpp.example', 'a\\b@xmpp.example'],
    ['sip:a%5C27b@xmpp.example', 'a\\5c27b@xmpp.example'],
    ['sip:foo@sip.example;gr=%C3%A9t%C3%A9', 'foo@sip.example/été'],
    ['sips:Romeo@SIP.Example:5061;transport=tls', 'Romeo@sip.example'],
    ['im:juliet@xmpp.example', 'juliet@xmpp.example'],
    ['pres:juliet@xmpp.example', 'juliet@xmpp.example'],
    ['sip:xmpp.example', 'xmpp.example'],
    ['sip:f%C3@sip.example', undefined],
    ['sip:%zz@sip.example', undefined],
    ['sip:foo@sip.example;gr=%FF', undefined],
    ['http://sip.example/', undefined],
    ['sip:@sip.example', undefined],
  ]
  for (const [uri, jid] of rows) assert.equal(sipToJid(uri), jid, uri)
})

test('JID → SIP URI (RFC 7247 §5.4)', () => {
  const rows: Array<[string, string | undefined]> = [
    ['m\\26m@xmpp.example', 'sip:m&m@xmpp.example'],
    ['tschüss@xmpp.example', 'sip:tsch%C3%BCss@xmpp.example'],
    ['baz@xmpp.example/qux', 'sip:baz@xmpp.example;gr=qux'],
    ['o\\27malley@xmpp.example', "sip:o'malley@xmpp.example"],
    ['a\\2fb@xmpp.example', 'sip:a/b@xmpp.example'],
    ['a#b@xmpp.example', 'sip:a%23b@xmpp.example'],
    ['x[1]^`{|}%@xmpp.example', 'sip:x%5B1%5D%5E%60%7B%7C%7D%25@xmpp.example'],
    ['juliet@xmpp.example/balcony phone', 'sip:juliet@xmpp.example;gr=balcony%20phone'],
    ['juliet@xmpp.example/été', 'sip:juliet@xmpp.example;gr=%C3%A9t%C3%A9'],
    ['juliet@XMPP.example', 'sip:juliet@xmpp.example'],
    ['xmpp.example', 'sip:xmpp.example'],
    ['@xmpp.example', undefined],
    ['juliet@', undefined],
  ]
  for (const [jid, uri] of rows) assert.equal(jidToSip(jid), uri, jid)
  assert.equal(jidToSip('juliet@xmpp.example', 'sips'), 'sips:juliet@xmpp.example')
})

test('JID → SIP → JID is the identity for valid JIDs', () => {
  for (const jid of ['juliet@xmpp.example', 'fü@xmpp.example', 'at\\26t\\20guy@xmpp.example', 'c\\3a\\5c5commas@xmpp.example', 'a#b[c]@xmpp.example/été at home', 'xmpp.example']) {
    assert.equal(sipToJid(jidToSip(jid)!), jid, jid)
  }
})

test('XEP-0106 §5 examples escape and unescape', () => {
  const rows: Array<[string, string]> = [
    ['space cadet', 'space\\20cadet'],
    ['call me "ishmael"', 'call\\20me\\20\\22ishmael\\22'],
    ['at&t guy', 'at\\26t\\20guy'],
    ["d'artagnan", 'd\\27artagnan'],
    ['/.fanboy', '\\2f.fanboy'],
    ['::foo::', '\\3a\\3afoo\\3a\\3a'],
    ['<foo>', '\\3cfoo\\3e'],
    ['user@host', 'user\\40host'],
    ['c:\\net', 'c\\3a\\net'],
    ['c:\\\\net', 'c\\3a\\\\net'],
    ['c:\\cool stuff', 'c\\3a\\cool\\20stuff'],
    ['c:\\5commas', 'c\\3a\\5c5commas'],
  ]
  for (const [raw, escaped] of rows) {
    assert.equal(escapeLocalpart(raw), escaped, raw)
    assert.equal(unescapeLocalpart(escaped), raw, escaped)
  }
})

test('parseSipUri, aorOf and percentDecode', () => {
  assert.deepEqual(parseSipUri('sip:romeo@SIP.example:5070;transport=TCP;gr=phone'), {scheme: 'sip', user: 'romeo', domain: 'sip.example', port: 5070, gr: 'phone'})
  assert.equal(aorOf(parseSipUri('sips:o%27malley@sip.example;gr=x')!), "sips:o'malley@sip.example")
  assert.equal(aorOf(parseSipUri('sip:a%20b@sip.example')!), 'sip:a%20b@sip.example')
  assert.equal(percentDecode('%E2%82%ACuro'), '€uro')
  assert.equal(percentDecode('%E2%82'), undefined)
  assert.equal(percentDecode('50%'), undefined)
})

test('domains: lower case, internationalized ones as A-labels (a SIP hostname is ASCII, RFC 3261 §25.1)', () => {
  assert.equal(jidToSip('juliet@bücher.example/été'), 'sip:juliet@xn--bcher-kva.example;gr=%C3%A9t%C3%A9')
  assert.equal(sipToJid('sip:juliet@XN--BCHER-KVA.example'), 'juliet@xn--bcher-kva.example')
  assert.equal(sipToJid('sip:juliet@bücher.example'), 'juliet@xn--bcher-kva.example')
  assert.equal(jidToSip('juliet@exa mple'), undefined)
})
