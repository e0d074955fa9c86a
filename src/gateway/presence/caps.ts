import {type ContactRecord, FROM, PENDING_IN, PENDING_OUT, TO} from './record.js'

/**
 * Counts and caps of presence.md P2.2 (**DECISION**), as pure functions over one local user's
 * records; P6.1 and P4.2 ask them before creating anything.
 */

/** MAX_CONTACTS is Lync's contact-list maximum (P2.2, P6.5 #3). */
export const MAX_CONTACTS = 1000
/** MAX_PENDING_IN bounds undecided requests per local user (P2.2, P6.5 #4). */
export const MAX_PENDING_IN = 1000
/** MAX_DIALOGS_PER_PAIR is one notifier dialog per device of L watching R (P2.2). */
export const MAX_DIALOGS_PER_PAIR = 10
/** MAX_DIALOGS_PER_USER bounds the notifier dialogs of one local user (P2.2). */
export const MAX_DIALOGS_PER_USER = 2000

/** isContact says whether the record counts toward L's contacts: `To`, `From` or `PendingOut`. */
export function isContact(record: ContactRecord): boolean {
  return countsAsContact(record.s)
}

/** countsAsContact is isContact for a record's bits alone (the authorization sees only those). */
export function countsAsContact(bits: number): boolean {
  return (bits & (TO | FROM | PENDING_OUT)) !== 0
}

/** isPendingRequest says whether the record is an undecided request: `PendingIn` without `From`. */
export function isPendingRequest(record: ContactRecord): boolean {
  return (record.s & PENDING_IN) !== 0 && (record.s & FROM) === 0
}

/** contactCount counts L's contacts; records with only `PendingIn` or only `fc` do not count. */
export function contactCount(records: Iterable<ContactRecord>): number {
  return count(records, isContact)
}

/** pendingCount counts L's pending requests. */
export function pendingCount(records: Iterable<ContactRecord>): number {
  return count(records, isPendingRequest)
}

/**
 * mayAddContact says whether R may become (or already is) one of L's contacts: a record that
 * already counts never hits the cap; otherwise the 1,001st contact is refused (P6.1 #5–#7, P4.2 #13).
 */
export function mayAddContact(records: Iterable<ContactRecord>, existing: ContactRecord | undefined): boolean {
  if (existing !== undefined && isContact(existing)) return true
  return contactCount(records) < MAX_CONTACTS
}

/** mayAddPendingRequest says whether one more pending request fits (P6.1 #8–#9). */
export function mayAddPendingRequest(records: Iterable<ContactRecord>, existing: ContactRecord | undefined): boolean {
  if (existing !== undefined && isPendingRequest(existing)) return true
  return pendingCount(records) < MAX_PENDING_IN
}

/** mayOpenNotifierDialog says whether one more live notifier dialog fits (P2.2, P4.2 #14). */
export function mayOpenNotifierDialog(liveForPair: number, liveForUser: number): boolean {
  return liveForPair < MAX_DIALOGS_PER_PAIR && liveForUser < MAX_DIALOGS_PER_USER
}

function count(records: Iterable<ContactRecord>, counts: (record: ContactRecord) => boolean): number {
  let total = 0
  for (const record of records) if (counts(record)) total++
  return total
}
