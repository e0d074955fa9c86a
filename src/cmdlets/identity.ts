import {domainToASCII, domainToUnicode} from 'node:url'
import {isIP} from 'node:net'

/**
 * Identity forms of cmdlets.md A2, and the "bad name" reasons of A6.2 (a closed list; the first that
 * applies wins). Every parser returns either the canonical form or the reason it was refused.
 */

/** Parsed is a canonical value or the reason the input was refused. */
export type Parsed<T> = {ok: true; value: T} | {ok: false; reason: string}

/** PolicyScope is the scope of an external access policy identity. */
export type PolicyScope = 'global' | 'site' | 'tag'

/** PolicyIdentity is a canonical XdsIdentity of a policy: `Global`, `Site:Name` or `Tag:Name`. */
export interface PolicyIdentity {
  scope: PolicyScope
  name: string
  /** The display form, e.g. `Tag:FedPic`. */
  identity: string
  /** The store key, the display form lower-cased. */
  key: string
}

/** hasWildcard tells whether an identity contains PowerShell wildcard characters (A6.2). */
export function hasWildcard(typed: string): boolean {
  return /[*?]/.test(typed)
}

const refused = (reason: string): Parsed<never> => ({ok: false, reason})

function firstBadCharacter(text: string, allowed: RegExp): string | undefined {
  return [...text].find((ch) => !allowed.test(ch))
}

/** parsePolicyIdentity reads `global`, `site:X`, `tag:X` or a bare per-user name (A2.1). */
export function parsePolicyIdentity(typed: string): Parsed<PolicyIdentity> {
  const trimmed = typed.trim()
  if (trimmed.toLowerCase() === 'global') return {ok: true, value: {scope: 'global', name: 'Global', identity: 'Global', key: 'global'}}
  const match = /^(site|tag):(.*)$/is.exec(trimmed)
  const scope: PolicyScope = match ? (match[1]!.toLowerCase() as PolicyScope) : 'tag'
  const name = (match ? match[2]! : trimmed).trim()
  if (name === '') return refused('it is empty')
  if (name.length > 256) return refused('it is longer than 256 characters')
  const bad = firstBadCharacter(name, /[^:*?\p{Cc}]/u)
  if (bad !== undefined) return refused(`it contains "${bad}"`)
  const identity = `${scope === 'site' ? 'Site' : 'Tag'}:${name}`
  return {ok: true, value: {scope, name, identity, key: identity.toLowerCase()}}
}

const LABEL_CHARACTER = /[\p{L}\p{M}\p{Nd}-]/u

/**
 * parseDomain reads an XMPP domainpart that is a DNS name (A2.2): NFC, lower case, U-label form,
 * trailing dot removed. singleLabel allows host names such as a proxy's.
 */
export function parseDomain(typed: string, options: {singleLabel?: boolean} = {}): Parsed<string> {
  let text = typed.normalize('NFC')
  if (text.endsWith('.')) text = text.slice(0, -1)
  if (text === '') return refused('it is empty')
  const ascii = domainToASCII(text.toLowerCase())
  const measured = ascii === '' ? text : ascii
  if (measured.length > 253) return refused('it is longer than 253 characters')
  const labels = text.split('.')
  if (labels.some((l) => l === '')) return refused('a label is empty')
  if ((ascii === '' ? labels : ascii.split('.')).some((l) => l.length > 63)) return refused('a label is longer than 63 characters')
  if (labels.some((l) => l.startsWith('-') || l.endsWith('-'))) return refused('a label starts or ends with a hyphen')
  const bad = firstBadCharacter(text, /[\p{L}\p{M}\p{Nd}.-]/u)
  if (bad !== undefined) return refused(`it contains "${bad}"`)
  if (isIP(text) !== 0 || labels.every((l) => /^\d+$/.test(l))) return refused('it is an IP address')
  if (labels.length < 2 && !options.singleLabel) return refused('it has a single label')
  if (ascii === '') return refused(`it contains "${firstBadCharacter(text, LABEL_CHARACTER) ?? text[0]}"`)
  return {ok: true, value: domainToUnicode(ascii).normalize('NFC')}
}

/** parseHostAndPort reads a ProxyFqdn: a host name (one label allowed) with an optional `:port` (A3.2). */
export function parseHostAndPort(typed: string): Parsed<string> {
  const match = /^(.*):([^:]*)$/s.exec(typed)
  const host = parseDomain(match ? match[1]! : typed, {singleLabel: true})
  if (!host.ok) return host
  if (!match) return host
  const port = match[2]!
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return refused('the port is not a number from 1 to 65535')
  return {ok: true, value: `${host.value}:${Number(port)}`}
}

/** SipAddress is a canonical SIP address split into its parts. */
export interface SipAddress {
  user: string
  domain: string
  /** `sip:user@domain`. */
  uri: string
  /** The store key, `user@domain` lower-cased. */
  key: string
}

/** parseSipAddress reads `[sip:]user@domain`; the domain must be one of sipDomains (A9.1). */
export function parseSipAddress(typed: string, sipDomains: ReadonlySet<string>): Parsed<SipAddress> {
  const text = typed.trim().replace(/^sip:/i, '')
  if (text === '') return refused('it is empty')
  const at = text.lastIndexOf('@')
  const user = at < 0 ? text : text.slice(0, at)
  if (user === '') return refused('it is empty')
  const bad = firstBadCharacter(user, /[\p{L}\p{Nd}._+'-]/u)
  if (bad !== undefined) return refused(`it contains "${bad}"`)
  if (at < 0) return refused('it has a single label')
  const domain = parseDomain(text.slice(at + 1))
  if (!domain.ok) return domain
  if (!sipDomains.has(domain.value)) return refused('its domain is not a SIP domain of this deployment')
  const key = `${user.toLowerCase()}@${domain.value}`
  return {ok: true, value: {user, domain: domain.value, uri: `sip:${user}@${domain.value}`, key}}
}
