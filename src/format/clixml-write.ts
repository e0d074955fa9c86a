import {toPSString} from '../values/convert.js'
import {PSEnumValue, PSHashtable, PSList, PSObject, PSTimeSpan} from '../values/objects.js'
import {encodeClixmlString} from './clixml-strings.js'

/**
 * Export-Clixml's writer (powershell.md §12.1, §12.3, §12.6): one element per line, two spaces per
 * level, TN lists shared through TNRef, Lync objects with their adapted properties in `Props` and
 * enums as enum objects, other objects' members in `MS`. Objects deeper than -Depth are written as
 * their string form.
 */

const NAMESPACE = 'http://schemas.microsoft.com/powershell/2004/04'
const LIST_OF_STRING = 'System.Collections.Generic.List`1[[System.String, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]'
const ENUM_BASES = ['System.Enum', 'System.ValueType', 'System.Object']

/** dateTime is xs:dateTime with 7 fractional digits and the local offset, as .NET's round-trip format. */
function dateTime(date: Date): string {
  const two = (n: number) => String(Math.abs(n)).padStart(2, '0')
  const offset = -date.getTimezoneOffset()
  const zone = `${offset >= 0 ? '+' : '-'}${two(Math.trunc(offset / 60))}:${two(offset % 60)}`
  const fraction = `${String(date.getMilliseconds()).padStart(3, '0')}0000`
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${fraction}${zone}`
}

/** duration is xs:duration: `PT8H`, `PT2.5361946S`, `P1DT2H30M`, `PT0S`, `-PT5M`. */
function duration(span: PSTimeSpan): string {
  let ticks = Math.abs(span.ticks)
  const days = Math.floor(ticks / 864_000_000_000)
  ticks -= days * 864_000_000_000
  const hours = Math.floor(ticks / 36_000_000_000)
  ticks -= hours * 36_000_000_000
  const minutes = Math.floor(ticks / 600_000_000)
  ticks -= minutes * 600_000_000
  const seconds = ticks / 10_000_000
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${Number(seconds.toFixed(7))}S` : ''}`
  const body = `${days ? `${days}D` : ''}${time ? `T${time}` : days ? '' : 'T0S'}`
  return `${span.ticks < 0 ? '-' : ''}P${body}`
}

function isLync(object: PSObject): boolean {
  return object.typeNames.some((t) => /^(Deserialized\.)?Microsoft\.Rtc\./.test(t))
}

class ClixmlWriter {
  readonly lines: string[] = []
  #objects = 0
  readonly #typeNames = new Map<string, number>()

  constructor(readonly depth: number) {}

  #line(indent: number, text: string): void {
    this.lines.push(`${'  '.repeat(indent)}${text}`)
  }

  #name(name: string | undefined): string {
    return name === undefined ? '' : ` N="${encodeClixmlString(name, true)}"`
  }

  #simple(tag: string, name: string | undefined, text: string, indent: number): void {
    this.#line(indent, `<${tag}${this.#name(name)}>${text}</${tag}>`)
  }

  /** #open writes `<Obj … RefId>` and its TN or TNRef; the caller writes the content and the end tag. */
  #open(name: string | undefined, typeNames: readonly string[], indent: number): void {
    this.#line(indent, `<Obj${this.#name(name)} RefId="${this.#objects++}">`)
    const key = typeNames.join('\n')
    const known = this.#typeNames.get(key)
    if (known !== undefined) return this.#line(indent + 1, `<TNRef RefId="${known}" />`)
    this.#typeNames.set(key, this.#typeNames.size)
    this.#line(indent + 1, `<TN RefId="${this.#typeNames.size - 1}">`)
    for (const t of typeNames) this.#line(indent + 2, `<T>${encodeClixmlString(t)}</T>`)
    this.#line(indent + 1, '</TN>')
  }

  #list(name: string | undefined, typeNames: readonly string[], items: readonly unknown[], indent: number, level: number): void {
    this.#open(name, typeNames, indent)
    if (items.length === 0) this.#line(indent + 1, '<LST />')
    else {
      this.#line(indent + 1, '<LST>')
      for (const item of items) this.value(item, undefined, indent + 2, level + 1)
      this.#line(indent + 1, '</LST>')
    }
    this.#line(indent, '</Obj>')
  }

  #number(value: number, name: string | undefined, indent: number, unsigned: boolean): void {
    const tag = unsigned ? 'U32' : !Number.isInteger(value) ? 'Db' : value >= -2147483648 && value <= 2147483647 ? 'I32' : 'I64'
    this.#simple(tag, name, tag === 'Db' ? doubleText(value) : String(value), indent)
  }

  /** value writes one value element; level counts the objects it is nested in. */
  value(value: unknown, name: string | undefined, indent: number, level: number, unsigned = false): void {
    if (value === null || value === undefined) return this.#line(indent, `<Nil${this.#name(name)} />`)
    if (typeof value === 'string') return this.#simple('S', name, encodeClixmlString(value), indent)
    if (typeof value === 'boolean') return this.#simple('B', name, String(value), indent)
    if (typeof value === 'number') return this.#number(value, name, indent, unsigned)
    if (value instanceof Date) return this.#simple('DT', name, dateTime(value), indent)
    if (value instanceof PSTimeSpan) return this.#simple('TS', name, duration(value), indent)
    if (level > this.depth) return this.#simple('S', name, encodeClixmlString(toPSString(value)), indent)
    if (value instanceof PSEnumValue) {
      this.#open(name, [value.type.fullName, ...ENUM_BASES], indent)
      this.#line(indent + 1, `<ToString>${encodeClixmlString(value.name)}</ToString>`)
      this.#line(indent + 1, `<I32>${Math.max(0, value.type.names.indexOf(value.name))}</I32>`)
      return this.#line(indent, '</Obj>')
    }
    if (value instanceof PSList) return this.#list(name, [LIST_OF_STRING, 'System.Object'], value, indent, level)
    if (Array.isArray(value)) return this.#list(name, ['System.Object[]', 'System.Array', 'System.Object'], value, indent, level)
    if (value instanceof PSHashtable) return this.#dictionary(value, name, indent, level)
    if (value instanceof PSObject) return this.#object(value, name, indent, level)
    this.#simple('S', name, encodeClixmlString(toPSString(value)), indent)
  }

  #dictionary(table: PSHashtable, name: string | undefined, indent: number, level: number): void {
    this.#open(name, ['System.Collections.Hashtable', 'System.Object'], indent)
    this.#line(indent + 1, '<DCT>')
    for (const [key, value] of table.entries()) {
      this.#line(indent + 2, '<En>')
      this.value(key, 'Key', indent + 3, level + 1)
      this.value(value, 'Value', indent + 3, level + 1)
      this.#line(indent + 2, '</En>')
    }
    this.#line(indent + 1, '</DCT>')
    this.#line(indent, '</Obj>')
  }

  /** Lync objects keep their type names and write adapted properties (Props); others write members (MS). */
  #object(object: PSObject, name: string | undefined, indent: number, level: number): void {
    const lync = isLync(object)
    this.#open(name, lync ? object.typeNames : object.typeNames.length > 0 ? object.typeNames : ['System.Management.Automation.PSCustomObject', 'System.Object'], indent)
    this.#line(indent + 1, `<ToString>${encodeClixmlString(toPSString(object))}</ToString>`)
    const tag = lync ? 'Props' : 'MS'
    this.#line(indent + 1, `<${tag}>`)
    for (const [property, value] of object.properties()) {
      const type = object.info(property)?.type as {kind?: string} | undefined
      this.value(value, property, indent + 2, level + 1, type?.kind === 'UInt32')
    }
    this.#line(indent + 1, `</${tag}>`)
    this.#line(indent, '</Obj>')
  }
}

/** doubleText writes a Double as .NET's round-trip form: `1.5`, `1E+20`, `INF`, `NaN`. */
function doubleText(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'INF' : '-INF'
  return toPSString(value)
}

/** writeClixml writes a Clixml document: one child of `Objs` per object (§12.1). */
export function writeClixml(objects: readonly unknown[], options: {depth?: number} = {}): string {
  const writer = new ClixmlWriter(options.depth ?? 2)
  for (const object of objects) writer.value(object, undefined, 1, 0)
  return [`<Objs Version="1.1.0.1" xmlns="${NAMESPACE}">`, ...writer.lines, '</Objs>'].join('\n')
}
