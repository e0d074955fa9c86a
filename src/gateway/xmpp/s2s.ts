import net, {type Server, type Socket} from 'node:net'
import type {Element} from '@xmpp/xml'
import type {DeepReadonly, XmppAllowedPartnerRecord} from '../../../store/index.js'
import {connectTargets} from '../net/targets.js'
import {connectTls} from '../net/tls.js'
import {isServedDomain, methodsFor, partnerFor} from '../policy/access.js'
import {domainOfJid} from './domain.js'
import {IncomingSession} from './incoming.js'
import {type Refusal, notAllowed, partnerStreamLimit, requiresOther} from './negotiation.js'
import {OutgoingSession} from './outgoing.js'
import {type S2sEnvironment, S2sSession} from './session.js'
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
export type S2sHooks = Omit<S2sEnvironment, 'verifyDialback' | 'admit' | 'ended'>

/** RFC 6120 §13.12: at least 10,000 bytes; Prosody's s2s default is 512 KiB. */
const MAX_STANZA_BYTES = 256 * 1024
const SWEEP_MS = 250

export class S2sService {
  readonly #env: S2sEnvironment
  readonly #sessions = new Set<S2sSession>()
  readonly #links = new Map<string, Promise<OutgoingSession>>()
  readonly #servers: Server[] = []
  #connecting = 0
  readonly #sweeper: NodeJS.Timeout

  constructor(hooks: S2sHooks) {
    this.#env = {
      ...hooks,
      verifyDialback: (request) => this.#verifyDialback(request),
      admit: (partner, session) => this.#admit(partner, session),
      ended: (session) => this.#sessions.delete(session),
    }
    this.#sweeper = setInterval(() => sweep(this.#sessions, this.#env.document().xmppGatewayConfiguration), SWEEP_MS)
  }

  /** sessions are the live streams, both directions. */
  get sessions(): ReadonlySet<S2sSession> {
    return this.#sessions
  }

  /** listen accepts streams on a port; directTls makes it an XEP-0368 port (TLS from the first byte). */
  listen(address: string, port: number, directTls = false): Promise<net.AddressInfo> {
    const server = net.createServer((socket) => void this.#accept(socket, directTls))
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
    const partner = remote === undefined ? undefined : partnerFor(document, remote)
    // A8.1: a stanza to any other domain is refused with service-unavailable (type cancel).
    if (!partner || remote === undefined) throw new StanzaError('service-unavailable', 'cancel', notAllowed(remote ?? stanza.attrs.to ?? '').text)
    if (!isServedDomain(document, local)) throw new StanzaError('item-not-found', 'cancel', `this gateway does not serve ${local}`)
    const session = await this.#link(local, remote, partner)
    await session.whenAuthenticated()
    session.send(stanza)
  }

  /** reconsider applies a new configuration to live sessions (cmdlets.md issue 5 hot reload, A8.2). */
  reconsider(): void {
    const settings = this.#env.document().xmppGatewayConfiguration
    const perPartner = new Map<string, S2sSession[]>()
    for (const session of this.#sessions) {
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

  async #accept(socket: Socket, directTls: boolean): Promise<void> {
    socket.setNoDelay(true)
    const settings = this.#env.document().xmppGatewayConfiguration
    if (this.#sessions.size + this.#connecting >= settings.ConnectionLimit) {
      // A8.2: a stream header and <resource-constraint/>, then close.
      socket.end(`${streamHeader({from: '', to: '', id: ''})}${streamError('resource-constraint', 'the gateway is at its ConnectionLimit')}${STREAM_CLOSE}`)
      setTimeout(() => socket.destroy(), 2000).unref()
      return
    }
    let transport: Socket = socket
    if (directTls) {
      if (!this.#env.acceptor()) return void socket.destroy()
      try {
        transport = await this.#env.acceptor()!.accept(socket, settings.StreamEstablishmentTimeout * 1000)
      } catch {
        return
      }
    }
    this.#sessions.add(new IncomingSession(this.#env, new XmppStream(transport, {maxStanzaBytes: MAX_STANZA_BYTES, log: this.#env.log})))
  }

  #link(local: string, remote: string, partner: DeepReadonly<XmppAllowedPartnerRecord>): Promise<OutgoingSession> {
    const key = `${local}|${remote}`
    const existing = this.#links.get(key)
    if (existing) return existing
    const refusal = this.#admit(partner)
    if (refusal) return Promise.reject(new StanzaError('resource-constraint', 'wait', refusal.text))
    const link = this.#connect(local, remote, partner)
    this.#links.set(key, link)
    const forget = (): void => void (this.#links.get(key) === link && this.#links.delete(key))
    link.then((session) => session.stream.once('closed', forget), forget)
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
    if (!session && this.#sessions.size + this.#connecting >= settings.ConnectionLimit) {
      return {condition: 'resource-constraint', text: 'the gateway is at its ConnectionLimit'}
    }
    return undefined
  }

  /** #verifyDialback sends db:verify to the originating domain over the gateway's own link to it. */
  async #verifyDialback(request: {receiving: string; originating: string; streamId: string; key: string}): Promise<boolean> {
    const partner = partnerFor(this.#env.document(), request.originating)
    if (!partner) return false
    const session = await this.#link(request.receiving, request.originating, partner)
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
