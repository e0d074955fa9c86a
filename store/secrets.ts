import {randomBytes} from 'node:crypto'
import {chmod, mkdir, open, readFile, rename, unlink} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'
import {SECRET_FILE_PATTERN} from './patterns.js'

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
  const created = await mkdir(keyDirectory, {recursive: true, mode: 0o700})
  if (created !== undefined) await chmod(keyDirectory, 0o700)
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

/**
 * writePrivateFile writes content to target in one step: a temporary file beside it, created with
 * 'wx' and mode 0600 (it never exists with looser rights, and never replaces another file), synced,
 * then renamed over the target. A failure leaves neither the temporary file nor a partial target.
 */
export async function writePrivateFile(target: string, content: string): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`)
  const handle = await open(temporary, 'wx', 0o600)
  try {
    await handle.chmod(0o600)
    await handle.writeFile(content, 'utf8')
    // A store or a registrar will read this file: make sure its content is on disk first.
    await handle.sync()
  } catch (error) {
    await handle.close()
    await unlink(temporary).catch(() => undefined)
    throw error
  }
  await handle.close()
  await rename(temporary, target)
}
