import {MAX_JID_PART_BYTES, canonicalDomain} from './domain.js'

/**
 * The size limits of an XMPP address (RFC 7622 §3): each of the localpart, domainpart and resourcepart
 * is at most 1,023 bytes, and the domainpart is a DNS domain name (at most 253 ASCII characters, which
 * canonicalDomain checks). Checked at the edge, before a part is used anywhere: one partner user with
 * a 70 KB localpart otherwise travelled into SIP headers and broke a connection other users shared.
 */

export {MAX_JID_PART_BYTES}

/** JidParts are the three parts of a JID as written (RFC 7622 §3.1: the resource after the first '/', the localpart before the first '@' ahead of it). */
export interface JidParts {
  readonly local: string | undefined
  readonly domain: string
  readonly resource: string | undefined
}

/** splitJid cuts a JID into its parts without interpreting them. */
export function splitJid(jid: string): JidParts {
  const slash = jid.indexOf('/')
  const bare = slash < 0 ? jid : jid.slice(0, slash)
  const resource = slash < 0 ? undefined : jid.slice(slash + 1)
  const at = bare.indexOf('@')
  return at < 0 ? {local: undefined, domain: bare, resource} : {local: bare.slice(0, at), domain: bare.slice(at + 1), resource}
}

/** jidProblem says how a JID breaks RFC 7622's limits (`its localpart exceeds …`), or undefined when it keeps them. */
export function jidProblem(jid: string): string | undefined {
  const {local, domain, resource} = splitJid(jid)
  if (local !== undefined && Buffer.byteLength(local) > MAX_JID_PART_BYTES) return `its localpart exceeds ${MAX_JID_PART_BYTES} bytes (RFC 7622 §3.3)`
  if (resource !== undefined && Buffer.byteLength(resource) > MAX_JID_PART_BYTES) return `its resourcepart exceeds ${MAX_JID_PART_BYTES} bytes (RFC 7622 §3.4)`
  // The byte test first: a domain of any size is never handed to the IDNA conversion or its cache.
  if (Buffer.byteLength(domain) > MAX_JID_PART_BYTES || canonicalDomain(domain) === undefined) return 'its domainpart is not a domain name (RFC 7622 §3.2)'
  return undefined
}
