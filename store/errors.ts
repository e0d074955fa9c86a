/**
 * The ways a store can refuse work (cmdlets.md A6.2, "store unreadable", and issue 12's unsafe
 * directories and one gateway per store). Each carries the data the cmdlets' error records need, so
 * the CLI formats the message in its own layout.
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

/** StoreUnsafeError says other users could change the store's files (private-directory.ts); nothing was read or written. */
export class StoreUnsafeError extends Error {
  override readonly name = 'StoreUnsafeError'

  /** Creates the error for the store at path; problem says which directory is unsafe and how to fix it. */
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`The configuration store ${path} is not safe: ${problem}. It was not changed.`)
  }
}

/** StateLockedError says another gateway holds the lock on the store's state directory (presence.md P8.1: one gateway per store). */
export class StateLockedError extends Error {
  override readonly name = 'StateLockedError'

  /** Creates the error; pid is the holder's process id, or null when it is not known. */
  constructor(
    readonly stateDirectory: string,
    readonly pid: number | null,
  ) {
    super(`The gateway state directory ${stateDirectory} is locked by ${pid === null ? 'another process' : `another process (pid ${pid})`}.`)
  }
}
