import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {MiB, answered, assertMemoryBack, assertServing, flood, refusal} from '../helpers/security/flood.js'
import {type Target, startTarget} from '../helpers/security/target.js'
import {HEADER, connectXmpp} from '../helpers/security/xmpp-client.js'

/**
 * Issue 12, case 3 (item 3): refused stream headers must not stay in memory. The domain cache kept
 * every header attribute it was asked about, of any size, before any check: twenty refused headers
 * with a 20 MB `from` left the process 669 MB larger. Two defenses, each tested on its own: a header
 * cannot be that large any more (case 1's limit), and nothing an unauthenticated peer sends is
 * cached, which the second test shows with values well under the header limit.
 */

let target: Target
before(async () => {
  target = await startTarget()
  await assertServing(target)
})
after(async () => target?.close())

test('twenty headers with a 20 MB from are refused at the header limit and leave nothing behind', async (t) => {
  const before = await target.memory()
  const answers: string[] = []
  for (let i = 0; i < 20; i++) {
    const client = await connectXmpp(target.host, target.port)
    await client.write(`<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' to='gw.test' from='${i}`)
    const result = await flood(client, 'a', 20 * MiB)
    // The unfixed gateway took the whole 20 MB `from`, refused it, and cached it.
    if (!result.refused) await client.write("'>")
    answers.push(await answered(client))
  }
  // The unfixed gateway kept the twenty 20 MB attributes: heapUsed +480 MiB.
  t.diagnostic(assertMemoryBack(before, await target.memory()))
  for (const answer of answers) assert.match(answer, refusal('policy-violation', 'no complete stream header within 8192 bytes'))
  assert.deepEqual(target.lastResort(), [])
  await assertServing(target)
})

/**
 * Headers under the limit: 1,000 connections, each with its own 1,000-byte `from` that is no domain,
 * each header sent in one 64 KiB segment (whitespace after it). The parser's attribute values are
 * slices of the text of what one read returned, and V8 keeps a slice's whole parent alive: a cache
 * holding these values holds those texts (the unfixed gateway grew by 66 MiB). Nothing may remain.
 */
test('1,000 refused headers with distinct 1,000-byte domains leave nothing behind', async (t) => {
  const before = await target.memory()
  const CONNECTIONS = 1000
  const PARALLEL = 40
  let refused = 0
  const other: string[] = []
  const one = async (i: number): Promise<void> => {
    const from = `${String(i).padStart(6, '0')}${'x'.repeat(994)}`
    const header = HEADER(from, 'gw.test')
    // From forty addresses of the test's block: the gateway takes at most 16 unauthenticated connections per address.
    const client = await connectXmpp(target.host, target.port, undefined, {localAddress: target.address(100 + (i % PARALLEL))})
    await client.write(header + ' '.repeat(64 * 1024 - header.length))
    const answer = await answered(client, 0, 15_000)
    if (refusal('invalid-from', 'the stream header names no valid from domain').test(answer)) refused++
    else other.push(answer.slice(-300))
  }
  for (let next = 0; next < CONNECTIONS; next += PARALLEL) {
    await Promise.all(Array.from({length: Math.min(PARALLEL, CONNECTIONS - next)}, (_, k) => one(next + k)))
  }
  assert.equal(refused, CONNECTIONS, `every header was refused with <invalid-from/>; ${other.length} were answered otherwise, first: ${other[0]}`)
  // The unfixed gateway kept the texts its cached keys were slices of (and each closing stream for
  // 2 s): heapUsed +66 MiB.
  t.diagnostic(assertMemoryBack(before, await target.memory()))
  assert.deepEqual(target.lastResort(), [])
  await assertServing(target)
})
