import assert from 'node:assert/strict'
import net from 'node:net'
import {after, before, describe, test} from 'node:test'
import {HEADER, connectXmpp, type RawXmppClient} from '../helpers/security/xmpp-client.js'
import {type StrictPartner, startStrictPartner} from '../helpers/security/strict-partner.js'
import {type Target, startTarget} from '../helpers/security/target.js'
import {waitFor} from '../helpers/sip/peers.js'
import {buildRequest, exchange, type Peer, type RequestParts} from '../helpers/sip/raw.js'

/**
 * Issue 12, items 5 and the SIP half of 4: everything the gateway writes toward XMPP is legal XML 1.0
 * text (https://www.w3.org/TR/xml/#charsets) and every JID it writes keeps RFC 7622's limits. A SIP
 * MESSAGE whose text XML cannot hold, or whose addresses make no valid JID, is refused at the SIP
 * edge with a status and a reason phrase that say what and where; nothing reaches the partner, and
 * the partner's stream (a strict XML parser, as real servers have) stays up for the next message.
 */

let target: Target
let partner: StrictPartner
let sip: Peer
before(async () => {
  target = await startTarget()
  partner = await startStrictPartner(target.address(23), 5269, 'd1.test')
  sip = {local: target.sip.proxy, remote: {address: target.sip.host, port: target.sip.port}, protocol: 'tcp'}
})
after(async () => {
  await partner?.close()
  await target?.close()
})

/** message is a MESSAGE from romeo@gw.test to someone@d1.test, as the trusted proxy relays it. */
const message = (parts: Partial<RequestParts> = {}): string =>
  buildRequest({method: 'MESSAGE', uri: 'sip:someone@d1.test', from: 'sip:romeo@gw.test', to: 'sip:someone@d1.test', via: `${target.sip.proxy}:5060`, headers: [['Content-Type', 'text/plain;charset=UTF-8']], body: 'hello', ...parts}, 'TCP')

/** withBytes writes a request and puts raw bytes where the text has the marker `@@` (two bytes, so Content-Length still holds). */
const withBytes = (request: string, bytes: readonly [number, number]): Buffer => {
  const text = Buffer.from(request, 'utf8')
  const at = text.indexOf('@@')
  assert.ok(at >= 0, 'the request has no @@ marker')
  return Buffer.concat([text.subarray(0, at), Buffer.from(bytes), text.subarray(at + 2)])
}

/** messagesSince lists the messages the partner parsed after mark (its dialback elements left out). */
const messagesSince = (mark: number): string[] => partner.stanzas.slice(mark).filter((s) => s.startsWith('<message>'))

let serial = 0
/** deliversNext sends a clean message and waits until the partner parsed it: the stream survived, and nothing before it arrived since mark. */
async function deliversNext(mark: number): Promise<void> {
  const body = `clean message ${++serial}`
  const response = await exchange(sip, message({body}))
  assert.deepEqual([response.status, response.reason], [200, 'OK'])
  await waitFor(() => partner.stanzas.some((s) => s.includes(body)), 5000, 'the clean message at the partner')
  assert.deepEqual(messagesSince(mark), [`<message>${body}`])
  assert.deepEqual(partner.errors, [])
}

test('a clean message reaches the strict partner (the stream the rows below must keep)', async () => {
  await deliversNext(partner.stanzas.length)
})

type Row = readonly [name: string, request: () => string | Buffer, status: number, reason: string]

/** refusals tests each row: the exact SIP refusal, nothing forwarded, and the next clean message delivered. */
function refusals(rows: readonly Row[]): void {
  for (const [name, request, status, reason] of rows) {
    test(`${name}: ${status} ${reason}`, async () => {
      const mark = partner.stanzas.length
      const response = await exchange(sip, request())
      assert.deepEqual([response.status, response.reason], [status, reason])
      await deliversNext(mark)
    })
  }
}

describe('characters XML 1.0 forbids are refused at the SIP edge, per field', () => {
  // A SIP header is TEXT-UTF8 without controls (RFC 3261 §25.1), a Call-ID a word, a
  // Content-Language a language-tag: a control character is a syntax error, 400 with the field
  // named (§21.4.1). A noncharacter is legal SIP text that XMPP cannot carry, and a body is not
  // SIP syntax at all: 488, the request may succeed elsewhere (§21.4.26). An address that makes no
  // valid JID is <jid-malformed/>, 400 (RFC 7247 §6.1 table 2; RFC 7622 §3.3.1, §3.4.1 disallow
  // controls and noncharacters in localparts and resourceparts).
  const rows: Row[] = [
    ['a control character in the body', () => message({body: 'hello\u0001world'}), 488, 'Not Acceptable Here (control character U+0001 in body)'],
    ['U+FFFE in the body', () => message({body: 'hello\uFFFEworld'}), 488, 'Not Acceptable Here (noncharacter U+FFFE in body)'],
    ['U+FFFF in the body', () => message({body: '\uFFFF'}), 488, 'Not Acceptable Here (noncharacter U+FFFF in body)'],
    ['invalid UTF-8 in the body', () => withBytes(message({body: 'x@@y'}), [0xc3, 0x28]), 400, 'Bad Request (body is not UTF-8)'],
    ['a control character in Subject', () => message({headers: [['Content-Type', 'text/plain'], ['Subject', 'ring\u0007ring']]}), 400, 'Bad Request (control character U+0007 in Subject)'],
    ['U+FFFF in Subject', () => message({headers: [['Content-Type', 'text/plain'], ['Subject', 'odd \uFFFF']]}), 488, 'Not Acceptable Here (noncharacter U+FFFF in Subject)'],
    ['invalid UTF-8 in Subject', () => withBytes(message({headers: [['Content-Type', 'text/plain'], ['Subject', 'a@@b']]}), [0xff, 0xfe]), 400, 'Bad Request (Subject is not UTF-8)'],
    ['a control character in Call-ID (the id)', () => message({callId: 'abc\u001bdef'}), 400, 'Bad Request (control character U+001B in Call-ID)'],
    ['a NUL in Content-Language (xml:lang)', () => message({headers: [['Content-Type', 'text/plain'], ['Content-Language', 'en\u0000']]}), 400, 'Bad Request (control character U+0000 in Content-Language)'],
    ['a control character in From gr (the sender resource)', () => message({from: 'sip:romeo@gw.test;gr=bal%01cony'}), 400, 'Bad Request (control character U+0001 in From gr)'],
    ['a control character in the Request-URI gr (the recipient resource)', () => message({uri: 'sip:someone@d1.test;gr=x%1Fy'}), 400, 'Bad Request (control character U+001F in Request-URI gr)'],
    ['a control character in To gr', () => message({to: 'sip:someone@d1.test;gr=%0B'}), 400, 'Bad Request (control character U+000B in To gr)'],
    ['a percent-encoded control character in the To user (the localpart)', () => message({to: 'sip:some%08one@d1.test'}), 400, 'Bad Request (control character U+0008 in To user)'],
    ['a raw control character in the To user', () => message({to: 'sip:some\u0002one@d1.test'}), 400, 'Bad Request (control character U+0002 in To user)'],
    ['a noncharacter in the To user', () => message({to: 'sip:some%EF%BF%BFone@d1.test'}), 400, 'Bad Request (noncharacter U+FFFF in To user)'],
  ]
  refusals(rows)
})

describe("JIDs over RFC 7622's limits are refused at the SIP edge", () => {
  // RFC 7622 §3.1: each part of a JID is at most 1023 bytes, measured as XMPP holds it (the localpart
  // after XEP-0106 escaping, UTF-8); longer is <jid-malformed/>, which RFC 7247 §6.1 maps to 400.
  const rows: Row[] = [
    ['a To user of 1024 bytes', () => message({to: `sip:${'a'.repeat(1024)}@d1.test`}), 400, 'Bad Request (To user longer than 1023 bytes as a JID localpart)'],
    ["a To user that XEP-0106 escaping makes longer than 1023 bytes (342 × ' → \\27)", () => message({to: `sip:${"'".repeat(342)}@d1.test`}), 400, 'Bad Request (To user longer than 1023 bytes as a JID localpart)'],
    ['a To host of 1025 bytes', () => message({to: `sip:someone@${'h'.repeat(1020)}.test`}), 400, 'Bad Request (To host longer than 1023 bytes as a JID domainpart)'],
    ['a Request-URI gr of 1024 bytes', () => message({uri: `sip:someone@d1.test;gr=${'r'.repeat(1024)}`}), 400, 'Bad Request (Request-URI gr longer than 1023 bytes as a JID resourcepart)'],
    ['a From gr of 512 × ü (1024 bytes of UTF-8)', () => message({from: `sip:romeo@gw.test;gr=${'%C3%BC'.repeat(512)}`}), 400, 'Bad Request (From gr longer than 1023 bytes as a JID resourcepart)'],
  ]
  refusals(rows)

  test('1023 bytes are still a JID part: delivered', async () => {
    const mark = partner.stanzas.length
    const response = await exchange(sip, message({to: `sip:${'a'.repeat(1023)}@d1.test`, uri: `sip:someone@d1.test;gr=${'r'.repeat(1023)}`, body: 'at the limit'}))
    assert.deepEqual([response.status, response.reason], [200, 'OK'])
    await waitFor(() => messagesSince(mark).length > 0, 5000, 'the message at the limit')
    assert.deepEqual(messagesSince(mark), ['<message>at the limit'])
    assert.deepEqual(partner.errors, [])
  })
})

describe('the other way, XMPP to SIP', () => {
  /** asD1 is a raw partner stream from d1.test, authenticated by dialback (the strict partner answers the gateway's db:verify). */
  async function asD1(): Promise<RawXmppClient> {
    const client = await connectXmpp(target.host, target.port)
    await client.write(HEADER('d1.test', 'gw.test'))
    await client.waitFor('</stream:features>')
    await client.write("<db:result from='d1.test' to='gw.test'>0123456789abcdef</db:result>")
    await client.waitFor(/<db:result[^>]*type=["']valid["']/, 5000)
    return client
  }

  // The organisation's proxy relays a user agent's reason phrase; RFC 7247 §6 lets the gateway copy
  // it into the error's <text/>, which must then hold only XML characters.
  test("a control character in a SIP response's reason phrase reaches the partner as U+FFFD, and its stream stays up", async () => {
    const proxy = await fakeProxy('480 Away\u0001 for now')
    const client = await asD1()
    try {
      const mark = partner.stanzas.length
      await client.write("<message from='tybalt@d1.test' to='romeo@gw.test' type='chat' id='m1'><body>draw</body></message>")
      await waitFor(() => messagesSince(mark).length > 0 || partner.errors.length > 0, 5000, 'the error reply at the partner')
      assert.deepEqual(partner.errors, [])
      assert.deepEqual(messagesSince(mark), ['<message>Away\uFFFD for now'])
      await deliversNext(partner.stanzas.length)
    } finally {
      client.destroy()
      await proxy.close()
    }
  })

  // XML can carry CR and LF (as character references, even in attributes); a SIP header line cannot
  // (RFC 3261 §7.3.1). Held before issue 12: recorded here so that it stays so.
  test('line breaks in a subject, a resource, a thread or xml:lang add no SIP header', async () => {
    const proxy = await fakeProxy('200 OK')
    const client = await asD1()
    try {
      const br = '&#13;&#10;X-Injected: yes&#13;&#10;'
      await client.write(`<message from='tybalt@d1.test/r${br}' to='romeo@gw.test' type='chat' xml:lang='en${br}'><subject>s${br}</subject><thread>t${br}</thread><body>b${br}</body></message>`)
      await waitFor(() => proxy.requests.length > 0, 5000, 'the MESSAGE at the proxy')
      const [head = '', body] = proxy.requests[0]!.split('\r\n\r\n')
      assert.doesNotMatch(head, /^X-Injected/im)
      assert.match(head, /^Subject: s X-Injected: yes $/m)
      assert.equal(body, 'b\r\nX-Injected: yes\r\n')
    } finally {
      client.destroy()
      await proxy.close()
    }
  })
})

test('the gateway is alive and nothing reached the last resort', () => {
  assert.equal(target.alive(), true)
  assert.deepEqual(target.lastResort(), [])
})

/** fakeProxy stands for the organisation's proxy (next hop, 5060/TCP): it keeps every request (latin1 text) and answers it with the given status line text. */
async function fakeProxy(status: string): Promise<{requests: string[]; close(): Promise<void>}> {
  const requests: string[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    let buffer = ''
    socket.setEncoding('latin1')
    socket.on('data', (data: string) => {
      buffer += data
      for (let end = buffer.indexOf('\r\n\r\n'); end >= 0; end = buffer.indexOf('\r\n\r\n')) {
        const head = buffer.slice(0, end)
        const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0)
        if (buffer.length < end + 4 + length) return
        requests.push(buffer.slice(0, end + 4 + length))
        buffer = buffer.slice(end + 4 + length)
        const copied = head.split('\r\n').filter((l) => /^(via|from|to|call-id|cseq):/i.test(l))
        socket.write(`SIP/2.0 ${status}\r\n${copied.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`, 'latin1')
      }
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(5060, target.sip.proxy, () => resolve())
  })
  return {
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
