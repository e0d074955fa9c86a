import {promises as dns} from 'node:dns'
import {type AddressInfo, isIP} from 'node:net'
import {join} from 'node:path'
import type {Logger} from 'pino'
import {type DeepReadonly, type ReloadedEvent, type StoreDocument, type StoreSnapshot, StoreWatcher} from '../../store/index.js'
import {Bridge} from './bridge.js'
import {assignedThumbprint, loadIdentity, type AssignedIdentity} from './certs/identity.js'
import {loadDialbackSecret} from './dialback-secret.js'
import {createLogger, type LogLevel} from './log.js'
import {TlsAcceptor} from './net/tls.js'
import {federationEnabled, federationRefusal, isServedDomain} from './policy/access.js'
import {FirstContacts} from './policy/first-contact.js'
import {readSipHa1} from './sip-credentials.js'
import {type SipEndpoint, createSipEndpoint} from './sip/index.js'
import {type S2sHooks, S2sService} from './xmpp/s2s.js'

/**
 * The gateway's composition root (ARCHITECTURE: src/gateway/index.ts): the store watcher, the XMPP
 * server-to-server service, the SIP endpoint and the bridge between them, wired in the order that
 * matters, and the hot reload that swaps the configuration under live sessions.
 */

/** GatewayOptions are Start-CsXmppGateway's process parameters (cmdlets.md A9.4); the rest lives in the store. */
export interface GatewayOptions {
  readonly storePath: string
  readonly listenAddress: string
  readonly port: number
  /** XEP-0368 direct TLS port; undefined: off. */
  readonly directTlsPort?: number
  readonly sip: {
    readonly address: string
    readonly port: number
    readonly transport: 'udp' | 'tcp' | 'tls'
    readonly trustedHosts: readonly string[]
    readonly nextHop?: {readonly host: string; readonly port: number; readonly transport: 'udp' | 'tcp' | 'tls'}
  }
  readonly logLevel: LogLevel
  /** DNS servers for partner lookups; the system resolver when empty (tests use a local one). */
  readonly dnsServers?: readonly string[]
  /** Where log lines go (a file descriptor); stdout by default. */
  readonly logFd?: number
}

/** RunningGateway is a started gateway. */
export interface RunningGateway {
  readonly xmpp: AddressInfo
  readonly directTls: AddressInfo | undefined
  readonly sip: {readonly address: string; readonly port: number}
  readonly log: Logger
  /** The warnings of cmdlets.md A15.3 found at start, for the host to print on stderr. */
  readonly warnings: readonly string[]
  /** stop closes every stream properly, the listeners and the watcher. */
  stop(): Promise<void>
}

/** startGateway starts the gateway on a store; it runs until stop(). */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const log = createLogger(options.logLevel, options.logFd)
  const watcher = await StoreWatcher.open(options.storePath)
  const keyDirectory = watcher.store.keyDirectory
  let snapshot: StoreSnapshot = watcher.current
  let secret = await loadDialbackSecret(keyDirectory, snapshot.document)
  let identity: AssignedIdentity | undefined = await loadIdentity(keyDirectory, snapshot.document)
  let acceptor = identity ? new TlsAcceptor(identity) : undefined
  const firstContacts = await FirstContacts.open(join(watcher.store.stateDirectory, 'first-contacts.json'), {log})
  const document = () => snapshot.document

  const s2s: S2sService = new S2sService({
    document,
    dialbackSecret: () => secret,
    identity: () => identity,
    acceptor: () => acceptor,
    ...resolversFor(options.dnsServers),
    log,
    directTls: options.directTlsPort !== undefined,
    deliver: (stanza) => bridge.fromXmpp(stanza).catch((error: unknown) => log.error({err: error}, 'bridge failed')),
  })
  // Error replies to a partner travel on the gateway's own stream to it (RFC 6120 §10.4: incoming streams carry one direction).
  const bridge: Bridge = new Bridge({document, firstContacts, log, route: (stanza) => s2s.route(stanza), reply: (stanza) => s2s.reply(stanza), sendSip: (m) => sip.sendMessage(m)})
  const sip: SipEndpoint = createSipEndpoint({
    listen: {address: options.sip.address, port: options.sip.port, transport: options.sip.transport, tls: identity && {key: identity.key, cert: identity.cert}},
    trustedHosts: options.sip.trustedHosts,
    nextHop: options.sip.nextHop,
    isServedDomain: (domain) => isServedDomain(snapshot.document, domain),
    ha1: (user) => readSipHa1(keyDirectory, user),
    onMessage: (message) => bridge.fromSip(message),
    federationRefusal: () => federationRefusal(snapshot.document),
    log: log.child({side: 'sip'}),
  })

  // When the watcher began reading the file: a reload's cost is reading and validating it, then applying it.
  let reading = performance.now()
  const onReload = async (event: ReloadedEvent): Promise<void> => {
    const started = performance.now()
    // Secrets and the certificate first, so that streams re-checked below already see them.
    const next = event.snapshot.document
    // The secret changes only with DialbackPassphrase, whose every Set- writes a new file.
    const newSecret = passphraseFile(next) === passphraseFile(event.previous.document) ? secret : await loadDialbackSecret(keyDirectory, next)
    const newIdentity = assignedThumbprint(next) === identity?.thumbprint ? identity : await loadIdentity(keyDirectory, next)
    snapshot = event.snapshot
    secret = newSecret
    if (newIdentity !== identity) {
      identity = newIdentity
      if (identity && acceptor) acceptor.setIdentity(identity)
      else acceptor = identity ? new TlsAcceptor(identity) : undefined
    }
    s2s.reconsider()
    // A15.3: a start warning's condition that becomes true after start is logged once.
    if (federationEnabled(event.previous.document) && !federationEnabled(next)) log.warn({warning: FEDERATION_OFF_WARNING}, 'configuration warning')
    await forgetFirstContacts(firstContacts, event)
    const ms = (from: number): number => Math.round((performance.now() - from) * 1000) / 1000
    log.info({version: event.version, ...event.changes, applyMs: ms(started), reloadMs: ms(reading)}, 'config reloaded')
  }
  watcher.on('reloading-config', () => (reading = performance.now()))
  watcher.on('config-reloaded', (event) => void onReload(event).catch((error: unknown) => log.error({err: error, version: event.version}, 'config reload failed to apply')))
  watcher.on('config-reload-failed', ({error, version}) => log.warn({version, reason: (error as Error).message}, `config reload failed; version ${version} stays in force`))
  watcher.on('error', (error) => log.error({err: error}, 'store watcher error'))

  const xmpp = await s2s.listen(options.listenAddress, options.port)
  const directTls = options.directTlsPort === undefined ? undefined : await s2s.listen(options.listenAddress, options.directTlsPort, true)
  await sip.start()
  const warnings = startWarnings(snapshot.document)
  log.info({version: snapshot.version, xmpp: `${xmpp.address}:${xmpp.port}`, directTls: directTls && `${directTls.address}:${directTls.port}`, sip: `${sip.address.address}:${sip.address.port}/${options.sip.transport}`, domains: Object.keys(snapshot.document.sipDomains), certificate: identity?.thumbprint ?? null, warnings}, 'gateway started')

  return {
    xmpp,
    directTls,
    sip: sip.address,
    log,
    warnings,
    async stop() {
      watcher.close()
      await s2s.stop()
      await sip.stop()
      log.info('gateway stopped')
      log.flush()
    },
  }
}

/** FEDERATION_OFF_WARNING is A15.3's start warning for AllowFederatedUsers False. */
const FEDERATION_OFF_WARNING =
  'AllowFederatedUsers is False: the gateway refuses every XMPP partner and every SIP request toward XMPP. Turn federation on with Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True.'

/** startWarnings are the warnings of A15.3 that this gateway checks at start. */
function startWarnings(document: DeepReadonly<StoreDocument>): string[] {
  return federationEnabled(document) ? [] : [FEDERATION_OFF_WARNING]
}

/**
 * resolversFor looks partners up with the system resolver (which also reads /etc/hosts), or only with
 * the given DNS servers (a deployment's own resolver; the interop tests' local DNS).
 */
function resolversFor(servers: readonly string[] | undefined): Pick<S2sHooks, 'resolver' | 'lookup'> {
  if (!servers || servers.length === 0) return {resolver: dns, lookup: async (host) => (await dns.lookup(host)).address}
  const resolver = new dns.Resolver({timeout: 2000, tries: 2})
  resolver.setServers([...servers])
  return {resolver, lookup: async (host) => (isIP(host) ? host : ((await resolver.resolve4(host))[0] ?? host))}
}

/** passphraseFile is the key file of the DialbackPassphrase; none when the generated secret is used. */
function passphraseFile(document: DeepReadonly<StoreDocument>): string | undefined {
  return document.xmppGatewayConfiguration.DialbackPassphrase?.secretFile
}

/** forgetFirstContacts drops the PublicUnverified records of removed users and partners (A8.4). */
async function forgetFirstContacts(contacts: FirstContacts, event: ReloadedEvent): Promise<void> {
  const users = new Set(event.changes.removed.filter((r) => r.startsWith('users/')).map((r) => r.slice('users/'.length)))
  const partners = event.changes.removed.filter((r) => r.startsWith('xmppAllowedPartners/')).map((r) => event.previous.document.xmppAllowedPartners[r.slice('xmppAllowedPartners/'.length)]!)
  const domains = new Set(partners.flatMap((p) => [p.Identity, ...p.AdditionalDomains]))
  if (users.size === 0 && domains.size === 0) return
  await contacts.forget((user, remote) => users.has(user) || domains.has(remote.replace(/^[^@]*@/, '')))
}
