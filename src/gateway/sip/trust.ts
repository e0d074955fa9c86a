import {lookup as dnsLookup} from 'node:dns/promises'
import net from 'node:net'

/**
 * The trusted SIP hosts of Start-CsXmppGateway -TrustedSipHost (cmdlets.md A9.4): requests whose
 * source address is one of them need no digest authentication, the way a Lync trusted application
 * pool or a Kamailio in front of us is trusted by configuration (notes/sip.md §2.5). Entries are IP
 * addresses, CIDR blocks or host names; names are resolved once, when the endpoint starts, since
 * the parameter only changes with a restart.
 */

/** TrustList answers whether a source address is trusted. */
export interface TrustList {
  has(address: string): boolean
}

/** Lookup resolves a host name to all its addresses (node:dns/promises lookup with all: true is one). */
export type Lookup = (host: string) => Promise<ReadonlyArray<{address: string; family: number}>>

const systemLookup: Lookup = (host) => dnsLookup(host, {all: true})

/** plainAddress strips an IPv4-mapped IPv6 prefix, so that ::ffff:10.0.0.1 matches 10.0.0.1. */
function plainAddress(address: string): string {
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address
}

const family = (address: string): 'ipv4' | 'ipv6' => (net.isIPv4(address) ? 'ipv4' : 'ipv6')

/**
 * resolveTrustList builds the list. A malformed CIDR or a name that does not resolve is a
 * configuration error and rejects, so that the gateway does not start with a trust it cannot keep.
 */
export async function resolveTrustList(entries: readonly string[], lookup: Lookup = systemLookup): Promise<TrustList> {
  const list = new net.BlockList()
  for (const entry of entries) {
    const [address = '', prefix] = entry.trim().split('/')
    if (prefix !== undefined) {
      const bits = Number(prefix)
      const max = net.isIPv4(address) ? 32 : 128
      if (!net.isIP(address) || !/^\d{1,3}$/.test(prefix) || bits > max) throw new Error(`TrustedSipHost ${entry}: not an address block`)
      list.addSubnet(address, bits, family(address))
    } else if (net.isIP(address)) {
      list.addAddress(plainAddress(address), family(plainAddress(address)))
    } else {
      const found = await lookup(address).catch((error: Error) => {
        throw new Error(`TrustedSipHost ${entry}: ${error.message}`)
      })
      for (const a of found) list.addAddress(plainAddress(a.address), family(plainAddress(a.address)))
    }
  }
  return {
    has(address) {
      const plain = plainAddress(address)
      return net.isIP(plain) !== 0 && list.check(plain, family(plain))
    },
  }
}
