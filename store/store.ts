import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {accessEdgeSettings, freshStore} from './defaults.js'
import {StoreInvalidError} from './errors.js'
import {type HeldLock, acquireStateLock, acquireStoreLock} from './lock.js'
import {checkPrivateDirectory, makePrivateDirectory} from './private-directory.js'
import {writePrivateFile} from './private-file.js'
import type {StoreDocument} from './types.js'
import {parseStoreText, validateStoreDocument} from './validate.js'

/** StoreTransaction is what a transaction's function works with. */
export interface StoreTransaction {
  /** The current document, read after the lock was taken; change it in place. */
  readonly document: StoreDocument
  /** markChanged asks for the document to be written when the function returns; without it nothing is. */
  markChanged(): void
  /** afterCommit runs callback after a successful write, still under the lock (e.g. removing a replaced secret file). */
  afterCommit(callback: () => void | Promise<void>): void
}

/** ConfigStoreOptions tune a ConfigStore. */
export interface ConfigStoreOptions {
  /** How long a transaction waits for another process's lock; default 10000 ms (A6.2). */
  lockTimeoutMs?: number
}

// Readers take no lock: a writer replaces the file by rename, in one step, so a reader sees the old
// or the new version, never a mix. Every writer takes the lock (stack.md 2: without it, lost updates
// and corrupt files were measured).

/** ConfigStore is the csxmpp configuration store: one JSON file, written whole under a cross-process lock and replaced by atomic rename. */
export class ConfigStore {
  /** The store file. */
  readonly path: string
  /** The key directory, `<store dir>/keys`: private keys and secrets, one file each (A10). */
  readonly keyDirectory: string
  /** The gateway's runtime state directory, `<store dir>/state` (A10). */
  readonly stateDirectory: string
  /** How long a transaction waits for the lock. */
  readonly lockTimeoutMs: number

  /** Creates a store object for path; touches no file until it is used. */
  constructor(path: string, options: ConfigStoreOptions = {}) {
    this.path = path
    this.keyDirectory = join(dirname(path), 'keys')
    this.stateDirectory = join(dirname(path), 'state')
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000
  }

  /** read returns the current document (a fresh store when the file is missing) and writes nothing. */
  async read(): Promise<StoreDocument> {
    this.checkDirectories()
    const bytes = await readStoreBytes(this.path)
    return bytes ? parseStoreBytes(this.path, bytes) : freshStore()
  }

  /** transaction runs fn on the current document under the store lock and writes it if fn called markChanged and returned normally. */
  async transaction<T>(fn: (tx: StoreTransaction) => T | Promise<T>): Promise<T> {
    // A store others could change is refused before anything is written (StoreUnsafeError), an invalid
    // store file before fn runs (StoreInvalidError); a lock not obtained within lockTimeoutMs is
    // StoreLockedError. Either way nothing is written.
    this.checkDirectories()
    await makePrivateDirectory(dirname(this.path))
    const lock = await acquireStoreLock(this.path, this.lockTimeoutMs)
    try {
      // Read only now: a document read before the lock could be stale, and writing it would lose updates.
      const document = await this.read()
      let changed = false
      const callbacks: Array<() => void | Promise<void>> = []
      const result = await fn({
        document,
        markChanged: () => {
          changed = true
        },
        afterCommit: (callback) => {
          callbacks.push(callback)
        },
      })
      if (!changed) return result
      const lost = lock.compromised()
      if (lost) throw new Error(`The lock on the configuration store ${this.path} was taken over by another process (${lost.message}); nothing was written.`)
      await this.write(document)
      await runAfterCommit(callbacks)
      return result
    } finally {
      await lock.release()
    }
  }

  /**
   * checkDirectories throws StoreUnsafeError when another user could change the store's files: its
   * directory, key directory or state directory is writable by group or others, or not owned by the
   * user running csxmpp (private-directory.ts). Directories that do not exist yet pass.
   */
  checkDirectories(): void {
    checkPrivateDirectory(this.path, dirname(this.path), 'directory')
    checkPrivateDirectory(this.path, this.keyDirectory, 'key directory')
    checkPrivateDirectory(this.path, this.stateDirectory, 'state directory')
  }

  /**
   * lockState takes the gateway's lock on the state directory, creating it 0700 (presence.md P8.1:
   * one gateway per store); StateLockedError when another gateway holds it. The caller releases it.
   */
  async lockState(): Promise<HeldLock> {
    this.checkDirectories()
    await makePrivateDirectory(this.stateDirectory)
    return acquireStateLock(this.stateDirectory)
  }

  private async write(document: StoreDocument): Promise<void> {
    document.revision += 1
    // The migration rule of cmdlets.md A11.3: a store without the section meant AllowFederatedUsers
    // True, and the first change writes that out, so the meaning never flips.
    document.accessEdgeConfiguration = accessEdgeSettings(document)
    // The object itself is validated, not a JSON round trip of it (80 ms on 10,000 partners): the
    // schema already refuses what JSON would silently change (undefined, NaN, Infinity, Dates).
    const problem = validateStoreDocument(document)
    if (problem) {
      throw Object.assign(new Error(`csxmpp tried to write an invalid configuration store (a bug): ${problem.jsonPath}: ${problem.problem}. Nothing was written.`), {problem})
    }
    // lowdb's JSONFile layout (two-space indentation, no final newline), written by csxmpp's own
    // writer: lowdb's (steno) fills the fixed name `.<name>.tmp` with 'w', through any symlink there.
    await writePrivateFile(this.path, JSON.stringify(document, null, 2))
  }
}

/**
 * readStoreBytes reads the store file; undefined when it does not exist. In one blocking read: at
 * 10,000 partners (3.7 MB) that took a third of the time of fs/promises' chunked read, whose 512 KiB
 * reads each wait for a turn of the gateway's busy event loop.
 */
export async function readStoreBytes(path: string): Promise<Buffer | undefined> {
  try {
    return readFileSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/** parseStoreBytes parses and validates a store file's bytes; an invalid file is StoreInvalidError. */
export function parseStoreBytes(path: string, bytes: Buffer): StoreDocument {
  const parsed = parseStoreText(bytes.toString('utf8'))
  if (parsed.problem) throw new StoreInvalidError(path, parsed.problem.jsonPath, parsed.problem.problem)
  return parsed.document
}

/** runAfterCommit runs every callback; a failing one is reported as a warning, because the change is already committed. */
async function runAfterCommit(callbacks: ReadonlyArray<() => void | Promise<void>>): Promise<void> {
  for (const callback of callbacks) {
    try {
      await callback()
    } catch (error) {
      process.emitWarning(`a clean-up step after a store change failed: ${error instanceof Error ? error.message : String(error)}`, 'CsxmppStoreWarning')
    }
  }
}
