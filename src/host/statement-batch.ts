import {type ConfigStore, type StoreDocument, removeSecret, writeSecret} from '../../store/index.js'
import type {StoreSession} from '../cmdlets/definition.js'
import {storeErrorRecord} from '../cmdlets/errors.js'

/**
 * The store seen from one top-level script statement (powershell.md §7.9): every cmdlet of the
 * statement works on one document, and the changes are written once, when the statement ends. A
 * statement that only reads takes no lock; the first cmdlet that may change the store opens a locked
 * transaction that stays open until the statement completes. A run killed mid-statement leaves the
 * store as the previous statement committed it.
 */

interface OpenTransaction {
  readonly session: StoreSession<StoreDocument>
  finish(error?: unknown): void
  readonly done: Promise<void>
  readonly written: string[]
}

export class StatementBatch {
  #read: Promise<StoreDocument> | undefined
  #transaction: Promise<OpenTransaction> | undefined
  /** The open transaction's session once it is ready: later cmdlets of the statement get it at once. */
  #ready: StoreSession<StoreDocument> | undefined
  /** The last cmdlet that asked for a writable session: commit errors name it. */
  #writer = ''

  constructor(readonly store: ConfigStore) {}

  /** session returns the store session a cmdlet works with; without waiting once the transaction is open. */
  session(cmdlet: string, writable: boolean): StoreSession<StoreDocument> | Promise<StoreSession<StoreDocument>> {
    if (this.#ready) {
      if (writable) this.#writer = cmdlet
      return this.#ready
    }
    return this.#session(cmdlet, writable)
  }

  async #session(cmdlet: string, writable: boolean): Promise<StoreSession<StoreDocument>> {
    try {
      if (writable) {
        this.#writer = cmdlet
        this.#transaction ??= this.#open()
      }
      if (this.#transaction) return (this.#ready = (await this.#transaction).session)
      const document = await (this.#read ??= this.store.read())
      return {
        document,
        writable: false,
        keyDirectory: this.store.keyDirectory,
        stateDirectory: this.store.stateDirectory,
        markChanged: refuse(cmdlet),
        writeSecret: () => Promise.reject(refuse(cmdlet)),
        removeSecretAfterCommit: () => undefined,
      }
    } catch (error) {
      throw storeErrorRecord(error, cmdlet, this.store.path)
    }
  }

  /** end commits the statement's changes; with an error (a bug, not a PowerShell error) nothing is written. */
  async end(error?: unknown): Promise<void> {
    if (!this.#transaction) return
    const open = await this.#transaction.catch(() => undefined)
    if (!open) return
    open.finish(error)
    try {
      await open.done
    } catch (failure) {
      // Nothing names the secrets of a change that was not committed; do not leave them behind.
      await Promise.all(open.written.map((name) => removeSecret(this.store.keyDirectory, name)))
      if (failure !== error) throw storeErrorRecord(failure, this.#writer, this.store.path)
    }
  }

  #open(): Promise<OpenTransaction> {
    const store = this.store
    return new Promise((resolve, reject) => {
      let finish: (error?: unknown) => void = () => undefined
      const held = new Promise<void>((release, abort) => {
        finish = (error) => (error === undefined ? release() : abort(error))
      })
      const written: string[] = []
      const done = store.transaction(async (tx) => {
        resolve({
          session: {
            document: tx.document,
            writable: true,
            keyDirectory: store.keyDirectory,
            stateDirectory: store.stateDirectory,
            markChanged: () => tx.markChanged(),
            async writeSecret(prefix, value) {
              const name = await writeSecret(store.keyDirectory, prefix, value)
              written.push(name)
              return name
            },
            removeSecretAfterCommit: (name) => tx.afterCommit(() => removeSecret(store.keyDirectory, name)),
          },
          finish,
          done,
          written,
        })
        await held
      })
      // A transaction that fails before it starts (lock, invalid store) rejects the session request.
      done.catch(reject)
    })
  }
}

function refuse(cmdlet: string): () => never {
  return () => {
    throw new Error(`${cmdlet} changed a read-only store session`)
  }
}
