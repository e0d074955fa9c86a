import {type Element, xml} from '@xmpp/xml'
import type {TLSSocket} from 'node:tls'
import type {DeepReadonly, XmppAllowedPartnerRecord} from '../../../store/index.js'
import {certificateProblem, certificateValidFor} from '../net/tls.js'
import {FEDERATION_DISABLED, federationEnabled, isServedDomain, methodsFor, partnerFor} from '../policy/access.js'
import {dialbackAnswer, isDialback} from './dialback.js'
import {dialbackKey, keysMatch} from './dialback-key.js'
import {canonicalDomain} from './domain.js'
import {featuresFor, notAllowed, requiresOther} from './negotiation.js'
import {type AuthenticationMethod, S2sSession, newStreamId} from './session.js'
import {errorReply, isAnswerable} from './stanza-error.js'
import {judgeStanza} from './stanza-rules.js'
import {NS_SASL, NS_TLS, streamFeatures, streamHeader} from './stream-output.js'
import type {XmppStream} from './stream.js'
import type {S2sEnvironment} from './session.js'

/** Flow control (#track): stop reading at this many stanzas still being handled, read again at DELIVERY_RESUME. */
const DELIVERY_WINDOW = 64
const DELIVERY_RESUME = 16

/**
 * The receiving side of a server-to-server stream (RFC 6120 §4–§6, XEP-0220): answer the header,
 * offer exactly the features the partner's matrix row allows, run STARTTLS, SASL EXTERNAL, dialback
 * (receiving and authoritative roles), then hand authenticated stanzas to the gateway. Prosody's
 * mod_s2s incoming half, as one state machine.
 */
export class IncomingSession extends S2sSession {
  readonly direction = 'incoming'
  /** The peer presented a certificate valid for its domain: SASL EXTERNAL may be offered. */
  #certificateValid = false
  /** Why the certificate is not valid, for the refusal text. */
  #certificateProblem = 'no certificate was presented'
  #headerSent = false
  /** Delivered stanzas not handled yet, and whether that stopped the reading. */
  #inFlight = 0
  #paused = false
  /** Originating domains whose dialback key is being verified (XEP-0220 §2.3). */
  readonly #verifying = new Set<string>()

  constructor(env: S2sEnvironment, stream: XmppStream) {
    super(env, stream)
    stream.on('header', (header) => this.#onHeader(header))
    stream.on('stanza', (stanza) => this.#onStanza(stanza))
    stream.on('violation', (condition, text) => this.refuse({condition, text}))
    stream.on('end', () => this.stream.close())
    stream.on('closed', () => env.ended(this))
  }

  /** refuse ends the stream with a stream error (RFC 6120 §4.9). */
  refuse(refusal: {condition: string; text?: string}): void {
    this.close(refusal)
  }

  /**
   * close ends the stream, with a stream error when a refusal is given. RFC 6120 §4.9.1.2: an error
   * before the receiving entity's header is still sent inside a stream, so the header goes first,
   * whoever closes: a refusal of the session, a timer (timers.ts), a reload or the admission control.
   */
  override close(refusal?: {condition: string; text?: string}): void {
    if (refusal && !this.#headerSent && this.stream.isOpen) this.#sendHeader(this.localDomain ?? '', this.remoteDomain ?? '')
    super.close(refusal)
  }

  #sendHeader(from: string, to: string): void {
    this.streamId = newStreamId()
    this.stream.send(streamHeader({from, to, id: this.streamId}))
    this.#headerSent = true
  }

  #onHeader(header: Element): void {
    if (!this.stream.isOpen) return
    const document = this.env.document()
    const to = canonicalDomain(header.attrs.to ?? '')
    const from = canonicalDomain(header.attrs.from ?? '')
    const first = this.localDomain === undefined
    if (!first) return this.#onRestart(to, from, header)
    this.localDomain = to ?? header.attrs.to
    this.remoteDomain = from ?? header.attrs.from
    // A11.5: with federation off every stream is refused at its header, before any feature is offered.
    if (!federationEnabled(document)) return this.refuse(FEDERATION_DISABLED)
    if (!isServedDomain(document, to)) return this.refuse({condition: 'host-unknown', text: `this gateway does not serve ${header.attrs.to ?? '(no domain)'}`})
    if (from === undefined) return this.refuse({condition: 'invalid-from', text: 'the stream header names no valid from domain'})
    const partner = partnerFor(document, from)
    if (!partner) return this.refuse(notAllowed(from))
    const refusal = this.env.admit(partner, this)
    if (refusal) return this.refuse(refusal)
    this.#negotiateOn(partner)
  }

  /**
   * #onRestart answers the header of a restarted stream (after STARTTLS, RFC 6120 §5.4.3.3, and after
   * SASL, §6.4.6). Both ends are fixed by the first header: what TLS and SASL established is bound to
   * that pair, so a restart naming another partner would speak with its credentials, and one naming
   * another served domain would use a negotiation made for the first (Prosody refuses both alike).
   */
  #onRestart(to: string | undefined, from: string | undefined, header: Element): void {
    if (from !== this.remoteDomain) {
      const opened = this.authenticated ? 'authenticated' : 'was opened by'
      return this.refuse({condition: 'invalid-from', text: `this stream ${opened} ${this.remoteDomain}; it cannot speak for ${header.attrs.from ?? '(no domain)'}`})
    }
    if (to !== this.localDomain) {
      return this.refuse({condition: 'host-unknown', text: `this stream is for ${this.localDomain}; it cannot be restarted for ${header.attrs.to ?? '(no domain)'}`})
    }
    const partner = this.partner()
    if (!partner) return this.refuse(notAllowed(this.remoteDomain ?? ''))
    this.#negotiateOn(partner)
  }

  /** #negotiateOn sends our header and the features for the stream's state (RFC 6120 §4.3.2). */
  #negotiateOn(partner: DeepReadonly<XmppAllowedPartnerRecord>): void {
    const from = this.remoteDomain!
    this.#sendHeader(this.localDomain!, from)
    if (this.authenticated) return this.stream.send(xml('stream:features'))
    // Checked at each header of a secured stream: after STARTTLS, and at once with XEP-0368 direct TLS.
    if (this.stream.secured) this.#checkCertificate(from)
    const features = featuresFor(partner, this.stream.secured, this.#certificateValid)
    // Secured, yet no method left: the row needs SASL EXTERNAL and the certificate does not allow it (A5.2).
    if (this.stream.secured && !features.saslExternal && !features.dialback) {
      return this.refuse({condition: 'not-authorized', text: `the certificate of ${from} is not valid: ${this.#certificateProblem}`})
    }
    this.stream.send(streamFeatures(features))
  }

  #onStanza(stanza: Element): void {
    // A stream this gateway ended (a stream error, RFC 6120 §4.9.1.1) delivers nothing more, even what the same read carried.
    if (!this.stream.isOpen) return
    const partner = this.partner()
    if (!partner) return this.refuse(notAllowed(this.remoteDomain ?? ''))
    if (stanza.is('error', 'http://etherx.jabber.org/streams')) {
      this.env.log.info({...this.describe(), error: stanza.toString()}, 's2s stream error received')
      return
    }
    if (isDialback(stanza, 'verify')) return this.#answerVerify(stanza)
    if (isDialback(stanza, 'result')) return this.step(this.#dialback(stanza, partner))
    if (!this.authenticated) return this.#negotiate(stanza, partner)
    const verdict = judgeStanza(stanza, {local: this.localDomain ?? '', isAuthenticated: (remote) => this.#isAuthenticated(remote)})
    switch (verdict.action) {
      case 'deliver':
        return this.#track(this.env.deliver(stanza, this))
      case 'refuse':
        return this.refuse(verdict)
      case 'bounce':
        this.env.log.info({...this.describe(), from: stanza.attrs.from, to: stanza.attrs.to, condition: verdict.error.condition}, 'xmpp stanza refused')
        if (isAnswerable(stanza)) this.env.reply(errorReply(stanza, verdict.error, verdict.from))
        return
      case 'ignore':
        return this.env.log.debug({...this.describe(), id: stanza.attrs.id, reason: verdict.reason}, 'xmpp stanza ignored')
    }
  }

  /** #isAuthenticated tells whether stanzas from a domain may use this stream: its own, or one dialback added (XEP-0220 §2.5). */
  #isAuthenticated(remote: string): boolean {
    return remote !== '' && (remote === this.remoteDomain || this.extraDomains.has(remote))
  }

  /**
   * Flow control: while DELIVERY_WINDOW of this stream's stanzas are still being handled (their SIP
   * transactions open), the stream stops reading until only DELIVERY_RESUME are; TCP then pushes back
   * on the partner, as a slow client does to any XMPP server. Without it a fast partner and a slower
   * SIP side piled thousands of messages up in the gateway's heap, and collecting them cost more than
   * handling them.
   */
  #track(handled: Promise<void> | void): void {
    if (!handled) return
    if (++this.#inFlight === DELIVERY_WINDOW && !this.#paused) {
      this.#paused = true
      this.stream.pause()
    }
    const settled = (): void => {
      if (--this.#inFlight > DELIVERY_RESUME || !this.#paused) return
      this.#paused = false
      this.stream.resume()
    }
    handled.then(settled, settled)
  }

  #negotiate(stanza: Element, partner: DeepReadonly<XmppAllowedPartnerRecord>): void {
    const features = featuresFor(partner, this.stream.secured, this.#certificateValid)
    if (stanza.is('starttls', NS_TLS) && features.starttls) return this.step(this.#startTls())
    if (stanza.is('auth', NS_SASL) && this.stream.secured) return this.#saslExternal(stanza, partner)
    this.refuse({condition: 'not-authorized', text: 'the stream is not authenticated yet'})
  }

  async #startTls(): Promise<void> {
    const acceptor = this.env.acceptor()
    if (!acceptor) return this.refuse({condition: 'undefined-condition', text: 'no certificate is assigned'})
    this.stream.send(xml('proceed', {xmlns: NS_TLS}))
    await this.stream.upgrade((raw) => acceptor.accept(raw, 10_000))
  }

  #checkCertificate(domain: string): void {
    const socket = this.stream.socket as TLSSocket
    this.#certificateValid = certificateValidFor(socket, domain)
    this.#certificateProblem = this.#certificateValid ? '' : certificateProblem(socket, domain)
  }

  /**
   * SASL EXTERNAL (RFC 6120 §6.4, RFC 4422 Appendix A): the certificate is the credential. The
   * authorization identity may be empty, '=' or the peer's domain; Prosody sends its domain.
   */
  #saslExternal(stanza: Element, partner: DeepReadonly<XmppAllowedPartnerRecord>): void {
    const authzid = Buffer.from(stanza.getText().trim(), 'base64').toString('utf8')
    const identityOk = authzid === '' || authzid === '=' || canonicalDomain(authzid) === this.remoteDomain
    const ok = stanza.attrs.mechanism === 'EXTERNAL' && methodsFor(partner).saslOverTls && this.#certificateValid && identityOk
    if (ok) {
      this.stream.send(xml('success', {xmlns: NS_SASL}))
      this.stream.restart()
      return this.#authenticated('saslOverTls')
    }
    this.stream.send(xml('failure', {xmlns: NS_SASL}, xml('not-authorized')))
    // A5.2: a failed SASL falls back to dialback where the row allows it, otherwise the stream ends.
    if (!methodsFor(partner).tlsDialback) this.refuse({condition: 'not-authorized', text: `the certificate is not valid for ${this.remoteDomain}`})
  }

  /** #dialback is the receiving role of XEP-0220 §2.2: ask the authoritative server, then answer. */
  async #dialback(request: Element, streamPartner: DeepReadonly<XmppAllowedPartnerRecord>): Promise<void> {
    const originating = canonicalDomain(request.attrs.from ?? '')
    const partner = originating === undefined ? undefined : partnerFor(this.env.document(), originating)
    if (originating === undefined || !partner) return this.refuse(notAllowed(request.attrs.from ?? ''))
    const method: AuthenticationMethod = this.stream.secured ? 'tlsDialback' : 'tcpDialback'
    if (!methodsFor(partner)[method] || partner.Identity !== streamPartner.Identity) return this.refuse(requiresOther(partner))
    if (request.attrs.to !== this.localDomain) return this.refuse({condition: 'host-unknown', text: `this stream is for ${this.localDomain}`})
    // One verification per domain at a time: each sends a db:verify to the domain's authoritative
    // server, and a peer repeating db:result would otherwise make the gateway its amplifier.
    if (this.#verifying.has(originating)) return this.env.log.debug({...this.describe(), originating}, 'dialback request repeated while one is pending')
    this.#verifying.add(originating)
    const valid = await this.env.verifyDialback({receiving: this.localDomain, originating, streamId: this.streamId, key: request.getText()}).catch(() => false)
    this.#verifying.delete(originating)
    if (!this.stream.isOpen) return
    this.stream.send(dialbackAnswer(request, valid ? 'valid' : 'invalid'))
    if (!valid) return this.refuse({condition: 'not-authorized', text: `dialback for ${originating} failed`})
    if (originating === this.remoteDomain) this.#authenticated(method)
    else this.extraDomains.add(originating)
  }

  /** #answerVerify is the authoritative role of XEP-0220 §2.3.2: recompute the key this gateway sent. */
  #answerVerify(request: Element): void {
    const receiving = request.attrs.from ?? ''
    const originating = request.attrs.to ?? ''
    const expected = dialbackKey(this.env.dialbackSecret(), receiving, originating, request.attrs.id ?? '')
    const valid = isServedDomain(this.env.document(), originating) && keysMatch(request.getText(), expected)
    this.stream.send(dialbackAnswer(request, valid ? 'valid' : 'invalid'))
  }

  #authenticated(method: AuthenticationMethod): void {
    this.method = method
    this.env.authenticated(this)
    this.env.log.info(this.describe(), 's2s stream authenticated')
  }
}
