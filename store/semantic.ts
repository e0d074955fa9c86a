import {negotiationRow} from './matrix.js'
import {type StoreProblem, storeProblem} from './problem.js'
import type {StoreDocument} from './types.js'

/**
 * The rules JSON Schema cannot express, checked after the schema passes because the file may be
 * edited by hand: records agree with their keys, a domain has one owner, every partner is on a
 * usable matrix row, the limits are ordered, references (default SIP domain, users' domains and
 * policies) resolve, and at most one certificate is the gateway's. The first failure wins, in the
 * order of `semanticProblem`.
 */

/** semanticProblem returns the first cross-record problem of a schema-valid document, or null. */
export function semanticProblem(doc: StoreDocument): StoreProblem | null {
  return (
    keyProblem(doc) ??
    globalPolicyProblem(doc) ??
    domainOwnerProblem(doc) ??
    matrixProblem(doc) ??
    limitsProblem(doc) ??
    defaultSipDomainProblem(doc) ??
    userReferenceProblem(doc) ??
    certificateProblem(doc) ??
    defaultRouteProblem(doc)
  )
}

const POLICY_PREFIXES: Record<string, string> = {global: 'Global', site: 'Site:', tag: 'Tag:'}

function keyProblem(doc: StoreDocument): StoreProblem | null {
  // The schema checks the shape of keys; lower case is checked here with the function the cmdlets use.
  for (const collection of ['externalAccessPolicies', 'users'] as const) {
    for (const key of Object.keys(doc[collection])) {
      if (key !== key.toLowerCase()) return storeProblem([collection], `'${key}' is not a valid key`)
    }
  }
  for (const key of Object.keys(doc.externalAccessPolicies)) {
    const policy = doc.externalAccessPolicies[key]!
    const where = ['externalAccessPolicies', key, 'Identity']
    if (policy.Identity.toLowerCase() !== key) return storeProblem(where, `Identity '${policy.Identity}' does not match its key '${key}'`)
    const prefix = POLICY_PREFIXES[key === 'global' ? 'global' : key.slice(0, key.indexOf(':'))]!
    if (!policy.Identity.startsWith(prefix)) return storeProblem(where, `Identity '${policy.Identity}' must start with '${prefix}'`)
  }
  // Domains have one canonical form, lower case (A2.2), so Identity must be the key itself.
  for (const collection of ['xmppAllowedPartners', 'sipDomains'] as const) {
    for (const key of Object.keys(doc[collection])) {
      const record = doc[collection][key]!
      if (record.Identity !== key) return storeProblem([collection, key, 'Identity'], `Identity '${record.Identity}' does not match its key '${key}'`)
    }
  }
  for (const key of Object.keys(doc.users)) {
    const user = doc.users[key]!
    const at = key.lastIndexOf('@')
    const sip = user.SipAddress
    const matches = sip.startsWith('sip:') && sip.slice(4).toLowerCase() === key && sip.endsWith(key.slice(at))
    if (!matches) return storeProblem(['users', key, 'SipAddress'], `SipAddress '${sip}' does not match its key '${key}'`)
  }
  return null
}

function globalPolicyProblem(doc: StoreDocument): StoreProblem | null {
  return doc.externalAccessPolicies.global ? null : storeProblem(['externalAccessPolicies'], 'the Global policy is missing')
}

function domainOwnerProblem(doc: StoreDocument): StoreProblem | null {
  // Owner of each domain seen so far: a partner's key, or '' for a SIP domain. Paths are built only
  // for a conflict: this runs over every domain of every partner on each load.
  const owners = new Map<string, string>()
  for (const domain of Object.keys(doc.sipDomains)) owners.set(domain, '')
  for (const key of Object.keys(doc.xmppAllowedPartners)) {
    const partner = doc.xmppAllowedPartners[key]!
    const domains = partner.AdditionalDomains
    for (let index = -1; index < domains.length; index++) {
      const domain = index < 0 ? partner.Identity : domains[index]!
      const owner = owners.get(domain)
      if (owner === undefined) {
        owners.set(domain, key)
        continue
      }
      const path = ['xmppAllowedPartners', key, ...(index < 0 ? ['Identity'] : ['AdditionalDomains', index])]
      if (owner === '') return storeProblem(path, `domain '${domain}' is also a SIP domain`)
      if (owner === key) return storeProblem(path, `domain '${domain}' appears twice in XMPP partner '${key}'`)
      return storeProblem(path, `domain '${domain}' is also used by XMPP partner '${owner}'`)
    }
  }
  return null
}

const boolText = (value: boolean): string => (value ? 'True' : 'False')

function matrixProblem(doc: StoreDocument): StoreProblem | null {
  for (const key of Object.keys(doc.xmppAllowedPartners)) {
    const {TlsNegotiation: tls, SaslNegotiation: sasl, SupportDialbackNegotiation: dialback} = doc.xmppAllowedPartners[key]!
    const row = negotiationRow(tls, sasl, dialback)
    if (row.status !== 'invalid') continue
    const settings = `TlsNegotiation ${tls}, SaslNegotiation ${sasl} and SupportDialbackNegotiation ${boolText(dialback)}`
    return storeProblem(['xmppAllowedPartners', key], `${settings} leave no authentication method (matrix row ${row.row})`)
  }
  return null
}

function limitsProblem(doc: StoreDocument): StoreProblem | null {
  const {ConnectionLimit: total, PartnerConnectionLimit: perPartner} = doc.xmppGatewayConfiguration
  if (perPartner <= total) return null
  return storeProblem(['xmppGatewayConfiguration'], `PartnerConnectionLimit (${perPartner}) cannot be greater than ConnectionLimit (${total})`)
}

function defaultSipDomainProblem(doc: StoreDocument): StoreProblem | null {
  const domains = Object.keys(doc.sipDomains)
  const defaults = domains.filter((domain) => doc.sipDomains[domain]!.IsDefault)
  if (defaults.length > 1) return storeProblem(['sipDomains'], `SIP domains '${defaults[0]}' and '${defaults[1]}' are both the default`)
  if (domains.length > 0 && defaults.length === 0) return storeProblem(['sipDomains'], 'no SIP domain is the default')
  return null
}

function userReferenceProblem(doc: StoreDocument): StoreProblem | null {
  for (const key of Object.keys(doc.users)) {
    const user = doc.users[key]!
    const domain = key.slice(key.lastIndexOf('@') + 1)
    if (!doc.sipDomains[domain]) return storeProblem(['users', key, 'SipAddress'], `domain '${domain}' is not a SIP domain`)
    const policy = user.ExternalAccessPolicy
    if (policy !== null && !doc.externalAccessPolicies[`tag:${policy.toLowerCase()}`]) {
      return storeProblem(['users', key, 'ExternalAccessPolicy'], `there is no policy 'Tag:${policy}'`)
    }
  }
  return null
}

function certificateProblem(doc: StoreDocument): StoreProblem | null {
  const certificates = doc.certificates ?? {}
  let assigned: string | undefined
  for (const key of Object.keys(certificates)) {
    const record = certificates[key]!
    if (record.Thumbprint !== key) return storeProblem(['certificates', key, 'Thumbprint'], `Thumbprint '${record.Thumbprint}' does not match its key '${key}'`)
    if (record.Use === null) continue
    // The gateway presents one server certificate (cmdlets.md A9.3: Set-CsCertificate assigns it).
    if (assigned !== undefined) return storeProblem(['certificates', key, 'Use'], `certificates '${assigned}' and '${key}' both have Use 'XmppServer'`)
    assigned = key
  }
  return null
}

/** defaultRouteProblem: RoutingMethod UseDefaultRouting needs a DefaultRouteFqdn (cmdlets.md A11.4). */
function defaultRouteProblem(doc: StoreDocument): StoreProblem | null {
  const edge = doc.accessEdgeConfiguration
  if (edge?.RoutingMethod !== 'UseDefaultRouting' || edge.DefaultRouteFqdn !== null) return null
  return storeProblem(['accessEdgeConfiguration', 'DefaultRouteFqdn'], 'RoutingMethod UseDefaultRouting needs a DefaultRouteFqdn')
}
