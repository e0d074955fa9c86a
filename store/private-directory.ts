import {statSync} from 'node:fs'
import {chmod, mkdir} from 'node:fs/promises'
import {userInfo} from 'node:os'
import {StoreUnsafeError} from './errors.js'

/**
 * The store's directories (its own, the key directory and the state directory, cmdlets.md A10.2)
 * belong to the user who runs csxmpp and to no one else. Whoever else can write in one of them can
 * replace the store, a key or the gateway's state between two runs, or plant a symlink for the next
 * write (issue 12: user nobody made root's next cmdlet overwrite a root-owned file and list nobody's
 * partner). Like OpenSSH's StrictModes for ~/.ssh, csxmpp refuses such a store instead of using it.
 * Only these directories are checked, not those above them: /tmp itself is world-writable, and a
 * store in a directory of its own under it is safe.
 */

/** PRIVATE_DIRECTORY_MODE is the mode csxmpp gives the directories it creates (A10.2). */
const PRIVATE_DIRECTORY_MODE = 0o700

/** makePrivateDirectory creates directory and its missing parents with mode 0700; an existing one is left as it is. */
export async function makePrivateDirectory(directory: string): Promise<void> {
  const created = await mkdir(directory, {recursive: true, mode: PRIVATE_DIRECTORY_MODE})
  // The umask may have taken bits from mkdir's mode; the directory must be exactly 0700.
  if (created !== undefined) await chmod(directory, PRIVATE_DIRECTORY_MODE)
}

/**
 * checkPrivateDirectory throws StoreUnsafeError when directory, `its <role>` of the store at
 * storePath, can be written by group or others, or is owned by another user. A missing directory
 * passes: csxmpp creates it 0700.
 */
export function checkPrivateDirectory(storePath: string, directory: string, role: string): void {
  let mode: number
  let uid: number
  try {
    ;({mode, uid} = statSync(directory))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  const me = process.geteuid!()
  if (uid !== me) {
    const name = userName()
    throw new StoreUnsafeError(storePath, `its ${role} ${directory} is owned by user ${uid}, not by ${name}, who runs csxmpp. Run chown ${name} ${directory}, or run csxmpp as user ${uid}`)
  }
  if ((mode & 0o022) !== 0) {
    const octal = (mode & 0o7777).toString(8).padStart(4, '0')
    throw new StoreUnsafeError(storePath, `other users can write to its ${role} ${directory} (mode ${octal}). Run chmod 700 ${directory}`)
  }
}

/** userName is the name of the user running csxmpp, or its uid when the user database has none. */
function userName(): string {
  try {
    return userInfo().username
  } catch {
    return String(process.geteuid!())
  }
}
