import {readFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import type {Logger} from 'pino'
import {type PartnerType, makePrivateDirectory, writePrivateFile} from '../../../store/index.js'

/**
 * PartnerType rules for instant messages (cmdlets.md A8.4): a Federated or PublicVerified partner's
 * user may message a local user at any time; a PublicUnverified partner's user only after that local
 * user has messaged them first. The "has sent first" records are gateway state, kept across restarts
 * in the state directory beside the store (never in the configuration JSON), one file written
 * atomically with mode 0600 by the store's private-file writer.
 */

/** RETRY_DELAYS_MS are the waits before each new attempt of a failed save; then it gives up until the next change. */
const RETRY_DELAYS_MS = [100, 500, 2000]

/** FirstContactsOptions are what FirstContacts needs besides its file. */
export interface FirstContactsOptions {
  /** Where failed saves are reported. */
  readonly log: Pick<Logger, 'warn' | 'error'>
}

/** FirstContacts remembers which local user wrote first to which remote bare JID. */
export class FirstContacts {
  readonly #pairs: Set<string>
  readonly #log: FirstContactsOptions['log']
  /**
   * The last save, running or queued; each save starts after the one before. It never rejects: one
   * failed save used to reject every later one with its error until a restart, and each message to a
   * PublicUnverified partner with it (issue 12, case 8).
   */
  #saving: Promise<void> = Promise.resolve()
  /** A save queued behind the running one and not started yet: changes made meanwhile join it. */
  #queued: Promise<void> | undefined

  private constructor(
    readonly file: string,
    pairs: Iterable<string>,
    options: FirstContactsOptions,
  ) {
    this.#pairs = new Set(pairs)
    this.#log = options.log
  }

  /** open reads the records (none when the file does not exist yet). */
  static async open(file: string, options: FirstContactsOptions): Promise<FirstContacts> {
    try {
      const pairs = JSON.parse(await readFile(file, 'utf8')) as Array<[string, string]>
      return new FirstContacts(file, pairs.map(([user, remote]) => key(user, remote)), options)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new FirstContacts(file, [], options)
      throw error
    }
  }

  has(localUser: string, remoteBareJid: string): boolean {
    return this.#pairs.has(key(localUser, remoteBareJid))
  }

  /**
   * record notes that localUser wrote to remoteBareJid, and saves it before resolving. It never
   * rejects: a record that cannot be saved is logged and kept in memory, so the message still goes,
   * and the next save writes it.
   */
  record(localUser: string, remoteBareJid: string): Promise<void> {
    const pair = key(localUser, remoteBareJid)
    if (this.#pairs.has(pair)) return this.#saving
    this.#pairs.add(pair)
    return this.#save()
  }

  /** forget drops the records of a removed user or partner (A9.1 Disable-CsUser, partner removal). */
  forget(matches: (localUser: string, remoteBareJid: string) => boolean): Promise<void> {
    for (const pair of [...this.#pairs]) {
      const [user, remote] = split(pair)
      if (matches(user, remote)) this.#pairs.delete(pair)
    }
    return this.#save()
  }

  #save(): Promise<void> {
    // At most one save waits: it writes the records as they are when it starts, so however many
    // changes come while a save is retried, none waits for more than the running save and its own.
    if (!this.#queued) {
      this.#queued = this.#saving.then(() => {
        this.#queued = undefined
        return this.#write()
      })
      this.#saving = this.#queued
    }
    return this.#queued
  }

  /** #write saves the records as they are at each attempt, retrying with growing waits; it logs a failure and never throws. */
  async #write(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await makePrivateDirectory(dirname(this.file))
        await writePrivateFile(this.file, JSON.stringify([...this.#pairs].map(split)))
        return
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt - 1]
        if (delay === undefined) return this.#log.error({err: error, file: this.file, attempts: attempt}, 'first-contact records not saved; kept in memory until the next save')
        this.#log.warn({err: error, file: this.file, attempt, retryInMs: delay}, 'first-contact records not saved; retrying')
        await sleep(delay)
      }
    }
  }
}

function key(localUser: string, remoteBareJid: string): string {
  return `${localUser.toLowerCase()}\n${remoteBareJid.toLowerCase()}`
}

function split(pair: string): [string, string] {
  return pair.split('\n') as [string, string]
}

/** mayReceive tells whether a partner user's message may reach a local user (A8.4). */
export function mayReceive(partnerType: PartnerType, contacts: FirstContacts, localUser: string, remoteBareJid: string): boolean {
  return partnerType !== 'PublicUnverified' || contacts.has(localUser, remoteBareJid)
}
