import type {Element} from '@xmpp/xml'
import type {Logger} from 'pino'
import type {OutgoingSession} from './outgoing.js'
import {StanzaError} from './stanza-error.js'

/**
 * OutgoingLink is the gateway's outgoing stream for one (local domain, partner domain) pair, from the
 * first connection attempt until it closes, with the stanzas waiting for it to authenticate (Prosody's
 * sendq). What may wait is capped: a partner whose server accepts TCP and never answers holds the link
 * in negotiation for StreamEstablishmentTimeout, and the error replies to everything its users sent
 * meanwhile otherwise piled up without bound (issue 12: +68 MB per 20,000).
 */
export class OutgoingLink {
  #session: OutgoingSession | undefined
  #waiting = 0
  /** Error replies dropped at the cap since the queue last drained. */
  #dropped = 0

  constructor(
    readonly local: string,
    readonly remote: string,
    /** Resolves with the connected (not yet authenticated) session, or rejects with the StanzaError to bounce with. */
    readonly connected: Promise<OutgoingSession>,
    readonly limit: number,
    readonly log: Logger,
  ) {
    connected.then((session) => (this.#session = session), () => {})
  }

  /**
   * send writes a stanza once the stream is authenticated, at once when it already is. Past `limit`
   * stanzas waiting, an error reply is dropped (RFC 6120 §8.3.1: nothing answers an error, so its loss
   * is only logged) and any other stanza is refused with resource-constraint (type wait) for its sender.
   */
  async send(stanza: Element): Promise<void> {
    const session = this.#session
    if (session?.authenticated) return session.send(stanza)
    if (this.#waiting >= this.limit) return this.#overflow(stanza)
    this.#waiting++
    try {
      const ready = await this.connected
      await ready.whenAuthenticated()
      ready.send(stanza)
    } finally {
      if (--this.#waiting === 0) this.#drained()
    }
  }

  #overflow(stanza: Element): void {
    if (stanza.attrs.type !== 'error') {
      throw new StanzaError('resource-constraint', 'wait', `${this.limit} stanzas are already waiting for the stream to ${this.remote}`)
    }
    // One line when the queue fills and one when it drains, whatever the number of drops between them.
    if (this.#dropped++ === 0) this.log.warn({local: this.local, remote: this.remote, limit: this.limit}, 's2s queue full; error replies dropped')
  }

  #drained(): void {
    if (this.#dropped === 0) return
    this.log.info({local: this.local, remote: this.remote, dropped: this.#dropped}, 's2s queue drained')
    this.#dropped = 0
  }
}
