import assert from 'node:assert/strict'
import type {TLSSocket} from 'node:tls'
import {after, before, test} from 'node:test'
import {saslStream} from '../helpers/security/partner-stream.js'
import {HEADER, connectXmpp, type RawXmppClient} from '../helpers/security/xmpp-client.js'
import {type Target, startTarget} from '../helpers/security/target.js'

/**
 * Issue 12: TLS 1.2 client-initiated renegotiation was unlimited on the XMPP ports (200 handshakes on
 * one connection, each a private-key operation for the gateway). Every TLS server socket of the XMPP
 * side refuses renegotiation at the OpenSSL level (SSL_OP_NO_RENEGOTIATION): the client's attempt
 * fails with a no_renegotiation alert, and nothing else changes for the partner. TLS 1.3 has no
 * renegotiation, so the client offers at most TLS 1.2.
 */

let target: Target
before(async () => {
  target = await startTarget()
})
after(async () => target?.close())

/** renegotiate asks for a new handshake; resolves 'renegotiated', or the error code the client got (bounded). */
function renegotiate(socket: TLSSocket): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('no answer within 3 s'), 3000)
    const settle = (outcome: string): void => {
      clearTimeout(timer)
      socket.off('error', onError)
      resolve(outcome)
    }
    const onError = (error: NodeJS.ErrnoException): void => settle(error.code ?? error.message)
    socket.on('error', onError)
    const started = socket.renegotiate({rejectUnauthorized: false}, (error) => settle(error ? ((error as NodeJS.ErrnoException).code ?? error.message) : 'renegotiated'))
    if (!started) settle('renegotiate() refused to start')
  })
}

function credentials(): {cert: string; key: string; ca: string; maxVersion: 'TLSv1.2'} {
  const {cert, key} = target.certificates['p1.test']
  return {cert, key, ca: target.ca, maxVersion: 'TLSv1.2'}
}

async function assertStillServing(): Promise<void> {
  const client = await saslStream(target, {certificate: 'p1.test'})
  client.destroy()
  assert.deepEqual(target.lastResort(), [])
  assert.equal(target.alive(), true)
}

test('a client renegotiation on the direct TLS port is refused', async () => {
  const client = await connectXmpp(target.host, target.directTlsPort, {credentials: credentials(), servername: 'gw.test'})
  assert.equal((client.socket as TLSSocket).getProtocol(), 'TLSv1.2')
  assert.equal(await renegotiate(client.socket as TLSSocket), 'ERR_SSL_NO_RENEGOTIATION')
  client.destroy()
  await assertStillServing()
})

test('a client renegotiation after STARTTLS is refused', async () => {
  const client: RawXmppClient = await connectXmpp(target.host, target.port)
  await client.write(HEADER('p1.test', 'gw.test'))
  await client.waitFor('<starttls')
  await client.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
  await client.waitFor('<proceed')
  await client.starttls(credentials(), 'gw.test')
  assert.equal((client.socket as TLSSocket).getProtocol(), 'TLSv1.2')
  assert.equal(await renegotiate(client.socket as TLSSocket), 'ERR_SSL_NO_RENEGOTIATION')
  client.destroy()
  await assertStillServing()
})
