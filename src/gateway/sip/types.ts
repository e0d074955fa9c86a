/**
 * The SIP side's contract with the rest of the gateway (re-exported by index.ts). Addresses are
 * sip: URIs as strings; text fields are Unicode strings (the wire's UTF-8 is handled inside).
 */

/** SipMessageIn is a MESSAGE a SIP user sent (RFC 3428 page mode), accepted for processing (RFC 7572 §6). */
export interface SipMessageIn {
  /** The sender's address of record, `sip:romeo@sip.example`: From without display name, port or parameters. */
  readonly from: string
  /** The recipient, `sip:juliet@xmpp.example`: To's address of record, with `;gr=` when the request names an instance (RFC 7247 §5.2; sipToJid maps it to a resource). */
  readonly to: string
  /** The sender's instance: From's `gr` parameter, percent-decoded (RFC 7247 §5.3 step 8: the XMPP resource). */
  readonly gr?: string
  /** The text/plain body as text. */
  readonly body: string
  /** The Content-Type as sent; always text/plain, with charset UTF-8 or none (then US-ASCII, a subset). */
  readonly contentType: string
  /** The Subject header (RFC 7572 §5: `<subject/>`). */
  readonly subject?: string
  /** The Call-ID (RFC 7572 §5: `<thread/>`). */
  readonly callId: string
  /** The Content-Language header (RFC 7572 §5: `xml:lang`). */
  readonly contentLanguage?: string
}

/** SipMessageOut is a MESSAGE the gateway sends to a SIP user on behalf of an XMPP sender (RFC 7572 §5). */
export interface SipMessageOut {
  /** The sender's bare address, `sip:juliet@xmpp.example` (jidToSip of the bare JID). */
  readonly from: string
  /** The sender's XMPP resource, unencoded; it becomes `;gr=` on From (RFC 7247 §5.4 step 8). */
  readonly gr?: string
  /** The recipient, `sip:romeo@sip.example`. */
  readonly to: string
  readonly body: string
  readonly subject?: string
  /** Becomes the Call-ID (RFC 7572 §5: from `<thread/>`); characters Call-ID does not allow are percent-encoded. A fresh one when absent. */
  readonly callId?: string
  /** A language tag (RFC 7572 §5: from `xml:lang`); left out when it is not one. */
  readonly contentLanguage?: string
}

/** SipOutcome is a final SIP status: a peer's response, the caller's verdict, or a local one (408, 480, 503, 513). */
export interface SipOutcome {
  readonly status: number
  readonly reason: string
  /** A Warning header value (RFC 3261 §20.43) for the response, such as the 399 of cmdlets.md A11.5. */
  readonly warning?: string
}

/** SipTransportName is the transport of -SipTransport (cmdlets.md A9.4), lower case. */
export type SipTransportName = 'udp' | 'tcp' | 'tls'

/** SipLog is the logger the endpoint writes to (pino's method shape); message bodies are never logged (cmdlets.md A8.6 is the caller's). */
export interface SipLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  debug(obj: object, msg: string): void
}

/** SipEndpointOptions configure createSipEndpoint. */
export interface SipEndpointOptions {
  /** Where to listen (-SipListenAddress, -SipPort, -SipTransport); port 0 picks a free one. tls holds PEM texts; with `ca`, inbound TLS requires a client certificate chaining to it (mutual TLS) and outbound TLS verifies servers against it. */
  readonly listen: {
    readonly address: string
    readonly port: number
    readonly transport: SipTransportName
    readonly tls?: {readonly key: string; readonly cert: string; readonly ca?: string}
  }
  /** -TrustedSipHost: IPs, host names (resolved at start) or CIDRs whose requests need no authentication. */
  readonly trustedHosts: readonly string[]
  /** A trusted proxy (e.g. Kamailio) through which users without a registration here are reached, with a loose Route (RFC 3261 §16.12). */
  readonly nextHop?: {readonly host: string; readonly port: number; readonly transport: SipTransportName}
  /** isServedDomain tells the gateway's SIP domains (cmdlets.md A9.2); asked per request, so a reload applies at once. The domain comes lower-case, internationalized ones as U-labels (the store's form, A2.2). */
  isServedDomain(domain: string): boolean
  /** ha1 gives the digest HA1 of `user@domain` (realm = domain as isServedDomain gets it, digest username = user), or undefined when the user has none. */
  ha1(user: string): Promise<string | undefined>
  /** onMessage decides the final status of an accepted MESSAGE (200, 403, 404, 480 …); authenticatedUser is `user@domain` when digest authenticated it, absent for a trusted host. */
  onMessage(message: SipMessageIn & {authenticatedUser?: string}): Promise<SipOutcome>
  /**
   * federationRefusal is the answer to every request toward XMPP (a Request-URI outside the served
   * domains) while federation is off (cmdlets.md A11.5), undefined while it is on; asked per request.
   * Absent: federation is always on.
   */
  federationRefusal?(): SipOutcome | undefined
  readonly log: SipLog
  /** How long sendMessage waits for a final response before answering 408 (RFC 3261 Timer F is 32 s); default 8000. */
  readonly transactionTimeoutMs?: number
  /** How long a digest nonce is fresh; default 300000 (5 min). */
  readonly nonceLifetimeMs?: number
  /** How many fresh nonces have their nonce-count tracked against replays (RFC 2617 §3.2.2); default 10000. */
  readonly maxNonceCounts?: number
  /** How many contacts one user may have bound with the embedded registrar at once (RFC 3261 §10.3; more is 403); default 10. */
  readonly maxContactsPerUser?: number
  /** How many TCP/TLS connections the listener accepts, in all and from one address; default 1000 and 100 (admission.ts). The trusted hosts are not counted. */
  readonly connectionLimits?: {readonly total: number; readonly perAddress: number}
}

/** SipEndpoint is the running SIP side: started and stopped once. */
export interface SipEndpoint {
  /** start resolves the trusted hosts and binds the listener; rejects on a bind or configuration error. */
  start(): Promise<void>
  /** stop closes the listener and every connection, ends all transactions and settles pending sendMessage calls with 503. */
  stop(): Promise<void>
  /** sendMessage delivers a MESSAGE and settles with its final status; never rejects for network reasons. */
  sendMessage(message: SipMessageOut): Promise<SipOutcome>
  /** address is where the endpoint listens (the real port once started). */
  readonly address: {readonly address: string; readonly port: number}
}
