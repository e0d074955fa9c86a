/**
 * The PowerShell value model shared by the binder, the cmdlets, the formatter and the interpreter.
 *
 * Plain JavaScript values stand for the simple PowerShell ones: `null` is `$null`, strings are
 * System.String, booleans System.Boolean, numbers the numeric types, arrays System.Object[].
 * The classes below carry what JavaScript lacks: type names, ordered case-insensitive properties,
 * enum values and typed lists (powershell.md §4.1).
 */

/** PSEnumType describes a .NET enum, e.g. Microsoft.Rtc…XmppFederation.PartnerType. */
export interface PSEnumType {
  readonly fullName: string
  /** Value names in declaration order. */
  readonly names: readonly string[]
  /**
   * Whether integers (the value's index) convert to it: System.ConsoleColor's numbers are documented
   * (powershell.md §7.3); Lync's are not, so their enums refuse numbers.
   */
  readonly numbered?: boolean
}

/** PSEnumValue is one value of a PSEnumType; it prints as its name. */
export class PSEnumValue {
  constructor(
    readonly type: PSEnumType,
    readonly name: string,
  ) {}

  toString(): string {
    return this.name
  }
}

/** PSList is a typed .NET list such as List<String>: an array that knows its .NET type name. */
export class PSList<T = unknown> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array
  }

  /** typeName is the .NET type name, which is also the list's string form (powershell.md C63). */
  readonly typeName = 'System.Collections.Generic.List`1[System.String]'

  /** listOf builds a PSList holding the given items. */
  static listOf<U>(items: Iterable<U>): PSList<U> {
    const list = new PSList<U>()
    for (const item of items) list.push(item)
    return list
  }
}

/** PSScriptBlock is a `{ … }` value; the interpreter gives it behaviour, the binder only its text. */
export interface PSScriptBlock {
  readonly isScriptBlock: true
  readonly text: string
}

/** isScriptBlock tells a PSScriptBlock from other values. */
export function isScriptBlock(value: unknown): value is PSScriptBlock {
  return typeof value === 'object' && value !== null && (value as PSScriptBlock).isScriptBlock === true
}

/** PSHashtable is System.Collections.Hashtable: case-insensitive keys kept in insertion order. */
export class PSHashtable {
  readonly #entries = new Map<string, {key: string; value: unknown}>()

  /** set adds or replaces the entry for key (compared case-insensitively). */
  set(key: string, value: unknown): void {
    const folded = key.toLowerCase()
    const existing = this.#entries.get(folded)
    this.#entries.set(folded, {key: existing?.key ?? key, value})
  }

  /** get returns the value for key, or undefined when absent. */
  get(key: string): unknown {
    return this.#entries.get(key.toLowerCase())?.value
  }

  /** has tells whether key is present. */
  has(key: string): boolean {
    return this.#entries.has(key.toLowerCase())
  }

  /** delete removes the entry for key, if any. */
  delete(key: string): void {
    this.#entries.delete(key.toLowerCase())
  }

  /** entries lists [key, value] pairs in insertion order, keys as first written. */
  entries(): Array<[string, unknown]> {
    return [...this.#entries.values()].map((e) => [e.key, e.value])
  }

  get size(): number {
    return this.#entries.size
  }
}

/** PSPropertyInfo describes a typed property of a PSObject: its type and whether it is writable. */
export interface PSPropertyInfo {
  /** A parameter-style type key understood by the binder's converter, e.g. `Boolean`. */
  readonly type?: unknown
  readonly readOnly?: boolean
}

interface PSProperty {
  name: string
  value: unknown
  info: PSPropertyInfo | undefined
}

/**
 * PSObject is an object with ordered, case-insensitive properties and a type-name list (most
 * derived first). Lync objects, PSCustomObjects, CSV rows and deserialized objects are PSObjects.
 */
export class PSObject {
  readonly typeNames: string[]
  /** A .NET object's own string form where it is not `@{…}` (ErrorRecord.CategoryInfo, §4.5). */
  stringForm: string | undefined
  /** The whitelisted methods of a .NET object (`$host.UI.WriteLine`, §4.5), by lower-case name. */
  methods: ReadonlyMap<string, (args: readonly unknown[]) => unknown> | undefined
  readonly #properties = new Map<string, PSProperty>()

  constructor(typeNames: readonly string[]) {
    this.typeNames = [...typeNames]
  }

  /** addProperty appends a property; a second property of the same name replaces the value. */
  addProperty(name: string, value: unknown, info?: PSPropertyInfo): this {
    const folded = name.toLowerCase()
    const existing = this.#properties.get(folded)
    if (existing) existing.value = value
    else this.#properties.set(folded, {name, value, info})
    return this
  }

  /** removeProperty removes a property (Add-Member -Force re-adds it at the end, powershell.md §9). */
  removeProperty(name: string): void {
    this.#properties.delete(name.toLowerCase())
  }

  /** has tells whether a property of that name (any case) exists. */
  has(name: string): boolean {
    return this.#properties.has(name.toLowerCase())
  }

  /** get returns the property's value, or null when there is no such property (PS semantics). */
  get(name: string): unknown {
    return this.#properties.get(name.toLowerCase())?.value ?? null
  }

  /** info returns the property's type information, if it was declared with one. */
  info(name: string): PSPropertyInfo | undefined {
    return this.#properties.get(name.toLowerCase())?.info
  }

  /** set replaces an existing property's value without any conversion. */
  set(name: string, value: unknown): void {
    const property = this.#properties.get(name.toLowerCase())
    if (!property) throw new Error(`PSObject has no property ${name}`)
    property.value = value
  }

  /** propertyNames lists the property names in order, as they were declared. */
  propertyNames(): string[] {
    return [...this.#properties.values()].map((p) => p.name)
  }

  /** properties lists [name, value] pairs in order. */
  properties(): Array<[string, unknown]> {
    return [...this.#properties.values()].map((p) => [p.name, p.value])
  }

  /** isA tells whether a type name (or `Deserialized.` + it) is in the type-name list. */
  isA(typeName: string): boolean {
    return this.typeNames.some((t) => t === typeName || t === `Deserialized.${typeName}`)
  }
}

/** TICKS_PER_MILLISECOND: .NET counts TimeSpan and DateTime in ticks of 100 ns. */
export const TICKS_PER_MILLISECOND = 10_000

/**
 * PSTimeSpan is System.TimeSpan (Clixml `TS`, Get-Date arithmetic). System.DateTime is a plain
 * JavaScript Date, read and printed in the process's local time zone (powershell.md §4.1).
 */
export class PSTimeSpan {
  constructor(readonly ticks: number) {}

  /** toString is .NET's constant format `[-][d.]hh:mm:ss[.fffffff]` (powershell.md §4.2). */
  toString(): string {
    const sign = this.ticks < 0 ? '-' : ''
    let rest = Math.abs(this.ticks)
    const fraction = rest % 10_000_000
    rest = (rest - fraction) / 10_000_000
    const seconds = rest % 60
    const minutes = Math.floor(rest / 60) % 60
    const hours = Math.floor(rest / 3600) % 24
    const days = Math.floor(rest / 86400)
    const two = (n: number) => String(n).padStart(2, '0')
    const day = days > 0 ? `${days}.` : ''
    const tail = fraction > 0 ? `.${String(fraction).padStart(7, '0')}` : ''
    return `${sign}${day}${two(hours)}:${two(minutes)}:${two(seconds)}${tail}`
  }
}

/** PSArrayList is System.Collections.ArrayList (`$Error`, `New-Object System.Collections.ArrayList`). */
export class PSArrayList<T = unknown> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array
  }

  readonly typeName = 'System.Collections.ArrayList'
}
