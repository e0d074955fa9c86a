import assert from 'node:assert/strict'
import dgram from 'node:dgram'
import net from 'node:net'
import {after, before, describe, test} from 'node:test'
import {buildRequest, exchange} from '../helpers/sip/raw.js'
import {HEADER, connectXmpp} from '../helpers/security/xmpp-client.js'
import {type Memory, type Target, startTarget} from '../helpers/security/target.js'
import {type Rng, below as int, pick, seeded as random} from '../helpers/random.js'

/**
 * Issue 12: a seeded fuzz of the gateway's open ports. Valid exchanges (s2s stream openings, dialback,
 * SASL, stanzas; SIP MESSAGE, REGISTER, OPTIONS) are mutated the way parsers break (flipped and
 * inserted bytes, XML and SIP metacharacters, long runs, cut and doubled ranges, random chunking) and
 * fired at the real gateway process, bounded in count and in time. Afterwards the gateway must be
 * alive, must have logged no escaped exception, must answer a legitimate request, and its memory must
 * be back to its level before. CSXMPP_FUZZ_SEED replays a run; CSXMPP_FUZZ_CASES scales it.
 */

const SEED = Number(process.env.CSXMPP_FUZZ_SEED ?? 20261207)
const CASES = Number(process.env.CSXMPP_FUZZ_CASES ?? 400)
/** Each port's fuzz stops after this long even if cases remain. */
const BUDGET_MS = 20_000
const CONCURRENCY = 8
/** Memory after the fuzz may exceed memory before by this much (allocator slack, JIT code, log buffers). */
const SLACK_BYTES = 32 * 1024 * 1024

/** Byte sequences that parsers of XML, UTF-8 and SIP treat specially. */
const TOKENS = ['<', '>', '&', '"', "'", '/', '=', ':', ';', ',', '\0', '\x01', '\x1f', '\r', '\n', '\r\n\r\n', '\t', ' ', ']]>', '<!--', '-->', '<?', '?>',
  '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;', '&#0;', '&#x1;', '&#xFFFE;', '&amp;', '<![CDATA[', 'xmlns=', 'xmlns:stream=', '</stream:stream>',
  '\xc3', '\xff', '\xed\xa0\x80', '\xef\xbf\xbe', '\xf4\x90\x80\x80', 'Content-Length: 99999', 'Content-Length: -1', 'Via: ', '%00', '%', 'sip:', '@', '\\']

/** mutate applies one to four mutations to a byte string (an empty seed makes random streams). */
function mutate(rng: Rng, input: Buffer): Buffer {
  let bytes = input
  for (let n = 1 + int(rng, 4); n > 0; n--) {
    const at = int(rng, bytes.length + 1)
    switch (int(rng, 8)) {
      case 0: // flip a byte
        if (bytes.length > 0) (bytes = Buffer.from(bytes))[Math.min(at, bytes.length - 1)] = int(rng, 256)
        break
      case 1: // insert a special token
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(pick(rng, TOKENS), 'latin1'), bytes.subarray(at)])
        break
      case 2: // insert a long run (up to 64 KiB) of one token
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(pick(rng, TOKENS).repeat(1 + int(rng, 65_536 / 4)), 'latin1').subarray(0, 65_536), bytes.subarray(at)])
        break
      case 3: // cut a range
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + int(rng, 64))])
        break
      case 4: // double a range
        bytes = Buffer.concat([bytes.subarray(0, at + int(rng, 256)), bytes.subarray(at)])
        break
      case 5: // truncate
        bytes = bytes.subarray(0, at)
        break
      case 6: { // grow one line (a header, an attribute) by up to 64 KiB of one token
        const end = bytes.indexOf('\r\n', at) < 0 ? bytes.indexOf('>', at) : bytes.indexOf('\r\n', at)
        const run = Buffer.from(pick(rng, TOKENS.filter((token) => !token.includes('\n'))).repeat(1 + int(rng, 16_384)), 'latin1').subarray(0, 65_536)
        if (end >= 0) bytes = Buffer.concat([bytes.subarray(0, end), run, bytes.subarray(end)])
        break
      }
      default: // random bytes
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(Array.from({length: int(rng, 512)}, () => int(rng, 256))), bytes.subarray(at)])
    }
  }
  return bytes
}

/** chunks cuts bytes at random places, as TCP segments arrive. */
function chunks(rng: Rng, bytes: Buffer): Buffer[] {
  const parts: Buffer[] = []
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + int(rng, rng() < 0.5 ? 16 : 4096)
    parts.push(bytes.subarray(at, at + size))
    at += size
  }
  return parts
}

const MESSAGE = (from: string, to: string, body: string): string => `<message from='${from}' to='${to}' type='chat' id='m1'><body>${body}</body><thread>t1</thread></message>`

/** XMPP_SEEDS are exchanges a partner (or a prober) starts with. */
const XMPP_SEEDS = [
  HEADER('p1.test', 'gw.test'),
  `${HEADER('p1.test', 'gw.test')}<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`,
  `${HEADER('d1.test', 'gw.test')}<db:result from='d1.test' to='gw.test'>0123456789abcdef</db:result>`,
  `${HEADER('d1.test', 'gw.test')}<db:verify from='d1.test' to='gw.test' id='x'>0123456789abcdef</db:verify>`,
  `${HEADER('d1.test', 'gw.test')}${MESSAGE('a@d1.test/r', 'romeo@gw.test', 'hi &amp; bye')}`,
  `${HEADER('p2.test', 'other.test')}<iq type='get' id='1' from='p2.test' to='other.test'><ping xmlns='urn:xmpp:ping'/></iq>`,
  `${HEADER('p1.test', 'gw.test')}<presence from='a@p1.test' to='romeo@gw.test'/> \n <auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>`,
  `${HEADER('evil.test', 'gw.test')}<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>`,
  '',
].map((text) => Buffer.from(text, 'utf8'))

function sipSeeds(target: Target, transport: 'UDP' | 'TCP'): Buffer[] {
  const via = `${target.sip.proxy}:5060`
  const uri = 'sip:alice@d1.test'
  return [
    buildRequest({method: 'MESSAGE', uri, from: 'sip:romeo@gw.test', to: uri, via, headers: [['Content-Type', 'text/plain;charset=UTF-8'], ['Subject', 'hello']], body: 'hi there'}, transport),
    buildRequest({method: 'MESSAGE', uri, from: 'sip:romeo@gw.test', to: uri, via, headers: [['Content-Type', 'text/plain'], ['Proxy-Authorization', 'Digest username="romeo", realm="gw.test", nonce="abc", uri="sip:alice@d1.test", response="0123456789abcdef0123456789abcdef", qop=auth, nc=00000001, cnonce="x"']], body: 'x'}, transport),
    buildRequest({method: 'REGISTER', uri: 'sip:gw.test', from: 'sip:romeo@gw.test', to: 'sip:romeo@gw.test', via, headers: [['Contact', `<sip:romeo@${target.sip.proxy}:5060;transport=tcp>;expires=60`], ['Expires', '60']]}, transport),
    buildRequest({method: 'OPTIONS', uri: 'sip:gw.test', via}, transport),
    '',
    Buffer.from(`SIP/2.0 200 OK\r\nVia: SIP/2.0/${transport} ${via};branch=z9hG4bKfuzz\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n`, 'utf8').toString(),
  ].map((text) => Buffer.from(text, 'utf8'))
}

/** fire sends one case over TCP (or TLS bytes to the direct TLS port) and lets the gateway answer briefly. */
function fire(host: string, port: number, parts: readonly Buffer[], local?: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({host, port, ...(local ? {localAddress: local} : {})})
    const done = (): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve()
    }
    const timer = setTimeout(done, 300)
    socket.on('error', done)
    socket.on('close', done)
    socket.on('data', () => {})
    socket.on('connect', () => {
      for (const part of parts) socket.write(part)
    })
  })
}

/** Longest the gateway may take to answer a stream header while it is being fuzzed: a parser that
 * costs quadratic time (or any other freeze) shows up here. Generous, since CI runs two test files at once. */
const FREEZE_MS = 5000

/**
 * responsiveness probes the s2s port every 250 ms while the fuzz runs and returns the slowest answer
 * to a stream header, in ms: an attacker must not be able to freeze the gateway for everyone else.
 */
function responsiveness(target: Target): {stop(): Promise<number>} {
  let slowest = 0
  let running = true
  const loop = (async () => {
    while (running) {
      const started = performance.now()
      const client = await connectXmpp(target.host, target.port).catch(() => undefined)
      await client?.write(HEADER('p1.test', 'gw.test'))
      await client?.waitFor('<stream:features', 30_000).catch(() => {})
      client?.destroy()
      slowest = Math.max(slowest, performance.now() - started)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      return Math.round(slowest)
    },
  }
}

/** run runs cases with bounded concurrency until they are done or the budget is spent; returns how many ran. */
async function run(count: number, one: (index: number) => Promise<void>): Promise<number> {
  const deadline = Date.now() + BUDGET_MS
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count && Date.now() < deadline) await one(next++)
  }
  await Promise.all(Array.from({length: CONCURRENCY}, worker))
  return next
}

/** healthy asserts the gateway survived: alive, no escaped exception, still answering both sides. */
async function assertHealthy(target: Target, before: Memory): Promise<void> {
  assert.equal(target.alive(), true, 'the gateway process died')
  assert.deepEqual(target.lastResort(), [])
  const client = await connectXmpp(target.host, target.port)
  await client.write(HEADER('p1.test', 'gw.test'))
  await client.waitFor('<starttls', 5000)
  client.destroy()
  await new Promise((resolve) => setTimeout(resolve, 500))
  const after = await target.memory()
  assert.ok(after.heapUsed < before.heapUsed + SLACK_BYTES, `heap ${after.heapUsed} after the fuzz, ${before.heapUsed} before`)
  assert.ok(after.rss < before.rss + 2 * SLACK_BYTES, `RSS ${after.rss} after the fuzz, ${before.rss} before`)
}

describe('fuzzing the s2s port and the SIP port over TCP', () => {
  let target: Target
  before(async () => {
    target = await startTarget()
  })
  after(async () => target?.close())

  test(`mutated streams (seed ${SEED})`, async (t) => {
    const rng = random(SEED)
    const warm = await exchange({local: target.sip.proxy, remote: {address: target.sip.host, port: target.sip.port}, protocol: 'tcp'}, buildRequest({method: 'OPTIONS', uri: 'sip:gw.test', via: `${target.sip.proxy}:5060`}, 'TCP'))
    assert.equal(warm.status, 200)
    const memoryBefore = await target.memory()
    const probe = responsiveness(target)
    const xmpp = await run(CASES, () => fire(target.host, rng() < 0.9 ? target.port : target.directTlsPort, chunks(rng, mutate(rng, pick(rng, XMPP_SEEDS)))))
    const sipSeedsTcp = sipSeeds(target, 'TCP')
    const sip = await run(CASES, () => fire(target.sip.host, target.sip.port, chunks(rng, mutate(rng, pick(rng, sipSeedsTcp))), rng() < 0.5 ? target.sip.proxy : undefined))
    const slowest = await probe.stop()
    t.diagnostic(`s2s cases ${xmpp}, SIP TCP cases ${sip}, slowest header answer ${slowest} ms`)
    assert.ok(slowest < FREEZE_MS, `the gateway took ${slowest} ms to answer a stream header during the fuzz`)
    await assertHealthy(target, memoryBefore)
    const options = await exchange({local: target.sip.proxy, remote: {address: target.sip.host, port: target.sip.port}, protocol: 'tcp'}, buildRequest({method: 'OPTIONS', uri: 'sip:gw.test', via: `${target.sip.proxy}:5060`}, 'TCP'))
    assert.equal(options.status, 200)
  })
})

describe('fuzzing the SIP port over UDP', () => {
  let target: Target
  before(async () => {
    target = await startTarget({sipTransport: 'Udp'})
  })
  after(async () => target?.close())

  test(`mutated datagrams (seed ${SEED + 1})`, async (t) => {
    const rng = random(SEED + 1)
    const socket = dgram.createSocket('udp4')
    await new Promise<void>((resolve) => socket.bind(0, target.sip.proxy, resolve))
    socket.on('message', () => {})
    try {
      const memoryBefore = await target.memory()
      const probe = responsiveness(target)
      const seeds = sipSeeds(target, 'UDP')
      const sent = await run(CASES * 2, async () => {
        const datagram = mutate(rng, pick(rng, seeds)).subarray(0, 65_507)
        await new Promise<void>((resolve) => socket.send(datagram, target.sip.port, target.sip.host, () => resolve()))
        if (rng() < 0.1) await new Promise((resolve) => setTimeout(resolve, 5))
      })
      const slowest = await probe.stop()
      t.diagnostic(`SIP UDP datagrams ${sent}, slowest header answer ${slowest} ms`)
      assert.ok(slowest < FREEZE_MS, `the gateway took ${slowest} ms to answer a stream header during the fuzz`)
      await assertHealthy(target, memoryBefore)
      const options = await exchange({local: target.sip.proxy, remote: {address: target.sip.host, port: target.sip.port}, protocol: 'udp'}, buildRequest({method: 'OPTIONS', uri: 'sip:gw.test', via: `${target.sip.proxy}:5060`}, 'UDP'))
      assert.equal(options.status, 200)
    } finally {
      socket.close()
    }
  })
})
