import assert from 'node:assert/strict'
import {test} from 'node:test'
import {dialbackKey, keysMatch} from '../../src/gateway/xmpp/dialback-key.js'

/** Dialback keys (XEP-0185). */

test('the worked example of XEP-0185 §3', () => {
  assert.equal(dialbackKey('s3cr3tf0rd14lb4ck', 'xmpp.example.com', 'example.org', 'D60000229F'), '37c69b1cf07a3f67c04a5ef5902fa5114f2c76fe4a2686482ba5b89323075643')
})

test('the key depends on every input', () => {
  const base = dialbackKey('secret', 'a.example', 'b.example', 'id1')
  for (const other of [dialbackKey('secret2', 'a.example', 'b.example', 'id1'), dialbackKey('secret', 'c.example', 'b.example', 'id1'), dialbackKey('secret', 'a.example', 'c.example', 'id1'), dialbackKey('secret', 'a.example', 'b.example', 'id2')]) {
    assert.notEqual(other, base)
  }
})

test('keys compare in constant time, ignoring surrounding whitespace and case; wrong or short keys fail', () => {
  const key = dialbackKey('secret', 'a.example', 'b.example', 'id1')
  assert.equal(keysMatch(`\n  ${key.toUpperCase()}\n`, key), true)
  assert.equal(keysMatch(key.slice(1), key), false)
  const wrong = `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`
  assert.equal(keysMatch(wrong, key), false)
})
