import {domainToASCII, domainToUnicode} from 'node:url'
import {DOMAIN_PATTERN} from '../../../store/index.js'
import {remembering} from '../memo.js'

/**
 * Domains as they arrive on the wire (`from`, `to`, dialback attributes) in the store's canonical
 * form (cmdlets.md A2.2): NFC, lower case, U-labels, no trailing dot. A peer may send A-labels
 * (`xn--bcher-kva.example`) or U-labels; both must find the same partner. @xmpp/jid does no IDNA
 * (notes/stack.md §5.4), so this is done here.
 */

const DOMAIN = new RegExp(DOMAIN_PATTERN, 'u')

/** canonicalDomain returns the canonical form of a DNS domain, or undefined when it is not one. */
export const canonicalDomain = remembering(canonicalForm)

function canonicalForm(text: string): string | undefined {
  let domain = text.normalize('NFC').toLowerCase()
  if (domain.endsWith('.')) domain = domain.slice(0, -1)
  const ascii = domainToASCII(domain)
  if (ascii === '' || ascii.length > 253) return undefined
  const unicode = domainToUnicode(ascii).normalize('NFC')
  return DOMAIN.test(unicode) ? unicode : undefined
}

/**
 * domainOfJid is the canonical domain part of a JID (RFC 7622 §3.2: the part after the first '@'
 * that comes before the first '/'), or undefined when there is none.
 */
export function domainOfJid(jid: string | undefined): string | undefined {
  return canonicalDomain((jid ?? '').replace(/^[^@/]*@/, '').replace(/\/.*$/, ''))
}
