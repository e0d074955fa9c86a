import {toPSString} from '../values/convert.js'
import {PSEnumValue, PSHashtable, PSObject, PSTimeSpan} from '../values/objects.js'
import {isCollection} from './values.js'

/**
 * ConvertTo-Json and ConvertFrom-Json (powershell.md §10.7), and the values of `--json`: enums by
 * name, DateTime in ISO 8601 with its offset, TimeSpan by its string form, 2-space indentation.
 */

/** JsonError is text ConvertFrom-Json cannot read; the message is Windows PowerShell 5.1's. */
export class JsonError extends Error {}

const CUSTOM_OBJECT = ['System.Management.Automation.PSCustomObject', 'System.Object']

/** isoDateTime is `2026-11-24T19:04:05.123+01:00`: local time with its offset (DECISION §10.7). */
function isoDateTime(date: Date): string {
  const two = (n: number) => String(Math.abs(n)).padStart(2, '0')
  const offset = -date.getTimezoneOffset()
  const zone = `${offset >= 0 ? '+' : '-'}${two(Math.trunc(offset / 60))}:${two(offset % 60)}`
  const ms = String(date.getMilliseconds()).padStart(3, '0')
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${ms}${zone}`
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

/** write lays a converted value out: 2-space indentation and `": "`, or no whitespace when compressed. */
function write(value: unknown, indent: string, compress: boolean): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return quote(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
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

/** toJsonValue converts a value for `--json` (§10.7), as a plain JavaScript value JSON.stringify can write. */
export function toJsonValue(value: unknown, depth = 10): unknown {
  const plain = (v: unknown): unknown => (v instanceof Map ? Object.fromEntries([...v].map(([k, x]) => [k, plain(x)])) : Array.isArray(v) ? v.map(plain) : v)
  return plain(toJson(value, depth, {value: false}))
}

// ---- ConvertFrom-Json -----------------------------------------------------------------------------

class JsonReader {
  #pos = 0

  constructor(readonly text: string) {}

  read(): unknown {
    const value = this.#value()
    this.#space()
    if (this.#pos < this.text.length) throw this.#invalid()
    return value
  }

  #space(): void {
    while (/\s/.test(this.text[this.#pos] ?? '')) this.#pos++
  }

  /** #invalid is 5.1's message, naming the text from the offending position to the next delimiter. */
  #invalid(): JsonError {
    const rest = this.text.slice(this.#pos)
    const token = /^[^\s,:{}[\]"]*/.exec(rest)![0] || rest.slice(0, 1)
    return new JsonError(`Invalid JSON primitive: ${token}.`)
  }

  #value(): unknown {
    this.#space()
    const ch = this.text[this.#pos]
    if (ch === '{') return this.#object()
    if (ch === '[') return this.#array()
    if (ch === '"') return this.#string()
    const literal = /^(?:true|false|null)(?![\w])/.exec(this.text.slice(this.#pos))
    if (literal) {
      this.#pos += literal[0].length
      return literal[0] === 'null' ? null : literal[0] === 'true'
    }
    const number = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?(?![\w.])/.exec(this.text.slice(this.#pos))
    if (!number) throw this.#invalid()
    this.#pos += number[0].length
    return Number(number[0])
  }

  #expect(ch: string): void {
    this.#space()
    if (this.text[this.#pos] !== ch) throw this.#invalid()
    this.#pos++
  }

  #object(): PSObject {
    this.#pos++
    const object = new PSObject(CUSTOM_OBJECT)
    this.#space()
    if (this.text[this.#pos] === '}') {
      this.#pos++
      return object
    }
    for (;;) {
      this.#space()
      if (this.text[this.#pos] !== '"') throw this.#invalid()
      const key = this.#string()
      this.#expect(':')
      if (object.has(key)) throw new JsonError(`Cannot convert the JSON string because a dictionary that was converted from the string contains the duplicated key '${key}'.`)
      object.addProperty(key, this.#value())
      this.#space()
      if (this.text[this.#pos] === '}') {
        this.#pos++
        return object
      }
      this.#expect(',')
    }
  }

  #array(): unknown[] {
    this.#pos++
    const items: unknown[] = []
    this.#space()
    if (this.text[this.#pos] === ']') {
      this.#pos++
      return items
    }
    for (;;) {
      items.push(this.#value())
      this.#space()
      if (this.text[this.#pos] === ']') {
        this.#pos++
        return items
      }
      this.#expect(',')
    }
  }

  #string(): string {
    const match = /^"((?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*)"/.exec(this.text.slice(this.#pos))
    if (!match) throw this.#invalid()
    this.#pos += match[0].length
    return JSON.parse(match[0]) as string
  }
}

/** convertFromJson reads JSON text into PSCustomObjects (in document order), arrays, numbers and strings. */
export function convertFromJson(text: string): unknown {
  return new JsonReader(text).read()
}
