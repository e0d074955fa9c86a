import assert from 'node:assert/strict'
import {test} from 'node:test'
import {createNonceCounts} from '../../../src/gateway/sip/nonce-counts.js'

/** The digest replay guard (RFC 2617 §3.2.2): the nonce-count rises per nonce, and the record stays bounded. */

test('a nonce-count must rise: the same or a lower count is a replay; nonces count apart', () => {
  const counts = createNonceCounts({now: () => 1000, lifetimeMs: 300_000, max: 10})
  const rows: Array<[string, number, string]> = [
    ['a', 1, 'next'],
    ['a', 1, 'replayed'],
    ['a', 2, 'next'],
    ['a', 5, 'next'],
    ['a', 3, 'replayed'],
    ['b', 1, 'next'],
    ['a', 6, 'next'],
  ]
  for (const [nonce, nc, verdict] of rows) assert.equal(counts.count(nonce, 1000, nc), verdict, `${nonce} ${nc}`)
  assert.equal(counts.size, 2)
})

test('records leave with their nonce lifetime', () => {
  let now = 0
  const counts = createNonceCounts({now: () => now, lifetimeMs: 1000, max: 10})
  counts.count('early', 0, 1)
  now = 500
  counts.count('later', 500, 1)
  now = 1001
  counts.count('now', 1001, 1)
  assert.equal(counts.size, 2, 'the nonce issued at 0 is stale at 1001: its record is gone')
  now = 1501
  counts.count('now', 1001, 2)
  assert.equal(counts.size, 1)
})

test('at most max records; the ones forgotten to make room, and any nonce issued no later, count as forgotten, never as unused', () => {
  const counts = createNonceCounts({now: () => 100, lifetimeMs: 300_000, max: 3})
  for (const [nonce, issued] of [['n1', 10], ['n2', 20], ['n3', 30]] as const) assert.equal(counts.count(nonce, issued, 1), 'next')
  assert.equal(counts.count('n4', 40, 1), 'next')
  assert.equal(counts.size, 3)
  assert.equal(counts.count('n1', 10, 1), 'forgotten', 'a replay of the forgotten nonce is not taken for a first use')
  assert.equal(counts.count('n0', 5, 1), 'forgotten', 'nor a nonce issued before it')
  assert.equal(counts.count('n2', 20, 2), 'next', 'a nonce still recorded counts on')
  assert.equal(counts.count('n5', 50, 1), 'next')
  assert.equal(counts.size, 3)
  assert.throws(() => createNonceCounts({now: () => 0, lifetimeMs: 1, max: 0}), /max 0 is not a positive integer/)
})
