import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {type Target, startTarget} from '../helpers/security/target.js'
import {computeHa1, digestResponse} from '../../src/gateway/sip/digest.js'
import {buildRequest, exchange, type Peer, type RawResponse} from '../helpers/sip/raw.js'

/**
 * Issue 12, weaker list: the embedded registrar (RFC 3261 §10.3) took any number of contacts per
 * address of record, kept for up to a day. A user with a password (or whoever has it) could fill the
 * gateway's memory. Now each user has at most 10 contacts (-maxContactsPerUser in the endpoint's
 * options), counted across every spelling of the address the user's credential opens, and each kept
 * text is at most 1,024 bytes; the registrar holds bindings only for users with a SIP credential,
 * which the cmdlets keep to the users of the store (Disable-CsUser removes it).
 */

let target: Target
before(async () => {
  target = await startTarget({setup: 'Set-CsUserSipCredential -Identity sip:romeo@gw.test -Password wherefore'})
})
after(async () => target?.close())

const UA = 40
const ua = (): Peer => ({local: target.address(UA), remote: {address: target.sip.host, port: target.sip.port}, protocol: 'tcp'})
const contact = (n: number, pad = ''): string => `<sip:romeo-${n}${pad}@${target.address(UA)}:5070;transport=tcp>`

/** Session is one UA's registration: a Call-ID, a CSeq and the nonce it counts with (nc rises per request, RFC 2617 §3.2.2). */
interface Session {
  register(contacts: readonly string[], options?: {expires?: number; user?: string}): Promise<RawResponse>
}

async function session(callId: string): Promise<Session> {
  let cseq = 1
  let nc = 0
  const request = (contacts: readonly string[], expires: number, user: string, authorization?: string) =>
    buildRequest({
      method: 'REGISTER',
      uri: 'sip:gw.test',
      from: `sip:${user}@gw.test`,
      to: `sip:${user}@gw.test`,
      via: `${target.address(UA)}:5070`,
      callId,
      cseq: cseq++,
      headers: [...contacts.map((c) => ['Contact', c] as [string, string]), ['Expires', String(expires)], ...(authorization ? [['Authorization', authorization] as [string, string]] : [])],
    }, 'TCP')
  const first = await exchange(ua(), request([], 3600, 'romeo'))
  assert.equal(first.status, 401)
  const challenge = first.header('WWW-Authenticate')[0]!
  const nonce = /nonce="([^"]+)"/.exec(challenge)![1]!
  return {
    register(contacts, {expires = 3600, user = 'romeo'} = {}) {
      return exchange(ua(), request(contacts, expires, user, authorization(user, nonce, ++nc)), 5000)
    },
  }
}

/**
 * authorization answers the challenge as whoever knows romeo's password can: with the HA1 the gateway
 * keeps (of `romeo`, the stored spelling) under any spelling of the username it finds that HA1 with.
 */
function authorization(username: string, nonce: string, count: number): string {
  const nc = count.toString(16).padStart(8, '0')
  const cnonce = `c${count}`
  const response = digestResponse(computeHa1('romeo', 'gw.test', 'wherefore'), 'REGISTER', {nonce, uri: 'sip:gw.test', nc, cnonce, qop: 'auth'})
  return `Digest username="${username}", realm="gw.test", nonce="${nonce}", uri="sip:gw.test", response="${response}", algorithm=MD5, cnonce="${cnonce}", qop=auth, nc=${nc}`
}

/** bound counts the contacts a 200 lists (one Contact header line may list several). */
const bound = (response: RawResponse): number => response.header('Contact').join(',').match(/<sip:/g)?.length ?? 0

const TOO_MANY = 'Forbidden (more than 10 contacts for one user)'
const TOLERANCE = 3 * 1024 * 1024

test('ten contacts bind; the eleventh is refused with 403 and binds nothing; a refresh and a removal still pass', async () => {
  const s = await session('cap-1')
  const ten = Array.from({length: 10}, (_, n) => contact(n))
  const first = await s.register(ten)
  assert.deepEqual([first.status, bound(first)], [200, 10])
  const eleventh = await s.register([contact(10)])
  assert.deepEqual([eleventh.status, eleventh.reason], [403, TOO_MANY])
  const refreshed = await s.register(ten.slice(0, 3))
  assert.deepEqual([refreshed.status, bound(refreshed)], [200, 10])
  const removed = await s.register(ten.slice(0, 5), {expires: 0})
  assert.deepEqual([removed.status, bound(removed)], [200, 5])
  const more = await s.register([contact(10), contact(11)])
  assert.deepEqual([more.status, bound(more)], [200, 7])
  // RFC 3261 §10.3 step 6: the wildcard with Expires: 0 removes them all, and so frees the user's ten.
  const cleared = await s.register(['*'], {expires: 0})
  assert.deepEqual([cleared.status, bound(cleared)], [200, 0])
  assert.deepEqual((await s.register(['*', contact(1)], {expires: 0})).reason, 'Bad Request (wildcard Contact with other contacts)')
})

test("another spelling of the user's address (Romeo, ROMEO) is the same user: it counts against the same ten", async () => {
  const s = await session('cap-2')
  assert.equal((await s.register(Array.from({length: 10}, (_, n) => contact(n)))).status, 200)
  const other = await s.register([contact(20)], {user: 'ROMEO'})
  assert.deepEqual([other.status, other.reason], [403, TOO_MANY])
  assert.equal(bound(await s.register(['*'], {expires: 0})), 0)
})

test('a contact longer than 1,024 bytes is refused (400)', async () => {
  const s = await session('cap-3')
  const long = await s.register([contact(0, 'x'.repeat(1024))])
  assert.deepEqual([long.status, long.reason], [400, 'Bad Request (Contact longer than 1024 bytes)'])
})

test('a flood of REGISTERs with thousands of contacts is refused and leaves the memory as it was', async () => {
  const s = await session('flood')
  const before = await target.memory()
  // 200 requests × 50 contacts of about 1,000 bytes: 10,000 contacts, some 10 MB if they were kept.
  const pad = 'p'.repeat(960)
  const statuses = new Set<string>()
  for (let r = 0; r < 200; r++) {
    const response = await s.register(Array.from({length: 50}, (_, n) => contact(r * 50 + n, pad)))
    statuses.add(`${response.status} ${response.reason}`)
  }
  // Over TCP the stack keeps no server transaction (Timer J is zero on reliable transports, RFC 3261
  // §17.2.2): the heap comes back at once, give or take a collection; wait up to 10 s, then it must be within 3 MB.
  const deadline = Date.now() + 10_000
  let grown = Infinity
  while (grown >= TOLERANCE && Date.now() < deadline) {
    grown = (await target.memory()).heapUsed - before.heapUsed
    if (grown >= TOLERANCE) await new Promise((resolve) => setTimeout(resolve, 2000))
  }
  assert.ok(grown < TOLERANCE, `the heap grew by ${(grown / 1048576).toFixed(1)} MB (tolerance ${TOLERANCE / 1048576} MB)`)
  assert.deepEqual([...statuses], [`403 ${TOO_MANY}`])
  assert.equal(target.alive(), true)
  assert.deepEqual(target.lastResort(), [])
})
