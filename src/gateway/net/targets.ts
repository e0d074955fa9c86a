import {domainToASCII} from 'node:url'

/**
 * Where to connect to reach a partner (RFC 6120 §3.2, XEP-0368, cmdlets.md A8.7): its ProxyFqdn when
 * set; otherwise the SRV records `_xmpps-server._tcp` (direct TLS, when enabled) and then
 * `_xmpp-server._tcp`, in RFC 2782 order; a single `.` target means the service is explicitly not
 * offered; with no SRV record at all, the domain itself on port 5269.
 */

/** ConnectTarget is one address to try, in order. */
export interface ConnectTarget {
  readonly host: string
  readonly port: number
  /** XEP-0368: TLS from the first byte instead of STARTTLS. */
  readonly directTls: boolean
}

/** SrvRecord is what a resolver returns (node:dns's shape). */
export interface SrvRecord {
  readonly name: string
  readonly port: number
  readonly priority: number
  readonly weight: number
}

/** SrvResolver looks SRV records up; node:dns/promises is one. */
export interface SrvResolver {
  resolveSrv(name: string): Promise<SrvRecord[]>
}

const XMPP_SERVER_PORT = 5269
const NO_RECORDS = new Set(['ENODATA', 'ENOTFOUND', 'NOTFOUND', 'ENONAME'])

/**
 * rfc2782Order sorts by priority, and within a priority picks by weight at random (RFC 2782), zero
 * weights last; random is injectable so that tests can fix the draw.
 */
export function rfc2782Order(records: readonly SrvRecord[], random: () => number = Math.random): SrvRecord[] {
  const ordered: SrvRecord[] = []
  const priorities = [...new Set(records.map((r) => r.priority))].sort((a, b) => a - b)
  for (const priority of priorities) {
    const pool = records.filter((r) => r.priority === priority).sort((a, b) => a.weight - b.weight)
    while (pool.length > 0) {
      const total = pool.reduce((sum, r) => sum + r.weight, 0)
      let draw = random() * total
      const index = total === 0 ? 0 : pool.findIndex((r) => (draw -= r.weight) < 0)
      ordered.push(...pool.splice(index < 0 ? pool.length - 1 : index, 1))
    }
  }
  return ordered
}

async function lookup(resolver: SrvResolver, name: string): Promise<SrvRecord[] | undefined> {
  try {
    return await resolver.resolveSrv(name)
  } catch (error) {
    if (NO_RECORDS.has((error as NodeJS.ErrnoException).code ?? '')) return undefined
    throw error
  }
}

/** connectTargets lists where to connect for a partner domain, in the order to try them. */
export async function connectTargets(
  domain: string,
  options: {readonly proxyFqdn: string | null; readonly directTls: boolean; readonly resolver: SrvResolver; readonly random?: () => number},
): Promise<ConnectTarget[]> {
  if (options.proxyFqdn) {
    const [host, port] = options.proxyFqdn.split(':') as [string, string?]
    return [{host: domainToASCII(host) || host, port: port ? Number(port) : XMPP_SERVER_PORT, directTls: false}]
  }
  const ascii = domainToASCII(domain)
  const direct = options.directTls ? await lookup(options.resolver, `_xmpps-server._tcp.${ascii}`) : undefined
  const starttls = await lookup(options.resolver, `_xmpp-server._tcp.${ascii}`)
  const targets = (records: SrvRecord[] | undefined, directTls: boolean): ConnectTarget[] => {
    // A single target of "." says the service is decidedly not available at this domain (RFC 2782).
    if (!records || (records.length === 1 && records[0]!.name === '.')) return []
    return rfc2782Order(records, options.random).map((r) => ({host: r.name, port: r.port, directTls}))
  }
  if (direct === undefined && starttls === undefined) return [{host: ascii, port: XMPP_SERVER_PORT, directTls: false}]
  return [...targets(direct, true), ...targets(starttls, false)]
}
