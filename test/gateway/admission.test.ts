import assert from 'node:assert/strict'
import {test} from 'node:test'
import {addressKey} from '../../src/gateway/net/address-key.js'
import {Arrivals} from '../../src/gateway/xmpp/admission.js'

/** The table of unauthenticated connections: per-address counts, and expiry oldest first. */

const KEYS: ReadonlyArray<[string, string]> = [
  ['192.0.2.7', '192.0.2.7'],
  ['::ffff:192.0.2.7', '192.0.2.7'],
  ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
  ['2001:0db8:0001:0002::9', '2001:db8:1:2::/64'],
  ['2001:db8::1', '2001:db8:0:0::/64'],
  ['::1', '0:0:0:0::/64'],
]

for (const [address, key] of KEYS) {
  test(`addressKey(${address}) is ${key}`, () => assert.equal(addressKey(address), key))
}

test('arrivals are counted per address until they leave, once', () => {
  const arrivals = new Arrivals()
  const first = arrivals.arrive('a', () => {})
  arrivals.arrive('a', () => {})
  arrivals.arrive('b', () => {})
  assert.deepEqual([arrivals.count('a'), arrivals.count('b')], [2, 1])
  arrivals.leave(first)
  arrivals.leave(first)
  assert.deepEqual([arrivals.count('a'), arrivals.count('b')], [1, 1])
})

test('expireOldest expires the oldest old enough, no more than asked, and counts them as closing until they leave', () => {
  const arrivals = new Arrivals()
  const expired: string[] = []
  const made = [0, 1000, 2000, 9000].map((started, i) => arrivals.arrive(i < 2 ? 'a' : 'b', (text) => expired.push(`${i}: ${text}`), started))
  arrivals.expireOldest(3, 5000, 'too old')
  assert.deepEqual(expired, ['0: too old', '1: too old', '2: too old'])
  assert.deepEqual([arrivals.count('a'), arrivals.count('b'), arrivals.closing], [0, 1, 3])
  for (const arrival of made) arrivals.leave(arrival)
  assert.deepEqual([arrivals.count('b'), arrivals.closing], [0, 0])
})
