import {constants} from 'node:fs'
import {open} from 'node:fs/promises'
import {join} from 'node:path'
import type {ContactRecord} from './presence-subscription.js'
import {type StateLine, contactKey, decodeLines} from './presence-state-lines.js'

/**
 * The read-only loader of the presence state (presence.md P8.1–P8.2) for the admin view
 * (`Get-CsXmppPresenceSubscription`, issue 14 item 6), which works whether or not the gateway runs.
 * It replays the files in the gateway's own order (snapshot, rotated journal, journal: see
 * src/gateway/presence/journal.ts) and, unlike the gateway, never writes: it does not cut a torn
 * line, narrow a mode, finish a compaction or take the state lock. A file changed while it is read
 * can at worst end in a torn line, which is ignored like a crash's.
 */

/** PRESENCE_STATE_FILES are the state files in replay order; the journal is the only one changes are appended to. */
export const PRESENCE_STATE_FILES = {
  snapshot: 'presence.snapshot',
  rotated: 'presence.journal.old',
  journal: 'presence.journal',
} as const

/** readPresenceContacts returns the contact records of stateDirectory; none when it holds no state. */
export async function readPresenceContacts(stateDirectory: string): Promise<ContactRecord[]> {
  const lines: StateLine[] = []
  for (const name of [PRESENCE_STATE_FILES.snapshot, PRESENCE_STATE_FILES.rotated, PRESENCE_STATE_FILES.journal]) {
    const content = await readStateFile(join(stateDirectory, name))
    // An undecodable line is skipped; the gateway warns about it when it loads the same file.
    if (content) decodeLines(content, lines, () => undefined)
  }
  const contacts = new Map<string, ContactRecord>()
  for (const line of lines) {
    if (line.t === 'c') contacts.set(contactKey(line.record.l, line.record.r), line.record)
    else if (line.t === 'c-') contacts.delete(contactKey(line.l, line.r))
  }
  return [...contacts.values()]
}

/**
 * readStateFile reads file, never through a symbolic link (like the gateway: state-files.ts);
 * undefined when it or the directory does not exist. Other failures (a link, permission denied)
 * are thrown for the caller to report.
 */
async function readStateFile(file: string): Promise<Uint8Array | undefined> {
  let handle
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  try {
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}
