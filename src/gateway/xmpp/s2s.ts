import net, {type Server, type Socket} from 'node:net'
import type {Element} from '@xmpp/xml'
import type {DeepReadonly, XmppAllowedPartnerRecord} from '../../../store/index.js'
import {connectTargets} from '../net/targets.js'
import {connectTls} from '../net/tls.js'
import {FEDERATION_DISABLED, federationEnabled, isServedDomain, methodsFor, partnerFor} from '../policy/access.js'
import {domainOfJid} from './domain.js'
import {addressKey} from '../net/address-key.js'
import {Arrival, Arrivals} from './admission.js'
import {IncomingSession} from './incoming.js'
import {DEFAULT_S2S_LIMITS, type S2sLimits} from './limits.js'
import {OutgoingLink} from './link.js'
import {type Refusal, notAllowed, partnerStreamLimit, requiresOther} from './negotiation.js'
import {OutgoingSession} from './outgoing.js'
import {type S2sEnvironment, S2sSession, newStreamId} from './session.js'
import {StanzaError} from './stanza-error.js'
import {streamError, streamHeader, STREAM_CLOSE} from './stream-output.js'
import {XmppStream} from './stream.js'
import {sweep} from './timers.js'

/**
 * The server-to-server service (Prosody's mod_s2s): listeners for incoming streams, one outgoing
 * stream per (local domain, partner domain) opened on demand, the session table with the limits of
 * cmdlets.md A8.2, the timers of A8.3, and the re-evaluation of live sessions after a reload.
 */

/** S2sHooks are what the composition root provides; the service adds the rest of the environment. */
export type S2sHooks = Omit<S2sEnvironment, 'verifyDialback' | 'admit' | 'authenticated' | 'ended' | 'reply'> & {
  /** The service's own limits; DEFAULT_S2S_LIMITS for those not given. */
  readonly limits?: Partial<S2sLimits>
}

/** RFC 6120 §13.12: at least 10,000 bytes; Prosody's s2s default is 512 KiB. */
const MAX_STANZA_BYTES = 256 * 1024
const SWEEP_MS = 250

export class S2sService {
  readonly #env: S2sEnvironment
  readonly #sessions = new Set<S2sSession>()
  readonly #links = new Map<string, OutgoingLink>()
  readonly #limits: S2sLimits
  readonly #servers: Server[] = []
  /** Outgoing connections being opened, and TLS handshakes of the direct TLS port: connections without a session yet. */
  #connecting = 0
  #handshakes = 0
  readonly #arrivals = new Arrivals()
  /** The arrival of each incoming session that has not authenticated yet. */
  readonly #arrivalOf = new Map<S2sSession, Arrival>()
  readonly #sweeper: NodeJS.Timeout

  constructor(hooks: S2sHooks) {
    this.#limits = {...DEFAULT_S2S_LIMITS, ...hooks.limits}
    this.#env = {
      ...hooks,
      verifyDialback: (request) => this.#verifyDialback(request),
      admit: (partner, session) => this.#admit(partner, session),
      reply: (stanza) => this.reply(stanza),
      authenticated: (session) => this.#settled(session),
      ended: (session) => {
        this.#sessions.delete(session)
        this.#settled(session)
      },
    }
    this.#sweeper = setInterval(() => this.#tick(), SWEEP_MS)
  }

  /** sessions are the live streams, both directions. */
  get sessions(): ReadonlySet<S2sSession> {
    return this.#sessions
  }

  /** listen accepts streams on a port; directTls makes it an XEP-0368 port (TLS from the first byte). */
  listen(address: string, port: number, directTls = false): Promise<net.AddressInfo> {
    // An accept that fails ends that connection only, logged (the handshake errors it expects are caught inside).
    const server = net.createServer((socket) =>
      this.#accept(socket, directTls).catch((error: unknown) => {
        this.#env.log.error({err: error, remote: socket.remoteAddress}, 'xmpp connection setup failed; the connection is closed')
        socket.destroy()
      }),
    )
    this.#servers.push(server)
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, address, () => resolve(server.address() as net.AddressInfo))
    })
  }

  /** route sends a stanza from a local user to a partner domain; it rejects with the StanzaError to bounce. */
  async route(stanza: Element): Promise<void> {
    const local = domainOfJid(stanza.attrs.from)
    const remote = domainOfJid(stanza.attrs.to)
    const document = this.#env.document()
    if (!federationEnabled(document)) throw new StanzaError('forbidden', 'cancel', FEDERATION_DISABLED.text)
    const partner = remote === undefined ? undefined : partnerFor(document, remote)
    // A8.1: a stanza to any other domain is refused with service-unavailable (type cancel).
    if (!partner || remote === undefined) throw new StanzaError('service-unavailable', 'cancel', notAllowed(remote ?? stanza.attrs.to ?? '').text)
    if (!isServedDomain(document, local)) throw new StanzaError('item-not-found', 'cancel', `this gateway does not serve ${local}`)
    await this.#link(local, remote, partner).send(stanza)
  }

  /** reply sends an error reply toward a partner (S2sEnvironment.reply); a reply that cannot go is dropped, never answered. */
  reply(stanza: Element): void {
    this.route(stanza).catch((error: unknown) => this.#env.log.debug({to: stanza.attrs.to, reason: (error as Error).message}, 'error reply dropped'))
  }

  /** reconsider applies a new configuration to live sessions (cmdlets.md issue 5 hot reload, A8.2). */
  reconsider(): void {
    const settings = this.#env.document().xmppGatewayConfiguration
    const perPartner = new Map<string, S2sSession[]>()
    // A11.5: federation turned off closes every stream; waiting stanzas bounce as the links fail.
    const disabled = !federationEnabled(this.#env.document())
    for (const session of this.#sessions) {
      if (disabled) {
        session.close(FEDERATION_DISABLED)
        continue
      }
      const partner = session.partner()
      if (session.remoteDomain === undefined) continue
      if (!partner) session.close(notAllowed(session.remoteDomain))
      else if (!isServedDomain(this.#env.document(), session.localDomain)) session.close({condition: 'host-gone', text: `${session.localDomain} is no longer served`})
      else if (session.method && !methodsFor(partner)[session.method]) session.close(requiresOther(partner))
      else {
        const streams = perPartner.get(partner.Identity)
        if (streams) streams.push(session)
        else perPartner.set(partner.Identity, [session])
      }
    }
    for (const [identity, sessions] of perPartner) {
      const limit = partnerStreamLimit(this.#env.document().xmppAllowedPartners[identity]!, settings)
      for (const extra of sessions.slice(limit)) extra.close({condition: 'resource-constraint', text: `partner ${identity} is limited to ${limit} streams`})
    }
  }

  /** stop closes every stream properly and the listeners, waiting a bounded time for the peers. */
  async stop(): Promise<void> {
    clearInterval(this.#sweeper)
    for (const server of this.#servers) server.close()
    for (const session of this.#sessions) session.close({condition: 'system-shutdown', text: 'the gateway is stopping'})
    for (let waited = 0; this.#sessions.size > 0 && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50))
    for (const session of this.#sessions) session.stream.destroy()
  }

  /**
   * #accept admits a connection on either listener and counts it from that moment (A8.2): against
   * ConnectionLimit, TLS handshake included, and against its address's share of unauthenticated
   * connections until it authenticates.
   */
  async #accept(socket: Socket, directTls: boolean): Promise<void> {
    socket.setNoDelay(true)
    const acceptor = this.#env.acceptor()
    if (directTls && !acceptor) return void socket.destroy()
    const address = addressKey(socket.remoteAddress ?? '')
    const refusal = this.#admitConnection(address)
    if (refusal) return refuseConnection(socket, directTls, refusal)
    const arrival = this.#arrivals.arrive(address, () => socket.destroy())
    let transport: Socket = socket
    if (directTls) {
      this.#handshakes++
      try {
        transport = await acceptor!.accept(socket, this.#env.document().xmppGatewayConfiguration.StreamEstablishmentTimeout * 1000)
      } catch {
        return this.#arrivals.leave(arrival)
      } finally {
        this.#handshakes--
      }
    }
    const session = new IncomingSession(this.#env, new XmppStream(transport, {maxStanzaBytes: MAX_STANZA_BYTES, log: this.#env.log}))
    this.#sessions.add(session)
    this.#arrivalOf.set(session, arrival)
    arrival.expire = (text) => session.close({condition: 'connection-timeout', text})
  }

  /** #admitConnection refuses a new connection at ConnectionLimit, or past its address's unauthenticated ones. */
  #admitConnection(address: string): Refusal | undefined {
    if (this.#connections() >= this.#env.document().xmppGatewayConfiguration.ConnectionLimit) {
      return {condition: 'resource-constraint', text: 'the gateway is at its ConnectionLimit'}
    }
    const cap = this.#limits.unauthenticatedPerAddress
    if (this.#arrivals.count(address) >= cap) return {condition: 'resource-constraint', text: `too many connections from ${address} are not authenticated yet (at most ${cap})`}
    return undefined
  }

  /** #settled: the session authenticated or ended; it no longer counts as unauthenticated. */
  #settled(session: S2sSession): void {
    const arrival = this.#arrivalOf.get(session)
    if (!arrival) return
    this.#arrivalOf.delete(session)
    this.#arrivals.leave(arrival)
  }

  /**
   * #connections are the TCP connections ConnectionLimit bounds (A8.2): streams both ways, handshakes
   * of the direct TLS port, outgoing connections being opened. Expired ones still closing (a moment,
   * for the peer's </stream:stream>) no longer hold a place.
   */
  #connections(): number {
    return this.#sessions.size + this.#handshakes + this.#connecting - this.#arrivals.closing
  }

  /** #tick runs the timers of A8.3, then the shorter establishment timeout near the limit. */
  #tick(): void {
    const settings = this.#env.document().xmppGatewayConfiguration
    sweep(this.#sessions, settings)
    // Near the limit, idle connections must not hold the places real partners need: the oldest go first.
    const excess = this.#connections() - Math.floor(settings.ConnectionLimit * this.#limits.pressureThreshold)
    if (excess <= 0) return
    const seconds = Math.min(this.#limits.pressureTimeoutSeconds, settings.StreamEstablishmentTimeout)
    const text = `not authenticated within ${seconds} s while the gateway is near its ConnectionLimit`
    this.#arrivals.expireOldest(excess, performance.now() - seconds * 1000, text)
  }

  /** #link is the outgoing link for a pair, opened when there is none; it throws the StanzaError to bounce with when none may be opened. */
  #link(local: string, remote: string, partner: DeepReadonly<XmppAllowedPartnerRecord>): OutgoingLink {
    const key = `${local}|${remote}`
    const existing = this.#links.get(key)
    if (existing) return existing
    const refusal = this.#admit(partner)
    if (refusal) throw new StanzaError('resource-constraint', 'wait', refusal.text)
    const link = new OutgoingLink(local, remote, this.#connect(local, remote, partner), this.#limits.queuedPerLink, this.#env.log)
    this.#links.set(key, link)
    const forget = (): void => void (this.#links.get(key) === link && this.#links.delete(key))
    link.connected.then((session) => session.stream.once('closed', forget), forget)
    return link
  }

  async #connect(local: string, remote: string, partner: DeepReadonly<XmppAllowedPartnerRecord>): Promise<OutgoingSession> {
    const timeoutMs = this.#env.document().xmppGatewayConfiguration.StreamEstablishmentTimeout * 1000
    const directTls = this.#env.directTls && partner.TlsNegotiation !== 'NotSupported'
    this.#connecting++
    try {
      const targets = await connectTargets(remote, {proxyFqdn: partner.ProxyFqdn, directTls, resolver: this.#env.resolver})
      for (const target of targets) {
        const socket = await (target.directTls
          ? this.#env.lookup(target.host).then((host) => connectTls({host, port: target.port, domain: remote, identity: this.#env.identity(), timeoutMs}))
          : this.#env.lookup(target.host).then((address) => connectTcp(address, target.port, timeoutMs))
        ).catch(() => undefined)
        if (!socket) continue
        // Federation may have been turned off while connecting: no stream is opened then (A11.5).
        if (!federationEnabled(this.#env.document())) {
          socket.destroy()
          throw new StanzaError('forbidden', 'cancel', FEDERATION_DISABLED.text)
        }
        const session = new OutgoingSession(this.#env, new XmppStream(socket, {maxStanzaBytes: MAX_STANZA_BYTES, log: this.#env.log}), local, remote)
        this.#sessions.add(session)
        return session
      }
      throw new StanzaError('remote-server-not-found', 'cancel', `no server of ${remote} could be reached`)
    } catch (error) {
      if (error instanceof StanzaError) throw error
      throw new StanzaError('remote-server-not-found', 'cancel', `${remote} could not be resolved: ${(error as Error).message}`)
    } finally {
      this.#connecting--
    }
  }

  #admit(partner: DeepReadonly<XmppAllowedPartnerRecord>, session?: S2sSession): Refusal | undefined {
    const settings = this.#env.document().xmppGatewayConfiguration
    const limit = partnerStreamLimit(partner, settings)
    let count = 0
    for (const other of this.#sessions) if (other !== session && other.partner()?.Identity === partner.Identity) count++
    if (count >= limit) return {condition: 'resource-constraint', text: `partner ${partner.Identity} is limited to ${limit} streams`}
    if (!session && this.#connections() >= settings.ConnectionLimit) {
      return {condition: 'resource-constraint', text: 'the gateway is at its ConnectionLimit'}
    }
    return undefined
  }

  /** #verifyDialback sends db:verify to the originating domain over the gateway's own link to it. */
  async #verifyDialback(request: {receiving: string; originating: string; streamId: string; key: string}): Promise<boolean> {
    const partner = partnerFor(this.#env.document(), request.originating)
    if (!partner) return false
    const session = await this.#link(request.receiving, request.originating, partner).connected
    const timeoutMs = this.#env.document().xmppGatewayConfiguration.StreamEstablishmentTimeout * 1000
    return Promise.race([session.verify(request), new Promise<boolean>((resolve) => setTimeout(resolve, timeoutMs, false).unref())])
  }
}

function connectTcp(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({host, port})
    const timer = setTimeout(() => socket.destroy(new Error('connect timed out')), timeoutMs)
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.off('error', reject)
      resolve(socket)
    })
    socket.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}

/**
 * refuseConnection turns a connection away at accept (A8.2): on the STARTTLS port with a stream header
 * and the stream error; on the direct TLS port nothing can be said before TLS, and the handshake is
 * what the refusal saves, so TCP is closed.
 */
function refuseConnection(socket: Socket, directTls: boolean, refusal: Refusal): void {
  // A reset by the peer must not become an unhandled 'error' event.
  socket.on('error', () => {})
  if (directTls) return void socket.destroy()
  socket.end(`${streamHeader({from: '', to: '', id: newStreamId()})}${streamError(refusal.condition, refusal.text)}${STREAM_CLOSE}`)
  setTimeout(() => socket.destroy(), 2000).unref()
}
