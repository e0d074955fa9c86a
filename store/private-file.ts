import {constants} from 'node:fs'
import {link, open, rename, unlink} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

/**
 * The one way csxmpp writes a file in the store's directories: the store itself, the lock-owner
 * files, the key files and the gateway's state files. A fixed temporary name opened with 'w' is
 * written through whatever someone placed there, a symlink to a file of root's included (issue 12:
 * the store, its lock-owner file and the first-contact state file were all written that way).
 */

/**
 * O_CREAT|O_EXCL creates a new file or fails, and never follows a symlink at the path (POSIX open(),
 * "If O_CREAT and O_EXCL are set … a symbolic link … shall fail"); O_NOFOLLOW says the same once more
 * for kernels and file systems that would not.
 */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW

/** PrivateFileOptions tune writePrivateFile. */
export interface PrivateFileOptions {
  /**
   * false: an existing target is kept and the write fails with EEXIST (link(2) instead of
   * rename(2)), so two writers racing to create a file agree on the first one. Default true.
   */
  readonly replace?: boolean
}

/**
 * writePrivateFile writes content to target in one step: a temporary file beside it with a random
 * name, created with O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600 (so it is never a file or a link someone
 * else made, and never readable by others), synced, then renamed over the target. A rename replaces
 * a symlink at target; it never writes through it. A failure leaves neither the temporary file nor a
 * partial target.
 */
export async function writePrivateFile(target: string, content: string, options: PrivateFileOptions = {}): Promise<void> {
  // node:crypto loads here, not at start-up: most runs write nothing (cold start, README).
  const {randomBytes} = await import('node:crypto')
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  const handle = await open(temporary, CREATE_NEW, 0o600)
  try {
    // The umask may have taken bits from the mode; the file must be exactly 0600 (A10).
    await handle.chmod(0o600)
    await handle.writeFile(content, 'utf8')
    // A store, a registrar or a restarted gateway will read this file: its content goes to disk first.
    await handle.sync()
    await handle.close()
    if (options.replace === false) await link(temporary, target)
    else await rename(temporary, target)
  } catch (error) {
    await handle.close()
    await unlink(temporary).catch(() => undefined)
    throw error
  }
  if (options.replace === false) await unlink(temporary)
}
