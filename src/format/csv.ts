import {dotNetTypeName, toPSString} from '../values/convert.js'
import {PSHashtable, PSObject} from '../values/objects.js'

/**
 * CSV as Import-Csv and Export-Csv read and write it (powershell.md §9): RFC 4180 with PowerShell's
 * leniency, the `#TYPE` line of Windows PowerShell 5.1, every field quoted on output.
 */

/** CsvError is a CSV file Import-Csv refuses (a duplicate header). */
export class CsvError extends Error {}

const CUSTOM_OBJECT = 'System.Management.Automation.PSCustomObject'
const MISSING_HEADERS = 'One or more headers were not specified. Default names starting with "H" have been used in place of any missing headers.'

/**
 * CsvRecords reads records as Windows PowerShell 5.1's ImportCsvHelper does (COMPAT(powershell)):
 * - an unquoted field loses its leading spaces and tabs; after a later space the rest of the field is
 *   kept as it is, except that a run of nothing but blanks is dropped, so `foo   ` reads `foo ` while
 *   `foo bar  ` stays whole (PowerShell/PowerShell#25605, still so in 5.1 and 7);
 * - after a closing quote, blanks up to the delimiter are dropped and any other text is appended;
 * - a quote inside an unquoted field is an ordinary character up to the next delimiter;
 * - at the end of the text a last empty field is not a field, so `a,` reads one field.
 */
class CsvRecords {
  #pos = 0

  constructor(
    readonly text: string,
    readonly delimiter: string,
  ) {}

  get done(): boolean {
    return this.#pos >= this.text.length
  }

  /** next reads one record; a blank line is `['']`. */
  next(): string[] {
    const fields: string[] = []
    let field = ''
    while (!this.done) {
      const ch = this.text[this.#pos++]!
      if (ch === this.delimiter) {
        fields.push(field)
        field = ''
      } else if (ch === '"' && field === '') {
        const end = this.#quoted(fields)
        if (end) return fields
      } else if (ch === '"' || ((ch === ' ' || ch === '\t') && field !== '')) {
        const rest = this.#restOfField(ch !== '"')
        fields.push(field + ch + rest.text)
        field = ''
        if (rest.endOfRecord) return fields
      } else if (ch === ' ' || ch === '\t') {
        continue
      } else if (this.#lineEnd(ch)) {
        fields.push(field)
        return fields
      } else field += ch
    }
    if (field !== '') fields.push(field)
    return fields
  }

  /** #quoted reads a quoted field after its opening quote; true when the record ended with it. */
  #quoted(fields: string[]): boolean {
    let field = ''
    while (!this.done) {
      const ch = this.text[this.#pos++]!
      if (ch !== '"') field += ch
      else if (this.text[this.#pos] === '"') {
        field += '"'
        this.#pos++
      } else {
        const rest = this.#restOfField(true)
        fields.push(field + rest.text)
        return rest.endOfRecord
      }
    }
    // An unterminated quote takes the rest of the text.
    if (field !== '') fields.push(field)
    return true
  }

  /** #restOfField reads up to the next delimiter or line end; a run of only blanks is dropped when asked. */
  #restOfField(dropBlanks: boolean): {text: string; endOfRecord: boolean} {
    let text = ''
    let endOfRecord = true
    while (!this.done) {
      const ch = this.text[this.#pos++]!
      if (ch === this.delimiter) {
        endOfRecord = false
        break
      }
      if (this.#lineEnd(ch)) break
      text += ch
    }
    return {text: dropBlanks && /^[ \t]*$/.test(text) ? '' : text, endOfRecord}
  }

  /** #lineEnd tells whether ch starts a line end (CRLF, LF or CR), consuming the LF of a CRLF. */
  #lineEnd(ch: string): boolean {
    if (ch === '\r' && this.text[this.#pos] === '\n') this.#pos++
    return ch === '\r' || ch === '\n'
  }
}

const isBlank = (record: readonly string[]) => record.length === 0 || (record.length === 1 && record[0] === '')

/**
 * readPreamble skips a leading BOM and a `#TYPE <name>` line and returns the reader and the CSV type
 * name. COMPAT(powershell): 5.1 matches `#Type` in any case and trims the name; an empty name gives no
 * type. Other `#` lines are data (§9; 5.1 skipped any first line starting with `#`).
 */
function readPreamble(text: string, delimiter: string | undefined): {records: CsvRecords; typeName: string | undefined} {
  const body = text.replace(/^\uFEFF/, '')
  const typeLine = /^#type([^\r\n]*)(\r\n|\n|\r|$)/i.exec(body)
  const name = typeLine?.[1]!.trim()
  const records = new CsvRecords(typeLine ? body.slice(typeLine[0].length) : body, delimiter?.[0] ?? ',')
  return {records, typeName: name ? `CSV:${name}` : undefined}
}

/** readHeaderRecord reads the header line, skipping blank lines (§9); trailing empty names are dropped, as 5.1 does. */
function readHeaderRecord(records: CsvRecords): string[] | undefined {
  while (!records.done) {
    const header = records.next()
    if (isBlank(header)) continue
    while (header.length > 1 && header[header.length - 1] === '') header.pop()
    return header
  }
  return undefined
}

/** propertyNames replaces empty names with H1, H2, … and refuses a duplicate name (any case). */
function propertyNames(header: readonly string[]): string[] {
  let unnamed = 0
  const names = header.map((name) => (name === '' ? `H${++unnamed}` : name))
  const seen = new Set<string>()
  for (const name of names) {
    if (seen.has(name.toLowerCase())) throw new CsvError(`The member "${name}" is already present.`)
    seen.add(name.toLowerCase())
  }
  return names
}

/**
 * parseCsv reads Import-Csv's objects (§9): every value a string, a missing trailing field `$null`,
 * extra fields dropped. Warnings are returned without the `WARNING: ` prefix.
 */
export function parseCsv(text: string, options: {delimiter?: string; header?: readonly string[]} = {}): {objects: PSObject[]; warnings: string[]} {
  const {records, typeName} = readPreamble(text, options.delimiter)
  const typeNames = typeName ? [typeName, CUSTOM_OBJECT] : [CUSTOM_OBJECT]
  const header = options.header ?? readHeaderRecord(records)
  if (!header) return {objects: [], warnings: []}
  const names = propertyNames(header)
  const objects: PSObject[] = []
  while (!records.done) {
    const fields = records.next()
    if (isBlank(fields)) continue
    const object = new PSObject(typeNames)
    names.forEach((name, i) => object.addProperty(name, i < fields.length ? fields[i]! : null))
    objects.push(object)
  }
  // COMPAT(powershell): 5.1 warns once, when it builds the first object.
  return {objects, warnings: objects.length > 0 && header.includes('') ? [MISSING_HEADERS] : []}
}

/** csvHeaderOf reads the header of an existing CSV file's text (after any `#TYPE` line), for Export-Csv -Append. */
export function csvHeaderOf(text: string, delimiter?: string): string[] | undefined {
  return readHeaderRecord(readPreamble(text, delimiter).records)
}

/**
 * propertiesOf lists what Export-Csv writes of an object. COMPAT(powershell): a string exports its
 * Length and a hashtable its .NET properties, values as .NET's ToString shows them.
 */
function propertiesOf(object: unknown): Array<[string, unknown]> {
  if (object instanceof PSObject) return object.properties()
  if (typeof object === 'string') return [['Length', object.length]]
  if (object instanceof PSHashtable) {
    return [
      ['IsReadOnly', false],
      ['IsFixedSize', false],
      ['IsSynchronized', false],
      ['Keys', 'System.Collections.Hashtable+KeyCollection'],
      ['Values', 'System.Collections.Hashtable+ValueCollection'],
      ['SyncRoot', 'System.Object'],
      ['Count', object.size],
    ]
  }
  return []
}

function quote(value: unknown): string {
  // COMPAT(powershell): Export-Csv calls .NET's ToString, so any collection gives its type name (C63).
  const text = Array.isArray(value) ? dotNetTypeName(value) : toPSString(value)
  return `"${text.replaceAll('"', '""')}"`
}

function typeNameOf(object: unknown): string {
  if (object instanceof PSObject) return object.typeNames[0] ?? CUSTOM_OBJECT
  return typeof object === 'string' ? 'System.String' : 'System.Collections.Hashtable'
}

/**
 * writeCsv writes Export-Csv's text (§9): the first object's properties make the header (or `header`,
 * when appending, and then no header line); later objects give only those columns, a missing one
 * empty; every field quoted; LF line ends; `#TYPE` first only with `includeTypeInformation`.
 */
export function writeCsv(objects: readonly unknown[], options: {delimiter?: string; includeTypeInformation?: boolean; header?: readonly string[]} = {}): string {
  if (objects.length === 0) return ''
  const delimiter = options.delimiter?.[0] ?? ','
  const names = options.header ?? propertiesOf(objects[0]).map(([name]) => name)
  const lines: string[] = []
  if (options.includeTypeInformation) lines.push(`#TYPE ${typeNameOf(objects[0])}`)
  if (!options.header) lines.push(names.map(quote).join(delimiter))
  for (const object of objects) {
    const properties = new Map(propertiesOf(object).map(([n, v]) => [n.toLowerCase(), v]))
    lines.push(names.map((name) => quote(properties.get(name.toLowerCase()) ?? null)).join(delimiter))
  }
  return `${lines.join('\n')}\n`
}
