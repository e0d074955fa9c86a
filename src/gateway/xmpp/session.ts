import {randomUUID} from 'node:crypto'
import type {Element} from '@xmpp/xml'
import type {Logger} from 'pino'
import type {DeepReadonly, StoreDocument, XmppAllowedPartnerRecord} from '../../../store/index.js'
import type {TlsAcceptor, TlsIdentity} from '../net/tls.js'
import type {SrvResolver} from '../net/targets.js'
import {partnerFor} from '../policy/access.js'
import type {Refusal} from './negotiation.js'
import type {XmppStream} from './stream.js'

/**
 * What every server-to-server session shares (Prosody's session record): the stream, the two domains,
 * how it was authenticated, and the environment it runs in. Sessions read the configuration through
 * the environment on every decision, so a reload changes their behaviour without rebuilding them
 * (ARCHITECTURE rule 4: live session state is kept apart from configuration).
 */

/** AuthenticationMethod is one of the three methods of the negotiation matrix (cmdlets.md A5.2). */
export type AuthenticationMethod = 'saslOverTls' | 'tlsDialback' | 'tcpDialback'

/** S2sEnvironment is what sessions need from the gateway; the composition root provides it. */
export interface S2sEnvironment {
  /** The current store snapshot's document; read on every decision. */
  document(): DeepReadonly<StoreDocument>
  /** The secret dialback keys are derived from (XEP-0185). */
  dialbackSecret(): string
  /** The gateway's certificate, when one is assigned (STARTTLS is offered only with one). */
  identity(): TlsIdentity | undefined
  /** The receiving side of TLS; undefined while no certificate is assigned. */
  acceptor(): TlsAcceptor | undefined
  readonly resolver: SrvResolver
  /** Resolves a host name to an address: the system's lookup, or the DNS servers the gateway was given. */
  lookup(host: string): Promise<string>
  readonly log: Logger
  /** Whether outgoing connections try XEP-0368 direct TLS SRV records first. */
  readonly directTls: boolean
  /**
   * A stanza for a local domain arrived on an authenticated stream. A promise settles when the
   * stanza has been handled (its SIP transaction ended); the session reads less while many are open.
   */
  deliver(stanza: Element, session: S2sSession): Promise<void> | void
  /**
   * Sends an error reply toward a partner, on the gateway's own stream to it (RFC 6120 §10.4: an
   * incoming stream carries one direction). It never throws: a reply that cannot go is dropped, and
   * nothing ever answers it (RFC 6120 §8.3.1).
   */
  reply(stanza: Element): void
  /** Receiving role of dialback: ask the originating domain's authoritative server (XEP-0220 §2.3). */
  verifyDialback(request: {receiving: string; originating: string; streamId: string; key: string}): Promise<boolean>
  /** Admission control (cmdlets.md A8.2): a refusal when this partner may not have one more stream. */
  admit(partner: DeepReadonly<XmppAllowedPartnerRecord>, session: S2sSession): Refusal | undefined
  /** The session authenticated its peer (Prosody's s2s-authenticated): it no longer counts as unauthenticated. */
  authenticated(session: S2sSession): void
  /** The session ended: it leaves the session table. */
  ended(session: S2sSession): void
}

export abstract class S2sSession {
  abstract readonly direction: 'incoming' | 'outgoing'
  readonly started = performance.now()
  /** The stream id the receiving side chose; dialback keys are bound to it. */
  streamId = ''
  localDomain: string | undefined
  remoteDomain: string | undefined
  /** How the remote domain was authenticated; undefined until it was. */
  method: AuthenticationMethod | undefined
  /** Further remote domains authenticated on the same incoming stream by dialback (XEP-0220 §2.5). */
  readonly extraDomains = new Set<string>()
  /** TLS from the first byte (XEP-0368) rather than STARTTLS. */
  readonly directTls: boolean

  constructor(
    readonly env: S2sEnvironment,
    readonly stream: XmppStream,
  ) {
    this.directTls = stream.secured
  }

  /** authenticated tells whether stanzas may flow. */
  get authenticated(): boolean {
    return this.method !== undefined
  }

  /** partner is the allowed partner this session's remote domain belongs to, in the current configuration. */
  partner(): DeepReadonly<XmppAllowedPartnerRecord> | undefined {
    return this.remoteDomain === undefined ? undefined : partnerFor(this.env.document(), this.remoteDomain)
  }

  /** close ends the session, with a stream error when a refusal is given. */
  close(refusal?: {condition: string; text?: string}): void {
    if (refusal) this.env.log.info({direction: this.direction, local: this.localDomain, remote: this.remoteDomain, condition: refusal.condition, text: refusal.text}, 's2s stream closed')
    this.stream.close(refusal?.condition, refusal?.text)
  }

  /**
   * step runs an asynchronous part of the session (dialback, a TLS upgrade): a failure in it ends this
   * stream with internal-server-error (XmppStream.fail), never reaches the process.
   */
  protected step(work: Promise<unknown>): void {
    work.catch((error: unknown) => this.stream.fail(error))
  }

  /** describe is the session's fields for log lines. */
  describe(): Record<string, unknown> {
    return {direction: this.direction, local: this.localDomain, remote: this.remoteDomain, method: this.method, secure: this.stream.secured, directTls: this.directTls, id: this.streamId}
  }
}

/** newStreamId makes a stream id that cannot be guessed (RFC 6120 §4.7.3). */
export function newStreamId(): string {
  return randomUUID()
}
