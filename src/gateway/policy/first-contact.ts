import {mkdir, readFile, rename, writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import type {PartnerType} from '../../../store/index.js'

/**
 * PartnerType rules for instant messages (cmdlets.md A8.4): a Federated or PublicVerified partner's
 * user may message a local user at any time; a PublicUnverified partner's user only after that local
 * user has messaged them first. The "has sent first" records are gateway state, kept across restarts
 * in the state directory beside the store (never in the configuration JSON), one file written
 * atomically with mode 0600.
 */

/** FirstContacts remembers which local user wrote first to which remote bare JID. */
export class FirstContacts {
  readonly #pairs: Set<string>
  /** Writes happen one after the other, each replacing the whole file. */
  #writing: Promise<void> = Promise.resolve()

  private constructor(
    readonly file: string,
    pairs: Iterable<string>,
  ) {
    this.#pairs = new Set(pairs)
  }

  /** open reads the records (none when the file does not exist yet). */
  static async open(file: string): Promise<FirstContacts> {
    try {
      const pairs = JSON.parse(await readFile(file, 'utf8')) as Array<[string, string]>
      return new FirstContacts(file, pairs.map(([user, remote]) => key(user, remote)))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new FirstContacts(file, [])
      throw error
    }
  }

  has(localUser: string, remoteBareJid: string): boolean {
    return this.#pairs.has(key(localUser, remoteBareJid))
  }

  /** record notes that localUser wrote to remoteBareJid, and saves it before resolving. */
  record(localUser: string, remoteBareJid: string): Promise<void> {
    const pair = key(localUser, remoteBareJid)
    if (this.#pairs.has(pair)) return this.#writing
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
    const text = JSON.stringify([...this.#pairs].map(split))
    this.#writing = this.#writing.then(async () => {
      await mkdir(dirname(this.file), {recursive: true, mode: 0o700})
      await writeFile(`${this.file}.tmp`, text, {mode: 0o600})
      await rename(`${this.file}.tmp`, this.file)
    })
    return this.#writing
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
