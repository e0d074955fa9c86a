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

/** records splits CSV text into records of fields: quotes with `""`, quoted fields spanning lines, CRLF/LF/CR. */
function records(text: string, delimiter: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  const endRow = () => {
    row.push(field)
    rows.push(row)
    row = []
    field = ''
  }
  while (i < text.length) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
      } else if (ch === '"') {
        quoted = false
        i++
      } else field += text[i++]
    } else if (ch === '"') {
      // COMPAT(powershell): a quote opens a quoted part anywhere in the field; text after the closing quote is kept.
      quoted = true
      i++
    } else if (ch === delimiter) {
      row.push(field)
      field = ''
      i++
    } else if (ch === '\r' || ch === '\n') {
      endRow()
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else field += text[i++]
  }
  if (field !== '' || row.length > 0) endRow()
  // Empty lines are skipped (§9).
  return rows.filter((r) => !(r.length === 1 && r[0] === ''))
}

/** parseCsv reads Import-Csv's objects; warnings are returned without the `WARNING: ` prefix. */
export function parseCsv(text: string, options: {delimiter?: string; header?: readonly string[]} = {}): {objects: PSObject[]; warnings: string[]} {
  const delimiter = options.delimiter ?? ','
  let body = text.replace(/^\uFEFF/, '')
  let typeNames = [CUSTOM_OBJECT]
  const typeLine = /^#TYPE ([^\r\n]*)(\r\n|\n|\r|$)/.exec(body)
  if (typeLine) {
    typeNames = [`CSV:${typeLine[1]!.trim()}`, CUSTOM_OBJECT]
    body = body.slice(typeLine[0].length)
  }
  const rows = records(body, delimiter)
  const warnings: string[] = []
  const header = options.header ? [...options.header] : (rows.shift() ?? [])
  let unnamed = 0
  const names = header.map((name) => {
    if (name !== '') return name
    if (unnamed === 0) warnings.push(MISSING_HEADERS)
    return `H${++unnamed}`
  })
  const seen = new Set<string>()
  for (const name of names) {
    if (seen.has(name.toLowerCase())) throw new CsvError(`The member "${name}" is already present.`)
    seen.add(name.toLowerCase())
  }
  const objects = rows.map((fields) => {
    const object = new PSObject(typeNames)
    // A missing trailing field is $null; extra fields are dropped (§9).
    names.forEach((name, i) => object.addProperty(name, i < fields.length ? fields[i]! : null))
    return object
  })
  return {objects, warnings}
}

/** csvHeaderOf reads the header of an existing CSV file, for Export-Csv -Append. */
export function csvHeaderOf(text: string, delimiter = ','): string[] | undefined {
  const body = text.replace(/^\uFEFF/, '').replace(/^#TYPE [^\r\n]*(\r\n|\n|\r)/, '')
  return records(body, delimiter)[0]
}

/** propertiesOf lists what Export-Csv writes of an object: a string exports its Length, as PS does. */
function propertiesOf(object: unknown): Array<[string, unknown]> {
  if (object instanceof PSObject) return object.properties()
  if (typeof object === 'string') return [['Length', object.length]]
  if (object instanceof PSHashtable) {
    return [['IsReadOnly', false], ['IsFixedSize', false], ['IsSynchronized', false], ['Keys', object.entries().map(([k]) => k)], ['Values', object.entries().map(([, v]) => v)], ['SyncRoot', 'System.Object'], ['Count', object.size]]
  }
  return []
}

function quote(value: unknown): string {
  // A collection is written as its .NET type name, as PS does (C63).
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? dotNetTypeName(value) : toPSString(value)
  return `"${text.replaceAll('"', '""')}"`
}

function typeNameOf(object: unknown): string {
  if (object instanceof PSObject) return object.typeNames[0] ?? CUSTOM_OBJECT
  return typeof object === 'string' ? 'System.String' : 'System.Collections.Hashtable'
}

/**
 * writeCsv writes Export-Csv's text: the first object's properties make the header (or `header`, when
 * appending, and then no header line); every field quoted; LF line ends (§9).
 */
export function writeCsv(objects: readonly unknown[], options: {delimiter?: string; includeTypeInformation?: boolean; header?: readonly string[]} = {}): string {
  if (objects.length === 0) return ''
  const delimiter = options.delimiter ?? ','
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
