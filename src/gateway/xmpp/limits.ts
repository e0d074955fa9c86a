/**
 * The s2s service's own limits, beside those of the store (ConnectionLimit, PartnerConnectionLimit,
 * StreamEstablishmentTimeout: cmdlets.md A8.2, A8.3). They have no Lync cmdlet parameter; the
 * composition root may set them (S2sHooks.limits), and these defaults hold otherwise.
 */

/** S2sLimits bound what unauthenticated peers and unreachable partners can make the gateway hold. */
export interface S2sLimits {
  /**
   * Incoming connections one address (an IPv6 /64) may hold before they authenticate, TLS handshakes
   * included. A partner server needs one stream per domain pair, and authenticates it within a second
   * or two; 16 leaves room for a server hosting many domains that all connect at once, while one
   * address can no longer take the whole ConnectionLimit.
   */
  readonly unauthenticatedPerAddress: number
  /**
   * Above this share of ConnectionLimit the gateway is near its limit: unauthenticated connections
   * older than pressureTimeoutSeconds are closed with <connection-timeout/>, oldest first, until it is
   * back under it, so that idle connections cannot hold the slots a real partner needs.
   */
  readonly pressureThreshold: number
  /** The establishment timeout near the limit (never longer than StreamEstablishmentTimeout). */
  readonly pressureTimeoutSeconds: number
  /** Stanzas that may wait for one outgoing stream to authenticate (OutgoingLink). */
  readonly queuedPerLink: number
}

/** DEFAULT_S2S_LIMITS are the limits in force unless the composition root says otherwise. */
export const DEFAULT_S2S_LIMITS: S2sLimits = Object.freeze({
  unauthenticatedPerAddress: 16,
  pressureThreshold: 0.75,
  pressureTimeoutSeconds: 5,
  queuedPerLink: 1000,
})
