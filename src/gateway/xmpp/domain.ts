import {domainToASCII, domainToUnicode} from 'node:url'
import {DOMAIN_PATTERN} from '../../../store/index.js'
import {Memo} from '../memo.js'

/**
 * Domains as they arrive on the wire (`from`, `to`, dialback attributes) in the store's canonical
 * form (cmdlets.md A2.2): NFC, lower case, U-labels, no trailing dot. A peer may send A-labels
 * (`xn--bcher-kva.example`) or U-labels; both must find the same partner. @xmpp/jid does no IDNA
 * (notes/stack.md §5.4), so this is done here.
 *
 * The message path remembers what it mapped (memo.ts); nothing an unauthenticated peer sent is
 * remembered (issue 12: refused stream headers stayed in memory), and a text longer than a domain
 * can be is refused before any IDNA work.
 */

const DOMAIN = new RegExp(DOMAIN_PATTERN, 'u')

/**
 * MAX_JID_PART_BYTES is RFC 7622's limit for each part of a JID (§3.1): a domainpart too (and its
 * A-label form has at most 253 characters, RFC 1035). jid-limits.ts and the SIP edge use it as well.
 */
export const MAX_JID_PART_BYTES = 1023

const domains = new Memo(canonicalForm, {longestKey: MAX_JID_PART_BYTES})

/**
 * canonicalDomain returns the canonical form of a DNS domain, or undefined when it is not one. It
 * never remembers: stream headers, dialback and SASL attributes reach it before authentication.
 */
export function canonicalDomain(text: string): string | undefined {
  return domains.peek(text)
}

/**
 * domainOfJid is the canonical domain part of a JID (RFC 7622 §3.2: the part after the first '@'
 * that comes before the first '/'), or undefined when there is none. It is for the message path
 * (stanzas of authenticated streams, local users' messages) and remembers.
 */
export function domainOfJid(jid: string | undefined): string | undefined {
  return domains.get((jid ?? '').replace(/^[^@/]*@/, '').replace(/\/.*$/, ''))
}

function canonicalForm(text: string): string | undefined {
  if (text.length > MAX_JID_PART_BYTES || Buffer.byteLength(text) > MAX_JID_PART_BYTES) return undefined
  let domain = text.normalize('NFC').toLowerCase()
  if (domain.endsWith('.')) domain = domain.slice(0, -1)
  const ascii = domainToASCII(domain)
  if (ascii === '' || ascii.length > 253) return undefined
  const unicode = domainToUnicode(ascii).normalize('NFC')
  return DOMAIN.test(unicode) ? unicode : undefined
}
