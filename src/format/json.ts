import {toPSString} from '../values/convert.js'
import {formatDateTime} from '../values/date-custom-format.js'
import {PSEnumValue, PSHashtable, PSObject, PSTimeSpan} from '../values/objects.js'
import {isCollection} from './values.js'

/**
 * ConvertTo-Json and ConvertFrom-Json (powershell.md §10.7), and the values of `--json`: enums by
 * name, DateTime in ISO 8601 with its offset, TimeSpan by its string form, 2-space indentation.
 */

/** JsonError is text ConvertFrom-Json cannot read; the message is Windows PowerShell 5.1's. */
export class JsonError extends Error {}

const CUSTOM_OBJECT = ['System.Management.Automation.PSCustomObject', 'System.Object']

/**
 * isoDateTime is `2026-11-24T19:04:05.123+01:00`: local time with its offset (DECISION §10.7).
 * COMPAT(pwsh 7): Json.NET's `yyyy-MM-ddTHH:mm:ss.FFFFFFFK` drops trailing zeros of the fraction, and the
 * fraction with its point when it is zero.
 */
function isoDateTime(date: Date): string {
  const fraction = formatDateTime(date, 'FFFFFFF')
  return `${formatDateTime(date, "yyyy'-'MM'-'dd'T'HH':'mm':'ss")}${fraction && `.${fraction}`}${formatDateTime(date, 'zzz')}`
}

function entriesOf(value: unknown): Array<[string, unknown]> | undefined {
  if (value instanceof PSObject) return value.properties()
  if (value instanceof PSHashtable) return value.entries()
  return undefined
}

/** toJson converts a value; objects below depth become their string form and mark the result truncated. */
function toJson(value: unknown, depth: number, truncated: {value: boolean}): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : toPSString(value)
  if (value instanceof PSEnumValue || value instanceof PSTimeSpan) return value.toString()
  if (value instanceof Date) return isoDateTime(value)
  const entries = entriesOf(value)
  if (!isCollection(value) && !entries) return toPSString(value)
  if (depth < 0) {
    truncated.value = true
    return toPSString(value)
  }
  if (isCollection(value)) return value.map((v) => toJson(v, depth - 1, truncated))
  return new Map(entries!.map(([k, v]) => [k, toJson(v, depth - 1, truncated)]))
}

/** quote escapes `"`, `\` and control characters (`\n`, `\r`, `\t`, else `\u00XX`), nothing else (§10.7). */
function quote(text: string): string {
  const escaped = text.replace(/["\\\u0000-\u001f]/g, (ch) => {
    if (ch === '"' || ch === '\\') return `\\${ch}`
    if (ch === '\n') return '\\n'
    if (ch === '\r') return '\\r'
    if (ch === '\t') return '\\t'
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
  return `"${escaped}"`
}

/** numberText writes integers in full and Doubles as .NET does (`1E+20`, `1E-07`), as Json.NET does. */
function numberText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? BigInt(value).toString() : toPSString(value)
}

/** write lays a converted value out: 2-space indentation and `": "`, or no whitespace when compressed. */
function write(value: unknown, indent: string, compress: boolean): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return quote(value)
  if (typeof value === 'number') return numberText(value)
  if (typeof value === 'boolean') return String(value)
  const inner = `${indent}  `
  const newline = compress ? '' : '\n'
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const items = value.map((v) => `${compress ? '' : inner}${write(v, inner, compress)}`)
    return `[${newline}${items.join(`,${newline}`)}${newline}${compress ? '' : indent}]`
  }
  const map = value as Map<string, unknown>
  if (map.size === 0) return '{}'
  const items = [...map].map(([k, v]) => `${compress ? '' : inner}${quote(k)}:${compress ? '' : ' '}${write(v, inner, compress)}`)
  return `{${newline}${items.join(`,${newline}`)}${newline}${compress ? '' : indent}}`
}

/** convertToJson writes ConvertTo-Json's text: several objects make an array, one makes itself, none nothing. */
export function convertToJson(objects: readonly unknown[], options: {depth?: number; compress?: boolean} = {}): {text: string | undefined; truncated: boolean} {
  if (objects.length === 0) return {text: undefined, truncated: false}
  const truncated = {value: false}
  const depth = options.depth ?? 2
  const value = objects.length === 1 ? toJson(objects[0], depth, truncated) : objects.map((o) => toJson(o, depth - 1, truncated))
  return {text: write(value, '', options.compress ?? false), truncated: truncated.value}
}

// ---- ConvertFrom-Json -----------------------------------------------------------------------------

/** A primitive token as Windows PowerShell 5.1's JavaScriptSerializer reads one: letters, digits, `.`, `-`, `_`, `+`. */
const TOKEN = /^[\p{L}\p{Nd}._+-]*/u
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const ESCAPES: Readonly<Record<string, string>> = {'"': '"', "'": "'", '/': '/', '\\': '\\', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'}

/**
 * JsonReader reads JSON as Windows PowerShell 5.1 does (COMPAT(powershell), JavaScriptSerializer):
 * strings in `"` or `'`, member names also unquoted, `true`/`false`/`null` in lower case. Every error is
 * ArgumentException's `Invalid JSON primitive: <text>.` (§10.7), <text> being 5.1's for a bad value
 * (the token: `foo`, `tru`; empty for punctuation or the end of the text, `Invalid JSON primitive: .`)
 * and for text after the document (what follows its first character). DECISION: where 5.1 reports a
 * structural error in other words (`Invalid object passed in, ':' or '}' expected. (6): …`), the
 * text is the token at the offending position, so truncated input gives `Invalid JSON primitive: .`.
 */
class JsonReader {
  #pos = 0
  #duplicate: JsonError | undefined

  constructor(readonly text: string) {}

  read(): unknown {
    if (this.#atEnd()) return null
    const value = this.#value()
    if (!this.#atEnd()) throw new JsonError(`Invalid JSON primitive: ${this.text.slice(this.#pos + 1)}.`)
    // 5.1 builds the objects after parsing, so a syntax error wins over a duplicate key.
    if (this.#duplicate) throw this.#duplicate
    return value
  }

  #atEnd(): boolean {
    while (/\s/.test(this.text[this.#pos] ?? '')) this.#pos++
    return this.#pos >= this.text.length
  }

  #invalid(): JsonError {
    return new JsonError(`Invalid JSON primitive: ${TOKEN.exec(this.text.slice(this.#pos))![0]}.`)
  }

  #value(): unknown {
    this.#atEnd()
    const ch = this.text[this.#pos]
    if (ch === '{') return this.#object()
    if (ch === '[') return this.#array()
    if (ch === '"' || ch === "'") return this.#string()
    const token = TOKEN.exec(this.text.slice(this.#pos))![0]
    if (token === 'null' || token === 'true' || token === 'false') {
      this.#pos += token.length
      return token === 'null' ? null : token === 'true'
    }
    if (!NUMBER.test(token)) throw this.#invalid()
    this.#pos += token.length
    return Number(token)
  }

  /** #next reads the next non-blank character, which must be one of `expected`. */
  #next(expected: string): string {
    this.#atEnd()
    const ch = this.text[this.#pos]
    if (ch === undefined || !expected.includes(ch)) throw this.#invalid()
    this.#pos++
    return ch
  }

  #object(): PSObject {
    this.#pos++
    const object = new PSObject(CUSTOM_OBJECT)
    this.#atEnd()
    if (this.text[this.#pos] === '}') {
      this.#pos++
      return object
    }
    do {
      const key = this.#memberName()
      this.#next(':')
      this.#noteDuplicate(object, key)
      object.addProperty(key, this.#value())
    } while (this.#next(',}') === ',')
    return object
  }

  #memberName(): string {
    this.#atEnd()
    const ch = this.text[this.#pos]
    if (ch === '"' || ch === "'") return this.#string()
    const token = TOKEN.exec(this.text.slice(this.#pos))![0]
    if (token === '') throw this.#invalid()
    this.#pos += token.length
    return token
  }

  /** #noteDuplicate: the same key twice keeps the last value; keys differing only in case are 5.1's error. */
  #noteDuplicate(object: PSObject, key: string): void {
    const existing = object.propertyNames().find((name) => name.toLowerCase() === key.toLowerCase())
    if (existing === undefined || existing === key || this.#duplicate) return
    this.#duplicate = new JsonError(`Cannot convert the JSON string because a dictionary that was converted from the string contains the duplicated keys '${existing}' and '${key}'.`)
  }

  #array(): unknown[] {
    this.#pos++
    const items: unknown[] = []
    this.#atEnd()
    if (this.text[this.#pos] === ']') {
      this.#pos++
      return items
    }
    do items.push(this.#value())
    while (this.#next(',]') === ',')
    return items
  }

  #string(): string {
    const quoteChar = this.text[this.#pos++]!
    let text = ''
    for (;;) {
      const ch = this.text[this.#pos++]
      if (ch === undefined) {
        this.#pos = this.text.length
        throw this.#invalid()
      }
      if (ch === quoteChar) return text
      if (ch !== '\\') text += ch
      else text += this.#escape()
    }
  }

  #escape(): string {
    const ch = this.text[this.#pos++] ?? ''
    if (ch in ESCAPES) return ESCAPES[ch]!
    const hex = this.text.slice(this.#pos, this.#pos + 4)
    if (ch !== 'u' || !/^[0-9a-fA-F]{4}$/.test(hex)) throw this.#invalid()
    this.#pos += 4
    return String.fromCharCode(Number.parseInt(hex, 16))
  }
}

/**
 * convertFromJson reads JSON text (§10.7): objects become PSCustomObjects with properties in document
 * order, arrays JS arrays, numbers Int32/Int64/Double, strings stay strings (even date-like ones);
 * blank text is `$null`. Throws JsonError.
 */
export function convertFromJson(text: string): unknown {
  return new JsonReader(text).read()
}
