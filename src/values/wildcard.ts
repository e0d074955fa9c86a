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

/** WildcardPatternError is an invalid pattern (powershell.md §5.3): an unclosed set or a reversed range. */
export class WildcardPatternError extends Error {
  constructor(readonly pattern: string) {
    super(`The specified wildcard character pattern is not valid: ${pattern}`)
  }
}

/** WildcardPattern is a compiled pattern; matches tests a whole string. */
export interface WildcardPattern {
  matches(text: string): boolean
}

/**
 * compileWildcard compiles a pattern once for many matches; it throws WildcardPatternError for an
 * invalid pattern. (Interface first: the matcher behind it is being rewritten to powershell.md §5.3.)
 */
export function compileWildcard(pattern: string, caseSensitive = false): WildcardPattern {
  const regex = wildcardToRegExp(pattern, caseSensitive)
  return {matches: (text) => regex.test(text)}
}
