import type {StoreDocument, XmppAllowedPartnerRecord} from '../../../store/index.js'

/**
 * Which partner owns which domain (cmdlets.md A2.2: a domain belongs to at most one partner). The
 * index is built once per document and kept current by putPartner/deletePartner, so that a script
 * adding 10,000 partners does not rescan every partner for every new one.
 */

const indexes = new WeakMap<StoreDocument, Map<string, string>>()

function partnerDomains(record: XmppAllowedPartnerRecord): string[] {
  return [record.Identity, ...record.AdditionalDomains]
}

function indexOf(document: StoreDocument): Map<string, string> {
  let index = indexes.get(document)
  if (!index) {
    index = new Map()
    for (const record of Object.values(document.xmppAllowedPartners)) {
      for (const domain of partnerDomains(record)) index.set(domain, record.Identity)
    }
    indexes.set(document, index)
  }
  return index
}

/** partnerOwning returns the Identity of the partner that has a domain, if any. */
export function partnerOwning(document: StoreDocument, domain: string): string | undefined {
  return indexOf(document).get(domain)
}

/** deletePartner removes a partner and its domains from the document (and the index, if built). */
export function deletePartner(document: StoreDocument, identity: string): void {
  const record = document.xmppAllowedPartners[identity]
  if (!record) return
  const index = indexes.get(document)
  if (index) for (const domain of partnerDomains(record)) index.delete(domain)
  delete document.xmppAllowedPartners[identity]
}

/** putPartner adds or replaces a partner and keeps the index (if one was built) current. */
export function putPartner(document: StoreDocument, record: XmppAllowedPartnerRecord, before?: XmppAllowedPartnerRecord): void {
  const index = indexes.get(document)
  if (index && before) for (const domain of partnerDomains(before)) index.delete(domain)
  document.xmppAllowedPartners[record.Identity] = record
  if (index) for (const domain of partnerDomains(record)) index.set(domain, record.Identity)
}
