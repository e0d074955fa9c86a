import {readFile} from 'node:fs/promises'
import {join} from 'node:path'

/**
 * The embedded registrar's digest credentials: the HA1 values Set-CsUserSipCredential writes to the
 * key directory (cmdlets.md A9.1), one file per user, read when a user authenticates so that a new
 * or cleared credential applies at once. The password itself is never stored.
 */

/** readSipHa1 returns a user's HA1 (32 lower-case hex digits), or undefined when the user has none. */
export async function readSipHa1(keyDirectory: string, user: string): Promise<string | undefined> {
  const name = user.toLowerCase()
  // The user is a SIP address from the wire: it must not name a file outside the directory.
  if (!/^[^/\\\0]+@[^/\\\0]+$/.test(name) || name.startsWith('.')) return undefined
  try {
    const ha1 = (await readFile(join(keyDirectory, 'sip-digest', name), 'utf8')).trim()
    return /^[0-9a-f]{32}$/.test(ha1) ? ha1 : undefined
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
