import {addressKey} from '../net/address-key.js'

/**
 * How many TCP and TLS connections the SIP listener accepts, in all and from one address (issue 12:
 * there was no limit, and every connection holds a socket, a TLS state and a framer). RFC 3261 §18
 * leaves this to the implementation. A connection past a limit is closed as soon as it is accepted,
 * before any byte of it is read or any TLS handshake is made; the refusals are logged at most once
 * per interval, with their count, so that a flood of connections is not also a flood of log lines.
 * The trusted hosts (-TrustedSipHost, the organisation's own proxies) are not counted: strangers
 * filling the listener must not lock them out.
 */

/** ConnectionLimits bound the accepted connections. */
export interface ConnectionLimits {
  /** The most connections open at once. */
  readonly total: number
  /** The most connections open at once from one remote address. */
  readonly perAddress: number
}

/** DEFAULT_CONNECTION_LIMITS: an organisation's proxy or front-end pool uses a handful of connections, each of its users none. */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {total: 1000, perAddress: 100}

// How often refusals are logged at most.
const LOG_INTERVAL_MS = 10_000

/** Admission counts the open connections. */
export interface Admission {
  /** admit counts a new connection from address and returns what uncounts it once it has closed, or undefined past a limit (the caller closes it). */
  admit(address: string): (() => void) | undefined
}

/** AdmissionOptions are the limits, who is exempt from them, the log and the clock. */
export interface AdmissionOptions {
  readonly limits: ConnectionLimits
  /** exempt tells the addresses not counted (asked at each connection, so that it may change). */
  exempt(address: string): boolean
  readonly log: {warn(obj: object, msg: string): void}
  readonly now?: () => number
}

/** createAdmission counts connections against the limits and logs refusals through log.warn. */
export function createAdmission({limits, exempt, log, now = Date.now}: AdmissionOptions): Admission {
  if (!(limits.total >= 1 && limits.perAddress >= 1)) throw new RangeError(`SIP connection limits must be at least 1: ${JSON.stringify(limits)}`)
  const open = new Map<string, number>()
  let total = 0
  let refused = 0
  let loggedAt = Number.NEGATIVE_INFINITY

  function refuse(address: string): undefined {
    refused++
    if (now() - loggedAt >= LOG_INTERVAL_MS) {
      log.warn({refused, lastAddress: address, open: total, limits}, 'SIP: connection limit reached; new connections are closed')
      loggedAt = now()
      refused = 0
    }
    return undefined
  }

  function release(address: string): void {
    const fromAddress = open.get(address) ?? 1
    if (fromAddress <= 1) open.delete(address)
    else open.set(address, fromAddress - 1)
    total--
  }

  return {
    admit(remote) {
      if (exempt(remote)) return () => {}
      // Counted per IPv4 address or IPv6 /64: one host holds a whole /64 and could rotate through it.
      const address = addressKey(remote)
      const fromAddress = open.get(address) ?? 0
      if (total >= limits.total || fromAddress >= limits.perAddress) return refuse(address)
      open.set(address, fromAddress + 1)
      total++
      let released = false
      return () => {
        if (!released) release(address)
        released = true
      }
    },
  }
}
