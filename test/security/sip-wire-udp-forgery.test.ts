import assert from 'node:assert/strict'
import {randomBytes} from 'node:crypto'
import dgram from 'node:dgram'
import {after, before, test} from 'node:test'
import {waitFor} from '../helpers/sip/peers.js'
import {dialbackStream} from '../helpers/security/partner-stream.js'
import {type StrictPartner, startStrictPartner} from '../helpers/security/strict-partner.js'
import type {RawXmppClient} from '../helpers/security/xmpp-client.js'
import {type Target, startTarget} from '../helpers/security/target.js'

/**
 * Issue 12, found in its review: the final response of a MESSAGE the gateway sends over UDP must not
 * be forgeable by an off-path attacker. The response is matched to its client transaction by the top
 * Via branch (RFC 3261 §17.1.3) and may come from any address; the Call-ID is the XMPP <thread> the
 * partner chose. So the branch is the only secret, and it must be unguessable: the `sip` package's
 * was 'z9hG4bK' + Math.round(Math.random() * 1e6), about 20 bits from a non-cryptographic generator.
 *
 * The next hop (the trusted proxy's address, port 5060) is a UDP socket of this test; the sender is
 * eve@d1.test on a dialback stream, d1.test's server (the strict partner) receives the error replies;
 * the attacker sends from address(31).
 */

let target: Target
let d1: StrictPartner
let hop: NextHop
let eve: RawXmppClient
before(async () => {
  target = await startTarget({sipTransport: 'Udp'})
  d1 = await startStrictPartner(target.address(23), 5269, 'd1.test')
  hop = await startNextHop(target.sip.proxy, 5060)
  eve = await dialbackStream(target)
})
after(async () => {
  eve?.destroy()
  hop?.close()
  await d1?.close()
  await target?.close()
})

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
// The gateway's transaction timeout (8 s, Timer F's role) and some room.
const TRANSACTION_MS = 8000
// RFC 3261 §8.1.1.7's magic cookie and a version 4 UUID: 122 random bits.
const UNGUESSABLE_BRANCH = /^z9hG4bK[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
// What the `sip` package's generateBranch makes: Math.round(Math.random() * 1000000).
const PACKAGE_BRANCH = /^z9hG4bK\d{1,7}$/

/** Arrival is a datagram the next hop received, and when. */
interface Arrival {
  readonly text: string
  readonly at: number
  readonly from: {readonly address: string; readonly port: number}
}

/** NextHop is the organisation's proxy as a UDP socket that answers only when told to. */
interface NextHop {
  readonly requests: Arrival[]
  send(text: string, to: Arrival['from']): void
  close(): void
}

async function startNextHop(address: string, port: number): Promise<NextHop> {
  const socket = dgram.createSocket('udp4')
  const requests: Arrival[] = []
  socket.on('message', (data, info) => void requests.push({text: data.toString('latin1'), at: Date.now(), from: {address: info.address, port: info.port}}))
  await new Promise<void>((resolve) => socket.bind(port, address, () => resolve()))
  return {requests, send: (text, to) => socket.send(text, to.port, to.address), close: () => socket.close()}
}

/** header returns the value of a request's first header line of that name. */
function header(request: string, name: string): string {
  const line = request.split('\r\n\r\n')[0]!.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
  assert.ok(line, `the request has a ${name} header`)
  return line.slice(name.length + 1).trim()
}

const branchOf = (request: string): string => /;branch=([^;,\s]+)/.exec(header(request, 'Via'))![1]!

/** responseTo writes a response to a request as a UDP peer would, with the top Via's branch replaced when given. */
function responseTo(request: string, status: string, branch = branchOf(request)): string {
  const via = header(request, 'Via').replace(/;branch=[^;,\s]+/, `;branch=${branch}`)
  const lines = [`SIP/2.0 ${status}`, `Via: ${via}`, `From: ${header(request, 'From')}`, `To: ${header(request, 'To')};tag=${randomBytes(4).toString('hex')}`]
  return `${[...lines, `Call-ID: ${header(request, 'Call-ID')}`, `CSeq: ${header(request, 'CSeq')}`, 'Content-Length: 0'].join('\r\n')}\r\n\r\n`
}

/** oneOff changes the last character of a branch: the nearest miss. */
const oneOff = (branch: string): string => `${branch.slice(0, -1)}${branch.endsWith('0') ? '1' : '0'}`

/** sendAsAttacker sends datagrams to the gateway's SIP port from another address of the block. */
async function sendAsAttacker(...datagrams: string[]): Promise<void> {
  const socket = dgram.createSocket('udp4')
  await new Promise<void>((resolve) => socket.bind(0, target.address(31), () => resolve()))
  try {
    for (const datagram of datagrams) await new Promise<void>((resolve, reject) => socket.send(datagram, target.sip.port, target.sip.host, (error) => (error ? reject(error) : resolve())))
  } finally {
    socket.close()
  }
}

/** sendToRomeo sends eve's message with this thread and id, and returns the first copy the next hop received (bounded). */
async function sendToRomeo(id: string, thread: string): Promise<{request: Arrival; copies: () => Arrival[]}> {
  const mark = hop.requests.length
  await eve.write(`<message from='eve@d1.test/phone' to='romeo@gw.test' type='chat' id='${id}'><thread>${thread}</thread><body>are you there?</body></message>`)
  const copies = () => hop.requests.slice(mark).filter((r) => header(r.text, 'Call-ID') === thread)
  await waitFor(() => copies().length > 0, 5000, `the MESSAGE of ${id} at the next hop`)
  return {request: copies()[0]!, copies}
}

/** replyTo returns the error reply d1.test received for a stanza id, or undefined when none came within ms. */
async function replyTo(id: string, ms: number): Promise<string | undefined> {
  const pattern = new RegExp(`<message [^>]*id="${id}"[^>]*>.*?</message>`, 's')
  await waitFor(() => pattern.test(d1.received()), ms, `the error reply to ${id}`).catch(() => {})
  return pattern.exec(d1.received())?.[0]
}

function assertHealthy(): void {
  assert.deepEqual(target.lastResort(), [])
  assert.equal(target.alive(), true)
}

test('a forged 200 OK from another address with a branch one character off is ignored: the sender gets remote-server-timeout; the branch carries 122 random bits', async () => {
  const thread = `thread-${randomBytes(4).toString('hex')}`
  const {request, copies} = await sendToRomeo('forged-1', thread)
  // All the attacker needs besides the branch: the Call-ID is the thread, word for word.
  assert.equal(header(request.text, 'Call-ID'), thread)
  const branch = branchOf(request.text)
  // The forgery copies every other field of the real request (more than an off-path attacker knows),
  // so that only the branch tells it from the real answer; and it comes more than once, while the request is retransmitted.
  const forged = responseTo(request.text, '200 OK', oneOff(branch))
  await sendAsAttacker(forged, forged)
  const reply = await replyTo('forged-1', TRANSACTION_MS + 4000)
  assert.equal(
    reply,
    `<message type="error" from="romeo@gw.test" to="eve@d1.test/phone" id="forged-1"><error type="cancel"><remote-server-timeout xmlns="${NS_STANZAS}"/><text xmlns="${NS_STANZAS}" xml:lang="en">Request Timeout</text></error></message>`,
  )
  assert.doesNotMatch(branch, PACKAGE_BRANCH, `the branch ${branch} is one of the sip package's 1,000,001`)
  assert.match(branch, UNGUESSABLE_BRANCH)
  // Retransmissions repeat the request as it was first sent: same branch, same bytes.
  assert.ok(copies().length >= 4, `${copies().length} copies in ${TRANSACTION_MS} ms`)
  assert.equal(new Set(copies().map((c) => c.text)).size, 1)
  assertHealthy()
})

test("the next hop's own 200 OK over UDP completes the MESSAGE; the retransmissions stop, and later responses (its 200 again, a forged 500) are absorbed", async () => {
  const thread = `thread-${randomBytes(4).toString('hex')}`
  const {request, copies} = await sendToRomeo('delivered-1', thread)
  // Lost once: the next hop answers the first retransmission (T1 = 500 ms later), and only that.
  await waitFor(() => copies().length >= 2, 2000, 'a retransmission at T1')
  const ok = responseTo(request.text, '200 OK')
  hop.send(ok, request.from)
  const delivered = await target.gateway.waitForLog((l) => l.msg === 'message' && l.direction === 'xmpp-to-sip' && l.from === 'eve@d1.test' && l.status === 200, 5000)
  assert.equal(delivered.to, 'sip:romeo@gw.test')
  // The next retransmission would have left at 1.5 s; none does after the final response.
  await new Promise((resolve) => setTimeout(resolve, 1600))
  assert.equal(copies().length, 2, 'no retransmission after the final response')
  hop.send(ok, request.from)
  await sendAsAttacker(responseTo(request.text, '500 Server Internal Error'))
  assert.equal(await replyTo('delivered-1', 1000), undefined, 'a response after the final one reached the sender')
  assertHealthy()
})
