/**
 * Contact records of presence.md P2.1: one record per (local user L, contact R), keyed by lower-cased
 * bare JIDs, with Yate's subscription bits (`vir/yate:modules/server/subscription.cpp`) and the
 * first-contact flag of cmdlets.md A8.4.
 */

import {type ContactRecord, SubscriptionBits, pendingState, subscriptionState} from '../../../store/index.js'

// The record and its bits are the format of the state directory, which a cmdlet reads too: they are
// defined once, in store/presence-subscription.ts (cmdlets and gateway share only store/).
export {type ContactRecord, pendingState as pending, subscriptionState as subscription} from '../../../store/index.js'

/** L receives R's presence. */
export const TO = SubscriptionBits.To
/** R receives L's presence. */
export const FROM = SubscriptionBits.From
/** R asked for L's presence; undecided. */
export const PENDING_IN = SubscriptionBits.PendingIn
/** L asked for R's presence; R has not decided. */
export const PENDING_OUT = SubscriptionBits.PendingOut

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

/**
 * rfc6121State names the record's state as RFC 6121 Appendix A.1 does ("None + Pending Out",
 * "From + Pending Out", "None + Pending Out+In", …). Combinations the Appendix does not list (To with
 * Pending Out, From with Pending In, Both with a flag) are named by the same pattern.
 */
export function rfc6121State(record: ContactRecord): string {
  const base = subscriptionState(record)
  const flags = pendingState(record)
  if (flags === 'None') return base
  return `${base} + Pending ${flags === 'In, Out' ? 'Out+In' : flags}`
}
