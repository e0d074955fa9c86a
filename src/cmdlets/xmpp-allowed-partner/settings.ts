import {negotiationRow, type StoreDocument, type XmppAllowedPartnerRecord} from '../../../store/index.js'
import type {ListModifier} from '../../binding/convert.js'
import type {ErrorRecord} from '../../errors.js'
import {PSEnumValue} from '../../values/objects.js'
import {domainInUse, invalidIdentity, invalidNegotiation, tooManyDomains} from '../errors.js'
import {parseDomain, parseHostAndPort} from '../identity.js'
import {partnerOwning} from './domains.js'

/**
 * Applying settings to a partner and validating the result as a whole (cmdlets.md A4.2): each domain,
 * the uniqueness of domains, the matrix. One failing rule fails the whole change for that partner.
 */

const MAX_ADDITIONAL_DOMAINS = 1000

function canonicalDomains(cmdlet: string, items: readonly string[]): string[] | ErrorRecord {
  const domains: string[] = []
  for (const item of items) {
    const parsed = parseDomain(item)
    if (!parsed.ok) return invalidIdentity(cmdlet, item, 'domain name', parsed.reason)
    domains.push(parsed.value)
  }
  return domains
}

/** applyListModifier applies Replace, then Remove, then Add to canonical domains (powershell.md §7.6). */
function applyListModifier(cmdlet: string, current: readonly string[], modifier: ListModifier): string[] | ErrorRecord {
  const replace = modifier.replace ? canonicalDomains(cmdlet, modifier.replace) : [...current]
  const remove = canonicalDomains(cmdlet, modifier.remove)
  const add = canonicalDomains(cmdlet, modifier.add)
  for (const list of [replace, remove, add]) if (!Array.isArray(list)) return list
  const removed = new Set(remove as string[])
  return [...new Set([...(replace as string[]).filter((d) => !removed.has(d)), ...(add as string[])])]
}

/** applyPartnerSettings returns the partner with the settings applied, or the first error. */
export function applyPartnerSettings(
  cmdlet: string,
  base: XmppAllowedPartnerRecord,
  settings: ReadonlyMap<string, unknown>,
): XmppAllowedPartnerRecord | ErrorRecord {
  const record: XmppAllowedPartnerRecord = {...base, AdditionalDomains: [...base.AdditionalDomains]}
  for (const [name, value] of settings) {
    if (name === 'AdditionalDomains') {
      const domains = applyListModifier(cmdlet, record.AdditionalDomains, value as ListModifier)
      if (!Array.isArray(domains)) return domains
      // DECISION (A3.2): an entry equal to the partner's own Identity is dropped, not refused.
      record.AdditionalDomains = domains.filter((d) => d !== record.Identity)
    } else if (name === 'ProxyFqdn') {
      const text = value as string | null
      if (text === null || text === '') record.ProxyFqdn = null
      else {
        const parsed = parseHostAndPort(text)
        if (!parsed.ok) return invalidIdentity(cmdlet, text, 'host name', parsed.reason)
        record.ProxyFqdn = parsed.value
      }
    } else {
      ;(record as unknown as Record<string, unknown>)[name] = value instanceof PSEnumValue ? value.name : value
    }
  }
  return record
}

/**
 * validatePartner checks the resulting partner against the rest of the store. Only domains the
 * partner did not already have can clash: the stored ones were checked when the store was read.
 */
export function validatePartner(
  cmdlet: string,
  document: StoreDocument,
  record: XmppAllowedPartnerRecord,
  before: XmppAllowedPartnerRecord | undefined,
): ErrorRecord | undefined {
  if (record.AdditionalDomains.length > MAX_ADDITIONAL_DOMAINS) {
    return tooManyDomains(cmdlet, record.Identity, record.AdditionalDomains.length)
  }
  const had = new Set(before ? [before.Identity, ...before.AdditionalDomains] : [])
  for (const domain of [record.Identity, ...record.AdditionalDomains]) {
    if (had.has(domain)) continue
    if (document.sipDomains[domain]) return domainInUse(cmdlet, domain)
    const owner = partnerOwning(document, domain)
    if (owner !== undefined && owner !== record.Identity) return domainInUse(cmdlet, domain, owner)
  }
  const row = negotiationRow(record.TlsNegotiation, record.SaslNegotiation, record.SupportDialbackNegotiation)
  if (row.status === 'invalid') return invalidNegotiation(cmdlet, record.Identity, record.TlsNegotiation === 'NotSupported' && record.SaslNegotiation !== 'NotSupported')
  return undefined
}

/** MatrixNotice is what A6.3 prints for a partner's matrix row: a warning, or a VERBOSE line. */
export interface MatrixNotice {
  readonly verbose: boolean
  readonly text: string
}

/**
 * matrixNotice is the notice of cmdlets.md A6.3 for a partner's row, if any: a warning on rows 3, 4,
 * 5, 9, 10, 11, and for row 1, Lync's own defaults, a VERBOSE line only (A5.1, 2026-12 amendment).
 */
export function matrixNotice(record: XmppAllowedPartnerRecord): MatrixNotice | undefined {
  const id = record.Identity
  switch (rowOf(record)) {
    case 1:
      return {verbose: true, text: `Dialback will not be used with partner "${id}": with TlsNegotiation Required and SaslNegotiation Required only SASL over TLS is accepted.`}
    case 3:
    case 4:
    case 9:
    case 10:
      return {
        verbose: false,
        text: `SASL needs TLS, but TlsNegotiation is Optional for partner "${id}": if the partner does not negotiate TLS, SASL cannot be used and session negotiation may fail.`,
      }
    case 5:
    case 11:
      return {verbose: false, text: `SASL needs TLS, but TlsNegotiation is NotSupported for partner "${id}": SASL will never be used; only TCP dialback is left.`}
    default:
      return undefined
  }
}

/** rowOf is a partner's row of the negotiation matrix (B7.2). */
export function rowOf(record: XmppAllowedPartnerRecord): number {
  return negotiationRow(record.TlsNegotiation, record.SaslNegotiation, record.SupportDialbackNegotiation).row
}
