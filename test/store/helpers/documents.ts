import {freshStore, type StoreDocument, type XmppAllowedPartnerRecord} from '../../../store/index.js'

/** partnerRecord returns a valid partner (matrix row 1) for domain, with overrides. */
export function partnerRecord(domain: string, overrides: Partial<XmppAllowedPartnerRecord> = {}): XmppAllowedPartnerRecord {
  return {
    Identity: domain,
    TlsNegotiation: 'Required',
    SaslNegotiation: 'Required',
    SupportDialbackNegotiation: true,
    AdditionalDomains: [],
    ProxyFqdn: null,
    Description: null,
    PartnerType: 'Federated',
    ConnectionLimit: 20,
    EnableKeepAlive: true,
    ...overrides,
  }
}

/** bigStore returns a valid store with count partners, each with three additional domains and a proxy (the stack.md 3.3 shape). */
export function bigStore(count: number): StoreDocument {
  const doc = freshStore()
  for (let i = 0; i < count; i++) {
    const domain = `partner${i}.example`
    doc.xmppAllowedPartners[domain] = partnerRecord(domain, {
      AdditionalDomains: [`chat.${domain}`, `muc.${domain}`, `im.${domain}`],
      ProxyFqdn: `proxy${i}.example:5269`,
      Description: `Partner number ${i}`,
    })
  }
  return doc
}
