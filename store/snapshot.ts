import type {StoreDocument} from './types.js'

/**
 * The read model handed to the gateway: one validated store document, deep-frozen, with its revision
 * as version. A reload replaces the whole snapshot in one assignment; nobody ever sees half of a
 * change (ARCHITECTURE rule 4).
 */

/** DeepReadonly makes every nested property read-only. */
export type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? {readonly [K in keyof T]: DeepReadonly<T[K]>} : T

/** StoreSnapshot is a frozen store document and its version (the store's revision). */
export interface StoreSnapshot {
  readonly version: number
  readonly document: DeepReadonly<StoreDocument>
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/** takeSnapshot freezes a copy of a document. */
export function takeSnapshot(document: StoreDocument): StoreSnapshot {
  return ownSnapshot(structuredClone(document))
}

/**
 * ownSnapshot freezes the document itself, for a caller that hands it over and keeps no reference (the
 * watcher's freshly parsed file): no copy, which at 10,000 partners is a third of a reload's time.
 */
export function ownSnapshot(document: StoreDocument): StoreSnapshot {
  return {version: document.revision, document: deepFreeze(document)}
}

/** SnapshotChanges names what a reload changed, for its one log line. */
export interface SnapshotChanges {
  readonly added: readonly string[]
  readonly removed: readonly string[]
  readonly changed: readonly string[]
}

const SECTIONS = ['xmppAllowedPartners', 'externalAccessPolicies', 'sipDomains', 'users', 'certificates'] as const

/**
 * describeChanges lists the records a reload added, removed or changed, as `section/key`
 * (`xmppAllowedPartners/jabber.org`, `certificates/<thumbprint>`), and the gateway settings as
 * `xmppGatewayConfiguration`, the Access Edge settings as `accessEdgeConfiguration`.
 */
export function describeChanges(previous: StoreSnapshot, next: StoreSnapshot): SnapshotChanges {
  return compare(previous.document, next.document, false)
}

/**
 * nextSnapshot takes over a freshly read document as the snapshot after `previous`, with what changed.
 * Records equal to the previous snapshot's are replaced by those, already frozen: only what changed
 * is frozen anew, and the unchanged 10,000 partners of a reload cost one comparison each.
 */
export function nextSnapshot(previous: StoreSnapshot, document: StoreDocument): {snapshot: StoreSnapshot; changes: SnapshotChanges} {
  const changes = compare(previous.document, document, true)
  return {snapshot: ownSnapshot(document), changes}
}

/** compare walks two documents' records; with reuse, the next document takes the previous one's equal records. */
function compare(previous: DeepReadonly<StoreDocument>, next: DeepReadonly<StoreDocument> | StoreDocument, reuse: boolean): SnapshotChanges {
  const added: string[] = []
  const removed: string[] = []
  const changed: string[] = []
  for (const section of SECTIONS) {
    // certificates is optional (an absent section is an empty one).
    const before: Readonly<Record<string, unknown>> = previous[section] ?? {}
    const after: Record<string, unknown> = (next[section] ?? {}) as Record<string, unknown>
    for (const key of Object.keys(after)) {
      if (!(key in before)) added.push(`${section}/${key}`)
      else if (!sameJson(before[key], after[key])) changed.push(`${section}/${key}`)
      // An identical record needs nothing, and may sit in a section reused whole, already frozen.
      else if (reuse && after[key] !== before[key]) after[key] = before[key]
    }
    for (const key of Object.keys(before)) if (!(key in after)) removed.push(`${section}/${key}`)
  }
  if (!sameJson(previous.xmppGatewayConfiguration, next.xmppGatewayConfiguration)) changed.push('xmppGatewayConfiguration')
  else if (reuse) (next as StoreDocument).xmppGatewayConfiguration = previous.xmppGatewayConfiguration as StoreDocument['xmppGatewayConfiguration']
  if (!sameJson(previous.accessEdgeConfiguration, next.accessEdgeConfiguration)) changed.push('accessEdgeConfiguration')
  return {added, removed, changed}
}

/** sameJson compares two JSON values structurally, stopping at the first difference (no serialising, no key arrays). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false
    return true
  }
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  let keys = 0
  for (const key in x) {
    keys++
    if (!Object.hasOwn(y, key) || !sameJson(x[key], y[key])) return false
  }
  for (const _ in y) keys--
  return keys === 0
}
