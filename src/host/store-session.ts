import type {ConfigStore, StoreDocument} from '../../store/index.js'
import {ErrorRecord} from '../errors.js'
import {StopError} from '../cmdlets/context.js'
import type {StoreSession} from '../cmdlets/definition.js'
import {StatementBatch} from './statement-batch.js'

/**
 * Runs one cmdlet's work against the store (argv mode): a locked transaction when it may change the
 * store, a plain read otherwise, through the same StatementBatch a script statement uses. A
 * PowerShell error that ends the work early (ErrorAction Stop) still commits what was done before
 * it, because each object's change is its own unit (powershell.md §7.9, A7).
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
): Promise<T> {
  const batch = new StatementBatch(store)
  let result: T
  try {
    result = await fn(await batch.session(cmdlet, writable))
  } catch (error) {
    await batch.end(isPowerShellError(error) ? undefined : error)
    throw error
  }
  await batch.end()
  return result
}
