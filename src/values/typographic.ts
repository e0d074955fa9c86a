/**
 * The typographic dashes and quotes that PowerShell's tokenizer accepts as `-`, `'` and `"`
 * (powershell.md §2.9; `IsDash`, `IsSingleQuote`, `IsDoubleQuote`, `IsWhitespace` in PowerShell's CharTraits.cs),
 * and the Unicode spaces it takes as whitespace. Scripts and commands copied from TechNet, blogs and
 * Word documents (and web pages, with their no-break spaces) arrive with them. The text is
 * never rewritten: each place where a dash or quote starts a token asks these predicates instead.
 */

const BLANK = /[\t\f\v\ufeff\u0085\p{Zs}]/u

/** isBlank tells whether ch separates tokens on a line: a space or tab, U+0085, a BOM, or any Unicode space separator (§2.9). */
export function isBlank(ch: string | undefined): boolean {
  return ch !== undefined && BLANK.test(ch)
}

/** isDash tells whether ch is `-` or an en dash, em dash or horizontal bar (U+2013, U+2014, U+2015). */
export function isDash(ch: string | undefined): boolean {
  return ch === '-' || ch === '\u2013' || ch === '\u2014' || ch === '\u2015'
}

/** asciiDash gives text with a typographic dash as its first character rewritten to `-` (§1.1, §1.2). */
export function asciiDash(text: string): string {
  return isDash(text[0]) ? `-${text.slice(1)}` : text
}

/**
 * quoteKind gives `'` for the single quotes (`'` and U+2018, U+2019, U+201A, U+201B), `"` for the
 * double quotes (`"` and U+201C, U+201D, U+201E), and undefined for any other character. Any quote of
 * a kind closes a string opened by any other of the same kind.
 */
export function quoteKind(ch: string | undefined): "'" | '"' | undefined {
  if (ch === "'" || ch === '\u2018' || ch === '\u2019' || ch === '\u201a' || ch === '\u201b') return "'"
  if (ch === '"' || ch === '\u201c' || ch === '\u201d' || ch === '\u201e') return '"'
  return undefined
}
