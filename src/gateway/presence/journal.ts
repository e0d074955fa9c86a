import {closeSync, existsSync, fsyncSync, ftruncateSync, readFileSync, renameSync} from 'node:fs'
import {unlink} from 'node:fs/promises'
import {join} from 'node:path'
import {PRESENCE_STATE_FILES} from '../../../store/index.js'
import {type ContactRecord, type NotifierDialog, type StateLine, contactDeletedLine, contactLine, cseqMark, decodeLines, dialogDeletedLine, dialogLine} from './state-records.js'
import {type StateLog, appendLine, openStateFile, openStateFileForReading, prepareStateDirectory, writeSnapshot} from './state-files.js'

/**
 * The presence state (presence.md P8.1–P8.2): contact records and notifier dialogs in memory, kept
 * across restarts by an append-only journal `state/presence.journal` beside a snapshot
 * `state/presence.snapshot`, both JSON Lines. This is the only code that writes them (P1.5).
 *
 * - Each change is one write() of a complete line, made before the call returns (requirement 1);
 *   no fsync per change (DECISION: power loss is not covered), fsync on compaction and close.
 * - Load ignores a torn last line and skips an undecodable one with a warn line (requirement 2).
 * - Compaction (requirement 5), started after a change but never inside it: the journal is renamed
 *   `presence.journal.old` and a fresh one takes the next changes; the snapshot is written from
 *   memory to a temporary file, synced, renamed over the old one; then `.old` is removed. Every line
 *   is a whole record or a deletion, so replaying snapshot, `.old`, journal in that order gives the
 *   current state whichever step a crash interrupted (a snapshot newer than `.old` is corrected by
 *   the journal for every key changed since the rename).
 */

const {journal: JOURNAL, rotated: ROTATED, snapshot: SNAPSHOT} = PRESENCE_STATE_FILES

/** Compaction triggers (P8.2 requirement 5): more than twice the live records, or 64 MiB. */
const COMPACT_RATIO = 2
const COMPACT_BYTES = 64 * 1024 * 1024
/** A journal this short is never compacted: rewriting a handful of records twice a change is all cost. */
const COMPACT_MIN_LINES = 1024
/** After a failed compaction, the next try waits this long (a full disk would otherwise be retried per change). */
const COMPACT_RETRY_MS = 60_000

/** JournalOptions are what the journal needs besides its directory. */
export interface JournalOptions {
  readonly log: StateLog
  /** Epoch milliseconds; dialogs expired at load are dropped (P8.3 step 1). Default Date.now. */
  readonly now?: () => number
}

/** PresenceJournal holds the records and writes every change through to the state directory. */
export class PresenceJournal {
  readonly #contacts = new Map<string, Map<string, ContactRecord>>()
  readonly #dialogs = new Map<string, NotifierDialog>()
  #contactCount = 0
  #fd: number
  #journalLines: number
  #journalBytes: number
  #compaction: Promise<void> | undefined
  #retryAt = 0
  #closed = false
  /** A change failed to reach the journal: the next compaction is due at once, as its snapshot holds the change. */
  #unjournaled = false

  private constructor(
    readonly directory: string,
    readonly options: JournalOptions,
    loaded: Loaded,
  ) {
    this.#fd = loaded.fd
    this.#journalLines = loaded.lines
    this.#journalBytes = loaded.bytes
  }

  /** open prepares the state directory, loads the snapshot and journals, and finishes a compaction a crash interrupted. */
  static async open(directory: string, options: JournalOptions): Promise<PresenceJournal> {
    await prepareStateDirectory(directory, options.log)
    const lines: StateLine[] = []
    readLines(join(directory, SNAPSHOT), options.log, lines)
    const interrupted = readLines(join(directory, ROTATED), options.log, lines)
    const state = new PresenceJournal(directory, options, openJournal(join(directory, JOURNAL), options.log, lines))
    const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000)
    for (const line of lines) state.#apply(line)
    for (const dialog of state.#dialogs.values()) if (dialog.exp <= nowSeconds) state.#dialogs.delete(dialog.id)
    if (interrupted) await state.#compact()
    else state.#considerCompaction()
    return state
  }

  get contactCount(): number {
    return this.#contactCount
  }

  contact(l: string, r: string): ContactRecord | undefined {
    return this.#contacts.get(l)?.get(r)
  }

  /** contactsOf lists l's records (P2.2 counts them). */
  contactsOf(l: string): Iterable<ContactRecord> {
    return this.#contacts.get(l)?.values() ?? []
  }

  *contacts(): Generator<ContactRecord> {
    for (const records of this.#contacts.values()) yield* records.values()
  }

  dialog(id: string): NotifierDialog | undefined {
    return this.#dialogs.get(id)
  }

  dialogs(): Iterable<NotifierDialog> {
    return this.#dialogs.values()
  }

  /** putContact stores record; one with no bits and no fc is deleted instead (P2.1). */
  putContact(record: ContactRecord): void {
    if (record.s === 0 && !record.fc) return this.deleteContact(record.l, record.r)
    this.#change({t: 'c', record}, contactLine(record))
  }

  deleteContact(l: string, r: string): void {
    if (this.contact(l, r)) this.#change({t: 'c-', l, r}, contactDeletedLine(l, r))
  }

  /** putDialog stores dialog with its CSeq's high-water mark (P8.2), never lower than the mark already written. */
  putDialog(dialog: NotifierDialog): void {
    const mark = Math.max(cseqMark(dialog.cseq), this.#dialogs.get(dialog.id)?.cseq ?? 0)
    const stored = {...dialog, cseq: mark}
    this.#change({t: 'd', dialog: stored}, dialogLine(stored))
  }

  /** advanceDialogCseq notes a NOTIFY sent with cseq: a write only when it crosses the dialog's mark (P8.2). */
  advanceDialogCseq(id: string, cseq: number): void {
    const dialog = this.#dialogs.get(id)
    if (dialog && cseq > dialog.cseq) this.putDialog({...dialog, cseq})
  }

  deleteDialog(id: string): void {
    if (this.#dialogs.has(id)) this.#change({t: 'd-', id}, dialogDeletedLine(id))
  }

  /** compacted resolves when the compaction under way, if any, has ended. */
  async compacted(): Promise<void> {
    await this.#compaction
  }

  /** close waits for a compaction, syncs the journal and closes it (P8.5: flushed and fsynced); a second close does nothing. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#compaction
    fsyncSync(this.#fd)
    closeSync(this.#fd)
  }

  /** sync makes the journal durable now (the first-contacts migration, before it renames its file). */
  sync(): void {
    fsyncSync(this.#fd)
  }

  #change(line: StateLine, text: string): void {
    this.#apply(line)
    try {
      this.#journalBytes += appendLine(this.#fd, text)
      this.#journalLines++
    } catch (error) {
      // Kept in memory; the next snapshot writes it. The change itself goes on (like FirstContacts).
      this.options.log.error({err: error, file: join(this.directory, JOURNAL)}, 'presence state change not journaled; kept in memory until the next compaction')
      this.#unjournaled = true
    }
    this.#considerCompaction()
  }

  #apply(line: StateLine): void {
    switch (line.t) {
      case 'c': {
        const {l, r} = line.record
        let records = this.#contacts.get(l)
        if (!records) this.#contacts.set(l, (records = new Map()))
        if (!records.has(r)) this.#contactCount++
        records.set(r, line.record)
        return
      }
      case 'c-': {
        const records = this.#contacts.get(line.l)
        if (!records?.delete(line.r)) return
        this.#contactCount--
        if (records.size === 0) this.#contacts.delete(line.l)
        return
      }
      case 'd':
        this.#dialogs.set(line.dialog.id, line.dialog)
        return
      case 'd-':
        this.#dialogs.delete(line.id)
    }
  }

  #considerCompaction(): void {
    if (this.#compaction || this.#closed || Date.now() < this.#retryAt) return
    const live = this.#contactCount + this.#dialogs.size
    const due = this.#unjournaled || (this.#journalLines > COMPACT_RATIO * live && this.#journalLines >= COMPACT_MIN_LINES) || this.#journalBytes > COMPACT_BYTES
    if (!due) return
    // Off the stanza path: the change that crossed the line returns first (requirement 5).
    this.#compaction = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#compact())
  }

  /**
   * #compact writes the snapshot. When `.old` is still there (a compaction a crash or an error
   * interrupted) the journal is not rotated: the snapshot covers `.old`, and the journal's lines
   * replay harmlessly over it.
   */
  async #compact(): Promise<void> {
    const rotated = join(this.directory, ROTATED)
    // The snapshot is taken from memory after this point, so it holds every change made so far.
    this.#unjournaled = false
    try {
      if (!existsSync(rotated)) this.#rotate(rotated)
      await writeSnapshot(join(this.directory, SNAPSHOT), this.#dialogs.values(), this.contacts())
      await unlink(rotated)
    } catch (error) {
      this.options.log.error({err: error, directory: this.directory}, 'presence state compaction failed; the journal keeps every change')
      this.#retryAt = Date.now() + COMPACT_RETRY_MS
      this.#unjournaled = true
    } finally {
      this.#compaction = undefined
    }
  }

  /** #rotate renames the journal to rotated and opens a fresh one for the next changes, in one turn of the event loop. */
  #rotate(rotated: string): void {
    const journal = join(this.directory, JOURNAL)
    renameSync(journal, rotated)
    let fd: number
    try {
      fd = openStateFile(journal, this.options.log)
    } catch (error) {
      renameSync(rotated, journal)
      throw error
    }
    const previous = this.#fd
    this.#fd = fd
    this.#journalLines = 0
    this.#journalBytes = 0
    fsyncSync(previous)
    closeSync(previous)
  }
}

/** Loaded is the open journal: its descriptor and what it holds. */
interface Loaded {
  readonly fd: number
  readonly lines: number
  readonly bytes: number
}

/**
 * openJournal opens the journal for appending and reads its lines into into. A torn last line (the
 * write a kill -9 interrupted) is cut off, so the next change starts a line of its own.
 */
function openJournal(file: string, log: StateLog, into: StateLine[]): Loaded {
  const fd = openStateFile(file, log)
  const content = readFileSync(fd)
  const end = content.lastIndexOf(0x0a) + 1
  if (end < content.length) ftruncateSync(fd, end)
  return {fd, lines: decodeAll(content.subarray(0, end), file, log, into), bytes: end}
}

/** readLines reads a snapshot or a rotated journal into into; false when it does not exist. */
function readLines(file: string, log: StateLog, into: StateLine[]): boolean {
  const fd = openStateFileForReading(file, log)
  if (fd === undefined) return false
  try {
    const content = readFileSync(fd)
    decodeAll(content.subarray(0, content.lastIndexOf(0x0a) + 1), file, log, into)
    return true
  } finally {
    closeSync(fd)
  }
}

/** decodeAll decodes complete lines (the torn tail already cut off); an undecodable one is skipped with a warn line. */
function decodeAll(content: Buffer, file: string, log: StateLog, into: StateLine[]): number {
  return decodeLines(content, into, (line) => log.warn({file, line}, 'presence state: undecodable record skipped'))
}
