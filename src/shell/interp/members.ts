import {ConversionFailure, toEnum, toUInt32} from '../../binding/convert.js'
import type {ParameterType} from '../../binding/parameter.js'
import {ErrorRecord} from '../../errors.js'
import {categoryInfo} from '../../format/error-view.js'
import {dotNetTypeName, toPSString} from '../../values/convert.js'
import {formatDateTime} from '../../values/dotnet-format.js'
import {PSArrayList, PSEnumValue, PSHashtable, PSObject, PSTimeSpan, isScriptBlock} from '../../values/objects.js'
import {PSSecureString} from '../../values/secure-string.js'
import {timeSpanProperty} from '../../values/time-span.js'
import {notSupportedError, runtimeError} from '../../values/runtime-errors.js'
import {toBoolean, toNumber} from './convert.js'
import {duplicateKey, psEquals} from './operators.js'

/**
 * Members of values (powershell.md §4.5): property access with member enumeration, property
 * assignment with the Lync objects' types, and the closed whitelist of methods.
 */

/** collect applies §4.3: no values is $null, one is itself, several an array. */
export function collect(values: readonly unknown[]): unknown {
  return values.length === 0 ? null : values.length === 1 ? values[0] : [...values]
}

/** typeNamesOf is the type-name list of any value (`.PSObject.TypeNames`, `.pstypenames`). */
export function typeNamesOf(value: unknown): string[] {
  if (value instanceof PSObject) return [...value.typeNames]
  const name = dotNetTypeName(value)
  return Array.isArray(value) ? [name, 'System.Array', 'System.Object'] : [name, 'System.Object']
}

function psObjectView(value: unknown): PSObject {
  const view = new PSObject(['System.Management.Automation.PSObject'])
  view.addProperty('TypeNames', typeNamesOf(value))
  const properties = value instanceof PSObject ? value.properties() : []
  view.addProperty(
    'Properties',
    properties.map(([name, v]) => new PSObject(['System.Management.Automation.PSNoteProperty']).addProperty('Name', name).addProperty('Value', v)),
  )
  return view
}

function errorRecordProperty(record: ErrorRecord, name: string): unknown {
  const position = record.position
  switch (name) {
    case 'exception':
      return new PSObject([`System.Management.Automation.${record.reason}`]).addProperty('Message', record.message)
    case 'fullyqualifiederrorid':
      return record.fullyQualifiedErrorId
    case 'categoryinfo': {
      const info = new PSObject(['System.Management.Automation.ErrorCategoryInfo'])
        .addProperty('Category', record.category)
        .addProperty('Activity', record.activity ?? '')
        .addProperty('Reason', record.reason)
        .addProperty('TargetName', record.targetObject === undefined ? '' : toPSString(record.targetObject))
      info.stringForm = categoryInfo(record)
      return info
    }
    case 'targetobject':
      return record.targetObject ?? null
    case 'invocationinfo':
      return new PSObject(['System.Management.Automation.InvocationInfo'])
        .addProperty('ScriptLineNumber', position?.line ?? 0)
        .addProperty('OffsetInLine', position?.column ?? 0)
        .addProperty('ScriptName', position?.scriptName ?? '')
        .addProperty('Line', position?.lineText ?? '')
        .addProperty('PositionMessage', record.positionLines.join('\n'))
  }
  return null
}

const DATE_PROPERTIES: Record<string, (d: Date) => unknown> = {
  year: (d) => d.getFullYear(),
  month: (d) => d.getMonth() + 1,
  day: (d) => d.getDate(),
  hour: (d) => d.getHours(),
  minute: (d) => d.getMinutes(),
  second: (d) => d.getSeconds(),
  date: (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()),
  dayofweek: (d) => ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getDay()],
}

/** getMember reads `value.Name` (§4.5); a missing property is $null, never an error. */
export function getMember(value: unknown, name: string): unknown {
  const lower = name.toLowerCase()
  if (value === null || value === undefined) return lower === 'count' || lower === 'length' ? 0 : null
  if (lower === 'psobject') return psObjectView(value)
  if (lower === 'pstypenames') return typeNamesOf(value)
  if (value instanceof PSHashtable) {
    if (value.has(name)) return value.get(name)
    if (lower === 'keys') return value.entries().map(([k]) => k)
    if (lower === 'values') return value.entries().map(([, v]) => v)
    if (lower === 'count') return value.size
    return null
  }
  if (value instanceof PSObject) return value.get(name)
  if (value instanceof ErrorRecord) return errorRecordProperty(value, lower)
  if (Array.isArray(value)) {
    if (lower === 'count' || lower === 'length') return value.length
    // Member enumeration (PS3): the property of each element that has it.
    return collect(value.flatMap((item) => {
      const v = getMember(item, name)
      return v === null ? [] : Array.isArray(v) ? v : [v]
    }))
  }
  if ((typeof value === 'string' || value instanceof PSSecureString) && lower === 'length') return value.length
  if (lower === 'count') return 1
  if (value instanceof Date) return DATE_PROPERTIES[lower]?.(value) ?? null
  if (value instanceof PSTimeSpan) return timeSpanProperty(value, lower) ?? null
  if (value instanceof PSEnumValue && lower === 'value__') return value.type.names.indexOf(value.name)
  return null
}

/** convertProperty converts a value assigned to a typed Lync property (§4.5). */
function convertProperty(value: unknown, type: ParameterType): unknown {
  switch (type.kind) {
    case 'Enum':
      return toEnum(value, type.enum)
    case 'UInt32':
      return toUInt32(value)
    case 'Boolean':
      return toBoolean(value)
    case 'String':
      return value === null ? null : toPSString(value)
    default:
      return value
  }
}

/** setMember assigns `value.Name = v` (§4.5): hashtables add keys, Lync objects convert and guard read-only properties. */
export function setMember(target: unknown, name: string, value: unknown): void {
  if (target instanceof PSHashtable) return target.set(name, value)
  if (target instanceof PSObject && target.has(name)) {
    const info = target.info(name)
    if (info?.readOnly) throw runtimeError(`'${name}' is a ReadOnly property.`, 'PropertyAssignmentException', 'InvalidOperation')
    try {
      target.set(name, info?.type ? convertProperty(value, info.type as ParameterType) : value)
      return
    } catch (error) {
      if (!(error instanceof ConversionFailure)) throw error
      throw runtimeError(`Exception setting "${name}": "${error.message}"`, 'ExceptionWhenSetting', 'NotSpecified', 'SetValueInvocationException')
    }
  }
  throw runtimeError(`The property '${name}' cannot be found on this object. Verify that the property exists and can be set.`, 'PropertyNotFound', 'InvalidOperation')
}

/** methodNotSupported is the §14 error for a method outside the whitelist. */
function methodNotSupported(target: unknown, name: string): ErrorRecord {
  return notSupportedError(`The method '${name}' of [${dotNetTypeName(target)}] is not supported by csxmpp.`, name)
}

function str(args: readonly unknown[], i: number): string {
  return toPSString(args[i] ?? null)
}

function trimChars(args: readonly unknown[]): string {
  return args.length === 0 ? ' \t\n\r\f\v\u00a0' : args.map(toPSString).join('')
}

function stringMethod(s: string, name: string, args: readonly unknown[]): unknown {
  const chars = trimChars(args)
  const trimStart = (t: string) => {
    let i = 0
    while (i < t.length && chars.includes(t[i]!)) i++
    return t.slice(i)
  }
  const trimEnd = (t: string) => {
    let i = t.length
    while (i > 0 && chars.includes(t[i - 1]!)) i--
    return t.slice(0, i)
  }
  switch (name) {
    case 'toupper':
    case 'toupperinvariant':
      return s.toUpperCase()
    case 'tolower':
    case 'tolowerinvariant':
      return s.toLowerCase()
    case 'trim':
      return trimEnd(trimStart(s))
    case 'trimstart':
      return trimStart(s)
    case 'trimend':
      return trimEnd(s)
    case 'split':
      return splitMethod(s, args)
    case 'replace':
      return s.split(str(args, 0)).join(str(args, 1))
    case 'contains':
      return s.includes(str(args, 0))
    case 'startswith':
      return s.startsWith(str(args, 0))
    case 'endswith':
      return s.endsWith(str(args, 0))
    case 'indexof':
      return s.indexOf(str(args, 0))
    case 'lastindexof':
      return s.lastIndexOf(str(args, 0))
    case 'substring': {
      const start = toNumber(args[0])
      const length = args.length > 1 ? toNumber(args[1]) : s.length - start
      if (start < 0 || start > s.length || length < 0 || start + length > s.length) {
        throw runtimeError('Exception calling "Substring" with "' + args.length + '" argument(s): "Index and length must refer to a location within the string."', 'ArgumentOutOfRangeException', 'NotSpecified', 'MethodInvocationException')
      }
      return s.substr(start, length)
    }
    case 'padleft':
      return s.padStart(toNumber(args[0]), args.length > 1 ? str(args, 1) : ' ')
    case 'padright':
      return s.padEnd(toNumber(args[0]), args.length > 1 ? str(args, 1) : ' ')
    case 'equals':
      return s === str(args, 0)
  }
  return undefined
}

/** String.Split: separator characters (a char array or a string of them) or one string separator, ordinal. */
function splitMethod(s: string, args: readonly unknown[]): string[] {
  const separator = args[0]
  const count = args.length > 1 ? toNumber(args[1]) : Infinity
  const parts: string[] = []
  const separators = Array.isArray(separator) ? separator.map(toPSString) : [...toPSString(separator)]
  let current = ''
  for (let i = 0; i < s.length; i++) {
    const hit = parts.length < count - 1 ? separators.find((sep) => sep !== '' && s.startsWith(sep, i)) : undefined
    if (hit === undefined) {
      current += s[i]
      continue
    }
    parts.push(current)
    current = ''
    i += hit.length - 1
  }
  parts.push(current)
  return parts
}

function hashtableMethod(table: PSHashtable, name: string, args: readonly unknown[]): unknown {
  switch (name) {
    case 'containskey':
    case 'contains':
      return table.has(str(args, 0))
    case 'add':
      if (table.has(str(args, 0))) throw duplicateKey(str(args, 0))
      table.set(str(args, 0), args[1] ?? null)
      return undefined
    case 'remove':
      table.delete(str(args, 0))
      return undefined
    case 'getenumerator':
      return table.entries().map(([k, v]) => new PSObject(['System.Collections.DictionaryEntry']).addProperty('Name', k).addProperty('Key', k).addProperty('Value', v))
    case 'clone': {
      const copy = new PSHashtable()
      for (const [k, v] of table.entries()) copy.set(k, v)
      return copy
    }
  }
  return NOT_FOUND
}

function arrayMethod(list: unknown[], name: string, args: readonly unknown[]): unknown {
  switch (name) {
    case 'contains':
      return list.some((item) => psEquals(item, args[0], true))
    case 'indexof':
      return list.findIndex((item) => psEquals(item, args[0], true))
  }
  if (!(list instanceof PSArrayList)) return NOT_FOUND
  switch (name) {
    case 'add':
      list.push(args[0] ?? null)
      return list.length - 1
    case 'remove': {
      const index = list.findIndex((item) => psEquals(item, args[0], true))
      if (index >= 0) list.splice(index, 1)
      return undefined
    }
    case 'clear':
      list.length = 0
      return undefined
  }
  return NOT_FOUND
}

function dateMethod(date: Date, name: string, args: readonly unknown[]): unknown {
  const add = (ms: number) => new Date(date.getTime() + ms)
  switch (name) {
    case 'adddays':
      return add(toNumber(args[0]) * 86_400_000)
    case 'addhours':
      return add(toNumber(args[0]) * 3_600_000)
    case 'addminutes':
      return add(toNumber(args[0]) * 60_000)
    case 'addseconds':
      return add(toNumber(args[0]) * 1000)
    case 'tostring':
      return args.length > 0 ? formatDateTime(date, str(args, 0)) : toPSString(date)
    case 'touniversaltime':
      return new Date(date.getTime())
  }
  return NOT_FOUND
}

const NOT_FOUND = Symbol('not found')

/** TypeInfo is what `.GetType()` returns: its Name and FullName. */
function typeInfo(value: unknown): PSObject {
  const full = dotNetTypeName(value)
  return new PSObject(['System.RuntimeType']).addProperty('Name', full.slice(full.lastIndexOf('.') + 1)).addProperty('FullName', full)
}

/**
 * callMethod calls a whitelisted method (§4.5). ScriptBlock.Invoke is the interpreter's, given as
 * invoke (then the result is a promise). Returns undefined for void methods.
 */
export function callMethod(
  target: unknown,
  name: string,
  args: readonly unknown[],
  invoke: (block: unknown, args: readonly unknown[]) => Promise<unknown>,
): unknown {
  const lower = name.toLowerCase()
  if (target === null || target === undefined) {
    throw runtimeError('You cannot call a method on a null-valued expression.', 'InvokeMethodOnNull', 'InvalidOperation')
  }
  let result: unknown = NOT_FOUND
  if (typeof target === 'string') result = stringMethod(target, lower, args) ?? (lower === 'split' ? [] : NOT_FOUND)
  else if (target instanceof PSHashtable) result = hashtableMethod(target, lower, args)
  else if (Array.isArray(target)) result = arrayMethod(target, lower, args)
  else if (target instanceof Date) result = dateMethod(target, lower, args)
  else if (isScriptBlock(target) && lower === 'invoke') return invoke(target, args)
  else if (target instanceof PSObject && target.methods?.has(lower)) return target.methods.get(lower)!(args)
  if (result !== NOT_FOUND) return result
  if (lower === 'tostring' && args.length === 0) return toPSString(target)
  if (lower === 'gettype' && args.length === 0) return typeInfo(target)
  throw methodNotSupported(target, name)
}
