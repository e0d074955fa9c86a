import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import tls from 'node:tls'
import {within} from '../helpers/sip/peers.js'
import {buildRequest, exchange} from '../helpers/sip/raw.js'
import {type Target, startTarget} from '../helpers/security/target.js'

/**
 * Issue 12, the SIP wire over TLS (weaker list): a client cannot renegotiate TLS 1.2 on the SIP
 * listener, where each renegotiation costs the gateway a handshake.
 */

let target: Target
before(async () => {
  target = await startTarget({sipTransport: 'Tls'})
})
after(async () => target?.close())

const clientOptions = (local: string): tls.ConnectionOptions & {localAddress: string} => ({host: target.sip.host, port: target.sip.port, localAddress: local, ca: target.ca, servername: 'gw.test'})

test('a TLS 1.2 client asking to renegotiate on the SIP listener is refused, and the listener goes on', async () => {
  const socket = tls.connect({...clientOptions(target.address(42)), maxVersion: 'TLSv1.2'})
  socket.on('error', () => {})
  await within(new Promise<void>((resolve) => socket.once('secureConnect', () => resolve())), 5000, 'the TLS handshake')
  assert.equal(socket.getProtocol(), 'TLSv1.2')
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  const outcome = await within(
    new Promise<string>((resolve) => {
      const asked = socket.renegotiate({rejectUnauthorized: true}, (error) => resolve(error ? `refused: ${error.message}` : 'renegotiated'))
      if (!asked) resolve('refused at once')
      void closed.then(() => resolve('refused: the connection was closed'))
    }),
    5000,
    'the renegotiation',
  )
  assert.match(outcome, /^refused/)
  socket.destroy()
  const peer = {local: target.address(43), remote: {address: target.sip.host, port: target.sip.port}, protocol: 'tls' as const, tls: {ca: target.ca, servername: 'gw.test'}}
  assert.equal((await exchange(peer, buildRequest({method: 'OPTIONS', uri: 'sip:gw.test', via: `${target.address(43)}:5061`}, 'TLS'))).status, 200)
  assert.ok(target.alive())
  assert.deepEqual(target.lastResort(), [])
})
