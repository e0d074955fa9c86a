import {randomBytes} from 'node:crypto'
import {reasonPhrase} from '../sip/errors.js'
import {aggregate} from './mapping.js'
import {PidfError, readPidf, type PidfDocument, type PidfTuple} from './pidf.js'
import type {PresenceModel} from './presence-model.js'
import type {Scheduler, Timer} from './scheduler.js'

/**
 * The embedded presence store of presence.md P4.4: an RFC 3903 event state compositor for the
 * gateway's own registered users. It takes a PUBLISH as plain facts (the SIP layer parses the
 * message and runs the digest exchange), answers it by the twelve checks in order, keeps each
 * user's publications in memory only (soft state, P0 #5), expires them through the one scheduler
 * (P4.6), and tells a listener whenever a user's aggregate presence changes.
 */

/** SipUser is a user part and a served domain, as the SIP layer normalises them (the store's form). */
export interface SipUser {
  readonly user: string
  readonly domain: string
}

/**
 * Sender is check 4's input: `trusted` (a trusted host), `authenticated` (a valid digest of the From
 * user), `unauthenticated` (no credentials yet: the SIP layer adds its Proxy-Authenticate to the 407),
 * `refused` (credentials that fail, or of another user).
 */
export type Sender = 'trusted' | 'authenticated' | 'unauthenticated' | 'refused'

/** PublishRequest is what of a PUBLISH the checks and the state depend on. */
export interface PublishRequest {
  /** The Event header's event type without parameters; undefined when there is none. */
  readonly event: string | undefined
  /** The Request-URI's user and domain: the presentity. */
  readonly presentity: SipUser
  /** From's address of record. */
  readonly from: SipUser
  readonly sender: Sender
  /** The Expires header, delta-seconds as the SIP layer parsed it (RFC 3261 §20.19); undefined when absent. */
  readonly expires?: number
  readonly ifMatch?: string
  readonly contentType?: string
  readonly contentLanguage?: string
  /** The body; absent or empty is no body. */
  readonly body?: Uint8Array | string
}

/** PublishResponse is the final response: status, reason phrase and the extra headers (lower-case names). */
export interface PublishResponse {
  readonly status: number
  readonly reason: string
  readonly headers: Readonly<Record<string, string>>
}

/** PublicationOptions connect the store to the rest of the gateway (all asked per request, so a reload applies at once). */
export interface PublicationOptions {
  readonly scheduler: Scheduler
  isServedDomain(domain: string): boolean
  userExists(presentity: SipUser): boolean
  /** hasLiveBinding says whether the user has a live registration binding (P0 #4). */
  hasLiveBinding(presentity: SipUser): boolean
  /** onChange hears "L's presence changed", with L's new aggregate. */
  onChange(presentity: SipUser, presence: PresenceModel): void
}

/** MAX_PUBLICATIONS is check 12's cap per user. */
export const MAX_PUBLICATIONS = 10
/** The longest and the default granted Expires, in seconds (P4.4). */
export const MAX_PUBLISH_EXPIRES_S = 3600
/** Check 6's Min-Expires, in seconds. */
export const MIN_PUBLISH_EXPIRES_S = 60
const PIDF_TYPE = 'application/pidf+xml'
/** A SIP-ETag carries 96 random bits (RFC 3903 §6 wants entity-tags unguessable; P4.4 asks ≥ 64). */
const ETAG_BYTES = 12

/** A user's aggregate before anything was published or registered, as #tell compares them. */
const UNAVAILABLE_TEXT = JSON.stringify({available: false} satisfies PresenceModel)

/** The synthetic tuple of a user with a live binding and no publication (P0 #4: open, no show, no note). */
const REGISTERED_TUPLE: PidfTuple = {id: 'registration', basic: 'open', activities: [], notes: []}

interface Publication {
  readonly document: PidfDocument
  readonly timer: Timer
  /** When its document was set (a refresh keeps it): the order of the union, so P5.2's "later tuple" is the later document. */
  readonly order: number
}

/** Checked is a request that passed checks 1–11: the publication it names, and its body read. */
interface Checked {
  readonly key: string
  readonly previous?: readonly [string, Publication]
  readonly document?: PidfDocument
}

export class PublicationStore {
  readonly #options: PublicationOptions
  /** user@domain → SIP-ETag → publication. */
  readonly #users = new Map<string, Map<string, Publication>>()
  #order = 0
  /** The last aggregate told to onChange, per user. */
  readonly #told = new Map<string, string>()

  constructor(options: PublicationOptions) {
    this.#options = options
  }

  /** publish answers one PUBLISH (P4.4), changing the state only when it answers 200. */
  publish(request: PublishRequest): PublishResponse {
    const checked = this.#check(request)
    if ('status' in checked) return checked
    const {key, previous, document} = checked
    const publications = this.#users.get(key) ?? new Map<string, Publication>()
    if (!previous && publications.size >= MAX_PUBLICATIONS) return response(403, 'Forbidden (too many publications)')
    const granted = Math.min(request.expires ?? MAX_PUBLISH_EXPIRES_S, MAX_PUBLISH_EXPIRES_S)
    const etag = randomBytes(ETAG_BYTES).toString('base64url')
    const kept = document ?? previous?.[1].document
    const timer = granted === 0 || !kept ? undefined : this.#options.scheduler.schedule(granted * 1000, () => this.#expire(request.presentity, etag))
    // Not in P4.4's table: a full scheduler (MAX_TIMERS) cannot promise the expiry, and a publication kept forever would leak.
    if (granted !== 0 && !timer) return response(503, reasonPhrase(503))
    if (previous) {
      publications.delete(previous[0])
      this.#options.scheduler.cancel(previous[1].timer)
    }
    if (timer && kept) publications.set(etag, {document: kept, timer, order: document || !previous ? this.#order++ : previous[1].order})
    this.#store(key, publications)
    this.#tell(request.presentity)
    return response(200, reasonPhrase(200), {'sip-etag': etag, expires: String(granted)})
  }

  /** presence is the user's aggregate from this store (P4.4 "Aggregation"), through P5.2. */
  presence(presentity: SipUser): PresenceModel {
    const publications = [...(this.#users.get(keyOf(presentity))?.values() ?? [])]
    if (publications.length === 0) {
      return aggregate(this.#options.hasLiveBinding(presentity) ? [{entity: '', tuples: [REGISTERED_TUPLE], persons: [], notes: []}] : [])
    }
    const documents = publications.sort((a, b) => a.order - b.order).map((publication) => publication.document)
    return aggregate([
      {
        entity: documents[0]!.entity,
        tuples: documents.flatMap((document) => document.tuples),
        persons: documents.flatMap((document) => document.persons),
        notes: documents.flatMap((document) => document.notes),
      },
    ])
  }

  /** bindingsChanged is the registrar's signal that a user's bindings changed or expired (P4.4 "Expiry"). */
  bindingsChanged(presentity: SipUser): void {
    this.#tell(presentity)
  }

  /** #check runs checks 1–11 in order; the first failure is the answer. */
  #check(request: PublishRequest): Checked | PublishResponse {
    const {presentity, from} = request
    if (request.event !== 'presence') return response(489, reasonPhrase(489), {'allow-events': 'presence'})
    if (!this.#options.isServedDomain(presentity.domain)) return response(404, 'Not Found (domain not served)')
    if (!this.#options.userExists(presentity)) return response(404, reasonPhrase(404))
    if (request.sender === 'unauthenticated') return response(407, reasonPhrase(407))
    if (request.sender === 'refused') return response(403, reasonPhrase(403))
    if (from.user !== presentity.user || from.domain !== presentity.domain) return response(403, 'Forbidden (only the presentity may publish)')
    if (request.expires !== undefined && request.expires > 0 && request.expires < MIN_PUBLISH_EXPIRES_S) {
      return response(423, reasonPhrase(423), {'min-expires': String(MIN_PUBLISH_EXPIRES_S)})
    }
    const key = keyOf(presentity)
    const previous = request.ifMatch === undefined ? undefined : this.#users.get(key)?.get(request.ifMatch)
    if (request.ifMatch !== undefined && !previous) return response(412, 'Conditional Request Failed')
    const named = previous && ([request.ifMatch!, previous] as const)
    const body = request.body
    if (body === undefined || body.length === 0) {
      return named ? {key, previous: named} : response(400, 'Bad Request (initial PUBLISH without a body)')
    }
    if (mediaType(request.contentType) !== PIDF_TYPE) return response(415, reasonPhrase(415), {accept: PIDF_TYPE})
    const document = readPidf(body, request.contentLanguage === undefined ? {} : {contentLanguage: request.contentLanguage})
    if (document instanceof PidfError) return document.reason === 'too-large' ? response(413, reasonPhrase(413)) : response(400, 'Bad Request (PIDF)')
    return named ? {key, previous: named, document} : {key, document}
  }

  /** #expire is a publication's silent end at its granted time (P4.4). */
  #expire(presentity: SipUser, etag: string): void {
    const key = keyOf(presentity)
    const publications = this.#users.get(key)
    if (!publications?.delete(etag)) return
    this.#store(key, publications)
    this.#tell(presentity)
  }

  #store(key: string, publications: Map<string, Publication>): void {
    if (publications.size > 0) this.#users.set(key, publications)
    else this.#users.delete(key)
  }

  /** #tell calls onChange when the aggregate differs from the one last told (a refresh changes nothing). */
  #tell(presentity: SipUser): void {
    const key = keyOf(presentity)
    const presence = this.presence(presentity)
    const text = JSON.stringify(presence)
    if ((this.#told.get(key) ?? UNAVAILABLE_TEXT) === text) return
    // Plain unavailable is every user's state before any change, so it is not kept (the map holds only users with a state).
    if (text !== UNAVAILABLE_TEXT) this.#told.set(key, text)
    else this.#told.delete(key)
    this.#options.onChange(presentity, presence)
  }
}

function keyOf({user, domain}: SipUser): string {
  return `${user}@${domain}`
}

/** mediaType is a Content-Type's type/subtype, lower-case, without parameters (RFC 3261 §20.15). */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

function response(status: number, reason: string, headers: Record<string, string> = {}): PublishResponse {
  return {status, reason, headers}
}
