import net from 'node:net'
import tls from 'node:tls'
import {within} from '../sip/peers.js'

/**
 * A raw XMPP client written by hand for the security tests: it writes exactly the bytes a test gives
 * it (malformed, endless, forged) and keeps exactly what the gateway answered, as text, so that a
 * test asserts the wire. Every wait is bounded.
 */

/** TlsCredentials are a client certificate and key, PEM text, and the CA the gateway's certificate chains to. */
export interface TlsCredentials {
  readonly cert?: string
  readonly key?: string
  readonly ca: string
  /** The highest TLS version to offer (TLSv1.2 lets a test try renegotiation, which TLS 1.3 does not have). */
  readonly maxVersion?: tls.SecureVersion
}

/** ConnectOptions choose where the connection comes from. */
export interface ConnectOptions {
  /** The local address to connect from (an address of the test's loopback block): the gateway sees a distinct peer. */
  readonly localAddress?: string
}

/** RawXmppClient is one connection to the gateway. */
export interface RawXmppClient {
  readonly socket: net.Socket
  /** Everything the gateway sent, decoded as UTF-8. */
  text(): string
  /** write sends text or bytes; it resolves when the socket took them (false: the connection is gone). */
  write(data: string | Buffer): Promise<boolean>
  /** waitFor resolves with the text received so far once it matches (from the given offset), or rejects after ms. */
  waitFor(match: RegExp | string, ms?: number, from?: number): Promise<string>
  /** starttls upgrades the connection in place (after the gateway's `<proceed/>`). */
  starttls(credentials: TlsCredentials, servername: string): Promise<void>
  /** closed resolves when the gateway closed the connection. */
  readonly closed: Promise<void>
  isClosed(): boolean
  destroy(): void
}

/** HEADER is an s2s stream header as Prosody writes it. */
export const HEADER = (from: string, to: string, extra = ''): string =>
  `<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' xmlns:db='jabber:server:dialback' from='${from}' to='${to}' version='1.0'${extra}>`

/** connectXmpp opens a connection; with directTls, TLS from the first byte (XEP-0368). */
export async function connectXmpp(host: string, port: number, directTls?: {credentials: TlsCredentials; servername: string}, options: ConnectOptions = {}): Promise<RawXmppClient> {
  const address = {host, port, localAddress: options.localAddress}
  const socket = directTls ? tls.connect({...address, ...tlsOptions(directTls.credentials, directTls.servername)}) : net.connect(address)
  await within(new Promise<void>((resolve, reject) => {
    socket.once(directTls ? 'secureConnect' : 'connect', () => resolve())
    socket.once('error', reject)
  }), 5000, `a connection to ${host}:${port}`)
  return wrap(socket)
}

function tlsOptions(credentials: TlsCredentials, servername: string): tls.ConnectionOptions {
  return {ca: credentials.ca, servername, ...(credentials.maxVersion ? {maxVersion: credentials.maxVersion} : {}), ...(credentials.cert ? {cert: credentials.cert, key: credentials.key} : {})}
}

function wrap(first: net.Socket): RawXmppClient {
  let socket = first
  let received = ''
  let gone = false
  const waiters = new Set<() => void>()
  const wake = (): void => {
    for (const waiter of [...waiters]) waiter()
  }
  let markClosed!: () => void
  const closed = new Promise<void>((resolve) => (markClosed = resolve))
  const attach = (s: net.Socket): void => {
    s.on('data', (data: Buffer) => {
      received += data.toString('utf8')
      wake()
    })
    s.on('error', () => {})
    s.on('close', () => {
      if (s !== socket) return
      gone = true
      markClosed()
      wake()
    })
  }
  attach(first)
  const client: RawXmppClient = {
    get socket() {
      return socket
    },
    text: () => received,
    write: (data) =>
      new Promise((resolve) => {
        if (gone || socket.destroyed) return resolve(false)
        socket.write(data, (error) => resolve(!error))
      }),
    waitFor(match, ms = 5000, from = 0) {
      const test = (): boolean => {
        const text = received.slice(from)
        return typeof match === 'string' ? text.includes(match) : match.test(text)
      }
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (test()) return finish(() => resolve(received))
          if (gone) finish(() => reject(new Error(`the gateway closed the connection before ${String(match)}; it sent:\n${received}`)))
        }
        const finish = (settle: () => void): void => {
          clearTimeout(timer)
          waiters.delete(check)
          settle()
        }
        const timer = setTimeout(() => finish(() => reject(new Error(`no ${String(match)} within ${ms} ms; the gateway sent:\n${received}`))), ms)
        waiters.add(check)
        check()
      })
    },
    async starttls(credentials, servername) {
      const raw = socket
      raw.removeAllListeners('data')
      raw.removeAllListeners('close')
      const secured = tls.connect({socket: raw, ...tlsOptions(credentials, servername)})
      socket = secured
      attach(secured)
      await within(new Promise<void>((resolve, reject) => {
        secured.once('secureConnect', () => resolve())
        secured.once('error', reject)
      }), 5000, 'the TLS handshake')
    },
    closed,
    isClosed: () => gone,
    destroy: () => socket.destroy(),
  }
  return client
}
