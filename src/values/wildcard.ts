/**
 * PowerShell wildcard patterns (`-like`, -Filter): `*`, `?`, `[abc]`, `[a-z]`, and a backtick escaping
 * the next character. Matching is case-insensitive unless asked otherwise.
 */

/** wildcardToRegExp compiles a wildcard pattern to an anchored regular expression. */
export function wildcardToRegExp(pattern: string, caseSensitive = false): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!
    if (ch === '`' && i + 1 < pattern.length) source += escape(pattern[++i]!)
    else if (ch === '*') source += '[\\s\\S]*'
    else if (ch === '?') source += '[\\s\\S]'
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1)
      if (end < 0) source += '\\['
      else {
        source += `[${pattern.slice(i + 1, end).replace(/[\\\]^]/g, '\\$&')}]`
        i = end
      }
    } else source += escape(ch)
  }
  return new RegExp(`^${source}$`, caseSensitive ? 'u' : 'iu')
}

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
