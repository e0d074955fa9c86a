import {EventEmitter} from 'node:events'
import {type FSWatcher, watch} from 'node:fs'
import {basename, dirname} from 'node:path'
import type {StoreFileImage} from './file-image.js'
import {type StoreRead, readStoreIncrementally} from './incremental-read.js'
import {makePrivateDirectory} from './private-directory.js'
import {type SnapshotChanges, type StoreSnapshot, nextSnapshot, ownSnapshot} from './snapshot.js'
import {ConfigStore} from './store.js'

/**
 * Hot reload of the store for the gateway (ARCHITECTURE rule 4, Prosody's config reload): watch the
 * store's directory (an atomic rename replaces the file's inode, so watching the file itself goes
 * silent after the first write: notes/stack.md), debounce, read and validate the document, then
 * swap the snapshot in one assignment and announce it. An invalid store is announced as a failed
 * reload and the last good snapshot stays in force. Each read compares the file with the last good
 * one and parses only what changed (incremental-read.ts): a one-partner change in a 10,000-partner
 * store costs a few milliseconds, not a parse and validation of the whole file.
 */

/** ReloadedEvent is `config-reloaded`: the new snapshot, the one it replaced, and what changed. */
export interface ReloadedEvent {
  readonly version: number
  readonly snapshot: StoreSnapshot
  readonly previous: StoreSnapshot
  readonly changes: SnapshotChanges
}

/** ReloadFailedEvent is `config-reload-failed`: why, and the version that stays in force. */
export interface ReloadFailedEvent {
  readonly error: unknown
  readonly version: number
}

/** StoreWatcherEvents are the events a StoreWatcher emits (Prosody's names where Prosody has them). */
export interface StoreWatcherEvents {
  'reloading-config': []
  'config-reloaded': [ReloadedEvent]
  'config-reload-failed': [ReloadFailedEvent]
  error: [unknown]
}

/** WatchOptions tune the watcher. */
export interface WatchOptions {
  /** How long to wait for a burst of changes to settle before reading; default 50 ms. */
  readonly debounceMs?: number
}

export class StoreWatcher extends EventEmitter<StoreWatcherEvents> {
  #snapshot: StoreSnapshot
  /** The image of the file #snapshot was read from, for the next read to compare with. */
  #image: StoreFileImage | undefined
  #watcher: FSWatcher | undefined
  #timer: NodeJS.Timeout | undefined
  /** A reload in progress; a change during it schedules one more. */
  #reloading: Promise<void> | undefined
  #again = false

  private constructor(
    readonly store: ConfigStore,
    initial: StoreRead,
    readonly debounceMs: number,
  ) {
    super()
    this.#snapshot = ownSnapshot(initial.document)
    this.#image = initial.image
  }

  /** open reads the store (a missing file is a fresh deployment) and starts watching its directory; an unsafe store is StoreUnsafeError. */
  static async open(path: string, options: WatchOptions = {}): Promise<StoreWatcher> {
    const store = new ConfigStore(path)
    store.checkDirectories()
    await makePrivateDirectory(dirname(path))
    const watcher = new StoreWatcher(store, await readStoreIncrementally(path, undefined), options.debounceMs ?? 50)
    const file = basename(path)
    watcher.#watcher = watch(dirname(path), (_event, name) => {
      if (name === null || name === file) watcher.#schedule()
    })
    watcher.#watcher.on('error', (error) => watcher.emit('error', error))
    return watcher
  }

  /** current is the snapshot in force. */
  get current(): StoreSnapshot {
    return this.#snapshot
  }

  #schedule(): void {
    clearTimeout(this.#timer)
    // A listener that throws is a bug of the listener: it surfaces as the watcher's 'error' event.
    this.#timer = setTimeout(() => void this.reload().catch((error: unknown) => this.emit('error', error)), this.debounceMs)
  }

  /** reload reads the store now; watching calls it after each burst of changes. */
  async reload(): Promise<void> {
    if (this.#reloading) {
      this.#again = true
      return this.#reloading
    }
    this.#reloading = this.#reload().finally(() => {
      this.#reloading = undefined
      if (this.#again) {
        this.#again = false
        this.#schedule()
      }
    })
    return this.#reloading
  }

  async #reload(): Promise<void> {
    this.emit('reloading-config')
    const previous = this.#snapshot
    let read: StoreRead
    try {
      read = await readStoreIncrementally(this.store.path, this.#image && {image: this.#image, document: previous.document})
    } catch (error) {
      this.emit('config-reload-failed', {error, version: previous.version})
      return
    }
    const {snapshot: next, changes} = nextSnapshot(previous, read.document)
    this.#image = read.image
    if (next.version === previous.version && changes.added.length + changes.removed.length + changes.changed.length === 0) return
    this.#snapshot = next
    this.emit('config-reloaded', {version: next.version, snapshot: next, previous, changes})
  }

  /** close stops watching; no event follows. */
  close(): void {
    clearTimeout(this.#timer)
    this.#watcher?.close()
    this.#watcher = undefined
    this.#again = false
    this.removeAllListeners()
  }
}
