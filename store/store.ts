import {readFileSync} from 'node:fs'
import {chmod, mkdir, open} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'
import {freshStore} from './defaults.js'
import {StoreInvalidError} from './errors.js'
import {acquireStoreLock} from './lock.js'
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

const FILE_MODE = 0o600
const DIRECTORY_MODE = 0o700

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
    const bytes = await readStoreBytes(this.path)
    return bytes ? parseStoreBytes(this.path, bytes) : freshStore()
  }

  /** transaction runs fn on the current document under the store lock and writes it if fn called markChanged and returned normally. */
  async transaction<T>(fn: (tx: StoreTransaction) => T | Promise<T>): Promise<T> {
    // An invalid store file is refused before fn runs (StoreInvalidError); a lock not obtained within
    // lockTimeoutMs is StoreLockedError. Either way nothing is written.
    await this.ensureDirectory()
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

  private async ensureDirectory(): Promise<void> {
    const directory = dirname(this.path)
    const created = await mkdir(directory, {recursive: true, mode: DIRECTORY_MODE})
    // The umask may have taken bits from the mode; the directory must be exactly 0700 (A10).
    if (created !== undefined) await chmod(directory, DIRECTORY_MODE)
  }

  private async write(document: StoreDocument): Promise<void> {
    document.revision += 1
    // The object itself is validated, not a JSON round trip of it (80 ms on 10,000 partners): the
    // schema already refuses what JSON would silently change (undefined, NaN, Infinity, Dates).
    const problem = validateStoreDocument(document)
    if (problem) {
      throw Object.assign(new Error(`csxmpp tried to write an invalid configuration store (a bug): ${problem.jsonPath}: ${problem.problem}. Nothing was written.`), {problem})
    }
    await this.prepareTemporaryFile()
    // The JSONFile adapter, never lowdb's presets: they switch to memory under NODE_ENV=test. Loaded
    // here, on the write path only, so that read-only cmdlets start faster.
    const [{Low}, {JSONFile}] = await Promise.all([import('lowdb'), import('lowdb/node')])
    const db = new Low<StoreDocument>(new JSONFile<StoreDocument>(this.path), document)
    await db.write()
    await chmod(this.path, FILE_MODE)
  }

  /**
   * prepareTemporaryFile creates lowdb's temporary file (steno's `.<name>.tmp`) with mode 0600
   * before steno writes it: writeFile keeps an existing file's mode, so the renamed store file is
   * never readable by others, not even between the rename and the chmod. Safe under the lock.
   */
  private async prepareTemporaryFile(): Promise<void> {
    const temporary = join(dirname(this.path), `.${basename(this.path)}.tmp`)
    const handle = await open(temporary, 'w', FILE_MODE)
    try {
      await handle.chmod(FILE_MODE)
    } finally {
      await handle.close()
    }
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
