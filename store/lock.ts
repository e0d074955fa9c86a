import {readFile, unlink} from 'node:fs/promises'
import {setTimeout as sleep} from 'node:timers/promises'
import {StateLockedError, StoreLockedError} from './errors.js'
import {writePrivateFile} from './private-file.js'

/**
 * The cross-process lock around every read-modify-write of the store. A JSON file has none, and
 * without one concurrent CLI runs lose updates and corrupt the file (stack.md 2). proper-lockfile
 * takes it with an atomic `mkdir <store>.lock` and keeps the directory's mtime fresh; a holder that
 * died is detected after STALE_MS. Polling is ours, so the wait is bounded by a deadline, not a
 * retry count.
 * The gateway holds the same kind of lock on the store's state directory for as long as it runs.
 */

/** STALE_MS is how old an unrefreshed lock must be before it is taken over (proper-lockfile refreshes every STALE_MS / 2). */
export const STALE_MS = 5000

/** HeldLock is a lock this process holds. */
export interface HeldLock {
  /** compromised returns why the lock was lost (another process took it over), or null while it is ours. */
  compromised(): Error | null
  /** release gives the lock back; it never throws. */
  release(): Promise<void>
}

/** lockOwnerPath is the file where the holder of the lock on path writes its pid, so a waiting process can name it. */
export function lockOwnerPath(path: string): string {
  return `${path}.lock-owner`
}

/** acquireStoreLock takes the lock on storePath, waiting up to timeoutMs, else throws StoreLockedError. */
export function acquireStoreLock(storePath: string, timeoutMs: number): Promise<HeldLock> {
  return acquireLock(storePath, timeoutMs, async (expired) => (expired ? new StoreLockedError(storePath, await readLockOwner(storePath), timeoutMs) : undefined))
}

/**
 * acquireStateLock takes the gateway's lock on the state directory (presence.md P8.1: one writer per
 * store). A holder that is alive is another gateway: StateLockedError at once. A holder that died
 * (SIGKILL) no longer refreshes its lock, which goes stale after STALE_MS and is then taken over; the
 * wait for that is bounded by twice STALE_MS.
 */
export function acquireStateLock(stateDirectory: string): Promise<HeldLock> {
  return acquireLock(stateDirectory, 2 * STALE_MS, async (expired) => {
    const pid = await readLockOwner(stateDirectory)
    return pid !== null || expired ? new StateLockedError(stateDirectory, pid) : undefined
  })
}

/** Refusal decides after each attempt that found the lock taken: the error that ends the wait, or undefined to try again; expired says the deadline has passed. */
type Refusal = (expired: boolean) => Promise<Error | undefined>

async function acquireLock(path: string, timeoutMs: number, refusal: Refusal): Promise<HeldLock> {
  const deadline = Date.now() + timeoutMs
  let delay = 5
  for (;;) {
    let lost: Error | null = null
    let release: (() => Promise<void>) | undefined
    try {
      release = await (await lockfileModule()).lock(path, {
        realpath: false,
        stale: STALE_MS,
        retries: 0,
        // The default throws from a timer and kills the process; record it and refuse to write instead.
        onCompromised: (error) => {
          lost = error
        },
      })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
    }
    if (release) return heldLock(path, release, () => lost)
    const remaining = deadline - Date.now()
    const refused = await refusal(remaining <= 0)
    if (refused) throw refused
    // Jittered exponential backoff, so twenty waiting CLIs do not retry in step.
    await sleep(Math.min(delay * (0.5 + Math.random()), remaining))
    delay = Math.min(delay * 1.5, 100)
  }
}

async function heldLock(path: string, release: () => Promise<void>, lost: () => Error | null): Promise<HeldLock> {
  const owner = lockOwnerPath(path)
  const pid = String(process.pid)
  try {
    await writePrivateFile(owner, `${pid}\n`)
  } catch (error) {
    await release().catch(() => undefined)
    throw error
  }
  return {
    compromised: lost,
    async release() {
      try {
        // Only our own record: after a takeover the file names the new holder.
        if ((await readFile(owner, 'utf8')).trim() === pid) await unlink(owner)
      } catch {
        // Missing or unreadable: nothing of ours to remove.
      }
      await release().catch(() => undefined)
    },
  }
}

/** readLockOwner returns the pid recorded by the holder of the lock on path if that process is alive, else null. */
export async function readLockOwner(path: string): Promise<number | null> {
  let text: string
  try {
    text = await readFile(lockOwnerPath(path), 'utf8')
  } catch {
    return null
  }
  const pid = Number(text.trim())
  if (!Number.isSafeInteger(pid) || pid <= 0) return null
  try {
    process.kill(pid, 0)
    return pid
  } catch (error) {
    // EPERM: alive, but another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null
  }
}

/** lockfileModule loads proper-lockfile on the first write only: read-only cmdlets never need it (cold start). */
async function lockfileModule(): Promise<typeof import('proper-lockfile')> {
  return (await import('proper-lockfile')).default
}
