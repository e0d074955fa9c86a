import {canonicalDomain} from '../xmpp/domain.js'
import {type AuthenticationMethods, accessEdgeSettings, type DeepReadonly, type ExternalAccessPolicyRecord, type StoreDocument, type UserRecord, type XmppAllowedPartnerRecord, negotiationRow} from '../../../store/index.js'

/**
 * Who may federate, read from a store snapshot (cmdlets.md A5, A8.5): the partner a remote domain
 * belongs to, the authentication methods its matrix row allows, and whether a local user may use
 * XMPP at all. Pure functions of the snapshot, so a reload changes their answers at once.
 */

type Document = DeepReadonly<StoreDocument>

/** partnerFor finds the allowed partner owning a remote domain: its Identity or one of its AdditionalDomains. */
export function partnerFor(document: Document, domain: string): DeepReadonly<XmppAllowedPartnerRecord> | undefined {
  // Sessions ask with the canonical domain they hold, a store key as it is: no IDNA work for those
  // (canonicalDomain remembers nothing, since unauthenticated peers reach it; a reload asks for every stream).
  // Own keys only: a peer's `from='constructor'` must not find Object.prototype's.
  const partners = document.xmppAllowedPartners
  if (Object.hasOwn(partners, domain)) return partners[domain]
  const wanted = canonicalDomain(domain)
  if (wanted === undefined) return undefined
  if (Object.hasOwn(partners, wanted)) return partners[wanted]
  return Object.values(document.xmppAllowedPartners).find((p) => p.AdditionalDomains.includes(wanted))
}

/** methodsFor are the authentication methods a partner's TLS × SASL × dialback row allows (A5.2). */
export function methodsFor(partner: DeepReadonly<XmppAllowedPartnerRecord>): AuthenticationMethods {
  return negotiationRow(partner.TlsNegotiation, partner.SaslNegotiation, partner.SupportDialbackNegotiation).methods
}

/** userFor finds an enabled-or-not local user by SIP address or bare JID (`ken@litwareinc.com`). */
export function userFor(document: Document, address: string): DeepReadonly<UserRecord> | undefined {
  const bare = address.toLowerCase().replace(/^sip:/, '').replace(/\/.*$/, '')
  if (Object.hasOwn(document.users, bare)) return document.users[bare]
  return Object.values(document.users).find((u) => u.SipAddress.toLowerCase() === `sip:${bare}`)
}

/** effectivePolicy is the user's granted Tag: policy, else their site's, else Global (A8.5). */
export function effectivePolicy(document: Document, user: DeepReadonly<UserRecord>): DeepReadonly<ExternalAccessPolicyRecord> {
  const policies = document.externalAccessPolicies
  const granted = user.ExternalAccessPolicy === null ? undefined : policies[`tag:${user.ExternalAccessPolicy.toLowerCase()}`]
  const site = user.Site === null ? undefined : policies[`site:${user.Site.replace(/^site:/i, '').toLowerCase()}`]
  return granted ?? site ?? policies.global!
}

/** mayUseXmpp tells whether a local user may send or receive XMPP messages (A8.5). */
export function mayUseXmpp(document: Document, address: string): boolean {
  const user = userFor(document, address)
  return user !== undefined && userMayUseXmpp(document, user)
}

/** userMayUseXmpp is mayUseXmpp for a user already found. */
export function userMayUseXmpp(document: Document, user: DeepReadonly<UserRecord>): boolean {
  return user.Enabled && effectivePolicy(document, user).EnableXmppAccess
}

/** isServedDomain tells whether the gateway serves a domain: its XMPP domains are its SIP domains (A9.2). */
export function isServedDomain(document: Document, domain: string | undefined): domain is string {
  return domain !== undefined && Object.hasOwn(document.sipDomains, domain.toLowerCase())
}

/** FEDERATION_DISABLED is the stream error of every s2s stream while AllowFederatedUsers is False (cmdlets.md A11.5). */
export const FEDERATION_DISABLED = {condition: 'policy-violation', text: 'federation is disabled on this server (AllowFederatedUsers is False)'} as const

/** federationEnabled is the Access Edge's AllowFederatedUsers (A11.5); a store older than the setting federates (A11.3). */
export function federationEnabled(document: Document): boolean {
  return accessEdgeSettings(document).AllowFederatedUsers
}

/**
 * federationRefusal is the SIP answer to a request toward XMPP while federation is off (A11.5): 403
 * with a Warning naming the default SIP domain as the warn-agent (RFC 3261 §20.43); undefined while on.
 */
export function federationRefusal(document: Document): {status: 403; reason: 'Forbidden'; warning: string} | undefined {
  if (federationEnabled(document)) return undefined
  const agent = Object.values(document.sipDomains).find((d) => d.IsDefault)?.Identity ?? '-'
  return {status: 403, reason: 'Forbidden', warning: `399 ${agent} "XMPP federation is disabled (AllowFederatedUsers is False)"`}
}
