import {lookup} from 'node:dns/promises'
import net from 'node:net'
import {makeResponse, makeTransactionLayer, type Connection, type SipMessage} from 'sip'
import {createClientSide, newBranch} from './client-transactions.js'
import {reasonPhrase} from './errors.js'
import {respond} from './message.js'
import {createServerSide, type Answer} from './server-transactions.js'
import {createTransport, type Protocol, type Remote, type TransportOptions} from './transport.js'
import {wire} from './wire.js'

/**
 * The transaction user's view of SIP (RFC 3261 §17): requests in, each with a function that answers
 * it (server-transactions.ts says when that keeps state, over the `sip` package's transaction
 * layer); requests out, each settling with its final response (client-transactions.ts, over every
 * transport: the package's branches could be guessed). Every request is bounded by its own timer,
 * which plays Timer F (the package's is a fixed 32 s), and whatever is pending when the stack stops
 * is settled.
 */

/** Target is where a request is sent: a host name or address, a port and a protocol. */
export interface Target {
  readonly host: string
  readonly port: number
  readonly protocol: Protocol
}

export type {Answer, AnswerOptions} from './server-transactions.js'

/** RequestLimits bound one outgoing request. */
export interface RequestLimits {
  readonly timeoutMs: number
  readonly maxUdpBytes?: number
}

/** StackOptions are the transport's listener and log, and the handler of new requests. */
export interface StackOptions {
  readonly listen: TransportOptions['listen']
  readonly log: TransportOptions['log']
  readonly connectionLimits?: TransportOptions['connectionLimits']
  isTrusted?(address: string): boolean
  onRequest(request: SipMessage, remote: Remote, answer: Answer): void
}

/** SipStack is a started-once, stopped-once SIP transaction user. */
export interface SipStack {
  start(): Promise<{address: string; port: number}>
  /**
   * request sends a request with a fresh top Via and settles with the final response, a local 408
   * after timeoutMs, a local 503 on a transport error (RFC 3261 §8.1.3.1), or a local 513 when
   * over UDP it would be longer than maxUdpBytes.
   */
  request(target: Target, request: SipMessage, limits: RequestLimits): Promise<SipMessage>
  stop(): Promise<void>
}

/** createSipStack wires the transport to the client transactions and to the server side. */
export function createSipStack(options: StackOptions): SipStack {
  const {log} = options
  const pending = new Set<(status: number) => void>()
  const clients = createClientSide()
  let running = false
  // The package's transaction layer keeps only server transactions.
  const layer = makeTransactionLayer({})
  const server = createServerSide({layer, onRequest: options.onRequest, running: () => running})

  /**
   * tooLarge fails the one transaction a message over the size limits belongs to: a request is
   * answered 513 without a transaction (RFC 3261 §21.5.14), a response settles the request it
   * answers with a local 513. Other transactions on the connection go on.
   */
  function tooLarge(head: SipMessage | undefined, remote: Remote, connection: Connection): void {
    const headers = head?.headers
    if (!head || !headers?.via?.[0] || !headers.cseq) return log.debug({remote}, 'SIP: an oversized message names no transaction')
    if (head.status) return clients.response({...head, status: 513, reason: reasonPhrase(513)})
    if (head.method !== 'ACK' && headers.from && headers.to && headers['call-id']) connection.send(respond(head, 513))
  }

  const transport = createTransport({
    listen: options.listen,
    log,
    ...(options.connectionLimits ? {connectionLimits: options.connectionLimits} : {}),
    isTrusted: (address) => options.isTrusted?.(address) ?? false,
    onOversized(head, remote, connection) {
      try {
        tooLarge(head, remote, connection)
      } catch (error) {
        log.warn({error: (error as Error).message}, 'SIP: oversized message handling failed')
      }
    },
    onMessage(message, remote, connection) {
      try {
        if (!message.method) return clients.response(message)
        server.request(message, remote, connection)
      } catch (error) {
        log.warn({error: (error as Error).message}, 'SIP: message handling failed')
      }
    },
  })

  async function resolve(target: Target): Promise<Remote> {
    return {protocol: target.protocol, address: (await lookup(target.host)).address, port: target.port}
  }

  return {
    async start() {
      const bound = await transport.start()
      running = true
      return bound
    },

    async request(target, request, {timeoutMs, maxUdpBytes}) {
      if (!running) throw new Error('SIP stack: request() before start() or after stop()')
      let remote: Remote
      try {
        // A next hop given as an address (every request through a proxy) costs no promise.
        remote = net.isIP(target.host) ? {protocol: target.protocol, address: target.host, port: target.port} : await resolve(target)
      } catch (error) {
        log.warn({host: target.host, error: (error as Error).message}, 'SIP: next hop does not resolve')
        return makeResponse(request, 503, 'Service Unavailable')
      }
      // Stopped while the name was being resolved.
      if (!running) return makeResponse(request, 503, 'Service Unavailable')
      const sentBy = transport.sentBy(remote.protocol)
      // RFC 3261 §8.1.1.7: a branch unique across space and time, and here one no one can guess.
      const branch = newBranch()
      request.headers.via = [{version: '2.0', protocol: remote.protocol, host: sentBy.host, port: sentBy.port, params: remote.protocol === 'UDP' ? {branch, rport: null} : {branch}}]
      if (remote.protocol === 'UDP' && maxUdpBytes !== undefined && wire(request).length > maxUdpBytes) {
        return makeResponse(request, 513, 'Message Too Large')
      }
      return new Promise<SipMessage>((settle) => {
        const done = (response: SipMessage) => {
          if (!pending.delete(abort)) return
          clearTimeout(timer)
          clients.end(branch)
          connection.release()
          settle(response)
        }
        const abort = (status: number) => done(makeResponse(request, status, reasonPhrase(status)))
        const timer = setTimeout(() => abort(408), timeoutMs)
        pending.add(abort)
        const connection = transport.connect(remote, (error) => {
          log.debug({remote, error: error.message}, 'SIP: transport error on a request')
          abort(503)
        }, target.host)
        clients.start(request, connection, done)
      })
    },

    async stop() {
      running = false
      for (const abort of [...pending]) abort(503)
      layer.destroy()
      await transport.stop()
    },
  }
}
