import type {Connection, SipMessage, TransactionLayer} from 'sip'
import {respond} from './message.js'
import type {Remote} from './transport.js'

/**
 * The server side of the transaction layer (RFC 3261 §17.2): requests in, each answered once, and
 * the state that costs. A server transaction exists only to answer a UDP retransmission of a request
 * already answered (§17.2.2: it lives 64*T1 = 32 s after its final response; over TCP and TLS
 * Timer J is zero, so none is kept). Before this, one was made for every request before it was
 * handled, so that each 407 to an unauthenticated flood held its request, its response and two
 * closures for 32 s (issue 12: 2.4 GB at full rate). Now:
 *
 * - while a request is handled, only its key is kept (a bounded set), and a retransmission of it is
 *   absorbed (§17.2.2, the Trying state);
 * - an answer may be stateless (§8.2.7): a challenge to a request no one has authenticated keeps
 *   nothing, and a retransmission is challenged again;
 * - a stateful answer over UDP gets its server transaction then, and only while fewer than
 *   MAX_TRANSACTIONS exist; beyond, it is sent without one (a lost response means the request is
 *   handled again, as with any stateless answer).
 */

/** AnswerOptions say how a final response is sent. */
export interface AnswerOptions {
  /** stateless sends it without a server transaction (RFC 3261 §8.2.7): nothing is kept, a retransmission of the request is handled again. */
  readonly stateless?: boolean
}

/** Answer sends the final response to a request; only its first call counts. */
export type Answer = (response: SipMessage, options?: AnswerOptions) => void

/** ServerSideOptions are the package's transaction layer, the handler of new requests, and whether the stack still runs. */
export interface ServerSideOptions {
  readonly layer: TransactionLayer
  onRequest(request: SipMessage, remote: Remote, answer: Answer): void
  readonly running: () => boolean
}

/** ServerSide takes the requests the transport received. */
export interface ServerSide {
  request(message: SipMessage, remote: Remote, connection: Connection): void
}

// UDP requests being handled at once; past it a new one is answered 503 at once (§21.5.4: overloaded).
const MAX_HANDLING = 10_000
// UDP server transactions kept at once (each about 3 KB for 32 s).
const MAX_TRANSACTIONS = 10_000

/** transactionKey is how the package's layer tells a request's transaction (method, Call-ID, top Via branch). */
const transactionKey = (m: SipMessage): string => `${m.headers.cseq.method}\0${m.headers['call-id']}\0${String(m.headers.via[0]!.params.branch)}`

/** createServerSide makes the server side over a transaction layer. */
export function createServerSide(options: ServerSideOptions): ServerSide {
  const {layer} = options
  const handling = new Set<string>()
  let transactions = 0

  /** keep answers through a new server transaction, counted until the layer ends it (its cleanup releases the connection). */
  function keep(request: SipMessage, connection: Connection, response: SipMessage): void {
    transactions++
    const counted: Connection = {
      protocol: connection.protocol,
      send: (m) => connection.send(m),
      release: () => {
        transactions--
        connection.release()
      },
    }
    layer.createServerTransaction(request, counted).send(response)
  }

  return {
    request(message, remote, connection) {
      // A retransmission of a request answered: its transaction repeats the response (§17.2.2).
      const existing = layer.getServer(message)
      if (existing) return existing.message(message)
      // A stray ACK (to a non-2xx we sent for an INVITE) belongs to no new transaction.
      if (message.method === 'ACK') return
      const key = remote.protocol === 'UDP' ? transactionKey(message) : undefined
      if (key !== undefined) {
        if (handling.has(key)) return
        if (handling.size >= MAX_HANDLING) return connection.send(respond(message, 503))
        handling.add(key)
      }
      let answered = false
      options.onRequest(message, remote, (response, {stateless = false} = {}) => {
        if (answered) return
        answered = true
        if (key !== undefined) handling.delete(key)
        if (!options.running()) return
        if (key === undefined || stateless || transactions >= MAX_TRANSACTIONS) return connection.send(response)
        keep(message, connection, response)
      })
    },
  }
}
