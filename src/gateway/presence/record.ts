/**
 * Contact records of presence.md P2.1: one record per (local user L, contact R), keyed by lower-cased
 * bare JIDs, with Yate's subscription bits (`vir/yate:modules/server/subscription.cpp`) and the
 * first-contact flag of cmdlets.md A8.4.
 */

/** L receives R's presence. */
export const TO = 0x01
/** R receives L's presence. */
export const FROM = 0x02
/** R asked for L's presence; undecided. */
export const PENDING_IN = 0x10
/** L asked for R's presence; R has not decided. */
export const PENDING_OUT = 0x20

/** ContactRecord is one (L, R) pair (P2.1). */
export interface ContactRecord {
  /** The local user's bare JID, lower case. */
  readonly l: string
  /** The contact's bare JID, lower case. */
  readonly r: string
  /** The bits TO, FROM, PENDING_IN, PENDING_OUT. */
  readonly s: number
  /** First contact: L wrote to R first (A8.4). */
  readonly fc: boolean
  /** Epoch seconds of the last change; diagnostics only, no rule reads it. */
  readonly at: number
}

/** newRecord is the empty record of a pair not seen before (it would be deleted as it stands). */
export function newRecord(l: string, r: string, at: number): ContactRecord {
  return {l: l.toLowerCase(), r: r.toLowerCase(), s: 0, fc: false, at}
}

/** isDeletable says whether the record carries nothing and is removed (P2.1: `s == 0` and no `fc`). */
export function isDeletable(record: ContactRecord): boolean {
  return record.s === 0 && !record.fc
}

/** has says whether every bit of `bits` is set. */
export function has(record: ContactRecord, bits: number): boolean {
  return (record.s & bits) === bits
}

/** Subscription is RFC 6121's subscription state (§2.1.2.5), the admin view's column of issue 14. */
export type Subscription = 'None' | 'To' | 'From' | 'Both'

/** Pending is the direction of an undecided request, the admin view's other column. */
export type Pending = 'None' | 'In' | 'Out' | 'In+Out'

const SUBSCRIPTIONS: readonly Subscription[] = ['None', 'To', 'From', 'Both']

/** subscription derives RFC 6121's state from the To and From bits (P2.1). */
export function subscription(record: ContactRecord): Subscription {
  return SUBSCRIPTIONS[record.s & (TO | FROM)]!
}

/** pending derives the pending directions from the PendingIn and PendingOut bits. */
export function pending(record: ContactRecord): Pending {
  const incoming = has(record, PENDING_IN)
  const outgoing = has(record, PENDING_OUT)
  if (incoming && outgoing) return 'In+Out'
  return incoming ? 'In' : outgoing ? 'Out' : 'None'
}

/**
 * rfc6121State names the record's state as RFC 6121 Appendix A.1 does ("None + Pending Out",
 * "From + Pending Out", "None + Pending Out+In", …). Combinations the Appendix does not list (To with
 * Pending Out, From with Pending In, Both with a flag) are named by the same pattern.
 */
export function rfc6121State(record: ContactRecord): string {
  const base = subscription(record)
  const flags = pending(record)
  if (flags === 'None') return base
  return `${base} + Pending ${flags === 'In+Out' ? 'Out+In' : flags}`
}
