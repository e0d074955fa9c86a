import assert from 'node:assert/strict'
import {test} from 'node:test'
import {Memo, remembering} from '../../src/gateway/memo.js'
import {canonicalDomain, domainOfJid} from '../../src/gateway/xmpp/domain.js'

/** Memos hold bounded bytes, not only bounded entries, and the domain memo holds nothing a peer sent before authentication (issue 12, case 3). */

function counting(): {compute: (text: string) => number; calls: () => number} {
  let calls = 0
  return {compute: (text) => (calls++, text.length), calls: () => calls}
}

test('a memo computes a string once', () => {
  const {compute, calls} = counting()
  const memo = new Memo(compute)
  assert.equal(memo.get('jabber.org'), 10)
  assert.equal(memo.get('jabber.org'), 10)
  assert.equal(calls(), 1)
})

test('a key longer than longestKey is computed every time, never held', () => {
  const {compute, calls} = counting()
  const memo = new Memo(compute, {longestKey: 1023})
  const long = 'a'.repeat(1024)
  memo.get(long)
  memo.get(long)
  assert.equal(calls(), 2)
  assert.equal(memo.size, 0)
})

test('the characters of all keys together stay within the budget', () => {
  const {compute} = counting()
  const memo = new Memo(compute, {characters: 10_000, entries: 1_000_000})
  for (let i = 0; i < 1000; i++) memo.get(`${i}`.padStart(1000, 'x'))
  // Emptied whenever one more key would pass 10,000 characters: at most 10 keys of 1,000.
  assert.ok(memo.size <= 10, `${memo.size} entries`)
})

test('entries stay within their count', () => {
  const memo = new Memo((text) => text, {entries: 100})
  for (let i = 0; i < 1000; i++) memo.get(`d${i}.example`)
  assert.ok(memo.size <= 100)
})

test('peek uses what get remembered and remembers nothing itself', () => {
  const {compute, calls} = counting()
  const memo = new Memo(compute)
  memo.peek('unauthenticated.example')
  memo.peek('unauthenticated.example')
  assert.equal(calls(), 2)
  assert.equal(memo.size, 0)
  memo.get('partner.example')
  assert.equal(memo.peek('partner.example'), 15)
  assert.equal(calls(), 3)
})

test('remembering bounds its memo in the same way', () => {
  const {compute, calls} = counting()
  const mapped = remembering(compute, {longestKey: 8})
  mapped('short')
  mapped('short')
  mapped('much too long')
  mapped('much too long')
  assert.equal(calls(), 3)
})

test('a domain longer than RFC 7622 allows (1023 bytes) is no domain, however it is written', () => {
  assert.equal(canonicalDomain(`${'a.'.repeat(511)}ab`), undefined)
  assert.equal(canonicalDomain(`${'\u00e9.'.repeat(300)}example`), undefined)
  assert.equal(domainOfJid(`user@${'a'.repeat(20_000_000)}`), undefined)
})

test('canonicalDomain still maps what domainOfJid remembered, and what it did not', () => {
  assert.equal(domainOfJid('ken@B\u00fccher.Example'), 'b\u00fccher.example')
  assert.equal(canonicalDomain('B\u00fccher.Example'), 'b\u00fccher.example')
  assert.equal(canonicalDomain('xn--bcher-kva.example'), 'b\u00fccher.example')
})
