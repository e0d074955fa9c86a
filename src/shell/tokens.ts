/**
 * The tokens of the PowerShell subset (powershell.md §2). Offsets are UTF-16 offsets into the source,
 * end exclusive; SourceText turns them into lines and code-point columns.
 */

/** ScanMode is how the parser wants the next token read (§2.7). */
export type ScanMode = 'expression' | 'argument'

/** StringPart is a piece of an expandable string or generic token: text, a variable, or `$( … )`. */
export type StringPart =
  | {readonly kind: 'text'; readonly text: string}
  | {readonly kind: 'variable'; readonly name: string; readonly scope: string | undefined; readonly start: number; readonly end: number}
  /** The statements between `$(` and `)`, as a source range the parser parses on its own. */
  | {readonly kind: 'subexpression'; readonly start: number; readonly end: number}

interface Span {
  readonly start: number
  readonly end: number
}

/** Token is one token of a script. */
export type Token = Span &
  (
    | {readonly kind: 'eof' | 'newline' | 'semicolon'}
    /** Punctuation, dash operators (lower case: `-eq`, `-ceq`), redirections (`>`, `2>&1`). */
    | {readonly kind: 'operator'; readonly op: string}
    /** `-Name` or `-Name:` in argument mode. */
    | {readonly kind: 'parameter'; readonly name: string; readonly colon: boolean}
    /** `$name`, `${name}`, `$scope:name`; `@name` when splat. */
    | {readonly kind: 'variable'; readonly name: string; readonly scope: string | undefined; readonly splat: boolean}
    | {readonly kind: 'number'; readonly value: number; readonly type: 'Int32' | 'Int64' | 'Double'}
    /** A verbatim string: `'…'` or `@'…'@`. */
    | {readonly kind: 'string'; readonly value: string}
    /** An expandable string `"…"` / `@"…"@`, or an argument-mode generic token (bare word). */
    | {readonly kind: 'expandable'; readonly parts: readonly StringPart[]; readonly bare: boolean}
  )

/** DASH_OPERATORS are the operators written as `-word` (§2.8), without their c/i forms. */
export const DASH_OPERATORS: ReadonlySet<string> = new Set([
  'eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch', 'contains', 'notcontains',
  'in', 'notin', 'replace', 'split', 'join', 'f', 'and', 'or', 'xor', 'not', 'is', 'isnot', 'as',
  // Outside the subset, but tokens the parser must recognise to name them (§14).
  'band', 'bor', 'bxor', 'bnot', 'shl', 'shr',
])

/** CASE_FORMS are the comparison operators that also have `c` and `i` forms (`-ceq`, `-ilike`). */
export const CASE_FORMS: ReadonlySet<string> = new Set([
  'eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch', 'contains', 'notcontains', 'in', 'notin', 'replace', 'split',
])
