import type {Element} from '@xmpp/xml'
import {pino} from 'pino'
import {type StoreDocument, type XmppAllowedPartnerRecord, freshStore, takeSnapshot} from '../../store/index.js'
import {newPartnerRecord} from '../../src/cmdlets/xmpp-allowed-partner/object.js'
import {TlsAcceptor, type TlsIdentity} from '../../src/gateway/net/tls.js'
import {S2sService} from '../../src/gateway/xmpp/s2s.js'

/**
 * Two gateways in one process, each serving one domain and each the other's partner, reached through
 * ProxyFqdn on loopback: the s2s service's both roles tested against each other without DNS. The
 * Prosody interop suite (test/interop) then checks the same code against a real peer.
 */

/** PairSide is one gateway of the pair. */
export interface PairSide {
  readonly domain: string
  readonly service: S2sService
  readonly delivered: Element[]
  /** document is the live configuration; replace it with setDocument to simulate a reload. */
  document: StoreDocument
  setDocument(document: StoreDocument): void
  port: number
}

/** SideOptions configure one side: its partner record for the other side, and its certificate. */
export interface SideOptions {
  readonly domain: string
  readonly partner: Partial<XmppAllowedPartnerRecord>
  readonly identity?: TlsIdentity
  readonly secret?: string
  /** What handling a delivered stanza takes (the gateway's SIP transaction); by default nothing. */
  readonly handled?: (stanza: Element) => Promise<void>
}

/** startPair starts both sides on 127.0.0.1 with ephemeral ports. */
export async function startPair(a: SideOptions, b: SideOptions): Promise<[PairSide, PairSide]> {
  const sides = [makeSide(a, b.domain), makeSide(b, a.domain)] as const
  for (const side of sides) side.port = (await side.service.listen('127.0.0.1', 0)).port
  // Each side reaches the other through ProxyFqdn (cmdlets.md A8.7).
  sides[0].document.xmppAllowedPartners[b.domain]!.ProxyFqdn = `127.0.0.1:${sides[1].port}`
  sides[1].document.xmppAllowedPartners[a.domain]!.ProxyFqdn = `127.0.0.1:${sides[0].port}`
  for (const side of sides) side.setDocument(side.document)
  return [sides[0], sides[1]]
}

function makeSide(options: SideOptions, other: string): PairSide {
  const document = freshStore()
  document.sipDomains[options.domain] = {Identity: options.domain, IsDefault: true}
  document.accessEdgeConfiguration!.AllowFederatedUsers = true
  document.xmppAllowedPartners[other] = {...newPartnerRecord(other), ...options.partner}
  let frozen = takeSnapshot(document).document
  const acceptor = options.identity ? new TlsAcceptor(options.identity) : undefined
  const delivered: Element[] = []
  const side: PairSide = {
    domain: options.domain,
    delivered,
    document,
    port: 0,
    setDocument(next) {
      side.document = next
      frozen = takeSnapshot(next).document
    },
    service: new S2sService({
      document: () => frozen,
      dialbackSecret: () => options.secret ?? `secret of ${options.domain}`,
      identity: () => options.identity,
      acceptor: () => acceptor,
      resolver: {resolveSrv: () => Promise.reject(Object.assign(new Error('no DNS in this test'), {code: 'ENOTFOUND'}))},
      lookup: async (host) => host,
      log: pino({level: process.env.CSXMPP_TEST_LOG ?? 'silent'}),
      directTls: false,
      // Every peer of the pair world is 127.0.0.1: the per-address cap (test/security/xmpp-connection-limits) is lifted here.
      limits: {unauthenticatedPerAddress: Number.POSITIVE_INFINITY},
      deliver: (stanza) => {
        delivered.push(stanza)
        return options.handled?.(stanza)
      },
    }),
  }
  return side
}
