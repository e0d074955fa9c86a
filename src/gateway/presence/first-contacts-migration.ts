import {closeSync, readFileSync} from 'node:fs'
import {rename} from 'node:fs/promises'
import {join} from 'node:path'
import type {PresenceJournal} from './journal.js'
import {type StateLog, openStateFileForReading} from './state-files.js'

/**
 * First-contact records fold into the contact records (presence.md P8.1): on the first start with
 * the journal, `state/first-contacts.json` (issue 12's FirstContacts file, an array of
 * [local user, remote bare JID] pairs) is read, each pair becomes its record's `fc`, the journal is
 * synced, and the file is renamed `first-contacts.json.migrated`, never to be read again. A crash
 * before the rename migrates again at the next start, which sets the same bits.
 */

const FIRST_CONTACTS = 'first-contacts.json'

/** migrateFirstContacts moves the first-contact records into journal; it returns how many pairs it read (0 without a file). */
export async function migrateFirstContacts(journal: PresenceJournal, log: StateLog, now: () => number = Date.now): Promise<number> {
  const file = join(journal.directory, FIRST_CONTACTS)
  const pairs = readPairs(file, log)
  if (pairs === undefined) return 0
  const at = Math.floor(now() / 1000)
  for (const [user, remote] of pairs) {
    const l = user.toLowerCase()
    const r = remote.toLowerCase()
    journal.putContact({l, r, s: journal.contact(l, r)?.s ?? 0, fc: true, at})
  }
  journal.sync()
  await rename(file, `${file}.migrated`)
  return pairs.length
}

/** readPairs reads the file's pairs; undefined when there is none, or when it is not a list of pairs (left in place, with a warn line). */
function readPairs(file: string, log: StateLog): Array<[string, string]> | undefined {
  const fd = openStateFileForReading(file, log)
  if (fd === undefined) return undefined
  let pairs: unknown
  try {
    pairs = JSON.parse(readFileSync(fd, 'utf8'))
  } catch {
    pairs = undefined
  } finally {
    closeSync(fd)
  }
  if (Array.isArray(pairs) && pairs.every(isPair)) return pairs
  log.warn({file}, 'first-contact records not migrated: the file is not a list of [user, contact] pairs; it is left as it is')
  return undefined
}

function isPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string'
}
