import {readFile, unlink, writeFile} from 'node:fs/promises'
import {setTimeout as sleep} from 'node:timers/promises'
import {StoreLockedError} from './errors.js'

/**
 * The cross-process lock around every read-modify-write of the store. lowdb has none, and without
 * one concurrent CLI runs lose updates and corrupt the file (stack.md 2). proper-lockfile takes it
 * with an atomic `mkdir <store>.lock` and keeps the directory's mtime fresh; a holder that died is
 * detected after STALE_MS. Polling is ours, so the wait is bounded by a deadline, not a retry count.
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

/** lockOwnerPath is the file where the holder writes its pid, so a waiting process can name it. */
export function lockOwnerPath(storePath: string): string {
  return `${storePath}.lock-owner`
}

/** acquireStoreLock takes the lock on storePath, waiting up to timeoutMs, else throws StoreLockedError. */
export async function acquireStoreLock(storePath: string, timeoutMs: number): Promise<HeldLock> {
  const deadline = Date.now() + timeoutMs
  let delay = 5
  for (;;) {
    let lost: Error | null = null
    let release: (() => Promise<void>) | undefined
    try {
      release = await (await lockfileModule()).lock(storePath, {
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
    if (release) return heldLock(storePath, release, () => lost)
    const remaining = deadline - Date.now()
    if (remaining <= 0) throw new StoreLockedError(storePath, await readLockOwner(storePath), timeoutMs)
    // Jittered exponential backoff, so twenty waiting CLIs do not retry in step.
    await sleep(Math.min(delay * (0.5 + Math.random()), remaining))
    delay = Math.min(delay * 1.5, 100)
  }
}

async function heldLock(storePath: string, release: () => Promise<void>, lost: () => Error | null): Promise<HeldLock> {
  const owner = lockOwnerPath(storePath)
  const pid = String(process.pid)
  try {
    await writeFile(owner, `${pid}\n`, {mode: 0o600})
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

/** readLockOwner returns the pid recorded by the lock holder if that process is alive, else null. */
export async function readLockOwner(storePath: string): Promise<number | null> {
  let text: string
  try {
    text = await readFile(lockOwnerPath(storePath), 'utf8')
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
