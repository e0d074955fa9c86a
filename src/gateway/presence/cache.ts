import type {PresenceModel} from './presence-model.js'
/**
 * The presence caches of presence.md P2.4: what the gateway knows of its local users' presence (the
 * aggregate of their SIP sources) and of its contacts' XMPP resources. Memory only, no I/O.
 */

/** Show is RFC 6121 §4.7.2.1's `<show/>`; absent means plain available. */

/** MAX_RESOURCES bounds the resources cached per remote bare JID (P2.2, P9). */
export const MAX_RESOURCES = 16

/** LocalPresence holds each local user's aggregated presence; `unknown` until a source produced a state. */
export class LocalPresence {
  readonly #users = new Map<string, PresenceModel>()

  get(l: string): PresenceModel | 'unknown' {
    return this.#users.get(l) ?? 'unknown'
  }

  /** set records L's new aggregate and says whether it differs from the last (P3.2 broadcasts on change only). */
  set(l: string, presence: PresenceModel): boolean {
    const changed = !samePresence(this.#users.get(l), presence)
    this.#users.set(l, presence)
    return changed
  }

  /** forget drops L (the user was removed or lost XMPP access, P8.4). */
  forget(l: string): void {
    this.#users.delete(l)
  }
}

/** ResourcePresence is one remote resource's last available presence and when it arrived. */
export interface ResourcePresence {
  readonly presence: PresenceModel
  /** Epoch milliseconds. */
  readonly at: number
}

/** RemoteUpdate says what one presence stanza did to the cache. */
export type RemoteUpdate = 'stored' | 'removed' | 'cleared' | 'ignored'

/**
 * RemotePresence holds, per contact R, its resources' last available presence. It is kept only while
 * some local user has `To` for R: the caller drops R when the last one goes (P2.3 `unsubscribed`).
 */
export class RemotePresence {
  readonly #contacts = new Map<string, Map<string, ResourcePresence>>()

  /** resources lists R's cached resources (empty when nothing is cached). */
  resources(r: string): ReadonlyMap<string, ResourcePresence> {
    return this.#contacts.get(r) ?? new Map()
  }

  /** isCached says whether anything is known of R (a NOTIFY then carries PIDF, else no body; P4.2). */
  isCached(r: string): boolean {
    return this.#contacts.has(r)
  }

  /**
   * update applies presence from `r/resource` (resource `""` for the bare JID, P3.1). An available
   * presence from a 17th resource is ignored until one of the 16 leaves (P2.2); `unavailable` from
   * a resource removes it, from the bare JID removes them all (P2.4).
   */
  update(r: string, resource: string, presence: PresenceModel, at: number): RemoteUpdate {
    const resources = this.#contacts.get(r)
    if (!presence.available) return this.#remove(r, resource, resources)
    if (resources === undefined) {
      this.#contacts.set(r, new Map([[resource, {presence, at}]]))
      return 'stored'
    }
    if (!resources.has(resource) && resources.size >= MAX_RESOURCES) return 'ignored'
    resources.set(resource, {presence, at})
    return 'stored'
  }

  /** drop forgets R entirely. */
  drop(r: string): void {
    this.#contacts.delete(r)
  }

  #remove(r: string, resource: string, resources: Map<string, ResourcePresence> | undefined): RemoteUpdate {
    if (resources === undefined) return 'ignored'
    if (resource === '') {
      this.#contacts.delete(r)
      return 'cleared'
    }
    if (!resources.delete(resource)) return 'ignored'
    if (resources.size === 0) this.#contacts.delete(r)
    return 'removed'
  }
}

function samePresence(a: PresenceModel | undefined, b: PresenceModel): boolean {
  return (
    a !== undefined &&
    a.available === b.available &&
    a.show === b.show &&
    a.priority === b.priority &&
    a.status?.text === b.status?.text &&
    a.status?.lang === b.status?.lang
  )
}
