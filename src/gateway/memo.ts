/**
 * Memos of pure functions of one string. The message path maps the same few domains and addresses
 * again and again (every message of a conversation), so a memo remembers them; a peer sending
 * endless new ones only refills it. A memo holds bounded bytes, not only bounded entries (issue 12:
 * 4,096 entries of any size held 20 MB header attributes): long keys are never remembered, the keys'
 * total length is bounded, and each kept key is a copy, because V8 keeps a short string cut from a
 * longer one (an attribute value from a 64 KiB TCP segment) as a slice holding the longer one alive.
 */

/** MemoLimits bound what a memo holds; the memo is emptied when one more entry would pass them. */
export interface MemoLimits {
  /** Entries. Default 4096. */
  readonly entries?: number
  /** Characters of all keys together; each value is derived from its key and about as large. Default 256 Ki. */
  readonly characters?: number
  /** Keys of more characters than this are computed every time. Default 3071: RFC 7622 §3.1, the longest JID in bytes. */
  readonly longestKey?: number
}

/** Memo remembers a function's results for the strings it was asked about. */
export class Memo<T> {
  readonly #compute: (text: string) => T
  readonly #entries: number
  readonly #characters: number
  readonly #longestKey: number
  readonly #known = new Map<string, T>()
  #held = 0

  constructor(compute: (text: string) => T, limits: MemoLimits = {}) {
    this.#compute = compute
    this.#entries = limits.entries ?? 4096
    this.#characters = limits.characters ?? 256 * 1024
    this.#longestKey = limits.longestKey ?? 3071
  }

  /** size is the number of entries held (for tests). */
  get size(): number {
    return this.#known.size
  }

  /** get returns the result for a string, remembering it. */
  get(text: string): T {
    const found = this.#known.get(text)
    if (found !== undefined || this.#known.has(text)) return found as T
    if (text.length > this.#longestKey) return this.#compute(text)
    if (this.#known.size >= this.#entries || this.#held + text.length > this.#characters) this.#forget()
    const key = structuredClone(text)
    const value = this.#compute(key)
    this.#known.set(key, value)
    this.#held += key.length
    return value
  }

  /** peek returns a remembered result, or computes it without remembering: for what an unauthenticated peer sent. */
  peek(text: string): T {
    const found = this.#known.get(text)
    return found !== undefined || this.#known.has(text) ? (found as T) : this.#compute(text)
  }

  #forget(): void {
    this.#known.clear()
    this.#held = 0
  }
}

/** remembering wraps a pure function of one string with a memo (MemoLimits); every call may be remembered. */
export function remembering<T>(compute: (text: string) => T, limits?: MemoLimits): (text: string) => T {
  const memo = new Memo(compute, limits)
  return (text) => memo.get(text)
}
