import {readFile, unlink} from 'node:fs/promises'
import {join} from 'node:path'
import {SECRET_FILE_PATTERN} from './patterns.js'
import {makePrivateDirectory} from './private-directory.js'
import {writePrivateFile} from './private-file.js'

/**
 * Secrets live in the key directory, one file each (mode 0600, directory 0700); the store JSON only
 * names the file (`{secretFile}`). To replace a secret: write the new file, commit the store naming
 * it, then remove the old file in `afterCommit`. A crash in between leaves an orphan file, never a
 * store naming a missing or half-written secret.
 */

const SECRET_NAME = new RegExp(SECRET_FILE_PATTERN)
const PREFIX = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/

/** checkedPath joins a secret file name to the key directory, refusing names that could leave it. */
function checkedPath(keyDirectory: string, name: string): string {
  if (!SECRET_NAME.test(name) || name === '.' || name === '..') throw new Error(`'${name}' is not a valid secret file name`)
  return join(keyDirectory, name)
}

/** writeSecret stores value in a new file `<prefix>-<random hex>.secret`, atomically, and returns the file name. */
export async function writeSecret(keyDirectory: string, prefix: string, value: string): Promise<string> {
  if (!PREFIX.test(prefix)) throw new Error(`'${prefix}' is not a valid secret file prefix`)
  await makePrivateDirectory(keyDirectory)
  const {randomBytes} = await import('node:crypto') // not at start-up (store/private-file.ts)
  const name = `${prefix}-${randomBytes(16).toString('hex')}.secret`
  const target = checkedPath(keyDirectory, name)
  await writePrivateFile(target, value)
  return name
}

/** readSecret returns the content of the secret file name in the key directory. */
export async function readSecret(keyDirectory: string, name: string): Promise<string> {
  return readFile(checkedPath(keyDirectory, name), 'utf8')
}

/** removeSecret deletes the secret file name; a file that is already gone is fine. */
export async function removeSecret(keyDirectory: string, name: string): Promise<void> {
  try {
    await unlink(checkedPath(keyDirectory, name))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}
