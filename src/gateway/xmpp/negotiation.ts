import type {AuthenticationMethods, DeepReadonly, XmppAllowedPartnerRecord, XmppGatewaySettingsRecord} from '../../../store/index.js'
import {methodsFor} from '../policy/access.js'

/**
 * What the gateway offers and accepts on a stream with a partner (cmdlets.md A5 runtime rules, A8):
 * STARTTLS never towards a NotSupported partner and required where no method works without TLS;
 * SASL EXTERNAL and dialback only where the partner's matrix row allows them. Pure decisions, so
 * every row is a table test and a reload changes the answer for the next stream.
 */

/** StreamFeatures are the authentication features offered in one `<stream:features/>`. */
export interface StreamFeatures {
  /** undefined: STARTTLS not offered. */
  readonly starttls?: {readonly required: boolean}
  readonly saslExternal: boolean
  readonly dialback: boolean
}

/** Refusal is a stream error to send, with its text (RFC 6120 §4.9.3). */
export interface Refusal {
  readonly condition: 'policy-violation' | 'not-authorized' | 'resource-constraint'
  readonly text: string
}

/**
 * featuresFor are the features offered to a partner: before TLS (secured false) and after it.
 * certificateValid tells whether the peer presented a certificate valid for its domain (SASL EXTERNAL
 * needs one; without it, dialback is the fallback where allowed).
 */
export function featuresFor(partner: DeepReadonly<XmppAllowedPartnerRecord>, secured: boolean, certificateValid: boolean): StreamFeatures {
  const methods = methodsFor(partner)
  if (!secured) {
    const withoutTls = methods.tcpDialback
    const starttls = partner.TlsNegotiation === 'NotSupported' ? undefined : {required: partner.TlsNegotiation === 'Required' || !withoutTls}
    return {starttls, saslExternal: false, dialback: withoutTls && !starttls?.required}
  }
  return {saslExternal: methods.saslOverTls && certificateValid, dialback: methods.tlsDialback}
}

/** methodsText names a partner's allowed methods as the matrix does: `SASL over TLS, TLS dialback`. */
export function methodsText(methods: AuthenticationMethods): string {
  const names: string[] = []
  if (methods.saslOverTls) names.push('SASL over TLS')
  if (methods.tlsDialback) names.push('TLS dialback')
  if (methods.tcpDialback) names.push('TCP dialback')
  return names.join(', ')
}

/** requiresOther is the refusal of a method the partner's row does not allow (A5). */
export function requiresOther(partner: DeepReadonly<XmppAllowedPartnerRecord>): Refusal {
  return {condition: 'policy-violation', text: `partner ${partner.Identity} requires ${methodsText(methodsFor(partner))}`}
}

/** notAllowed is the refusal of a stream from a domain that is no partner's (A8.1). */
export function notAllowed(domain: string): Refusal {
  return {condition: 'policy-violation', text: `domain ${domain} is not an allowed XMPP partner`}
}

/** partnerStreamLimit is how many streams one partner may have, both directions (A8.2). */
export function partnerStreamLimit(partner: DeepReadonly<XmppAllowedPartnerRecord>, gateway: DeepReadonly<XmppGatewaySettingsRecord>): number {
  return Math.min(partner.ConnectionLimit, gateway.PartnerConnectionLimit)
}
