/**
 * The two ways a store can refuse work (cmdlets.md A6.2, "store unreadable"). Both carry the data
 * the cmdlets' error records need, so the CLI formats the message in its own layout.
 */

/** StoreInvalidError says the store file does not parse or validate; nothing was written. */
export class StoreInvalidError extends Error {
  override readonly name = 'StoreInvalidError'

  /** Creates the error for the store at path, whose first problem is problem at jsonPath. */
  constructor(
    readonly path: string,
    readonly jsonPath: string,
    readonly problem: string,
  ) {
    super(`The configuration store ${path} is not valid: ${jsonPath}: ${problem}. It was not changed.`)
  }
}

/** StoreLockedError says another process held the store's lock for the whole wait. */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError'

  /** Creates the error; pid is the holder's process id, or null when it is not known. */
  constructor(
    readonly path: string,
    readonly pid: number | null,
    readonly timeoutMs: number,
  ) {
    const holder = pid === null ? 'another process' : `another process (pid ${pid})`
    super(`The configuration store ${path} is locked by ${holder} and did not become free within ${timeoutMs / 1000} seconds.`)
  }
}
