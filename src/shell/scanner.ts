import type {ErrorRecord} from '../errors.js'
import {NUMBER_LITERAL, readNumberLiteral} from '../values/number-literal.js'
import {isBlank, isDash, quoteKind} from '../values/typographic.js'
import {parseError} from './errors.js'
import type {SourceText} from './source.js'
import {PartsBuilder} from './string-parts.js'
import {CASE_FORMS, DASH_OPERATORS, type ScanMode, type Token} from './tokens.js'

/**
 * The scanner of the PowerShell subset (powershell.md §2). PowerShell's lexing depends on where the
 * parser is (argument or expression mode, §2.7), so the parser asks for each token in a mode, like
 * mvdan/sh's parser does. Errors are parse errors with PowerShell 5.1's texts (§11.2).
 */

const NAME_CHARACTER = /[\p{L}\p{Nd}_?]/u
/** Characters that end a generic or parameter token: whitespace and line ends. */
const BREAK = /[\s\u0085]/
/** Characters that end a generic token in argument mode (§2.7), besides whitespace and newlines. */
const TOKEN_END = new Set([';', '|', '&', '(', ')', '{', '}', ',', '>'])
const ESCAPES: Record<string, string> = {'0': '\0', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v'}
/** Punctuation, longest first, so that `..` wins over `.` and `2>&1` over `2>`. */
const PUNCTUATION = [
  '2>&1', '2>>', '::', '..', '&&', '||', '++', '+=', '*=', '/=', '%=', '>>', '2>', '??', '?.', '$(', '@(', '@{',
  '(', ')', '{', '}', '[', ']', ',', '|', '&', '!', '=', '+', '*', '/', '%', '>', '<', '.', '?',
] as const
/** A dash operator's word after its dash (§2.8). */
const DASH_WORD = /\p{L}+/uy

/** RequiresLine is a `#Requires` comment, which the parser checks against §2.2 and §14. */
export interface RequiresLine {
  readonly text: string
  readonly start: number
  readonly end: number
}

/** Scanner reads tokens from a SourceText on demand. */
export class Scanner {
  #pos: number
  readonly #text: string
  /** requires lists the `#Requires` lines seen so far. */
  readonly requires: RequiresLine[] = []
  /**
   * onUnsupported hears a token outside the subset (a `5d` literal, §14), which is then scanned as if
   * it were in it, so that the parser goes on and reports every finding (§14.1); without it, it throws.
   */
  onUnsupported?: (message: string, start: number, end: number) => void

  constructor(
    readonly source: SourceText,
    start = 0,
  ) {
    this.#text = source.text
    this.#pos = start
  }

  /** position is the offset of the next character; with reset, it lets the parser look ahead. */
  get position(): number {
    return this.#pos
  }

  /** reset moves back to an earlier position. */
  reset(position: number): void {
    this.#pos = position
  }

  #unsupported(message: string, start: number, end: number): void {
    if (!this.onUnsupported) throw this.#error('NotSupportedByCsxmpp', message, start, end)
    this.onUnsupported(message, start, end)
  }

  #error(errorId: string, message: string, start: number, end = start + 1): ErrorRecord {
    return parseError(errorId, message, {source: this.source, start, end})
  }

  /** next reads the next token in the given mode. */
  next(mode: ScanMode): Token {
    this.#skipTrivia()
    const start = this.#pos
    const text = this.#text
    if (start >= text.length) return {kind: 'eof', start, end: start}
    const ch = text[start]!
    if (ch === '\n' || ch === '\r') {
      this.#pos += text.startsWith('\r\n', start) ? 2 : 1
      return {kind: 'newline', start, end: this.#pos}
    }
    if (ch === ';') return {kind: 'semicolon', start, end: ++this.#pos}
    const quote = quoteKind(ch)
    if (quote) return this.#quoted(quote)
    const hereQuote = ch === '@' ? quoteKind(text[start + 1]) : undefined
    if (hereQuote) return this.#hereString(hereQuote)
    if (ch === '$' && text[start + 1] !== '(') {
      const variable = this.#variable(start, false)
      // `$d\eap.xml` is one argument: a simple variable with text glued on is a generic token (§2.7).
      if (variable && mode === 'argument' && this.#gluedAfterVariable(variable.end)) return this.#generic(start)
      if (variable) return variable
    }
    if (ch === '@' && NAME_CHARACTER.test(text[start + 1] ?? '') && mode === 'argument') return this.#variable(start, true)!
    return mode === 'argument' ? this.#argumentToken(start) : this.#expressionToken(start)
  }

  #skipTrivia(): void {
    const text = this.#text
    for (;;) {
      const ch = text[this.#pos]
      if (isBlank(ch)) this.#pos++
      else if (ch === '`' && (text[this.#pos + 1] === '\n' || text[this.#pos + 1] === '\r')) {
        // A backtick right before the line end continues the line (§2.3).
        this.#pos += text.startsWith('\r\n', this.#pos + 1) ? 3 : 2
      } else if (ch === '<' && text[this.#pos + 1] === '#') this.#blockComment()
      else if (ch === '#') this.#lineComment()
      else return
    }
  }

  #lineComment(): void {
    const start = this.#pos
    let end = start
    while (end < this.#text.length && this.#text[end] !== '\n' && this.#text[end] !== '\r') end++
    const comment = this.#text.slice(start, end)
    if (/^#requires\b/i.test(comment)) this.requires.push({text: comment, start, end})
    this.#pos = end
  }

  #blockComment(): void {
    const close = this.#text.indexOf('#>', this.#pos + 2)
    if (close < 0) throw this.#error('MissingEndMultiLineComment', "Missing closing '#>' at end of file.", this.#pos, this.#pos + 2)
    this.#pos = close + 2
  }

  /** #variable reads `$name`, `${name}`, `$scope:name` or a splat `@name`; undefined for a lone `$`. */
  #variable(start: number, splat: boolean): Token | undefined {
    const text = this.#text
    let pos = start + 1
    if (!splat && text[pos] === '{') {
      let name = ''
      for (pos++; pos < text.length && text[pos] !== '}'; pos++) name += text[pos] === '`' && text[pos + 1] === '}' ? text[++pos] : text[pos]
      if (pos >= text.length) throw this.#error('IncompleteDollarVariableReference', 'Missing closing \'}\' in variable reference.', start, text.length)
      this.#pos = pos + 1
      return {kind: 'variable', name, scope: undefined, splat, start, end: this.#pos}
    }
    const nameStart = pos
    while (pos < text.length && NAME_CHARACTER.test(text[pos]!)) pos++
    if (pos === nameStart) return text[pos] === '$' || text[pos] === '^' ? this.#special(start, pos) : undefined
    let name = text.slice(nameStart, pos)
    let scope: string | undefined
    if (text[pos] === ':' && text[pos + 1] !== ':') {
      const after = pos + 1
      let end = after
      while (end < text.length && NAME_CHARACTER.test(text[end]!)) end++
      if (end === after) {
        throw this.#error(
          'InvalidVariableReferenceWithDrive',
          "Variable reference is not valid. ':' was not followed by a valid variable name character. Consider using ${} to delimit the name.",
          start,
          after,
        )
      }
      ;[scope, name, pos] = [name.toLowerCase(), text.slice(after, end), end]
    }
    this.#pos = pos
    return {kind: 'variable', name, scope, splat, start, end: pos}
  }

  /** `$$` and `$^` are variables whose name is one symbol. */
  #special(start: number, pos: number): Token {
    this.#pos = pos + 1
    return {kind: 'variable', name: this.#text[pos]!, scope: undefined, splat: false, start, end: this.#pos}
  }

  /**
   * #gluedAfterVariable tells whether the character after a simple variable in argument mode continues
   * the same argument as text (§2.7): anything but whitespace, a token end, `.` and `[` (member or
   * index access) and `=` (which starts the next argument).
   */
  #gluedAfterVariable(pos: number): boolean {
    const ch = this.#text[pos]
    if (ch === undefined || BREAK.test(ch) || TOKEN_END.has(ch) || ch === '.' || ch === '[' || ch === '=') return false
    return !(ch === '`' && (this.#text[pos + 1] === '\n' || this.#text[pos + 1] === '\r'))
  }

  /**
   * #quoted reads a string opened by any quote of its kind (`'` or `"`, §2.9): any quote of the same
   * kind closes it, and two in a row stand for one, the second being kept.
   */
  #quoted(quote: "'" | '"'): Token {
    const start = this.#pos
    const parts = new PartsBuilder()
    let pos = start + 1
    const text = this.#text
    for (;;) {
      if (pos >= text.length) throw this.#error('TerminatorExpectedAtEndOfString', `The string is missing the terminator: ${quote}.`, start, text.length)
      const ch = text[pos]!
      if (quoteKind(ch) === quote) {
        if (quoteKind(text[pos + 1]) === quote) {
          parts.text(text[pos + 1]!)
          pos += 2
          continue
        }
        break
      }
      if (quote === '"') pos = this.#expansion(pos, parts) ?? pos
      else {
        parts.text(ch)
        pos++
      }
    }
    this.#pos = pos + 1
    return quote === "'"
      ? {kind: 'string', value: parts.plainText(), start, end: this.#pos}
      : {kind: 'expandable', parts: parts.done(), bare: false, start, end: this.#pos}
  }

  /**
   * #expansion reads one unit of expandable text at pos: a backtick escape, a variable, `$( … )`, or
   * one plain character, appends it to parts and returns the position after it.
   */
  #expansion(pos: number, parts: PartsBuilder, escapes = ESCAPES): number {
    const text = this.#text
    const ch = text[pos]!
    if (ch === '`' && pos + 1 < text.length) {
      const next = text[pos + 1]!
      parts.text(escapes[next] ?? next)
      return pos + 2
    }
    if (ch === '$' && text[pos + 1] === '(') {
      const end = this.#subexpressionEnd(pos + 2)
      parts.push({kind: 'subexpression', start: pos + 2, end: end - 1})
      return end
    }
    if (ch === '$') {
      const variable = this.#variable(pos, false)
      if (variable && variable.kind === 'variable') {
        parts.push({kind: 'variable', name: variable.name, scope: variable.scope, start: variable.start, end: variable.end})
        return variable.end
      }
    }
    parts.text(ch)
    return pos + 1
  }

  /** #subexpressionEnd returns the offset after the `)` that closes a `$(` whose body starts at pos. */
  #subexpressionEnd(pos: number): number {
    const inner = new Scanner(this.source, pos)
    let depth = 1
    for (;;) {
      const token = inner.next('expression')
      if (token.kind === 'eof') throw this.#error('MissingEndParenthesisInSubexpression', "Missing closing ')' in subexpression.", pos - 2, pos)
      if (token.kind !== 'operator') continue
      if (token.op === '(' || token.op === '$(' || token.op === '@(') depth++
      else if (token.op === ')' && --depth === 0) return token.end
    }
  }

  #hereString(quote: "'" | '"'): Token {
    const start = this.#pos
    const text = this.#text
    let pos = start + 2
    while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++
    if (pos < text.length && text[pos] !== '\n' && text[pos] !== '\r') {
      throw this.#error('UnexpectedCharactersAfterHereStringHeader', 'No characters are allowed after a here-string header but before the end of the line.', pos)
    }
    const bodyStart = pos + (text.startsWith('\r\n', pos) ? 2 : 1)
    // The closing `"@` must be the first characters of a line (§2.6).
    let line = bodyStart
    while (!(quoteKind(text[line]) === quote && text[line + 1] === '@')) {
      const lineEnd = text.slice(line).search(/\r\n|\n|\r/)
      if (lineEnd < 0) throw this.#error('TerminatorExpectedAtEndOfString', `The string is missing the terminator: ${quote}@.`, start, text.length)
      line += lineEnd + (text.startsWith('\r\n', line + lineEnd) ? 2 : 1)
    }
    const bodyEnd = line === bodyStart ? bodyStart : line - (text.startsWith('\r\n', line - 2) ? 2 : 1)
    const parts = new PartsBuilder()
    for (let i = bodyStart; i < bodyEnd; ) {
      if (text.startsWith('\r\n', i) || text[i] === '\r') {
        parts.text('\n')
        i += text.startsWith('\r\n', i) ? 2 : 1
      } else if (quote === '"') i = this.#expansion(i, parts)
      else parts.text(text[i++]!)
    }
    this.#pos = line + 2
    return quote === "'"
      ? {kind: 'string', value: parts.plainText(), start, end: this.#pos}
      : {kind: 'expandable', parts: parts.done(), bare: false, start, end: this.#pos}
  }

  #expressionToken(start: number): Token {
    const text = this.#text
    const ch = text[start]!
    if (/\d/.test(ch) || (ch === '.' && /\d/.test(text[start + 1] ?? ''))) {
      if (!(ch === '2' && text[start + 1] === '>')) return this.#number(start)
    }
    if (isDash(ch)) return this.#dashToken(start)
    const punctuation = PUNCTUATION.find((p) => text.startsWith(p, start))
    if (punctuation) {
      this.#pos = start + punctuation.length
      return {kind: 'operator', op: punctuation, start, end: this.#pos}
    }
    // In expression mode a bare word is a name: a keyword, member, hash key or type-name part. A
    // command name at a statement's start is read in argument mode by the parser instead.
    let end = start
    while (end < text.length && /[\p{L}\p{Nd}_-]/u.test(text[end]!)) end++
    this.#pos = Math.max(end, start + 1)
    return {kind: 'expandable', parts: [{kind: 'text', text: text.slice(start, this.#pos)}], bare: true, start, end: this.#pos}
  }

  /**
   * #dashToken reads a token that starts with a dash, ASCII or typographic (§2.8, §2.9): a dash
   * operator (`-eq`, `–not`), `--`, `-=` or `-`. The operator is named with ASCII dashes.
   */
  #dashToken(start: number): Token {
    const text = this.#text
    DASH_WORD.lastIndex = start + 1
    const name = DASH_WORD.exec(text)?.[0].toLowerCase()
    if (name !== undefined) {
      const base = /^[ci]/.test(name) && CASE_FORMS.has(name.slice(1)) ? name.slice(1) : name
      if (DASH_OPERATORS.has(base) || CASE_FORMS.has(base)) {
        this.#pos = start + 1 + name.length
        return {kind: 'operator', op: `-${name}`, start, end: this.#pos}
      }
    }
    const next = text[start + 1]
    const op = isDash(next) ? '--' : next === '=' ? '-=' : '-'
    this.#pos = start + op.length
    return {kind: 'operator', op, start, end: this.#pos}
  }

  #argumentToken(start: number): Token {
    const text = this.#text
    const ch = text[start]!
    for (const op of ['2>&1', '2>>', '2>', '>>', '>', '&&', '||', '$(', '@(', '@{', '(', ')', '{', '}', ',', '|', '&']) {
      if (text.startsWith(op, start)) {
        this.#pos = start + op.length
        return {kind: 'operator', op, start, end: this.#pos}
      }
    }
    if (isDash(ch) && /[\p{L}_?]/u.test(text[start + 1] ?? '')) return this.#parameter(start)
    const generic = this.#generic(start)
    const whole = text.slice(start, generic.end)
    if (/^[+\-\u2013-\u2015]?(\d|\.\d)/.test(whole) && generic.kind === 'expandable' && generic.parts.every((p) => p.kind === 'text')) {
      // A token that is a complete number literal is a number; `5.example.com` stays a string (§2.5).
      const number = this.#numberToken(whole, start)
      if (number) return number
      this.#pos = generic.end
    }
    return generic
  }

  #parameter(start: number): Token {
    const text = this.#text
    let pos = start + 1
    while (pos < text.length && !BREAK.test(text[pos]!) && text[pos] !== ':' && !TOKEN_END.has(text[pos]!)) pos++
    const colon = text[pos] === ':'
    this.#pos = colon ? pos + 1 : pos
    return {kind: 'parameter', name: text.slice(start + 1, pos), colon, start, end: this.#pos}
  }

  /** #generic reads a generic token (§2.7): up to whitespace or a terminator, with expansions and quotes. */
  #generic(start: number): Token {
    const text = this.#text
    const parts = new PartsBuilder()
    let pos = start
    while (pos < text.length) {
      const ch = text[pos]!
      if (BREAK.test(ch) || TOKEN_END.has(ch) || (ch === '2' && text[pos + 1] === '>' && pos > start)) break
      if (ch === '`' && (text[pos + 1] === '\n' || text[pos + 1] === '\r')) break
      const quote = quoteKind(ch)
      if (quote) {
        this.#pos = pos
        const quoted = this.#quoted(quote)
        if (quoted.kind === 'string') parts.text(quoted.value)
        else if (quoted.kind === 'expandable') for (const part of quoted.parts) parts.push(part)
        pos = quoted.end
        continue
      }
      pos = this.#expansion(pos, parts, {})
    }
    if (pos === start) pos++
    this.#pos = pos
    const done = parts.done()
    return {kind: 'expandable', parts: done.length > 0 ? done : [{kind: 'text', text: text.slice(start, pos)}], bare: true, start, end: pos}
  }

  /** #number reads a number literal in expression mode; a literal glued to letters is an error. */
  #number(start: number): Token {
    NUMBER_LITERAL.lastIndex = start
    const match = NUMBER_LITERAL.exec(this.#text)!
    const end = start + match[0].length
    if (NAME_CHARACTER.test(this.#text[end] ?? '')) {
      this.#pos = this.#generic(start).end
      throw this.#error('UnexpectedToken', `Unexpected token '${this.#text.slice(start, this.#pos)}' in expression or statement.`, start, this.#pos)
    }
    const token = this.#numberToken(match[0], start)!
    this.#pos = end
    return token
  }

  /** #numberToken reads a whole text as a number literal (§2.5), or undefined when it is not one. */
  #numberToken(whole: string, start: number): Token | undefined {
    const literal = readNumberLiteral(whole)
    if (literal?.decimal) this.#unsupported(`The decimal literal '${whole}' is not supported by csxmpp.`, start, start + whole.length)
    return literal && {kind: 'number', value: literal.value, type: literal.type, start, end: start + whole.length}
  }

}
