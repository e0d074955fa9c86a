import type {SipMessage} from 'sip'
import {byAvailability, pidfContentLanguage, writePidf, type ResourcePresence} from '../presence/mapping.js'
import {newBranch} from './client-transactions.js'
import {inDialogRequest, type Dialog} from './dialog.js'
import {toWire} from './message.js'
import {wire} from './wire.js'

/**
 * The gateway as notifier (presence.md P4.2): the NOTIFYs it sends in a dialog a SIP user's
 * SUBSCRIBE created (RFC 6665 §4.2.2, RFC 3856 §6), with the full-state PIDF of P5.2, kept under the
 * UDP size of P4.6. Pure: the presence service sends what this builds.
 */

/** TerminationReason is a `reason` of RFC 6665 §4.2.2 the gateway sends (P4.2 table). */
export type TerminationReason = 'rejected' | 'noresource' | 'probation' | 'timeout'

/** SubscriptionState is the `Subscription-State` of a NOTIFY (P4.2 table). */
export type SubscriptionState =
  | {readonly state: 'pending' | 'active'; readonly expires: number}
  | {readonly state: 'terminated'; readonly reason: TerminationReason; readonly retryAfter?: number}

/** NotifyOut is what one NOTIFY says; `resources` undefined is no body, `[]` the one `closed` tuple (RFC 8048 §5.3.3). */
export interface NotifyOut {
  readonly state: SubscriptionState
  /** The gateway's Contact, as in the 200 (P4.2). */
  readonly contact: string
  /** The SUBSCRIBE's Event `id` parameter, echoed (RFC 6665 §8.2.1). */
  readonly eventId?: string
  /** The PIDF's entity: the URI the watcher subscribed to. */
  readonly entity: string
  readonly resources?: readonly ResourcePresence[]
  /**
   * Present when the first hop is UDP: the transport's sent-by (transport.ts), so that the size
   * counts the Via the stack adds; the NOTIFY is then trimmed to fit (P4.6).
   */
  readonly udpSentBy?: {readonly host: string; readonly port: number}
}

// P4.6: the page-mode rule of outbound.ts (RFC 3428 §5: 1300 bytes when the path may be congestion-unsafe).
const UDP_LIMIT = 1300

/** subscriptionStateHeader writes the header: `active;expires=600`, `terminated;reason=probation;retry-after=3600`. */
export function subscriptionStateHeader(s: SubscriptionState): string {
  if (s.state !== 'terminated') return `${s.state};expires=${s.expires}`
  return `terminated;reason=${s.reason}${s.retryAfter === undefined ? '' : `;retry-after=${s.retryAfter}`}`
}

/**
 * notifyRequest builds the next NOTIFY of a notifier dialog (P4.2): dialog fields from dialog.ts,
 * then `Contact`, `Event`, `Subscription-State` and, with a body, `Content-Type` and
 * `Content-Language` (the most available resource's status language, P5.1 rows 7 and 10).
 */
export function notifyRequest(dialog: Dialog, out: NotifyOut): {dialog: Dialog; request: SipMessage} {
  const build = (resources: readonly ResourcePresence[] | undefined) => {
    const language = resources && pidfContentLanguage(resources)
    return inDialogRequest(
      dialog,
      'NOTIFY',
      {
        contact: [{uri: out.contact, params: {}}],
        event: out.eventId === undefined ? 'presence' : `presence;id=${out.eventId}`,
        'subscription-state': subscriptionStateHeader(out.state),
        ...(resources ? {'content-type': 'application/pidf+xml'} : {}),
        ...(language ? {'content-language': language} : {}),
      },
      resources ? toWire(writePidf(out.entity, resources)) : '',
    )
  }
  const sentBy = out.udpSentBy
  if (sentBy === undefined || out.resources === undefined) return build(out.resources)
  // The Via as stack.ts writes it over UDP: a branch of the same length, rport.
  const via = [{version: '2.0', protocol: 'UDP', host: sentBy.host, port: sentBy.port, params: {branch: newBranch(), rport: null}}]
  const fits = (resources: readonly ResourcePresence[]) => {
    const {request} = build(resources)
    return wire({...request, headers: {...request.headers, via}}).length <= UDP_LIMIT
  }
  return build(fitForUdp(out.resources, fits))
}

/**
 * fitForUdp keeps a NOTIFY within the UDP limit (P4.6): all of it if it fits; else without notes;
 * else without the least available resources, one at a time, never the last one (which is sent even
 * if it does not fit: the stack then answers 513 and the caller handles it as a transport error).
 */
function fitForUdp(resources: readonly ResourcePresence[], fits: (resources: readonly ResourcePresence[]) => boolean): readonly ResourcePresence[] {
  if (fits(resources)) return resources
  const noteless = resources.map(({resource, presence: {status: _status, ...presence}}) => ({resource, presence}))
  const kept = noteless.filter((resource) => resource.presence.available).sort(byAvailability)
  while (kept.length > 1 && !fits(kept)) kept.pop()
  return kept.length ? kept : noteless
}
