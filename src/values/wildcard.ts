/**
 * PowerShell wildcard patterns (powershell.md §5.3): `*`, `?`, `[set]` with ranges, and a backtick
 * escaping the next character; every other character is itself. The rules are those of PowerShell's
 * WildcardPatternParser.Parse and AppendBracketExpression. The matcher is hand-written so that no
 * pattern text can reach a regular-expression engine (the `u` flag made `\-` a syntax error, which is
 * how `'a-b' -like 'a-*'` crashed csxmpp).
 */

/** WildcardPatternError is an invalid pattern (powershell.md §5.3): an unclosed set or a reversed range. */
export class WildcardPatternError extends Error {
  constructor(readonly pattern: string) {
    super(`The specified wildcard character pattern is not valid: ${pattern}`)
    this.name = 'WildcardPatternError'
  }
}

/** WildcardPattern is a compiled pattern; matches tests a whole string. */
export interface WildcardPattern {
  matches(text: string): boolean
}

/** Element is one step of a pattern: every element but `*` consumes exactly one UTF-16 code unit. */
type Element =
  | {readonly kind: 'any'}
  | {readonly kind: 'one'}
  | {readonly kind: 'char'; readonly char: string}
  | {readonly kind: 'set'; readonly chars: string; readonly ranges: readonly (readonly [string, string])[]}

const ESCAPE = '`'

/**
 * compileWildcard compiles a pattern once for many matches; it throws WildcardPatternError for an
 * invalid pattern, whether or not anything is matched afterwards (§5.3).
 */
export function compileWildcard(pattern: string, caseSensitive = false): WildcardPattern {
  const elements = parsePattern(pattern)
  const fold = caseSensitive ? (c: string) => c : lowerCase
  const prepared = caseSensitive ? elements : elements.map((e) => (e.kind === 'char' ? {kind: 'char' as const, char: lowerCase(e.char)} : e))
  const isOne = (element: Element, char: string): boolean => {
    switch (element.kind) {
      case 'one':
        return true
      case 'char':
        return element.char === fold(char)
      case 'set':
        return inSet(element, char) || (!caseSensitive && (inSet(element, lowerCase(char)) || inSet(element, upperCase(char))))
      default:
        return false
    }
  }
  return {matches: (text) => matchElements(prepared, text, isOne)}
}

/**
 * parsePattern follows WildcardPatternParser.Parse: a backtick escapes the next character inside and
 * outside sets; `]` right after `[` belongs to the set; a set still open at the end is invalid.
 */
function parsePattern(pattern: string): Element[] {
  const elements: Element[] = []
  let escaped = false
  let set: {contents: string; operators: string} | undefined
  let setJustOpened = false
  for (const char of codeUnits(pattern)) {
    if (set) {
      if (char === ']' && !setJustOpened && !escaped) {
        elements.push(bracketExpression(set.contents, set.operators, pattern))
        set = undefined
      } else if (char !== ESCAPE || escaped) {
        set.contents += char
        set.operators += char === '-' && !escaped ? '-' : ' '
      }
      setJustOpened = false
    } else if (escaped || !'*?['.includes(char)) {
      if (char !== ESCAPE || escaped) elements.push({kind: 'char', char})
    } else if (char === '[') {
      set = {contents: '', operators: ''}
      setJustOpened = true
    } else elements.push({kind: char === '*' ? 'any' : 'one'})
    escaped = char === ESCAPE && !escaped
  }
  if (set) throw new WildcardPatternError(pattern)
  // COMPAT(ps): a lone trailing backtick is itself, but the pattern "`" alone matches only "".
  if (escaped && pattern !== ESCAPE) elements.push({kind: 'char', char: ESCAPE})
  return elements
}

/**
 * bracketExpression follows AppendBracketExpression: `x-y` is a range when the `-` was not escaped
 * and has a character on each side; any other `-` is itself. A reversed range is invalid.
 */
function bracketExpression(contents: string, operators: string, pattern: string): Element {
  let chars = ''
  const ranges: [string, string][] = []
  let i = 0
  while (i < contents.length) {
    if (i + 2 < contents.length && operators[i + 1] === '-') {
      const low = contents[i]!
      const high = contents[i + 2]!
      if (low > high) throw new WildcardPatternError(pattern)
      ranges.push([low, high])
      i += 3
    } else chars += contents[i++]!
  }
  return {kind: 'set', chars, ranges}
}

function inSet(set: Extract<Element, {kind: 'set'}>, char: string): boolean {
  return set.chars.includes(char) || set.ranges.some(([low, high]) => char >= low && char <= high)
}

/**
 * matchElements matches the whole text, backtracking only to the latest `*`. Since every other
 * element consumes exactly one code unit, this is complete, and it takes O(text × pattern) at worst
 * (`*a*a*a*a*a*b` against 10,000 `a`s stays fast).
 */
function matchElements(elements: readonly Element[], text: string, isOne: (element: Element, char: string) => boolean): boolean {
  let p = 0
  let t = 0
  let starAt = -1
  let starText = 0
  while (t < text.length) {
    const element = elements[p]
    if (element?.kind === 'any') {
      starAt = p++
      starText = t
    } else if (element && isOne(element, text[t]!)) {
      p++
      t++
    } else if (starAt < 0) return false
    else {
      p = starAt + 1
      t = ++starText
    }
  }
  while (elements[p]?.kind === 'any') p++
  return p === elements.length
}

/** codeUnits iterates UTF-16 code units (a string's own iterator yields code points). */
function* codeUnits(text: string): Generator<string> {
  for (let i = 0; i < text.length; i++) yield text[i]!
}

/**
 * lowerCase is a code unit's simple lower-case mapping (§5.3 DECISION: invariant, one code unit at a
 * time). JavaScript gives full mappings; the one longer than a code unit (U+0130) keeps the character,
 * as .NET's invariant casing does.
 */
function lowerCase(char: string): string {
  const lower = char.toLowerCase()
  return lower.length === 1 ? lower : char
}

/** upperCase is a code unit's simple upper-case mapping: `ß` stays `ß`, never `SS`. */
function upperCase(char: string): string {
  const upper = char.toUpperCase()
  return upper.length === 1 ? upper : char
}
