import {constants, type Stats, closeSync, fchmodSync, fstatSync, lstatSync, openSync, writeSync} from 'node:fs'
import {chmod, open, rename, unlink} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'
import type {Logger} from 'pino'
import {makePrivateDirectory} from '../../../store/index.js'
import {type ContactRecord, type NotifierDialog, contactLine, dialogLine} from './state-records.js'

/**
 * The state directory and its files are private (presence.md P8.1, cmdlets.md A10): the directory
 * 0700, the files 0600, created so; a wider mode found at start is narrowed with a warn line. Like
 * store/private-file.ts (issue 12), nothing here follows a symbolic link: a link planted in the
 * state directory would make the gateway write through it into someone else's file.
 */

/** StateLog is where the state files report what they repaired or skipped. */
export type StateLog = Pick<Logger, 'warn' | 'error'>

/** PresenceStateError says a state file or directory cannot be used safely; nothing was read from it. */
export class PresenceStateError extends Error {
  override readonly name = 'PresenceStateError'

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`The presence state ${path} cannot be used: ${problem}.`)
  }
}

/** prepareStateDirectory creates directory 0700, or narrows an existing one to 0700 with a warn line. */
export async function prepareStateDirectory(directory: string, log: StateLog): Promise<void> {
  let stats: Stats
  try {
    stats = lstatSync(directory)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return makePrivateDirectory(directory)
  }
  if (stats.isSymbolicLink()) throw new PresenceStateError(directory, 'it is a symbolic link, which csxmpp does not follow. Replace it with a directory')
  if (!stats.isDirectory()) throw new PresenceStateError(directory, 'it is not a directory')
  if ((stats.mode & 0o077) !== 0) {
    log.warn({directory, mode: octal(stats.mode)}, 'presence state directory was readable by others; narrowed to 0700')
    await chmod(directory, 0o700)
  }
}

/** openStateFile opens file to read and append (created 0600 when missing), never through a link; its mode is narrowed to 0600. */
export function openStateFile(file: string, log: StateLog): number {
  return openPrivate(file, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT, log)
}

/**
 * appendLine writes one complete line with one write() (P8.2 requirement 1: no buffering across
 * changes, no fsync) and returns its size in bytes. Synchronous on purpose: the lines reach the
 * file in the order of the changes without a queue, and a line of a few hundred bytes costs
 * microseconds in the page cache (bench/presence-state.bench.ts). A short write, which regular files
 * do not make in practice, is completed rather than left as a torn line in the middle.
 */
export function appendLine(fd: number, line: string): number {
  const bytes = Buffer.from(line, 'utf8')
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written)
  return bytes.length
}

/** SNAPSHOT_CHUNK is how much of the snapshot is written per write(): the event loop turns between chunks. */
const SNAPSHOT_CHUNK = 1024 * 1024

/**
 * writeSnapshot writes every record to file atomically (P8.2 requirement 5): a new temporary file
 * (O_EXCL|O_NOFOLLOW, 0600, like store/private-file.ts), written in chunks so that changes go on
 * meanwhile, synced, renamed over file, and the directory synced so the rename survives too.
 */
export async function writeSnapshot(file: string, dialogs: Iterable<NotifierDialog>, contacts: Iterable<ContactRecord>): Promise<void> {
  const {randomBytes} = await import('node:crypto')
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600)
  try {
    await handle.chmod(0o600)
    let chunk = ''
    for (const text of snapshotLines(dialogs, contacts)) {
      chunk += text
      if (chunk.length < SNAPSHOT_CHUNK) continue
      await handle.write(chunk)
      chunk = ''
    }
    await handle.write(chunk)
    await handle.sync()
    await handle.close()
    await rename(temporary, file)
  } catch (error) {
    await handle.close().catch(() => undefined)
    await unlink(temporary).catch(() => undefined)
    throw error
  }
  const directory = await open(dirname(file), constants.O_RDONLY | constants.O_DIRECTORY)
  try {
    await directory.sync()
  } finally {
    await directory.close()
  }
}

function* snapshotLines(dialogs: Iterable<NotifierDialog>, contacts: Iterable<ContactRecord>): Generator<string> {
  for (const dialog of dialogs) yield dialogLine(dialog)
  for (const record of contacts) yield contactLine(record)
}

/** openStateFileForReading opens an existing file for reading, never through a link; undefined when it does not exist. */
export function openStateFileForReading(file: string, log: StateLog): number | undefined {
  try {
    return openPrivate(file, constants.O_RDONLY, log)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function openPrivate(file: string, flags: number, log: StateLog): number {
  let fd: number
  try {
    fd = openSync(file, flags | constants.O_NOFOLLOW, 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new PresenceStateError(file, 'it is a symbolic link, which csxmpp does not follow. Remove it')
    throw error
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw new PresenceStateError(file, 'it is not a regular file')
    if ((stats.mode & 0o077) !== 0) {
      log.warn({file, mode: octal(stats.mode)}, 'presence state file was readable by others; narrowed to 0600')
      fchmodSync(fd, 0o600)
    }
    return fd
  } catch (error) {
    closeSync(fd)
    throw error
  }
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0')
}
