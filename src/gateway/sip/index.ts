import {createAuthenticator} from './auth.js'
import {createInbound} from './inbound.js'
import {createOutbound} from './outbound.js'
import {DEFAULT_MAX_CONTACTS, createRegistrar} from './registrar.js'
import {createSipStack} from './stack.js'
import type {Protocol} from './transport.js'
import {resolveTrustList, type TrustList} from './trust.js'
import type {SipEndpoint, SipEndpointOptions} from './types.js'

/**
 * The SIP side of the gateway, the facade of src/gateway/sip: nothing outside this folder imports
 * the `sip` package. One listener (Start-CsXmppGateway -SipListenAddress/-SipPort/-SipTransport,
 * cmdlets.md A9.4); MESSAGE in and out (RFC 3428, RFC 7572); an embedded registrar; the RFC 7247
 * address and error mappings for the XMPP side.
 */

export type {SipEndpoint, SipEndpointOptions, SipLog, SipMessageIn, SipMessageOut, SipOutcome, SipTransportName} from './types.js'
export {jidToSip, sipToJid} from './address.js'
export {reasonPhrase, sipStatusFor, xmppConditionFor, type XmppErrorCondition, type XmppErrorDetail} from './errors.js'

const TRANSPORTS = new Set(['udp', 'tcp', 'tls'])
const DEFAULT_TRANSACTION_TIMEOUT_MS = 8000
const DEFAULT_NONCE_LIFETIME_MS = 300_000
// Nonces whose nonce-count is tracked at once (nonce-counts.ts): about 150 bytes each, 1.5 MB in all.
const DEFAULT_MAX_NONCE_COUNTS = 10_000

/**
 * createSipEndpoint builds the endpoint; nothing is bound before start(). Invalid options throw at
 * once (a programmer or configuration error, ARCHITECTURE rule 6).
 */
export function createSipEndpoint(options: SipEndpointOptions): SipEndpoint {
  const {listen, log} = options
  if (!TRANSPORTS.has(listen.transport)) throw new TypeError(`createSipEndpoint: transport ${String(listen.transport)} is not udp, tcp or tls`)
  if (listen.transport === 'tls' && !listen.tls) throw new TypeError('createSipEndpoint: the tls transport needs a key and a certificate')
  if (options.nextHop && !TRANSPORTS.has(options.nextHop.transport)) throw new TypeError(`createSipEndpoint: next hop transport ${String(options.nextHop.transport)} is not udp, tcp or tls`)
  const now = () => Date.now()
  const registrar = createRegistrar(now, options.maxContactsPerUser ?? DEFAULT_MAX_CONTACTS)
  const auth = createAuthenticator({
    ha1: options.ha1,
    now,
    nonceLifetimeMs: options.nonceLifetimeMs ?? DEFAULT_NONCE_LIFETIME_MS,
    maxNonceCounts: options.maxNonceCounts ?? DEFAULT_MAX_NONCE_COUNTS,
  })
  // Until start() resolves the -TrustedSipHost names, no one is trusted.
  let trust: TrustList = {has: () => false}
  let bound = {address: listen.address, port: listen.port}
  const stack = createSipStack({
    listen: {address: listen.address, port: listen.port, protocol: listen.transport.toUpperCase() as Protocol, ...(listen.tls ? {tls: listen.tls} : {})},
    log,
    ...(options.connectionLimits ? {connectionLimits: options.connectionLimits} : {}),
    isTrusted: (address) => trust.has(address),
    onRequest: createInbound({options, trust: () => trust, auth, registrar}),
  })
  const sendMessage = createOutbound({stack, registrar, nextHop: options.nextHop, timeoutMs: options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS})

  return {
    async start() {
      trust = await resolveTrustList(options.trustedHosts)
      bound = await stack.start()
      log.info({address: bound.address, port: bound.port, transport: listen.transport, trustedHosts: options.trustedHosts, nextHop: options.nextHop}, 'SIP listening')
    },
    stop: () => stack.stop(),
    sendMessage,
    get address() {
      return bound
    },
  }
}
