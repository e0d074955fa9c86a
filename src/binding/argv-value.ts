import {bindingError} from '../errors.js'
import {PSHashtable} from '../values/objects.js'
import {readNumberLiteral} from '../values/number-literal.js'
import {asciiDash, isDash, quoteKind} from '../values/typographic.js'
import {type ParameterDefinition, takesSeveralValues} from './parameter.js'

/**
 * Reads one argv element as a value for a parameter (powershell.md §1.2, "Values"). The calling
 * shell has already split and unquoted the command line; csxmpp never re-joins and re-parses it.
 * Only literal values are read: no variables, no expressions.
 */

/** MISSING marks an argv value that counts as no value at all (an empty element, §1.2). */
export const MISSING: unique symbol = Symbol('missing value')

const BARE_WORD = /[^,;=(){}'"\u2018-\u201e\s]/

/** readArgvValue turns one argv element into the PowerShell value it stands for. */
export function readArgvValue(raw: string, parameter: ParameterDefinition, command: string): unknown {
  const kind = parameter.type.kind
  const constant = readConstant(raw)
  if (constant !== undefined) return constant
  if (kind === 'Boolean' || kind === 'Switch') {
    if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true'
    // In a script `-EnableXmppAccess 1` is the number 1, which §7.3 converts; from bash it is text (C85).
    const integer = integerLiteral(raw)
    if (integer !== undefined) return integer
  }
  // PowerShell's number scanner reads a typographic dash as the minus sign: `–5` is -5 (§1.2).
  if ((kind === 'Int32' || kind === 'UInt32') && isDash(raw[0]) && /^\d/.test(raw.slice(1))) return asciiDash(raw)
  if (raw.startsWith('@{') || raw.startsWith('@(')) return new LiteralReader(raw, parameter.name, command).readWhole()
  if (/^@\p{L}/u.test(raw)) {
    throw bindingError(
      command,
      'BashExpandedValue',
      `Cannot bind parameter '${parameter.name}'. The value '${raw}' is a hashtable that bash has brace-expanded. ` +
        `In bash, quote the whole value: -${parameter.name} '@{Add="a","b"}'.`,
    )
  }
  const quoted = unquote(raw)
  if (quoted !== undefined) return quoted
  if (takesSeveralValues(parameter.type) && raw.includes(',')) {
    return splitList(raw).map((item) => readConstant(item) ?? unquote(item) ?? item)
  }
  if (raw === '' && kind !== 'String') return MISSING
  return raw
}

function readConstant(text: string): boolean | null | undefined {
  const lower = text.toLowerCase()
  if (lower === '$true') return true
  if (lower === '$false') return false
  if (lower === '$null') return null
  return undefined
}

/** integerLiteral is the value of a complete integer literal of §2.5 (`1`, `-1`, `0x1`, `–1`), else undefined. */
function integerLiteral(text: string): number | undefined {
  const literal = readNumberLiteral(text)
  return literal && !literal.decimal && literal.type !== 'Double' ? literal.value : undefined
}

/**
 * unquote returns the text between outer quotes of one kind, ASCII or typographic in any combination
 * (`'a'`, `‘a’`, `„a“`, §2.9), two quotes of that kind in a row meaning one (the second kept); or
 * undefined when the element is not one quoted string.
 */
function unquote(text: string): string | undefined {
  const kind = quoteKind(text[0])
  if (text.length < 2 || kind === undefined || quoteKind(text.at(-1)) !== kind) return undefined
  let out = ''
  for (let i = 1; i < text.length - 1; i++) {
    if (quoteKind(text[i]) !== kind) out += text[i]
    // A lone quote inside means the element was not one quoted string after all.
    else if (i + 1 < text.length - 1 && quoteKind(text[i + 1]) === kind) out += text[++i]
    else return undefined
  }
  return out
}

/** splitList splits at commas outside quotes and trims each item. */
function splitList(text: string): string[] {
  const items: string[] = []
  let current = ''
  let quote: string | undefined
  for (const ch of text) {
    if (quote) {
      if (quoteKind(ch) === quote) quote = undefined
      current += ch
    } else if (quoteKind(ch)) {
      quote = quoteKind(ch)
      current += ch
    } else if (ch === ',') {
      items.push(current.trim())
      current = ''
    } else current += ch
  }
  items.push(current.trim())
  return items
}

/** LiteralReader parses `@{…}` and `@(…)` made of literal items only. */
class LiteralReader {
  #pos = 0

  constructor(
    private readonly text: string,
    private readonly parameterName: string,
    private readonly command: string,
  ) {}

  readWhole(): unknown {
    const value = this.text.startsWith('@{') ? this.#hashtable() : this.#array()
    this.#skipSpace()
    if (this.#pos < this.text.length) this.#fail()
    return value
  }

  #fail(): never {
    throw bindingError(
      this.command,
      'ArgvValueNotLiteral',
      `Cannot bind parameter '${this.parameterName}'. The value '${this.text}' cannot be read: only literal values are ` +
        `allowed in a bash argument (character ${this.#pos + 1}). Use csxmpp -Command to evaluate expressions.`,
    )
  }

  #skipSpace(newlines = true): void {
    while (this.#pos < this.text.length && (newlines ? /\s/ : /[ \t]/).test(this.text[this.#pos]!)) this.#pos++
  }

  #peek(): string | undefined {
    return this.text[this.#pos]
  }

  #expect(ch: string): void {
    this.#skipSpace()
    if (this.#peek() !== ch) this.#fail()
    this.#pos++
  }

  #hashtable(): PSHashtable {
    this.#pos = 2
    const table = new PSHashtable()
    for (;;) {
      this.#skipSpace()
      if (this.#peek() === '}') break
      const key = this.#item()
      if (typeof key !== 'string') this.#fail()
      this.#expect('=')
      table.set(key, this.#itemList())
      this.#skipSpace(false)
      const next = this.#peek()
      if (next === ';' || next === '\n' || next === '\r') this.#pos++
      else if (next !== '}') this.#fail()
    }
    this.#pos++
    return table
  }

  #array(): unknown[] {
    this.#pos = 2
    const items: unknown[] = []
    for (;;) {
      this.#skipSpace()
      if (this.#peek() === ')') break
      items.push(this.#item())
      this.#skipSpace()
      const next = this.#peek()
      if (next === ',' || next === ';') this.#pos++
      else if (next !== ')') this.#fail()
    }
    this.#pos++
    return items
  }

  /** An item, or several separated by commas (then an array). */
  #itemList(): unknown {
    const items = [this.#item()]
    for (;;) {
      this.#skipSpace(false)
      if (this.#peek() !== ',') break
      this.#pos++
      items.push(this.#item())
    }
    return items.length === 1 ? items[0] : items
  }

  #item(): unknown {
    this.#skipSpace()
    const start = this.#pos
    const kind = quoteKind(this.#peek())
    if (kind) return this.#quoted(kind)
    while (this.#pos < this.text.length && BARE_WORD.test(this.text[this.#pos]!)) this.#pos++
    const word = this.text.slice(start, this.#pos)
    if (word === '') this.#fail()
    if (word.startsWith('$')) {
      const constant = readConstant(word)
      if (constant === undefined) {
        this.#pos = start
        this.#fail()
      }
      return constant
    }
    return word
  }

  #quoted(q: string): string {
    let out = ''
    this.#pos++
    while (this.#pos < this.text.length) {
      const ch = this.text[this.#pos++]!
      if (quoteKind(ch) !== q) out += ch
      else if (quoteKind(this.text[this.#pos]) === q) out += this.text[this.#pos++]
      else return out
    }
    return this.#fail()
  }
}
