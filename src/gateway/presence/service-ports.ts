import type {Logger} from 'pino'
import type {DeepReadonly, StoreDocument} from '../../../store/index.js'
import type {NotifyReason} from './actions.js'
import type {PresenceJournal} from './journal.js'
import type {PresenceModel} from './presence-model.js'
import type {Refusal} from './refusals.js'
import type {Scheduler} from './scheduler.js'

/**
 * The ports of the presence service (presence.md P1.5 `service.ts`): what it needs from the XMPP
 * side, the SIP side, the store and the clock, as small interfaces, so that the service runs in unit
 * tests with fakes and the composition root (`src/gateway/index.ts`) plugs in the real ones.
 */

/** IncomingPresence is a presence stanza from R to L, already parsed (P3.1 ran the s2s checks). */
export interface IncomingPresence {
  readonly type: 'available' | 'unavailable' | 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed' | 'probe'
  /** R's JID, full or bare. */
  readonly from: string
  /** L's JID, full or bare. */
  readonly to: string
  /** For available presence: the mapped state (mapping.ts `stanzaToModel`). */
  readonly presence?: PresenceModel
}

/**
 * OutgoingPresence is one stanza for the XMPP side to write (P3.2, P3.4 addresses). `available`
 * carries L's state, its status already removed when the watcher may not see notes (P6.3);
 * `refusal` answers `request` with P6.5's stanza (refusals.ts `refusalStanza`).
 */
export type OutgoingPresence =
  | {readonly type: 'subscribe'; readonly from: string; readonly to: string; readonly nick?: string}
  | {readonly type: 'subscribed' | 'unsubscribe' | 'unsubscribed' | 'probe' | 'unavailable'; readonly from: string; readonly to: string}
  | {readonly type: 'available'; readonly from: string; readonly to: string; readonly presence: PresenceModel}
  | {readonly type: 'refusal'; readonly request: IncomingPresence; readonly refusal: Refusal}

/** XmppPort writes presence over the outgoing stream to R's domain, only when one is open and authenticated (P8.4). */
export interface XmppPort {
  send(stanza: OutgoingPresence): void
}

/** OutgoingNotify is one NOTIFY on a notifier dialog (P4.2); `body` is a PIDF document, absent for none. */
export interface OutgoingNotify {
  readonly state: 'active' | 'pending' | 'terminated'
  readonly reason?: NotifyReason
  readonly retryAfter?: number
  readonly body?: string
}

/** SipPort is the dialog layer (`src/gateway/sip/dialog.ts`, `subscribe.ts`, `notify.ts`). */
export interface SipPort {
  /** respond sends the 200 to the SUBSCRIBE that created or refreshed dialog, with the granted Expires. */
  respond(dialog: string, expires: number): void
  notify(dialog: string, notify: OutgoingNotify): void
  /** subscriber carries out sources.ts's SUBSCRIBE, refresh or `Expires: 0` for L's subscriber dialog (P4.3). */
  subscriber(op: 'subscribe' | 'refresh' | 'end-dialog', l: string): void
}

/** ContactState is the part of the journal the service uses (P8.1); PresenceJournal satisfies it. */
export type ContactState = Pick<PresenceJournal, 'contact' | 'contactsOf' | 'contacts' | 'putContact' | 'deleteContact'>

/** ServicePorts are everything the service is given. */
export interface ServicePorts {
  readonly xmpp: XmppPort
  readonly sip: SipPort
  readonly state: ContactState
  /** snapshot is the store's current snapshot (ARCHITECTURE rule 4: read per decision). */
  snapshot(): DeepReadonly<StoreDocument>
  /** The one scheduler of P4.6 (milliseconds, monotonic). */
  readonly scheduler: Scheduler
  /** Epoch milliseconds, for the records' `at` (P2.1). */
  readonly epochMs: () => number
  /** Whether a presence server is configured (`-SipPresenceServer`, P1.4). */
  readonly presenceServer: boolean
  readonly log: Pick<Logger, 'debug' | 'info' | 'warn'>
}
