/**
 * The presence of one entity as the gateway keeps it, on either side (presence.md P2.4): the local
 * aggregate of a user's SIP sources, or one resource of a remote contact. The mapping table (P5)
 * converts it to and from PIDF and XMPP stanzas; the caches hold it.
 */

/** Show is XMPP's `<show/>` (RFC 6121 §4.7.2.1); absent means plain available. */
export type Show = 'chat' | 'away' | 'xa' | 'dnd'

/** PresenceModel is one presence state (P2.4). */
export interface PresenceModel {
  readonly available: boolean
  readonly show?: Show
  readonly status?: {readonly text: string; readonly lang?: string}
  readonly priority?: number
}
