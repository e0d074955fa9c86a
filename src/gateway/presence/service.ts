import {partnerFor, userFor} from '../policy/access.js'
import {domainOfJid} from '../xmpp/domain.js'
import type {PresenceAction, SipAction, XmppAction} from './actions.js'
import {type WatchDecision, type WatchFacts, acceptPresence, authorizeProbe, authorizeSubscribe, authorizeWatch} from './authorization.js'
import {RemotePresence} from './cache.js'
import {contactCount, pendingCount} from './caps.js'
import {type PresenceEvent, type TransitionContext, transition} from './model.js'
import {NotifierDialogs} from './notifier-dialogs.js'
import type {PresenceModel} from './presence-model.js'
import {type ContactRecord, FROM, TO, newRecord} from './record.js'
import {FloodWarnings} from './flood-warnings.js'
import {bareJid} from './refusals.js'
import {endRecord, reloadRecord} from './reload.js'
import type {IncomingPresence, ServicePorts} from './service-ports.js'
import {PresenceSources, type SourcesAction, type SubscriberNotify} from './sources.js'
import type {Failure} from './subscriber-timing.js'
import {PRESENCE_BUDGET, PROBE_ANSWER_BUDGET, SUBSCRIPTION_BUDGET, TokenBuckets} from './token-bucket.js'

/**
 * The presence service (presence.md P1.5): the event loop that joins the transition function
 * (model.ts, P2.3), authorization (P6), L's sources (P4.3, P4.4), the remote cache (P2.4), the
 * journal (P8) and P9's rate limits. Events come in from XMPP, from the SIP dialog layer and from
 * configuration reloads; the actions go out through the ports. Every record change reaches the
 * journal before the stanza or NOTIFY that announces it (P8.2 requirement 1).
 */

/** WatchRequest is a SUBSCRIBE from L's UA to R that passed P4.2's protocol checks 1–9. */
export interface WatchRequest {
  readonly dialog: string
  /** Whether the SUBSCRIBE creates the dialog (not a refresh). */
  readonly created: boolean
  readonly l: string
  readonly r: string
  readonly entity: string
  readonly expires: number
}

const UNAVAILABLE: PresenceModel = {available: false}

export class PresenceService {
  readonly #ports: ServicePorts
  readonly #sources: PresenceSources
  readonly #remote = new RemotePresence()
  readonly #dialogs: NotifierDialogs
  readonly #presenceBudget: TokenBuckets
  readonly #subscriptionBudget: TokenBuckets
  readonly #probeAnswers: TokenBuckets
  readonly #floods: FloodWarnings
  /** (L, R) pairs whose broadcast failed: nothing more until R shows life (P3.1). */
  readonly #errored = new Set<string>()
  /** When the last `subscribe` from L to R went out, epoch seconds (P9 #6). */
  readonly #subscribedAt = new Map<string, number>()
  /** The snapshot the last reload judged the records against (P8.4 compares the next one with it). */
  #judged
  /**
   * How many local users have `To` for each contact: R's cached presence is kept only while one does
   * (P2.4). Counted once at start and then where the service writes records, so that no stanza scans
   * every record of the state.
   */
  readonly #toCount = new Map<string, number>()

  constructor(ports: ServicePorts) {
    this.#ports = ports
    const now = () => ports.scheduler.now()
    this.#sources = new PresenceSources({scheduler: ports.scheduler, presenceServer: ports.presenceServer, emit: (action) => this.#fromSources(action)})
    this.#dialogs = new NotifierDialogs(ports.sip, ports.scheduler, this.#remote)
    this.#presenceBudget = new TokenBuckets(PRESENCE_BUDGET, now)
    this.#subscriptionBudget = new TokenBuckets(SUBSCRIPTION_BUDGET, now)
    this.#probeAnswers = new TokenBuckets(PROBE_ANSWER_BUDGET, now)
    this.#floods = new FloodWarnings(ports.scheduler, ports.log)
    this.#judged = ports.snapshot()
    for (const record of ports.state.contacts()) if (record.s & TO) this.#countTo(record.r, 1)
  }

  /** xmpp handles a presence stanza from R to L (P3.1). */
  xmpp(stanza: IncomingPresence): void {
    const document = this.#document
    const l = bareJid(stanza.to)
    const r = bareJid(stanza.from)
    const domain = domainOfJid(r) ?? ''
    const record = this.#record(l, r)
    switch (stanza.type) {
      case 'available':
      case 'unavailable':
        return this.#presence(stanza, record, domain)
      case 'probe': {
        const decision = authorizeProbe(document, stanza, record.s)
        if (decision.decision === 'refuse') return this.#ports.xmpp.send({type: 'refusal', request: stanza, refusal: decision.refusal})
        // P3.2: one answer per (probe `from`, L) per 5 s; later probes are answered by the first.
        if (this.#probeAnswers.take(`${stanza.from}\n${l}`)) this.#apply(record, {side: 'xmpp', type: 'probe', from: stanza.from})
        return
      }
      case 'subscribe':
        return this.#subscribe(stanza, record, domain)
      default:
        if (this.#subscriptionBudget.take(domain)) this.#apply(record, {side: 'xmpp', type: stanza.type})
    }
  }

  /**
   * watch handles a SUBSCRIBE from L's UA to R (P4.2): a new one passes checks 10–14 first and opens
   * the notifier dialog; `Expires: 0` ends it. The answer is the 200 and NOTIFYs sent through the port.
   */
  watch(request: WatchRequest): WatchDecision {
    const l = bareJid(request.l.replace(/^sip:/i, ''))
    const record = this.#record(l, bareJid(request.r))
    if (request.created) {
      const decision = authorizeWatch(this.#document, request.l, request.r, this.#watchFacts(record))
      if (decision.decision === 'refuse') return decision
      this.#dialogs.open(request.dialog, {l, r: record.r, entity: request.entity, state: 'pending'})
    }
    const event: PresenceEvent = {side: 'sip', type: 'subscribe', dialog: request.created ? 'new' : 'existing', expires: request.expires}
    this.#apply(record, event, request)
    return {decision: 'accept'}
  }

  /** message notes a MESSAGE or session from L to R: P6.2's evidence. */
  message(l: string, r: string): void {
    this.#apply(this.#record(bareJid(l), bareJid(r)), {side: 'sip', type: 'message'})
  }

  /** published hears publications.ts's change listener: L's embedded aggregate, or undefined when gone (P4.4). */
  published(l: string, presence: PresenceModel | undefined): void {
    this.#sources.embedded(bareJid(l), presence)
  }

  /** subscriberNotified is a NOTIFY in L's subscriber dialog (P4.3), body already mapped. */
  subscriberNotified(l: string, notify: SubscriberNotify): void {
    this.#sources.notified(bareJid(l), notify)
  }

  /** subscriberFailed is a final failure of L's SUBSCRIBE or refresh (P4.3's response table). */
  subscriberFailed(l: string, failure: Failure): void {
    this.#sources.failed(bareJid(l), failure)
  }

  /** subscriberAccepted is the 2xx to L's SUBSCRIBE, with the granted expiry (P4.3). */
  subscriberAccepted(l: string, granted: number): void {
    this.#sources.accepted(bareJid(l), granted)
  }

  /**
   * reloaded applies a configuration reload (P8.4), before `s2s.reconsider()`: every record is
   * judged again against the new snapshot; its stanzas go before any stream error reconsider() writes.
   */
  reloaded(): void {
    const before = this.#judged
    const after = (this.#judged = this.#document)
    for (const record of [...this.#ports.state.contacts()]) {
      const outcome = reloadRecord(before, after, record)
      if (outcome === 'end') this.#end(record)
      else if (outcome === 'approve') this.#apply(record, {side: 'xmpp', type: 'subscribe'})
      else if (outcome === 'note-changed') this.#sendLPresence(record, record.r)
    }
  }

  /** #presence: available or unavailable from R (P3.1); over the domain's budget only the cache learns it (P9 #1). */
  #presence(stanza: IncomingPresence, record: ContactRecord, domain: string): void {
    const decision = acceptPresence(this.#document, stanza, record.s)
    if (decision.decision === 'drop') return this.#ports.log.debug({from: stanza.from, to: stanza.to, reason: decision.reason}, 'presence dropped')
    this.#errored.delete(pairKey(record))
    const resource = stanza.from.includes('/') ? stanza.from.slice(stanza.from.indexOf('/') + 1) : ''
    const presence = stanza.type === 'available' ? (stanza.presence ?? {available: true}) : UNAVAILABLE
    if (!this.#presenceBudget.take(domain)) {
      this.#floods.over(domain)
      return void this.#remote.update(record.r, resource, presence, this.#epochSeconds())
    }
    this.#apply(record, {side: 'xmpp', type: 'presence', resource, presence})
  }

  /** #subscribe runs P6.1 (with P9 #2's budget) and the transition the decision allows. */
  #subscribe(stanza: IncomingPresence, record: ContactRecord, domain: string): void {
    const facts = {bits: record.s, fc: record.fc, ...this.#counts(record.l), overRate: !this.#subscriptionBudget.take(domain)}
    const decision = authorizeSubscribe(this.#document, stanza, facts)
    if (decision.decision === 'refuse') {
      this.#ports.log.info({from: stanza.from, to: stanza.to, condition: decision.refusal.kind === 'error' ? decision.refusal.error.condition : 'unsubscribed'}, 'presence subscription refused')
      return this.#ports.xmpp.send({type: 'refusal', request: stanza, refusal: decision.refusal})
    }
    this.#ports.log.info({from: stanza.from, to: stanza.to}, `presence subscription ${decision.decision === 'pending' ? 'pending' : 'approved'}`)
    this.#apply(record, {side: 'xmpp', type: 'subscribe'}, undefined, decision.decision === 'pending' ? 'pending' : 'yes')
  }

  /** #apply runs one transition, writes the record to the journal, then carries out its actions in order. */
  #apply(record: ContactRecord, event: PresenceEvent, request?: WatchRequest, approve: 'yes' | 'pending' = 'yes'): void {
    const next = transition(record, event, this.#context(record, approve))
    if (next.record !== record) {
      const stored = this.#ports.state.contact(record.l, record.r)
      if (next.record) this.#ports.state.putContact(next.record)
      else this.#ports.state.deleteContact(record.l, record.r)
      this.#countTo(record.r, (next.record && next.record.s & TO ? 1 : 0) - (stored && stored.s & TO ? 1 : 0))
    }
    for (const action of next.actions) this.#execute(action, next.record ?? record, request)
  }

  #execute(action: PresenceAction, record: ContactRecord, request: WatchRequest | undefined): void {
    switch (action.kind) {
      case 'xmpp':
        return this.#sendXmpp(action, record)
      case 'sip':
        return this.#sendSip(action, record, request)
      case 'source':
        if (action.op === 'subscribe') return this.#sources.probe(action.l)
        return this.#sources.watchers(action.l, this.#watcherCount(action.l))
      case 'cache':
        if (action.op === 'drop') return this.#remote.drop(action.r)
        return void this.#remote.update(action.r, action.resource, action.presence, this.#epochSeconds())
      case 'errored':
        return void this.#errored.add(pairKey(action))
      case 'log':
        return this.#ports.log.debug({l: record.l, r: record.r, reason: action.reason}, action.message)
    }
  }

  #sendXmpp(action: XmppAction, record: ContactRecord): void {
    if (action.stanza === 'presence') return this.#sendLPresence(record, action.to)
    if (action.stanza === 'subscribe') this.#subscribedAt.set(pairKey(record), this.#epochSeconds())
    this.#ports.xmpp.send(action.stanza === 'subscribe' ? {type: 'subscribe', from: action.from, to: action.to, ...(action.nick ? {nick: action.nick} : {})} : {type: action.stanza, from: action.from, to: action.to})
  }

  /** #sendLPresence sends "L presence" (P3.2): unavailable while unknown; `<status/>` only to Federated watchers (P6.3). */
  #sendLPresence(record: ContactRecord, to: string): void {
    const from = `${record.l}/sip`
    const known = this.#sources.presence(record.l)
    const presence = known === 'unknown' ? UNAVAILABLE : known
    if (!presence.available) return this.#ports.xmpp.send({type: 'unavailable', from, to})
    const note = partnerFor(this.#document, domainOfJid(record.r) ?? '')?.PartnerType === 'Federated'
    const {status, ...withoutStatus} = presence
    this.#ports.xmpp.send({type: 'available', from, to, presence: note && status ? presence : withoutStatus})
  }

  #sendSip(action: SipAction, record: ContactRecord, request: WatchRequest | undefined): void {
    if (action.method === 'NOTIFY') return this.#dialogs.notify(action, record.l, record.r, request?.dialog)
    const interval = this.#document.xmppGatewayConfiguration.SubscriptionRefreshInterval
    if (request) this.#ports.sip.respond(request.dialog, action.expires === 0 ? 0 : Math.min(request.expires, interval))
  }

  /** #end ends everything of a record a reload took away (P8.4): journal first, then stanzas, NOTIFYs, the source. */
  #end(record: ContactRecord): void {
    const stored = this.#ports.state.contact(record.l, record.r)
    this.#ports.state.deleteContact(record.l, record.r)
    if (stored && stored.s & TO) this.#countTo(record.r, -1)
    for (const stanza of endRecord(record)) this.#ports.xmpp.send(stanza)
    this.#dialogs.notify({kind: 'sip', method: 'NOTIFY', dialogs: 'all', state: 'terminated', reason: 'rejected', body: 'empty'}, record.l, record.r)
    if (!this.#othersHaveTo(record)) this.#remote.drop(record.r)
    this.#sources.watchers(record.l, this.#watcherCount(record.l))
  }

  #fromSources(action: SourcesAction): void {
    if (action.kind === 'subscriber') return this.#ports.sip.subscriber(action.op, action.l)
    for (const record of [...this.#ports.state.contactsOf(action.l)]) this.#apply(record, {side: 'sip', type: 'presence-changed'})
  }

  #context(record: ContactRecord, approve: 'yes' | 'pending'): TransitionContext {
    const document = this.#document
    const now = this.#epochSeconds()
    const dialog = this.#sources.source(record.l) === 'server' ? this.#sources.dialog(record.l) : 'none'
    const sourceAt = this.#sources.lastSubscribeAt(record.l)
    const lastSubscribeAt = this.#subscribedAt.get(pairKey(record))
    const displayName = userFor(document, record.l)?.DisplayName
    return {
      now,
      partnerType: partnerFor(document, domainOfJid(record.r) ?? '')?.PartnerType ?? 'PublicUnverified',
      approve,
      cached: this.#remote.isCached(record.r),
      ...(displayName ? {displayName} : {}),
      otherWatchers: this.#watcherCount(record.l) - (record.s & FROM ? 1 : 0),
      othersHaveTo: this.#othersHaveTo(record),
      ...(lastSubscribeAt === undefined ? {} : {lastSubscribeAt}),
      refreshInterval: document.xmppGatewayConfiguration.SubscriptionRefreshInterval,
      subscriberDialog: dialog === 'live' || dialog === 'trying' ? 'live' : dialog === 'down' ? 'down' : 'none',
      ...(sourceAt === undefined ? {} : {lastSourceSubscribeAt: now - Math.floor((this.#ports.scheduler.now() - sourceAt) / 1000)}),
      errored: this.#errored.has(pairKey(record)),
    }
  }

  /** #document is the store's snapshot now: every decision reads the current one (ARCHITECTURE rule 4). */
  get #document() {
    return this.#ports.snapshot()
  }

  #record(l: string, r: string): ContactRecord {
    return this.#ports.state.contact(l, r) ?? newRecord(l, r, this.#epochSeconds())
  }

  #counts(l: string): {contacts: number; pending: number} {
    const records = [...this.#ports.state.contactsOf(l)]
    return {contacts: contactCount(records), pending: pendingCount(records)}
  }

  #watchFacts(record: ContactRecord): WatchFacts {
    return {bits: record.s, contacts: this.#counts(record.l).contacts, ...this.#dialogs.counts(record.l, record.r)}
  }

  #watcherCount(l: string): number {
    let count = 0
    for (const record of this.#ports.state.contactsOf(l)) if (record.s & FROM) count++
    return count
  }

  /** #othersHaveTo says whether a local user other than record.l has `To` for record.r (O(1)). */
  #othersHaveTo(record: ContactRecord): boolean {
    const own = this.#ports.state.contact(record.l, record.r)
    return (this.#toCount.get(record.r) ?? 0) - (own && own.s & TO ? 1 : 0) > 0
  }

  #countTo(r: string, change: number): void {
    if (change === 0) return
    const count = (this.#toCount.get(r) ?? 0) + change
    if (count > 0) this.#toCount.set(r, count)
    else this.#toCount.delete(r)
  }

  #epochSeconds(): number {
    return Math.floor(this.#ports.epochMs() / 1000)
  }
}

function pairKey(pair: {readonly l: string; readonly r: string}): string {
  return `${pair.l}\n${pair.r}`
}
