import assert from 'node:assert/strict'
import net from 'node:net'
import {Writable} from 'node:stream'
import {after, before, test} from 'node:test'
import {pino} from 'pino'
import {XmppStream} from '../../src/gateway/xmpp/stream.js'
import {MiB, answered, assertServing, flood, refusal} from '../helpers/security/flood.js'
import {within} from '../helpers/sip/peers.js'
import {type Target, startTarget} from '../helpers/security/target.js'
import {HEADER, connectXmpp} from '../helpers/security/xmpp-client.js'

/**
 * Issue 12, case 2: no exception from parsing one connection's input may escape that connection.
 * The unfixed gateway let `RangeError: Invalid string length` out of a socket's data handler once an
 * endless header attribute outgrew V8's longest string (2^29 − 24 characters, about 512 MiB): the
 * process died, or now reaches the last resort of gateway-host.ts. The first test drives the real
 * process past that size; the others check the boundary in XmppStream itself, where a failure of
 * ours (a handler that throws) must end that stream with `<internal-server-error/>` and one error
 * line in the log, and never reach the process.
 */

let target: Target
before(async () => {
  target = await startTarget()
})
after(async () => target?.close())

test('an endless header attribute past V8 longest string ends that stream, never the process', async () => {
  const client = await connectXmpp(target.host, target.port)
  await client.write("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' to='gw.test' from='")
  // Bounded: 600 MiB or 50 s. The unfixed gateway threw once the value passed about 512 MiB.
  const result = await flood(client, 'a', 600 * MiB, 50_000)
  client.destroy()
  assert.deepEqual(target.lastResort(), [])
  assert.ok(result.refused && result.sent < 16 * MiB, `the gateway ended the stream after ${(result.sent / MiB).toFixed(1)} MiB`)
  await assertServing(target)
})

/** A stream on a loopback connection, with a log that keeps its lines, and the process's uncaught exceptions. */
async function streamPair(wire: (stream: XmppStream) => void) {
  const lines: Array<Record<string, unknown>> = []
  const log = pino({level: 'debug'}, new Writable({write: (chunk: Buffer, _encoding, done) => void (lines.push(JSON.parse(chunk.toString())), done())}))
  const escaped: unknown[] = []
  const onUncaught = (error: unknown): void => void escaped.push(error)
  process.on('uncaughtException', onUncaught)
  const server = net.createServer((socket) => wire(new XmppStream(socket, {log})))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const client = await connectXmpp('127.0.0.1', (server.address() as net.AddressInfo).port)
  const close = (): void => {
    process.off('uncaughtException', onUncaught)
    client.destroy()
    server.close()
  }
  return {client, lines, escaped, close}
}

const INTERNAL = refusal('internal-server-error', 'the gateway failed to handle this stream')

test('a handler that throws on the header: <internal-server-error/>, one error line, nothing escapes', async () => {
  const pair = await streamPair((stream) => stream.on('header', () => {
    throw new Error('a bug in a session')
  }))
  try {
    await pair.client.write(HEADER('p1.test', 'gw.test'))
    await within(pair.client.closed, 5000, 'the stream to close').catch(() => undefined)
    assert.deepEqual(pair.escaped, [])
    assert.match(pair.client.text(), INTERNAL)
    const errors = pair.lines.filter((l) => l.level === 50)
    assert.deepEqual(errors.map((l) => [l.msg, (l.err as {message?: string} | undefined)?.message]), [['xmpp stream input failed; the stream is closed', 'a bug in a session']])
  } finally {
    pair.close()
  }
})

test('a handler that throws on every stanza: one error line however much more arrives', async () => {
  let seen = 0
  const pair = await streamPair((stream) => stream.on('stanza', () => {
    seen++
    throw new Error(`stanza ${seen}`)
  }))
  try {
    await pair.client.write(`${HEADER('p1.test', 'gw.test')}<message/><message/><message/>`)
    await pair.client.write('<message/><message/>')
    await answered(pair.client)
    assert.deepEqual(pair.escaped, [])
    assert.equal(seen, 1)
    assert.match(pair.client.text(), INTERNAL)
    assert.equal(pair.lines.filter((l) => l.level === 50).length, 1)
  } finally {
    pair.close()
  }
})
