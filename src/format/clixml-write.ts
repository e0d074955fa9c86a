import {toPSString} from '../values/convert.js'
import {PSArrayList, PSEnumValue, PSHashtable, PSList, PSObject, PSTimeSpan, isScriptBlock, type PSEnumType} from '../values/objects.js'
import {encodeClixmlString} from './clixml-strings.js'

/**
 * Export-Clixml's writer (powershell.md §12.1, §12.3, §12.6): one element per line, two spaces per
 * level, LF line ends, no XML declaration and no newline after `</Objs>` (COMPAT(powershell): .NET's
 * XmlWriter with Indent ends the document right after the root's end tag). TN lists are shared
 * through TNRef; Ref is never written (csxmpp values are trees).
 *
 * -Depth counts down as PowerShell's serializer does (COMPAT(powershell), InternalSerializer): the
 * top-level object gets the full -Depth; each step into an object's adapted properties (`Props`:
 * Lync and deserialized objects) costs one level; list items, dictionary entries and the members of
 * a PSCustomObject (`MS`, instance note properties) cost nothing. An object or enum reached with no
 * level left is written as `S` holding its string form; lists and dictionaries are always expanded.
 * So with the default 2 a partner's enums and lists are expanded, and with -Depth 1 they are strings.
 */

const NAMESPACE = 'http://schemas.microsoft.com/powershell/2004/04'
const LIST_OF_STRING = 'System.Collections.Generic.List`1[[System.String, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]'
const ENUM_BASES = ['System.Enum', 'System.ValueType', 'System.Object']
const CUSTOM_OBJECT = ['System.Management.Automation.PSCustomObject', 'System.Object']
const TICKS_PER_SECOND = 10_000_000

function two(n: number): string {
  return String(Math.abs(n)).padStart(2, '0')
}

/** fraction is `.fffffff` without trailing zeros, nothing when zero (COMPAT(powershell): XmlConvert's xs:dateTime and xs:duration). */
function fraction(ticks: number): string {
  return ticks === 0 ? '' : `.${String(ticks).padStart(7, '0').replace(/0+$/, '')}`
}

/** dateTime is the round-trip xs:dateTime of a local DateTime: `2013-02-21T10:15:00.123+01:00`. */
function dateTime(date: Date): string {
  const offset = -date.getTimezoneOffset()
  const zone = `${offset >= 0 ? '+' : '-'}${two(Math.trunc(offset / 60))}:${two(offset % 60)}`
  const day = `${String(date.getFullYear()).padStart(4, '0')}-${two(date.getMonth() + 1)}-${two(date.getDate())}`
  return `${day}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}${fraction(date.getMilliseconds() * 10_000)}${zone}`
}

/** duration is xs:duration: `PT8H`, `PT2.5361946S`, `P1DT2H30M`, `PT0S`, `-PT5M`. */
function duration(span: PSTimeSpan): string {
  const ticks = Math.abs(span.ticks)
  const totalSeconds = Math.floor(ticks / TICKS_PER_SECOND)
  const [days, hours, minutes, seconds] = [Math.floor(totalSeconds / 86400), Math.floor(totalSeconds / 3600) % 24, Math.floor(totalSeconds / 60) % 60, totalSeconds % 60]
  const rest = fraction(ticks % TICKS_PER_SECOND)
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || rest ? `${seconds}${rest}S` : ''}`
  const body = `${days ? `${days}D` : ''}${time ? `T${time}` : days ? '' : 'T0S'}`
  return `${span.ticks < 0 ? '-' : ''}P${body}`
}

/** doubleText writes a Double as XmlConvert does: `1.5`, `1E+20`, `INF`, `-INF`, `NaN`. */
function doubleText(value: number): string {
  if (Number.isFinite(value)) return toPSString(value)
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'INF' : '-INF'
}

/** numberElement picks the element of a number (§4.1 value model): I32, I64 or Db; U32 for UInt32 properties. */
function numberElement(value: number, unsigned: boolean): [tag: string, text: string] {
  if (!Number.isInteger(value) || Math.abs(value) >= 2 ** 63) return ['Db', doubleText(value)]
  if (unsigned && value >= 0 && value <= 0xffffffff) return ['U32', String(value)]
  return value >= -2147483648 && value <= 2147483647 ? ['I32', String(value)] : ['I64', BigInt(value).toString()]
}

/** hasAdaptedProperties: Lync objects (live or deserialized) and other deserialized objects write `Props` and `ToString` (§12.6). */
function hasAdaptedProperties(object: PSObject): boolean {
  if (object.typeNames.some((t) => /^(Deserialized\.)?Microsoft\.Rtc\./.test(t))) return true
  return (object.typeNames[0]?.startsWith('Deserialized.') ?? false) && !object.typeNames.includes('Deserialized.System.Management.Automation.PSCustomObject')
}

/** PropertyType is the part of a PSObject property's `info.type` the writer reads (§12.6). */
interface PropertyType {
  readonly kind?: string
  readonly enum?: PSEnumType
}

/** typedValue applies a Lync property's declared type: UInt32 → U32, an enum name given as a string → enum. */
function typedValue(value: unknown, type: PropertyType | undefined): {value: unknown; unsigned: boolean} {
  if (type?.kind === 'Enum' && type.enum && typeof value === 'string') {
    const name = type.enum.names.find((n) => n.toLowerCase() === value.toLowerCase())
    if (name) return {value: new PSEnumValue(type.enum, name), unsigned: false}
  }
  return {value, unsigned: type?.kind === 'UInt32'}
}

class ClixmlWriter {
  readonly lines: string[] = []
  #objects = 0
  readonly #typeNames = new Map<string, number>()

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

  /** value writes one value element; levels is what is left of -Depth (see the file comment). */
  value(value: unknown, name: string | undefined, indent: number, levels: number, unsigned = false): void {
    if (value === null || value === undefined) return this.#line(indent, `<Nil${this.#name(name)} />`)
    if (typeof value === 'string') return this.#simple('S', name, encodeClixmlString(value), indent)
    if (typeof value === 'boolean') return this.#simple('B', name, String(value), indent)
    if (typeof value === 'number') {
      const [tag, text] = numberElement(value, unsigned)
      return this.#simple(tag, name, text, indent)
    }
    if (value instanceof Date) return this.#simple('DT', name, dateTime(value), indent)
    if (value instanceof PSTimeSpan) return this.#simple('TS', name, duration(value), indent)
    if (isScriptBlock(value)) return this.#simple('SBK', name, encodeClixmlString(value.text), indent)
    if (value instanceof PSList) return this.#list(name, [LIST_OF_STRING, 'System.Object'], value, indent, levels)
    if (value instanceof PSArrayList) return this.#list(name, [value.typeName, 'System.Object'], value, indent, levels)
    if (Array.isArray(value)) return this.#list(name, ['System.Object[]', 'System.Array', 'System.Object'], value, indent, levels)
    if (value instanceof PSHashtable) return this.#dictionary(value, name, indent, levels)
    if (levels <= 0) return this.#simple('S', name, encodeClixmlString(toPSString(value)), indent)
    if (value instanceof PSEnumValue) return this.#enum(value, name, indent)
    if (value instanceof PSObject) return this.#object(value, name, indent, levels)
    this.#simple('S', name, encodeClixmlString(toPSString(value)), indent)
  }

  #list(name: string | undefined, typeNames: readonly string[], items: readonly unknown[], indent: number, levels: number): void {
    this.#open(name, typeNames, indent)
    if (items.length === 0) this.#line(indent + 1, '<LST />')
    else {
      this.#line(indent + 1, '<LST>')
      for (const item of items) this.value(item, undefined, indent + 2, levels)
      this.#line(indent + 1, '</LST>')
    }
    this.#line(indent, '</Obj>')
  }

  #dictionary(table: PSHashtable, name: string | undefined, indent: number, levels: number): void {
    this.#open(name, ['System.Collections.Hashtable', 'System.Object'], indent)
    this.#line(indent + 1, '<DCT>')
    for (const [key, value] of table.entries()) {
      this.#line(indent + 2, '<En>')
      this.value(key, 'Key', indent + 3, levels)
      this.value(value, 'Value', indent + 3, levels)
      this.#line(indent + 2, '</En>')
    }
    this.#line(indent + 1, '</DCT>')
    this.#line(indent, '</Obj>')
  }

  /** #enum: TN of the enum and its bases, ToString = the name, I32 = its 0-based position (§12.3, §12.6 DECISION). */
  #enum(value: PSEnumValue, name: string | undefined, indent: number): void {
    this.#open(name, [value.type.fullName, ...ENUM_BASES], indent)
    this.#line(indent + 1, `<ToString>${encodeClixmlString(value.name)}</ToString>`)
    this.#line(indent + 1, `<I32>${Math.max(0, value.type.names.indexOf(value.name))}</I32>`)
    this.#line(indent, '</Obj>')
  }

  /** Objects with adapted properties write ToString and `Props` one level down; PSCustomObjects write `MS` at the same level. */
  #object(object: PSObject, name: string | undefined, indent: number, levels: number): void {
    const adapted = hasAdaptedProperties(object)
    this.#open(name, object.typeNames.length > 0 ? object.typeNames : CUSTOM_OBJECT, indent)
    if (adapted) this.#line(indent + 1, `<ToString>${encodeClixmlString(toPSString(object))}</ToString>`)
    const properties = object.properties()
    if (properties.length > 0) {
      const tag = adapted ? 'Props' : 'MS'
      this.#line(indent + 1, `<${tag}>`)
      for (const [property, raw] of properties) {
        const {value, unsigned} = typedValue(raw, object.info(property)?.type as PropertyType | undefined)
        this.value(value, property, indent + 2, adapted ? levels - 1 : levels, unsigned)
      }
      this.#line(indent + 1, `</${tag}>`)
    }
    this.#line(indent, '</Obj>')
  }
}

/**
 * writeClixml returns the text of a Clixml document with one child of `Objs` per object (§12.1);
 * depth is Export-Clixml's -Depth (default 2).
 */
export function writeClixml(objects: readonly unknown[], options: {depth?: number} = {}): string {
  const writer = new ClixmlWriter()
  for (const object of objects) writer.value(object, undefined, 1, options.depth ?? 2)
  return [`<Objs Version="1.1.0.1" xmlns="${NAMESPACE}">`, ...writer.lines, '</Objs>'].join('\n')
}
