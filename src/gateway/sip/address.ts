import {domainToASCII} from 'node:url'
import {remembering} from '../memo.js'

/**
 * Addresses between SIP and XMPP, RFC 7247 §5 (https://www.rfc-editor.org/rfc/rfc7247#section-5).
 * Only the local part is mapped. The domain is carried unchanged, except that it is lower-cased
 * (DNS names compare without case) and written as an A-label (a SIP hostname is ASCII, RFC 3261
 * §25.1; the XMPP side reads A-labels as its canonical U-labels). A SIP GRUU `gr` parameter stands
 * for an XMPP resource (§5.2, AOR-associated GRUUs only). Characters XMPP forbids in a localpart
 * are escaped with XEP-0106 (https://xmpp.org/extensions/xep-0106.html); characters the sip:
 * `user` rule (RFC 3261 §25.1) does not allow are percent-encoded. Malformed input is an expected
 * failure: undefined, not a throw.
 */

/** SipAddress is a sip:/sips:/im:/pres: URI taken apart, user and gr percent-decoded. */
export interface SipAddress {
  readonly scheme: 'sip' | 'sips' | 'im' | 'pres'
  /** Decoded user part (UTF-8); undefined for a domain-only URI such as `sip:xmpp.example`. */
  readonly user?: string
  /** Lower-case host as an A-label; IPv6 references are not supported (SIP-XMPP addresses are DNS names). */
  readonly domain: string
  readonly port?: number
  /** Decoded `gr` URI parameter (RFC 5627), the XMPP resource. */
  readonly gr?: string
}

// XEP-0106 §3: the characters a localpart cannot hold, and their escapes (`\` is the tenth, escaped only before an escape).
const XEP0106: ReadonlyArray<[string, string]> = [
  [' ', '\\20'], ['"', '\\22'], ['&', '\\26'], ["'", '\\27'], ['/', '\\2f'],
  [':', '\\3a'], ['<', '\\3c'], ['>', '\\3e'], ['@', '\\40'],
]
const ESCAPE_SEQUENCE = /\\(20|22|26|27|2f|3a|3c|3e|40|5c)/gi
const STARTS_WITH_ESCAPE = new RegExp(`^${ESCAPE_SEQUENCE.source}`, 'i')
/** AllowedCharacters is a character class, compiled to test one character and a whole string. */
interface AllowedCharacters {
  readonly one: RegExp
  readonly all: RegExp
}
const allowing = (set: string): AllowedCharacters => ({one: new RegExp(`^${set}$`), all: new RegExp(`^${set}*$`)})
// RFC 3261 §25.1: user = 1*( unreserved / escaped / user-unreserved ).
const SIP_USER = allowing("[A-Za-z0-9\\-_.!~*'()&=+$,;?/]")
// RFC 3261 §25.1: paramchar = param-unreserved / unreserved / escaped.
const SIP_PARAM = allowing("[A-Za-z0-9\\-_.!~*'()[\\]/:&+$]")
const URI = /^(sips?|im|pres):(?:([^@\s]+)@)?([^\s:;?>@/[\]]+)(?::(\d{1,5}))?((?:;[^;?\s]*)*)(?:\?\S*)?$/iu

/** escapeLocalpart applies XEP-0106 §4.2: the ten characters, and `\` only where it would read as an escape. */
export function escapeLocalpart(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '\\') out += STARTS_WITH_ESCAPE.test(text.slice(i)) ? '\\5c' : '\\'
    else out += XEP0106.find(([raw]) => raw === ch)?.[1] ?? ch
  }
  return out
}

/** unescapeLocalpart reverses escapeLocalpart (XEP-0106 §4.3). */
export function unescapeLocalpart(localpart: string): string {
  return localpart.replace(ESCAPE_SEQUENCE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

const UTF8 = new TextDecoder('utf-8', {fatal: true})
const PLAIN_ASCII = /^[\x00-\x24\x26-\x7f]*$/

/** percentDecode turns %hexhex into bytes and reads them as UTF-8, or undefined when that fails (RFC 7247 §5.3 steps 3–4). */
export function percentDecode(text: string): string | undefined {
  // The common case, ASCII without escapes, decodes to itself.
  if (PLAIN_ASCII.test(text)) return text
  const bytes: number[] = []
  for (let i = 0; i < text.length; ) {
    if (text[i] === '%') {
      if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) return undefined
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16))
      i += 3
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i)!)
      bytes.push(...Buffer.from(ch, 'utf8'))
      i += ch.length
    }
  }
  try {
    return UTF8.decode(Uint8Array.from(bytes))
  } catch {
    return undefined
  }
}

/** percentEncode encodes every UTF-8 byte of text that `allowed` refuses (RFC 3986 §2.1, upper-case hex). */
function percentEncode(text: string, allowed: AllowedCharacters): string {
  if (allowed.all.test(text)) return text
  let out = ''
  for (const ch of text) {
    if (allowed.one.test(ch)) out += ch
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** encodeGr percent-encodes an XMPP resource for a `gr` URI parameter (RFC 7247 §5.4 step 8). */
export function encodeGr(resource: string): string {
  return percentEncode(resource, SIP_PARAM)
}

/** parseSipUri takes a URI apart (name-addr brackets already removed), or undefined when it is not one we map. */
export const parseSipUri: (uri: string) => SipAddress | undefined = remembering(takeApart)

function takeApart(uri: string): SipAddress | undefined {
  const m = URI.exec(uri.trim())
  const domain = m ? domainToASCII(m[3]!) : ''
  if (!m || domain === '') return undefined
  const user = m[2] === undefined ? undefined : percentDecode(m[2])
  if (m[2] !== undefined && (user === undefined || user === '')) return undefined
  const gr = /;gr=([^;]*)/i.exec(m[5] ?? '')?.[1]
  const decodedGr = gr === undefined ? undefined : percentDecode(gr)
  if (gr !== undefined && !decodedGr) return undefined
  return {
    scheme: m[1]!.toLowerCase() as SipAddress['scheme'],
    ...(user === undefined ? {} : {user}),
    domain,
    ...(m[4] === undefined ? {} : {port: Number(m[4])}),
    ...(decodedGr === undefined ? {} : {gr: decodedGr}),
  }
}

/** aorOf is the address of record of a URI: scheme, user and domain, without port and parameters (RFC 3261 §10.3). */
export function aorOf(address: SipAddress): string {
  return `${address.scheme === 'sips' ? 'sips' : 'sip'}:${address.user === undefined ? '' : `${percentEncode(address.user, SIP_USER)}@`}${address.domain}`
}

/**
 * sipToJid maps a sip:/sips:/im:/pres: URI to a JID (RFC 7247 §5.3): percent-decode the user as
 * UTF-8, escape what XMPP forbids (XEP-0106), keep the domain, and make `gr` the resource.
 */
export function sipToJid(uri: string): string | undefined {
  const address = parseSipUri(uri)
  if (!address) return undefined
  const bare = address.user === undefined ? address.domain : `${escapeLocalpart(address.user)}@${address.domain}`
  return address.gr === undefined ? bare : `${bare}/${address.gr}`
}

/**
 * jidToSip maps a JID to a sip: (or sips:) URI (RFC 7247 §5.4): unescape XEP-0106, percent-encode
 * the bytes the SIP user rule does not allow (among them `#%[\]^`{|}` and all non-ASCII), and
 * carry the resource as `gr`.
 */
export function jidToSip(jid: string, scheme: 'sip' | 'sips' = 'sip'): string | undefined {
  return scheme === 'sip' ? sipUriOfJid(jid) : mapJid(jid, scheme)
}

const sipUriOfJid = remembering((jid) => mapJid(jid, 'sip'))

function mapJid(jid: string, scheme: 'sip' | 'sips'): string | undefined {
  const m = /^(?:([^@/]+)@)?([^@/]+)(?:\/(.+))?$/su.exec(jid)
  const domain = m ? domainToASCII(m[2]!) : ''
  if (!m || domain === '') return undefined
  const user = m[1] === undefined ? '' : `${percentEncode(unescapeLocalpart(m[1]), SIP_USER)}@`
  return `${scheme}:${user}${domain}${m[3] === undefined ? '' : `;gr=${encodeGr(m[3])}`}`
}
