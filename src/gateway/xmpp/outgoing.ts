import {type Element, xml} from '@xmpp/xml'
import type {TLSSocket} from 'node:tls'
import {certificateValidFor, connectTls} from '../net/tls.js'
import {methodsFor} from '../policy/access.js'
import {dialbackRequest, isDialback} from './dialback.js'
import {dialbackKey} from './dialback-key.js'
import {notAllowed, requiresOther} from './negotiation.js'
import {S2sSession, type S2sEnvironment} from './session.js'
import {StanzaError} from './stanza-error.js'
import {NS_SASL, NS_TLS, streamHeader} from './stream-output.js'
import type {XmppStream} from './stream.js'

/**
 * The initiating side of a server-to-server stream (RFC 6120 §4–§6, XEP-0220 originating role):
 * STARTTLS when the partner's row wants TLS and the peer offers it, then SASL EXTERNAL with the
 * gateway's certificate where the row allows it and the peer's certificate is valid for its domain,
 * otherwise dialback with a key derived from the DialbackPassphrase. The stream also carries the
 * gateway's `<db:verify>` requests when it verifies keys for its receiving role.
 */
export class OutgoingSession extends S2sSession {
  readonly direction = 'outgoing'
  /** The peer's certificate is valid for the partner domain (SASL EXTERNAL needs it, A5.2). */
  #peerCertificateValid = false
  /** Features arrived on the final (secured where wanted) stream: db:verify may be sent. */
  #ready = false
  readonly #pendingVerifies: Element[] = []
  readonly #verifies = new Map<string, (valid: boolean) => void>()
  readonly #authenticated: Promise<void>
  #settle!: {resolve: () => void; reject: (error: StanzaError) => void}

  constructor(env: S2sEnvironment, stream: XmppStream, local: string, remote: string) {
    super(env, stream)
    this.localDomain = local
    this.remoteDomain = remote
    this.#authenticated = new Promise((resolve, reject) => (this.#settle = {resolve, reject}))
    // Callers that never wait (a verification-only link) must not see an unhandled rejection.
    this.#authenticated.catch(() => {})
    // XEP-0368: a direct TLS connection arrives secured; STARTTLS checks the certificate in #upgrade.
    if (stream.secured) this.#peerCertificateValid = certificateValidFor(stream.socket as TLSSocket, remote)
    stream.on('header', (header) => (this.streamId = header.attrs.id ?? ''))
    stream.on('stanza', (stanza) => this.#onStanza(stanza))
    stream.on('violation', (condition, text) => this.#fail(text, condition))
    stream.on('end', () => this.#fail('the partner closed the stream'))
    stream.on('closed', () => {
      this.#fail('the connection closed')
      for (const answer of this.#verifies.values()) answer(false)
      env.ended(this)
    })
    this.#openStream()
  }

  /** authenticated resolves when stanzas may be sent, or rejects with the reason queued stanzas bounce with. */
  whenAuthenticated(): Promise<void> {
    return this.#authenticated
  }

  /** send writes a stanza on the authenticated stream. */
  send(stanza: Element): void {
    this.stream.send(stanza, true)
  }

  /** verify asks this peer, as authoritative server, whether a key it sent is genuine (XEP-0220 §2.3). */
  verify(request: {receiving: string; originating: string; streamId: string; key: string}): Promise<boolean> {
    const element = dialbackRequest('verify', {from: request.receiving, to: request.originating, id: request.streamId, key: request.key})
    return new Promise((resolve) => {
      this.#verifies.set(`${request.streamId}|${request.originating}`, resolve)
      if (this.#ready) this.stream.send(element)
      else this.#pendingVerifies.push(element)
    })
  }

  #openStream(): void {
    this.stream.send(streamHeader({from: this.localDomain!, to: this.remoteDomain!}))
  }

  #onStanza(stanza: Element): void {
    if (stanza.is('features', 'http://etherx.jabber.org/streams')) return this.#onFeatures(stanza)
    if (stanza.is('error', 'http://etherx.jabber.org/streams')) return this.#fail(`the partner sent a stream error: ${stanza.toString()}`)
    if (stanza.is('proceed', NS_TLS)) return this.step(this.#upgrade())
    if (stanza.is('success', NS_SASL)) {
      this.stream.restart()
      this.#openStream()
      return this.#done('saslOverTls')
    }
    if (stanza.is('failure', NS_SASL)) return this.#dialbackOrFail()
    if (isDialback(stanza, 'result')) {
      if (stanza.attrs.type === 'valid') return this.#done(this.stream.secured ? 'tlsDialback' : 'tcpDialback')
      return this.#fail(`the partner refused the dialback key (${stanza.attrs.type ?? 'no type'})`)
    }
    if (isDialback(stanza, 'verify') && stanza.attrs.type) {
      const key = `${stanza.attrs.id}|${stanza.attrs.from}`
      this.#verifies.get(key)?.(stanza.attrs.type === 'valid')
      this.#verifies.delete(key)
    }
  }

  #onFeatures(features: Element): void {
    const partner = this.partner()
    if (!partner) return this.#fail(notAllowed(this.remoteDomain ?? '').text)
    if (!this.stream.secured) {
      if (features.getChild('starttls', NS_TLS) && partner.TlsNegotiation !== 'NotSupported') {
        return this.stream.send(xml('starttls', {xmlns: NS_TLS}))
      }
      if (partner.TlsNegotiation === 'Required') return this.#fail(requiresOther(partner).text)
    }
    this.#ready = true
    for (const element of this.#pendingVerifies.splice(0)) this.stream.send(element)
    if (this.authenticated) return
    const mechanisms = features.getChild('mechanisms', NS_SASL)?.getChildren('mechanism').map((m) => m.getText().trim()) ?? []
    if (this.stream.secured && methodsFor(partner).saslOverTls && this.#peerCertificateValid && mechanisms.includes('EXTERNAL') && this.env.identity()) {
      // RFC 6120 §6.4.2 with RFC 4422 Appendix A: the authorization identity is the gateway's domain.
      return this.stream.send(xml('auth', {xmlns: NS_SASL, mechanism: 'EXTERNAL'}, Buffer.from(this.localDomain!).toString('base64')))
    }
    this.#dialbackOrFail()
  }

  async #upgrade(): Promise<void> {
    const identity = this.env.identity()
    await this.stream.upgrade((raw) => connectTls({socket: raw, domain: this.remoteDomain!, identity, timeoutMs: 10_000}))
    if (!this.stream.isOpen || !this.stream.secured) return
    this.#peerCertificateValid = certificateValidFor(this.stream.socket as TLSSocket, this.remoteDomain!)
    this.#openStream()
  }

  /** #dialbackOrFail authenticates with a dialback key where the row allows it on this stream (A5.2). */
  #dialbackOrFail(): void {
    const partner = this.partner()
    if (!partner) return this.#fail(notAllowed(this.remoteDomain ?? '').text)
    const method = this.stream.secured ? 'tlsDialback' : 'tcpDialback'
    if (!methodsFor(partner)[method]) return this.#fail(requiresOther(partner).text)
    const key = dialbackKey(this.env.dialbackSecret(), this.remoteDomain!, this.localDomain!, this.streamId)
    this.stream.send(dialbackRequest('result', {from: this.localDomain!, to: this.remoteDomain!, key}))
  }

  #done(method: 'saslOverTls' | 'tlsDialback' | 'tcpDialback'): void {
    this.method = method
    this.env.authenticated(this)
    this.env.log.info(this.describe(), 's2s stream authenticated')
    this.#settle.resolve()
  }

  /** #fail ends an attempt: queued stanzas bounce with remote-server-not-found (A5.2, sending side). */
  #fail(text: string, condition?: string): void {
    if (this.authenticated) {
      if (condition) this.close({condition, text})
      else this.stream.close()
      return
    }
    this.#settle.reject(new StanzaError('remote-server-not-found', 'cancel', text))
    if (this.stream.isOpen) {
      this.env.log.info({...this.describe(), reason: text}, 's2s stream failed')
      this.stream.close(condition)
    }
  }
}
