import type {DeepReadonly, StoreDocument} from '../../../store/index.js'
import {partnerFor, userFor, userMayUseXmpp} from '../policy/access.js'
import {domainOfJid} from '../xmpp/domain.js'
import {type ContactRecord, FROM, PENDING_IN, PENDING_OUT, TO, has} from './record.js'
import type {OutgoingPresence} from './service-ports.js'

/**
 * What a configuration reload does to one contact record (presence.md P8.4), as pure functions of
 * the snapshots before and after: the presence service carries the outcome out.
 */

type Document = DeepReadonly<StoreDocument>

/**
 * ReloadOutcome: `end` everything (partner or alias removed; L removed, disabled or without XMPP
 * access); `approve` a pending request (the partner became Federated or PublicVerified); send L
 * presence again because `<status/>` is now sent or withheld (`note-changed`); or `keep`.
 */
export type ReloadOutcome = 'end' | 'approve' | 'note-changed' | 'keep'

export function reloadRecord(before: Document, after: Document, record: ContactRecord): ReloadOutcome {
  const user = userFor(after, record.l)
  const domain = domainOfJid(record.r) ?? ''
  const partner = partnerFor(after, domain)
  if (user === undefined || !userMayUseXmpp(after, user) || partner === undefined) return 'end'
  const was = partnerFor(before, domain)?.PartnerType
  const now = partner.PartnerType
  if (was === now) return 'keep'
  // DECISION (P8.4): becoming PublicUnverified leaves existing authorizations alone.
  if (has(record, PENDING_IN) && !has(record, FROM) && (now === 'Federated' || now === 'PublicVerified')) return 'approve'
  if (has(record, FROM) && (was === 'Federated') !== (now === 'Federated')) return 'note-changed'
  return 'keep'
}

/**
 * endRecord lists P8.4's stanzas for an ended record, in order: with From, `unavailable` from L/sip
 * then `unsubscribed`; with PendingIn only, `unsubscribed`; with To or PendingOut, `unsubscribe`.
 */
export function endRecord(record: ContactRecord): OutgoingPresence[] {
  const stanzas: OutgoingPresence[] = []
  if (has(record, FROM)) stanzas.push({type: 'unavailable', from: `${record.l}/sip`, to: record.r})
  if (record.s & (FROM | PENDING_IN)) stanzas.push({type: 'unsubscribed', from: record.l, to: record.r})
  if (record.s & (TO | PENDING_OUT)) stanzas.push({type: 'unsubscribe', from: record.l, to: record.r})
  return stanzas
}
