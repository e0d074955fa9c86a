import {type DeepReadonly, type PartnerType, type StoreDocument, SubscriptionBits} from '../../../store/index.js'
import {FEDERATION_DISABLED, federationEnabled, federationRefusal, isServedDomain, partnerFor, userFor, userMayUseXmpp} from '../policy/access.js'
import {domainOfJid} from '../xmpp/domain.js'
import {notAllowed} from '../xmpp/negotiation.js'
import {StanzaError} from '../xmpp/stanza-error.js'
import {MAX_CONTACTS, MAX_DIALOGS_PER_PAIR, MAX_DIALOGS_PER_USER, MAX_PENDING_IN, countsAsContact} from './caps.js'
import {bareJid, PresenceRefusals, type Refusal, SipRefusals} from './refusals.js'

/**
 * Presence authorization (presence.md P6): who may see a local user's presence, who may send presence
 * to one, and whether a status note goes along. Pure functions of a store snapshot and the pair's
 * subscription facts, like policy/access.ts: a reload changes their answers at once, and the caller
 * does the sending. The refusals themselves are in refusals.ts.
 */

type Document = DeepReadonly<StoreDocument>

/** PairFacts are what the presence state knows about (L, R) and about L (P2.1, P2.2, P9 #2). */
export interface PairFacts {
  /** The (L, R) record's SubscriptionBits; 0 when there is no record. */
  readonly bits: number
  /** The record's first-contact flag: L wrote to R first (P6.2). */
  readonly fc: boolean
  /** L's contacts: records with To, From or PendingOut (P2.2). */
  readonly contacts: number
  /** L's pending requests: records with PendingIn and without From (P2.2). */
  readonly pending: number
  /** R's domain is over its subscription budget of P9 #2. */
  readonly overRate?: boolean
}

/**
 * SubscribeDecision is P6.1's answer to `subscribe`: confirm (already From), approve (`subscribed`,
 * then L presence), pending (`+PendingIn`, nothing sent) or refuse.
 */
export type SubscribeDecision =
  | {readonly decision: 'confirm' | 'approve' | 'pending'}
  | {readonly decision: 'refuse'; readonly refusal: Refusal}

/** ProbeDecision answers a probe (P2.3 rows `probe`, P3.1 steps 2–3): L presence, or a refusal. */
export type ProbeDecision = {readonly decision: 'answer'} | {readonly decision: 'refuse'; readonly refusal: Refusal}

/** DropReason is why available/unavailable presence is dropped (P6.5 #8), as the debug line says it. */
export type DropReason = 'unknown user' | 'no XMPP access' | 'not subscribed'

/** PresenceRequest names the two ends of a stanza from R to L; resources are ignored (RFC 6121 §3.1.3). */
export interface PresenceRequest {
  /** R: the sender, full or bare. */
  readonly from: string
  /** L: the recipient, full or bare. */
  readonly to: string
}

const UNSUBSCRIBED_NS: Refusal = {kind: 'unsubscribed', purpose: 'ns'}
const UNSUBSCRIBED_NW: Refusal = {kind: 'unsubscribed', purpose: 'nw'}

/**
 * authorizeSubscribe decides `<presence type='subscribe' from='R' to='L'/>` (P6.1, first row that
 * applies). The s2s layer's own refusals come first (P3.1: a stanza reaches presence only once
 * federation is on and R's domain is a partner), repeated here so a decision taken against a newer
 * snapshot than the stream's still refuses, with the texts of the s2s layer (A11.5, A8.1).
 */
export function authorizeSubscribe(document: Document, request: PresenceRequest, facts: PairFacts): SubscribeDecision {
  const domain = remoteDomain(request.from)
  const partnerType = federationPartnerType(document, domain)
  if (partnerType instanceof StanzaError) return refuse({kind: 'error', error: partnerType})
  const user = userFor(document, request.to)
  if (user === undefined) return refuse(UNSUBSCRIBED_NS)
  if (!userMayUseXmpp(document, user)) return refuse(error(PresenceRefusals.forbidden))
  if (facts.overRate) return refuse(error(PresenceRefusals.rate(domain)))
  if (facts.bits & SubscriptionBits.From) return {decision: 'confirm'}
  if (partnerType !== 'PublicUnverified' || hasEvidence(facts)) {
    return countsAsContact(facts.bits) || facts.contacts < MAX_CONTACTS ? {decision: 'approve'} : refuse(error(PresenceRefusals.contactLimit))
  }
  // PublicUnverified without evidence (P6.2): pending until L adds R; an existing PendingIn already counts.
  if (facts.bits & SubscriptionBits.PendingIn || facts.pending < MAX_PENDING_IN) return {decision: 'pending'}
  return refuse(error(PresenceRefusals.pendingLimit))
}

/**
 * authorizeProbe decides a probe from R to L: a user who does not exist gets `unsubscribed` (P6.5 #1),
 * a user without XMPP access and a contact who is not a watcher get `unsubscribed` too (P6.5 #7,
 * RFC 6121 §4.3.2 rule 1); a watcher (From) gets L presence.
 */
export function authorizeProbe(document: Document, request: PresenceRequest, bits: number): ProbeDecision {
  const partnerType = federationPartnerType(document, remoteDomain(request.from))
  if (partnerType instanceof StanzaError) return {decision: 'refuse', refusal: {kind: 'error', error: partnerType}}
  const user = userFor(document, request.to)
  if (user === undefined) return {decision: 'refuse', refusal: UNSUBSCRIBED_NS}
  if (!userMayUseXmpp(document, user) || !(bits & SubscriptionBits.From)) return {decision: 'refuse', refusal: UNSUBSCRIBED_NW}
  return {decision: 'answer'}
}

/**
 * acceptPresence decides available or unavailable presence from R to L (P2.3, P3.1): it reaches L's
 * SIP watchers only when L has To for R; otherwise it is dropped without a reply (P6.5 #8), and the
 * reason is what the debug line `presence dropped` says.
 */
export function acceptPresence(document: Document, request: PresenceRequest, bits: number): {readonly decision: 'accept'} | {readonly decision: 'drop'; readonly reason: DropReason} {
  const user = userFor(document, request.to)
  if (user === undefined) return {decision: 'drop', reason: 'unknown user'}
  if (!userMayUseXmpp(document, user)) return {decision: 'drop', reason: 'no XMPP access'}
  if (!(bits & SubscriptionBits.To)) return {decision: 'drop', reason: 'not subscribed'}
  return {decision: 'accept'}
}

/**
 * mayReceiveNote tells whether presence sent for a local user to watcher R carries `<status/>`: only
 * toward a Federated partner (P6.3; B8: the others "never see status notes").
 */
export function mayReceiveNote(document: Document, watcher: string): boolean {
  return partnerFor(document, domainOfJid(watcher) ?? '')?.PartnerType === 'Federated'
}

/**
 * WatchFacts are what the presence state knows when L's SIP UA subscribes to R (P4.2 checks 13–14):
 * the pair's bits, L's contacts, and the live notifier dialogs for (L, R) and for L.
 */
export interface WatchFacts {
  readonly bits: number
  readonly contacts: number
  readonly dialogsForContact: number
  readonly dialogsForUser: number
}

/** WatchDecision is the SIP answer to a new SUBSCRIBE from L to R: go on, or a 403 with its reason phrase. */
export type WatchDecision =
  | {readonly decision: 'accept'}
  /** warning: the Warning header of A11.5's refusal while federation is off. */
  | {readonly decision: 'refuse'; readonly status: 403; readonly reason: string; readonly warning?: string}

/**
 * authorizeWatch runs P4.2's policy checks 10–14 for a new SUBSCRIBE from local user L (the From) to
 * contact R (the Request-URI), after the protocol checks 1–9. While AllowFederatedUsers is False the
 * answer is A11.5's 403 before anything else, as for a MESSAGE toward XMPP.
 */
export function authorizeWatch(document: Document, user: string, contact: string, facts: WatchFacts): WatchDecision {
  const disabled = federationRefusal(document)
  if (disabled) return {decision: 'refuse', ...disabled}
  const local = userFor(document, user)
  if (local === undefined || !userMayUseXmpp(document, local)) return watchRefusal(SipRefusals.forbidden)
  const domain = remoteDomain(contact)
  if (isServedDomain(document, domain)) return watchRefusal(SipRefusals.localPresentity)
  if (partnerFor(document, domain) === undefined) return watchRefusal(SipRefusals.notPartner(domain))
  if (!countsAsContact(facts.bits) && facts.contacts >= MAX_CONTACTS) return watchRefusal(SipRefusals.contactLimit)
  if (facts.dialogsForContact >= MAX_DIALOGS_PER_PAIR || facts.dialogsForUser >= MAX_DIALOGS_PER_USER) return watchRefusal(SipRefusals.tooManyDialogs)
  return {decision: 'accept'}
}

/** hasEvidence tells whether L "added" R (P6.2): L subscribed to R (To or PendingOut) or wrote first (fc). */
export function hasEvidence(facts: Pick<PairFacts, 'bits' | 'fc'>): boolean {
  return facts.fc || (facts.bits & (SubscriptionBits.To | SubscriptionBits.PendingOut)) !== 0
}


/** federationPartnerType is R's PartnerType, or the s2s layer's refusal (A11.5 federation off, A8.1 no partner). */
function federationPartnerType(document: Document, domain: string): PartnerType | StanzaError {
  if (!federationEnabled(document)) return new StanzaError('forbidden', 'cancel', FEDERATION_DISABLED.text)
  const partner = partnerFor(document, domain)
  if (partner === undefined) return new StanzaError('service-unavailable', 'cancel', notAllowed(domain).text)
  return partner.PartnerType
}

/** remoteDomain is a JID's domain, canonical when it is a valid one, else as written (for the refusal's text). */
function remoteDomain(jid: string): string {
  return domainOfJid(jid) ?? bareJid(jid).replace(/^[^@]*@/, '')
}

function refuse(refusal: Refusal): SubscribeDecision {
  return {decision: 'refuse', refusal}
}

function error(stanzaError: StanzaError): Refusal {
  return {kind: 'error', error: stanzaError}
}

function watchRefusal(reason: string): WatchDecision {
  return {decision: 'refuse', status: 403, reason}
}

