import type {NegotiationSetting} from './types.js'

/**
 * The TLS × SASL × dialback negotiation matrix of Lync Server 2013 ("Negotiation settings for XMPP
 * federated partners", cmdlets.md A5 and B7.2). It lives in the store because it is an invariant of a
 * stored partner: the cmdlets refuse invalid rows, the store refuses to load them, and the gateway
 * negotiates exactly the methods a row allows.
 */

/** NegotiationStatus says whether a row is refused, accepted with a warning, or accepted silently. */
export type NegotiationStatus = 'invalid' | 'warning' | 'valid'

/** AuthenticationMethods are the ways a stream with the partner may be authenticated (A5.2). */
export interface AuthenticationMethods {
  /** STARTTLS or direct TLS, then SASL EXTERNAL with certificates. */
  saslOverTls: boolean
  /** TLS, then XEP-0220 dialback. */
  tlsDialback: boolean
  /** XEP-0220 dialback on an unencrypted stream. */
  tcpDialback: boolean
}

/** NegotiationRow is one of the 18 rows of the Lync matrix, numbered as in the documentation. */
export interface NegotiationRow {
  row: number
  status: NegotiationStatus
  methods: AuthenticationMethods
}

const ORDER: readonly NegotiationSetting[] = ['Required', 'Optional', 'NotSupported']

/**
 * negotiationRow classifies a partner's (TlsNegotiation, SaslNegotiation, SupportDialbackNegotiation).
 * Rows are numbered SASL-major, then TLS, then dialback True before False, as in B7.2.
 */
export function negotiationRow(
  tls: NegotiationSetting,
  sasl: NegotiationSetting,
  dialback: boolean,
): NegotiationRow {
  const row = ORDER.indexOf(sasl) * 6 + ORDER.indexOf(tls) * 2 + (dialback ? 1 : 2)
  const methods: AuthenticationMethods = {
    saslOverTls: sasl !== 'NotSupported' && tls !== 'NotSupported',
    // COMPAT(lync): row 1 (both Required) accepts only SASL over TLS, so dialback is unused there.
    tlsDialback: dialback && tls !== 'NotSupported' && !(tls === 'Required' && sasl === 'Required'),
    tcpDialback: dialback && tls !== 'Required',
  }
  let status: NegotiationStatus = 'valid'
  if ((sasl === 'NotSupported' || tls === 'NotSupported') && !dialback) status = 'invalid'
  else if ((sasl !== 'NotSupported' && tls !== 'Required') || (tls === 'Required' && sasl === 'Required' && dialback)) {
    status = 'warning'
  }
  return {row, status, methods}
}
