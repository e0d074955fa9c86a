import {isIPv6} from 'node:net'

/**
 * addressKey is what the per-address caps of the s2s and SIP listeners count by: an IPv4 address, or
 * an IPv6 /64 (one host of an IPv6 network usually holds a whole /64, as it holds one IPv4 address).
 * IPv4-mapped IPv6 is IPv4.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (!isIPv6(address)) return address
  const [head = '', tail = ''] = address.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : []
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`
}
