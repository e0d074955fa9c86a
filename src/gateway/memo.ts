/**
 * remembering wraps a pure function of one string with a bounded cache. The message path maps the
 * same few domains and addresses again and again (every message of a conversation); a peer sending
 * endless new ones only refills the cache, which is emptied whenever it reaches `limit` entries.
 */
export function remembering<T>(compute: (text: string) => T, limit = 4096): (text: string) => T {
  const known = new Map<string, T>()
  return (text) => {
    const found = known.get(text)
    if (found !== undefined || known.has(text)) return found as T
    if (known.size >= limit) known.clear()
    const value = compute(text)
    known.set(text, value)
    return value
  }
}
