import {type ConfigStore, type StoreDocument, StoreInvalidError, StoreLockedError, removeSecret, writeSecret} from '../../store/index.js'
import {ErrorRecord} from '../errors.js'
import {StopError} from '../cmdlets/context.js'
import type {StoreSession} from '../cmdlets/definition.js'
import {storeInvalid, storeLocked} from '../cmdlets/errors.js'

/**
 * Runs cmdlet work against the store: a locked transaction when it may change the store, a plain
 * read otherwise. A PowerShell error that ends the work early (ErrorAction Stop) still commits what
 * was done before it, because each object's change is its own unit (powershell.md §7.9, A7).
 */

function isPowerShellError(error: unknown): boolean {
  return error instanceof ErrorRecord || error instanceof StopError
}

/** withStoreSession runs fn with a session; store failures become the cmdlet's A6.2 store errors. */
export async function withStoreSession<T>(
  store: ConfigStore,
  cmdlet: string,
  writable: boolean,
  fn: (session: StoreSession<StoreDocument>) => Promise<T>,
): Promise<T | undefined> {
  try {
    if (!writable) {
      const document = await store.read()
      return await fn({
        document,
        writable: false,
        markChanged: () => {
          throw new Error(`${cmdlet} changed a read-only store session`)
        },
        writeSecret: () => Promise.reject(new Error(`${cmdlet} wrote a secret in a read-only store session`)),
        removeSecretAfterCommit: () => undefined,
      })
    }
    return await transact(store, fn)
  } catch (error) {
    if (error instanceof StoreInvalidError) throw storeInvalid(cmdlet, store.path, error.jsonPath, error.problem)
    if (error instanceof StoreLockedError) throw storeLocked(cmdlet, store.path, error.pid)
    throw error
  }
}

async function transact<T>(store: ConfigStore, fn: (session: StoreSession<StoreDocument>) => Promise<T>): Promise<T | undefined> {
  const written: string[] = []
  let deferred: unknown
  try {
    const result = await store.transaction(async (tx) => {
      try {
        return await fn({
          document: tx.document,
          writable: true,
          markChanged: () => tx.markChanged(),
          async writeSecret(prefix, value) {
            const name = await writeSecret(store.keyDirectory, prefix, value)
            written.push(name)
            return name
          },
          removeSecretAfterCommit: (name) => tx.afterCommit(() => removeSecret(store.keyDirectory, name)),
        })
      } catch (error) {
        if (!isPowerShellError(error)) throw error
        deferred = error
        return undefined
      }
    })
    if (deferred) throw deferred
    return result
  } catch (error) {
    // Nothing names the secrets of a change that was not committed; do not leave them behind.
    if (!deferred) await Promise.all(written.map((name) => removeSecret(store.keyDirectory, name)))
    throw error
  }
}
