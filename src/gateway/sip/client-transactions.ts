import {randomUUID} from 'node:crypto'
import type {Connection, SipMessage} from 'sip'

/**
 * The client side of the transaction layer (RFC 3261 §17.1.2, non-INVITE: the gateway sends only
 * MESSAGE), over every transport. The `sip` package's client transactions are not used: their branch
 * is 'z9hG4bK' + Math.round(Math.random() * 1e6), about 20 bits from a non-cryptographic generator,
 * and a response is matched by that branch alone (with the Call-ID and CSeq method), from any source.
 * The Call-ID of a MESSAGE toward SIP is the XMPP <thread> a partner chose, so an attacker who could
 * send UDP to the gateway could forge the final response of a message by guessing the branch (issue 12
 * review). Here the branch is a version 4 UUID, 122 bits from the system's CSPRNG (§8.1.1.7: "unique
 * across space and time"); it is then the one secret a forgery would need.
 *
 * Over UDP the request is retransmitted (Timer E, §17.1.2.2): at T1, then at doubling intervals up to
 * T2, and every T2 once a provisional response came. Over TCP and TLS it is sent once. A transaction
 * ends at its final response, or when its user ends it (the stack's per-request timer plays Timer F,
 * whose 64*T1 the package fixes at 32 s). The Completed state keeps nothing (no Timer K): a response
 * after the final one matches no transaction and is dropped, which is what Completed does with it,
 * and an unmatched response has no use for our core (§18.1.2). No timer of the package runs.
 */

/** T1_MS is RFC 3261's round-trip estimate (§17.1.1.1): the first retransmission interval. */
export const T1_MS = 500
/** T2_MS is RFC 3261's maximum retransmission interval of a non-INVITE request (§17.1.2.2). */
export const T2_MS = 4000

/** ClientSide keeps the client transactions, by branch. */
export interface ClientSide {
  /**
   * start sends a request, whose top Via carries a branch from newBranch, as a new client
   * transaction; onFinal hears its final response, once.
   */
  start(request: SipMessage, connection: Connection, onFinal: (response: SipMessage) => void): void
  /** response hands a response to the transaction it answers (§17.1.3: top Via branch and CSeq method); any other is dropped. */
  response(message: SipMessage): void
  /** end ends a transaction, if it still runs: no more retransmissions, and later responses are dropped. */
  end(branch: string): void
}

/** newBranch is a branch no one can guess: §8.1.1.7's magic cookie and a version 4 UUID. */
export const newBranch = (): string => `z9hG4bK${randomUUID()}`

interface Transaction {
  readonly method: string
  readonly onFinal: (response: SipMessage) => void
  proceeding: boolean
  timerE?: NodeJS.Timeout
}

/** createClientSide makes an empty set of client transactions. */
export function createClientSide(): ClientSide {
  const transactions = new Map<string, Transaction>()

  /** retransmit arms Timer E (§17.1.2.2): MIN(2 * interval, T2) while Trying, T2 once Proceeding. */
  function retransmit(transaction: Transaction, request: SipMessage, connection: Connection, interval: number): void {
    transaction.timerE = setTimeout(() => {
      connection.send(request)
      retransmit(transaction, request, connection, transaction.proceeding ? T2_MS : Math.min(2 * interval, T2_MS))
    }, interval)
  }

  function end(branch: string): void {
    const transaction = transactions.get(branch)
    if (!transaction) return
    transactions.delete(branch)
    clearTimeout(transaction.timerE)
  }

  return {
    start(request, connection, onFinal) {
      const branch = String(request.headers.via[0]!.params.branch)
      const transaction: Transaction = {method: request.method!, onFinal, proceeding: false}
      transactions.set(branch, transaction)
      connection.send(request)
      // A send that failed at once may have ended the transaction already.
      if (connection.protocol === 'UDP' && transactions.get(branch) === transaction) retransmit(transaction, request, connection, T1_MS)
    },

    response(message) {
      const branch = String(message.headers.via[0]?.params.branch)
      const transaction = transactions.get(branch)
      if (!transaction || transaction.method !== message.headers.cseq?.method) return
      if ((message.status ?? 0) < 200) return void (transaction.proceeding = true)
      end(branch)
      transaction.onFinal(message)
    },

    end,
  }
}
