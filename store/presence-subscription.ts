/**
 * The presence subscription record of presence.md P2.1 and its read-only admin view (issue 14 item 6,
 * `Get-CsXmppPresenceSubscription`).
 *
 * Why in store/: the record is the format of the gateway's state directory (`<store dir>/state/`,
 * P8.1), written by the gateway and read by a cmdlet that works whether or not the gateway runs.
 * Cmdlets and gateway never import each other (ARCHITECTURE); store/ is the one package both sides
 * share, and this file, like the store's own types, imports nothing.
 */

/** SubscriptionBits are Yate's bit values for the `s` field of a record (P2, P2.1). */
export const SubscriptionBits = {
  /** L receives R's presence. */
  To: 0x01,
  /** R receives L's presence. */
  From: 0x02,
  /** R asked, L's side has not decided (P6.1 row 8). */
  PendingIn: 0x10,
  /** L asked, R has not decided. */
  PendingOut: 0x20,
} as const

/** ContactRecord is one (L, R) record of P2.1, keyed by lower-cased bare JIDs. */
export interface ContactRecord {
  /** The local user's bare JID. */
  readonly l: string
  /** The contact's bare JID. */
  readonly r: string
  /** SubscriptionBits. */
  readonly s: number
  /** First contact: L wrote to R first (cmdlets.md A8.4). */
  readonly fc: boolean
  /** Epoch seconds of the last change. */
  readonly at: number
}

/** SubscriptionState is RFC 6121's subscription state (§3, Appendix A) without the pending flags. */
export type SubscriptionState = 'None' | 'To' | 'From' | 'Both'

/**
 * PendingState is the pending flags as a .NET [Flags] enum renders them: `None`, `In`, `Out`, or
 * `In, Out` for RFC 6121 Appendix A's "None + Pending Out+In" (both sides asked, neither decided).
 */
export type PendingState = 'None' | 'In' | 'Out' | 'In, Out'

/**
 * SubscriptionDiagnostics are what the gateway remembers about a pair besides its record: when R's
 * presence last reached L's side and the last refusal sent or received for the pair (P6.5, P3.1's
 * error table). DECISION (this file): the spec names the properties but not their source; these are
 * optional so a record alone gives a full object with $null in both.
 */
export interface SubscriptionDiagnostics {
  readonly lastPresence?: Date
  /** The refusal as logged: condition and text, e.g. `resource-constraint: the recipient has reached the limit of 1000 contacts`. */
  readonly lastRefusal?: string
}

/** SubscriptionView is one object of `Get-CsXmppPresenceSubscription`, properties in display order. */
export interface SubscriptionView {
  /** The local user's SIP address (`sip:alice@gw.test`), as the cmdlet's -User takes it. */
  readonly User: string
  /** The contact's bare JID. */
  readonly Contact: string
  readonly Subscription: SubscriptionState
  readonly Pending: PendingState
  /** The last change of the record (`at`). */
  readonly Since: Date
  readonly LastPresence: Date | null
  readonly LastRefusal: string | null
}

const SUBSCRIPTION_STATES: readonly SubscriptionState[] = ['None', 'To', 'From', 'Both']
const PENDING_STATES: readonly PendingState[] = ['None', 'In', 'Out', 'In, Out']

/** subscriptionState derives RFC 6121's state from the To and From bits (P2.1). */
export function subscriptionState(record: ContactRecord): SubscriptionState {
  const {To, From} = SubscriptionBits
  return SUBSCRIPTION_STATES[(record.s & To ? 1 : 0) | (record.s & From ? 2 : 0)]!
}

/** pendingState derives the undecided directions from the PendingIn and PendingOut bits. */
export function pendingState(record: ContactRecord): PendingState {
  const {PendingIn, PendingOut} = SubscriptionBits
  return PENDING_STATES[(record.s & PendingIn ? 1 : 0) | (record.s & PendingOut ? 2 : 0)]!
}

/** subscriptionView derives the admin view's object from a record (P2.1's mapping to RFC 6121 states). */
export function subscriptionView(record: ContactRecord, diagnostics: SubscriptionDiagnostics = {}): SubscriptionView {
  return {
    User: `sip:${record.l}`,
    Contact: record.r,
    Subscription: subscriptionState(record),
    Pending: pendingState(record),
    Since: new Date(record.at * 1000),
    LastPresence: diagnostics.lastPresence ?? null,
    LastRefusal: diagnostics.lastRefusal ?? null,
  }
}
