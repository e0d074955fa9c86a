import dgram from 'node:dgram'
import net from 'node:net'
import {hostname} from 'node:os'
import tls from 'node:tls'
import type {Connection, SipMessage} from 'sip'
import {createAdmission, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits} from './admission.js'
import {frameDatagram, sipFramer, type FramingLimits} from './framing.js'
import {isComplete, parseMessage} from './parse.js'
import {wire} from './wire.js'

/**
 * SIP over UDP, TCP and TLS (RFC 3261 §18), with csxmpp's reader and writer (parse.ts, wire.ts) of
 * the `sip` package's message objects, size limits per message (framing.ts) and a bound on the
 * connections accepted (admission.ts). The package's own transport
 * (`sip.create`) is not used because it cannot be run safely inside the gateway: a failed bind is an
 * uncaught 'error' event that ends the process, it never says when it is listening, `destroy()`
 * closes the listeners but leaves accepted and dialled connections open (the process stays alive
 * for their 120 s idle timer), it writes transport errors with console.log, outgoing TCP/TLS do
 * not bind to the configured address, and a next hop equal to its own address is read as one of
 * its "flow token" URIs and answered locally with 404 (notes/sip.md §4). This module tracks
 * every socket so that stop() ends them all.
 */

/** Protocol is a SIP transport as the Via header names it (RFC 3261 §20.42; compared without case). */
export type Protocol = 'UDP' | 'TCP' | 'TLS'

/** Remote is the other end of a message: where it came from or where it goes. */
export interface Remote {
  readonly protocol: Protocol
  readonly address: string
  readonly port: number
}

/** TlsFiles are PEM texts: our key and certificate chain, and the CA bundle peers must chain to. */
export interface TlsFiles {
  readonly key: string
  readonly cert: string
  readonly ca?: string
}

/** TransportOptions configure one listener; outgoing messages may use any protocol. */
export interface TransportOptions {
  readonly listen: {readonly address: string; readonly port: number; readonly protocol: Protocol; readonly tls?: TlsFiles}
  onMessage(message: SipMessage, remote: Remote, connection: Connection): void
  /**
   * onOversized gets what could be read of a message over the size limits once its bytes were
   * skipped: its start line and the first Via, From, To, Call-ID and CSeq lines (any may be missing:
   * too long to keep), or undefined when not even its start line could be read.
   */
  onOversized(head: SipMessage | undefined, remote: Remote, connection: Connection): void
  /** How many TCP or TLS connections the listener accepts (admission.ts); DEFAULT_CONNECTION_LIMITS when absent. */
  readonly connectionLimits?: ConnectionLimits
  /** isTrusted tells the addresses whose connections are not counted against the limits (the trusted SIP hosts). */
  isTrusted?(address: string): boolean
  readonly log: {warn(obj: object, msg: string): void; debug(obj: object, msg: string): void}
}

/** Transport sends and receives SIP messages; connect() reuses an open stream to the same remote. */
export interface Transport {
  start(): Promise<{address: string; port: number}>
  connect(remote: Remote, onError: (error: Error) => void, servername?: string): Connection
  /** sentBy is what our Via says for a protocol: where responses are to come back (RFC 3261 §18.1.1). */
  sentBy(protocol: Protocol): {host: string; port: number}
  stop(): Promise<void>
}

// An idle stream is closed after this long (RFC 3261 §18.3 leaves it to the implementation; `sip` uses 120 s too).
const IDLE_MS = 120_000
// A message over maxHeaderBytes or maxContentBytes fails alone; only a header block without end, or
// a body announced, past maxSkipBytes ends its connection (framing.ts).
const LIMITS: FramingLimits = {maxHeaderBytes: 60_480, maxContentBytes: 65_536, maxSkipBytes: 1_048_576}
const FLOOD_MESSAGES = {
  header: 'SIP: a header block without end past 1 MiB; closing the connection',
  content: 'SIP: a body over 1 MiB announced; closing the connection',
} as const

/** stamped records in a request's top Via where it really came from (RFC 3261 §18.2.1, RFC 3581 §4). */
function stamped(message: SipMessage, remote: Remote): SipMessage {
  if (!message.method) return message
  const via = message.headers.via[0]!
  via.params.received = remote.address
  if (remote.protocol === 'UDP' && 'rport' in via.params) via.params.rport = String(remote.port)
  return message
}

/** createTransport makes a transport; nothing is bound before start(). */
export function createTransport(options: TransportOptions): Transport {
  const {listen, log} = options
  const sockets = new Set<net.Socket>()
  const streams = new Map<string, net.Socket>()
  const servers: net.Server[] = []
  const datagrams: dgram.Socket[] = []
  const key = (r: Remote) => `${r.protocol}|${r.address}|${r.port}`
  const wildcard = listen.address === '0.0.0.0' || listen.address === '::'
  const admission = createAdmission({limits: options.connectionLimits ?? DEFAULT_CONNECTION_LIMITS, exempt: options.isTrusted ?? (() => false), log})
  let bound = {address: listen.address, port: listen.port}

  function received(message: SipMessage | undefined, remote: Remote, connection: Connection): void {
    if (!isComplete(message)) return log.debug({remote}, 'SIP: incomplete message dropped')
    options.onMessage(stamped(message, remote), remote, connection)
  }

  function oversized(head: string, why: string, remote: Remote, connection: Connection): void {
    log.debug({remote, why}, 'SIP: oversized message skipped')
    const message = parseMessage(head)
    options.onOversized(message?.headers.via?.length ? stamped(message, remote) : message, remote, connection)
  }

  function adopt(socket: net.Socket, remote: Remote): net.Socket {
    sockets.add(socket)
    streams.set(key(remote), socket)
    const connection = streamConnection(socket, remote.protocol, () => {})
    socket.setEncoding('latin1')
    socket.setTimeout(IDLE_MS, () => socket.destroy())
    const events = {
      message: (text: string) => received(parseMessage(text), remote, connection),
      oversized: (head: string, why: string) => oversized(head, why, remote, connection),
      flood: (why: keyof typeof FLOOD_MESSAGES) => {
        log.warn({remote}, FLOOD_MESSAGES[why])
        socket.destroy()
      },
    }
    socket.on('data', sipFramer(events, LIMITS))
    socket.on('error', (error) => log.debug({remote, error: error.message}, 'SIP: connection error'))
    socket.on('close', () => {
      sockets.delete(socket)
      if (streams.get(key(remote)) === socket) streams.delete(key(remote))
    })
    return socket
  }

  /**
   * Each transaction in flight on a connection hears of its failure. One listener per socket walks a
   * set: thousands of transactions each adding and removing their own socket listeners cost O(n) per
   * removal, which dominated the gateway's CPU under load.
   */
  const watchers = new WeakMap<net.Socket, Set<(error: Error) => void>>()
  function watchersOf(socket: net.Socket): Set<(error: Error) => void> {
    let set = watchers.get(socket)
    if (set) return set
    const all = (set = new Set())
    watchers.set(socket, all)
    socket.on('error', (error) => {
      for (const watcher of [...all]) watcher(error)
    })
    socket.on('close', () => {
      for (const watcher of [...all]) watcher(new Error('connection closed'))
    })
    return all
  }

  function streamConnection(socket: net.Socket, protocol: Protocol, onError: (error: Error) => void): Connection {
    const set = watchersOf(socket)
    set.add(onError)
    return {
      protocol,
      send: (m) => {
        if (socket.destroyed) return onError(new Error('connection closed'))
        // Requests made in one tick leave in one write (writev): one syscall, not one per message.
        if (socket.writableCorked === 0) {
          socket.cork()
          process.nextTick(() => socket.uncork())
        }
        socket.write(wire(m), 'latin1')
      },
      release: () => void set.delete(onError),
    }
  }

  function datagramConnection(socket: dgram.Socket, remote: Remote): Connection {
    return {
      protocol: 'UDP',
      send: (m) => socket.send(Buffer.from(wire(m), 'latin1'), remote.port, remote.address),
      release: () => {},
    }
  }

  function openDatagram(address: string, port: number): Promise<dgram.Socket> {
    const socket = dgram.createSocket(net.isIPv6(address) ? 'udp6' : 'udp4')
    socket.on('message', (data, info) => {
      const remote: Remote = {protocol: 'UDP', address: info.address, port: info.port}
      const framed = frameDatagram(data.toString('latin1'), LIMITS)
      if ('message' in framed) received(parseMessage(framed.message), remote, datagramConnection(socket, remote))
      else oversized(framed.oversized, framed.why, remote, datagramConnection(socket, remote))
    })
    return new Promise((resolve, reject) => {
      socket.once('error', reject)
      socket.bind(port, address, () => {
        socket.off('error', reject)
        socket.on('error', (error) => log.warn({error: error.message}, 'SIP: UDP socket error'))
        datagrams.push(socket)
        resolve(socket)
      })
    })
  }

  /**
   * secureServer handshakes the accepted connections of a TLS listener: a tls.Server that never
   * listens, handed each raw socket once admitted, so that a connection past the limits costs no
   * handshake. TLS renegotiation is refused: a client could make the gateway handshake again and
   * again on one connection (issue 12); SIP over TLS has no use for it (RFC 5246 §7.4.1.2 allows a
   * server to decline).
   */
  function secureServer(files: TlsFiles): tls.Server {
    const server = tls.createServer({key: files.key, cert: files.cert, ca: files.ca, requestCert: !!files.ca, rejectUnauthorized: !!files.ca}, (socket) => {
      socket.disableRenegotiation()
      // Node reports an attempt as an error, then goes on with it unless the socket is destroyed.
      socket.on('error', () => socket.destroy())
      adopt(socket, {protocol: 'TLS', address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0})
    })
    // A failed TLS handshake is not a SIP event; it must not reach the process as an uncaught error.
    server.on('tlsClientError', (error: Error) => log.debug({error: error.message}, 'SIP: TLS handshake failed'))
    return server
  }

  function openServer(): Promise<net.Server> {
    const secure = listen.protocol === 'TLS' ? secureServer(listen.tls!) : undefined
    const server = net.createServer((socket) => {
      const address = socket.remoteAddress ?? ''
      const release = admission.admit(address)
      if (!release) return void socket.destroy()
      // Raw sockets are tracked from accept, so that stop() also ends a TLS handshake that never
      // finishes, and an idle one (a handshake included) ends like any idle connection.
      sockets.add(socket)
      socket.setTimeout(IDLE_MS, () => socket.destroy())
      socket.on('close', () => {
        sockets.delete(socket)
        release()
      })
      if (secure) secure.emit('connection', socket)
      else adopt(socket, {protocol: listen.protocol, address, port: socket.remotePort ?? 0})
    })
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(listen.port, listen.address, () => {
        server.off('error', reject)
        server.on('error', (error) => log.warn({error: error.message}, 'SIP: listener error'))
        servers.push(server)
        resolve(server)
      })
    })
  }

  function dial(remote: Remote, servername: string | undefined): net.Socket {
    // Bind to our address, so that peers that trust by source address see the configured one (notes/sip.md §4 quirk 3).
    const local = wildcard ? {} : {localAddress: listen.address}
    if (remote.protocol === 'TCP') return net.connect({host: remote.address, port: remote.port, ...local})
    const files = listen.tls
    const name = servername ?? remote.address
    return tls.connect({
      host: remote.address,
      port: remote.port,
      ...local,
      ...(net.isIP(name) ? {} : {servername: name}),
      ...(files ? {key: files.key, cert: files.cert, ...(files.ca ? {ca: files.ca} : {})} : {}),
      // We dial the resolved address; the certificate must name the host we meant (RFC 5922 §7.2).
      checkServerIdentity: (_host, cert) => tls.checkServerIdentity(name, cert),
    })
  }

  async function stop(): Promise<void> {
    const closed = servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve())))
    for (const socket of sockets) socket.destroy()
    const unbound = datagrams.splice(0).map((socket) => new Promise<void>((resolve) => socket.close(() => resolve())))
    streams.clear()
    await Promise.all([...closed, ...unbound])
  }

  return {
    async start() {
      try {
        if (listen.protocol === 'UDP') {
          bound = {address: listen.address, port: (await openDatagram(listen.address, listen.port)).address().port}
        } else {
          bound = {address: listen.address, port: ((await openServer()).address() as net.AddressInfo).port}
          // Outgoing UDP (a contact or next hop without TCP) needs a socket of its own.
          await openDatagram(listen.address, 0)
        }
      } catch (error) {
        await stop()
        throw error
      }
      return bound
    },

    connect(remote, onError, servername) {
      if (remote.protocol === 'UDP') return datagramConnection(datagrams[0]!, remote)
      const open = streams.get(key(remote))
      if (open && !open.destroyed) return streamConnection(open, remote.protocol, onError)
      return streamConnection(adopt(dial(remote, servername), remote), remote.protocol, onError)
    },

    sentBy(protocol) {
      const host = wildcard ? hostname() : listen.address
      if (protocol === 'UDP' && listen.protocol !== 'UDP') return {host, port: datagrams[0]!.address().port}
      return {host, port: bound.port}
    },

    stop,
  }
}
