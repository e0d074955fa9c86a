import {constants} from 'node:crypto'
import type {Socket} from 'node:net'
import tls, {type TLSSocket} from 'node:tls'
import {domainToASCII} from 'node:url'

/**
 * TLS for server-to-server streams (RFC 6120 §5, XEP-0368). Both roles upgrade a plain socket that is
 * already open (STARTTLS) or wrap a fresh one (direct TLS). Peers are trusted through Node's root store
 * plus NODE_EXTRA_CA_CERTS; a certificate is checked as a server certificate for the partner domain
 * (RFC 6125 DNS-ID), never for the clientAuth usage, which public CAs stop issuing in 2026.
 */

/**
 * SERVER_OPTIONS apply to every TLS server socket of the XMPP side. SSL_OP_NO_RENEGOTIATION: OpenSSL
 * answers a client's TLS 1.2 renegotiation with a no_renegotiation alert, before any handshake work
 * (TLS 1.3 has no renegotiation). Node's own guard does not do this for sockets handed to a
 * tls.Server: tlsSocket.disableRenegotiation() and the CLIENT_RENEG_LIMIT only emit 'error' on the
 * socket, and the handshake still runs (measured on Node 20: ten renegotiations went through after
 * either), so a client could make the gateway sign without end on one connection.
 */
const SERVER_OPTIONS = {minVersion: 'TLSv1.2', secureOptions: constants.SSL_OP_NO_RENEGOTIATION} as const

/** TlsIdentity is the gateway's own certificate chain and key, PEM. */
export interface TlsIdentity {
  readonly key: string
  readonly cert: string
}

/**
 * TlsAcceptor is the receiving side of STARTTLS and direct TLS. It is a tls.Server that never listens:
 * a raw socket is handed to it as a 'connection' (notes/stack.md §4.3: a bare TLSSocket with isServer
 * never sets `authorized`), and the resulting secure socket is matched back to the raw one by its
 * address tuple. A new identity applies to the next handshake; sockets already secured keep theirs.
 */
export class TlsAcceptor {
  readonly #server: tls.Server
  readonly #waiting = new Map<string, (socket: TLSSocket) => void>()

  constructor(identity: TlsIdentity) {
    this.#server = tls.createServer({...identity, ...SERVER_OPTIONS, requestCert: true, rejectUnauthorized: false})
    this.#server.on('secureConnection', (socket: TLSSocket) => {
      const key = tuple(socket)
      this.#waiting.get(key)?.(socket)
      this.#waiting.delete(key)
    })
    // A failed handshake is reported on the raw socket's own close; the server must not throw.
    this.#server.on('tlsClientError', () => {})
  }

  /** setIdentity swaps the certificate for new handshakes (hot reload, cmdlets.md A9.3). */
  setIdentity(identity: TlsIdentity): void {
    this.#server.setSecureContext({...identity, ...SERVER_OPTIONS})
  }

  /** accept runs the server side of a handshake on a raw socket; rejects when it fails or times out. */
  accept(raw: Socket, timeoutMs: number): Promise<TLSSocket> {
    const key = tuple(raw)
    return new Promise((resolve, reject) => {
      const fail = (): void => {
        this.#waiting.delete(key)
        clearTimeout(timer)
        reject(new Error('TLS handshake failed'))
      }
      const timer = setTimeout(() => {
        fail()
        raw.destroy()
      }, timeoutMs)
      this.#waiting.set(key, (socket) => {
        clearTimeout(timer)
        raw.off('close', fail)
        resolve(socket)
      })
      raw.once('close', fail)
      this.#server.emit('connection', raw)
    })
  }
}

function tuple(socket: Socket): string {
  return `${socket.remoteAddress}|${socket.remotePort}|${socket.localAddress}|${socket.localPort}`
}

/** connectTls runs the initiating side of a handshake, over an open raw socket (STARTTLS) or a new one. */
export function connectTls(options: {socket?: Socket; host?: string; port?: number; domain: string; identity: TlsIdentity | undefined; timeoutMs: number}): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      socket: options.socket,
      host: options.host,
      port: options.port,
      // SNI carries the partner domain, as Prosody selects its certificate by it (XEP-0368 §3).
      servername: domainToASCII(options.domain) || options.domain,
      // Without a certificate the gateway can still encrypt; it then authenticates by dialback.
      ...options.identity,
      // Trust is decided per method afterwards: dialback over TLS accepts any certificate (A5.2).
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    })
    socket.setNoDelay(true)
    const timer = setTimeout(() => socket.destroy(new Error('TLS handshake timed out')), options.timeoutMs)
    socket.once('secureConnect', () => {
      clearTimeout(timer)
      socket.off('error', onError)
      resolve(socket)
    })
    const onError = (error: Error): void => {
      clearTimeout(timer)
      reject(error)
    }
    socket.once('error', onError)
  })
}

/**
 * certificateValidFor tells whether the peer's certificate chains to a trusted root, is within its
 * validity period, and names the domain (RFC 6125 §6.4 DNS-ID, wildcards in the left-most label).
 */
export function certificateValidFor(socket: TLSSocket, domain: string): boolean {
  if (!socket.authorized) return false
  const certificate = socket.getPeerCertificate()
  if (!certificate || Object.keys(certificate).length === 0) return false
  return tls.checkServerIdentity(domainToASCII(domain) || domain, certificate) === undefined
}

/** certificateProblem says why certificateValidFor is false: the chain error (CERT_HAS_EXPIRED …) or the name. */
export function certificateProblem(socket: TLSSocket, domain: string): string {
  const certificate = socket.getPeerCertificate()
  if (!certificate || Object.keys(certificate).length === 0) return 'no certificate was presented'
  if (!socket.authorized) return String(socket.authorizationError ?? 'untrusted')
  return `it does not name ${domain}`
}
