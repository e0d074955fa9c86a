import {ConversionFailure, toEnum} from '../../binding/convert.js'
import type {ErrorRecord} from '../../errors.js'
import {CONSOLE_COLOR} from '../../values/console-color.js'
import {isCredential} from '../../values/credential.js'
import {PSSecureString} from '../../values/secure-string.js'
import {dotNetTypeName, parseNumber, roundHalfToEven, toPSString} from '../../values/convert.js'
import {PSEnumValue, PSHashtable, PSObject, PSTimeSpan, isScriptBlock} from '../../values/objects.js'
import {runtimeError} from '../../values/runtime-errors.js'
import type {TypeKey} from '../types.js'

/**
 * The language's conversions (powershell.md §4.2): to Boolean for conditions, to numbers for
 * arithmetic, and the casts of the whitelisted type literals (§4.6).
 */

/** PSCUSTOMOBJECT_TYPES are the type names of `[pscustomobject]@{…}` and friends. */
export const PSCUSTOMOBJECT_TYPES = ['System.Management.Automation.PSCustomObject', 'System.Object'] as const

/** toBoolean is PowerShell's truth of a value (§4.2). */
export function toBoolean(value: unknown): boolean {
  if (value === null || value === undefined) return false
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0
  if (typeof value === 'string') return value.length > 0
  if (Array.isArray(value)) return value.length === 0 ? false : value.length === 1 ? toBoolean(value[0]) : true
  return true
}

/** conversionError is `Cannot convert value "x" to type "T". Error: "…"` (§4.2). */
export function conversionError(value: unknown, typeName: string, detail: string): ErrorRecord {
  return runtimeError(
    `Cannot convert value "${toPSString(value)}" to type "${typeName}". Error: "${detail}"`,
    'InvalidCastFromStringToInteger',
    'InvalidArgument',
    'PSInvalidCastException',
  )
}

/** toNumber converts an operand of arithmetic: strings are parsed, null is 0, Booleans 0/1. */
export function toNumber(value: unknown, typeName = 'System.Int32'): number {
  if (typeof value === 'number') return value
  if (value === null || value === undefined) return 0
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string') {
    const n = parseNumber(value)
    if (Number.isNaN(n)) throw conversionError(value, typeName, 'Input string was not in a correct format.')
    return n
  }
  if (value instanceof PSEnumValue) return value.type.names.indexOf(value.name)
  if (Array.isArray(value) && value.length === 1) return toNumber(value[0], typeName)
  throw runtimeError(
    `Cannot convert the "${toPSString(value)}" value of type "${dotNetTypeName(value)}" to type "${typeName}".`,
    'ConvertToFinalInvalidCastException',
    'InvalidArgument',
    'PSInvalidCastException',
  )
}

/** toInteger converts to an integer type with .NET's rounding and range check. */
function toInteger(value: unknown, typeName: string, min: number, max: number): number {
  const n = roundHalfToEven(toNumber(value, typeName))
  if (n < min || n > max) {
    throw conversionError(value, typeName, `Value was either too large or too small for ${typeName === 'System.UInt32' ? 'a UInt32' : `an ${typeName.slice(7)}`}.`)
  }
  return n
}

/** ConvertOptions carries what a cast needs from outside the language: Lync enum types and dates. */
export interface ConvertOptions {
  readonly parseDate: (text: string) => Date | undefined
}

/** castTo converts a value to a whitelisted type (§4.6); `ordered` and `psobject` keep the value. */
export function castTo(value: unknown, type: TypeKey, options: ConvertOptions): unknown {
  switch (type) {
    case 'string':
      return value === null ? '' : Array.isArray(value) ? value.map(toPSString).join(' ') : toPSString(value)
    case 'int':
      return toInteger(value, 'System.Int32', -2147483648, 2147483647)
    case 'long':
      return toInteger(value, 'System.Int64', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
    case 'uint32':
      return toInteger(value, 'System.UInt32', 0, 4294967295)
    case 'double':
      return toNumber(value, 'System.Double')
    case 'bool':
    case 'switch':
      return toBoolean(value)
    case 'char':
      return toPSString(value).slice(0, 1)
    case 'datetime':
      return toDate(value, options)
    case 'timespan':
      return value instanceof PSTimeSpan ? value : new PSTimeSpan(toNumber(value, 'System.TimeSpan'))
    case 'array':
    case 'object[]':
      return Array.isArray(value) ? [...value] : value === null ? [] : [value]
    case 'string[]':
      return (Array.isArray(value) ? value : value === null ? [] : [value]).map((v) => castTo(v, 'string', options))
    case 'int[]':
      return (Array.isArray(value) ? value : value === null ? [] : [value]).map((v) => castTo(v, 'int', options))
    case 'hashtable':
      if (value instanceof PSHashtable) return value
      throw invalidCast(value, 'System.Collections.Hashtable')
    case 'pscustomobject':
      return value instanceof PSHashtable ? customObject(value) : value
    case 'scriptblock':
      if (isScriptBlock(value)) return value
      throw invalidCast(value, 'System.Management.Automation.ScriptBlock')
    case 'void':
      return undefined
    case 'consolecolor':
      return toConsoleColor(value)
    case 'pscredential':
      if (value === null || isCredential(value)) return value
      throw invalidCast(value, 'System.Management.Automation.PSCredential')
    case 'securestring':
      if (value === null || value instanceof PSSecureString) return value
      throw invalidCast(value, 'System.Security.SecureString')
    default:
      return value
  }
}

/** toConsoleColor is `[ConsoleColor]x`: a colour name in any case or an integer 0–15 (§4.1, §7.3). */
export function toConsoleColor(value: unknown): PSEnumValue {
  try {
    return toEnum(value, CONSOLE_COLOR)
  } catch (error) {
    if (!(error instanceof ConversionFailure)) throw error
    throw runtimeError(error.message, 'InvalidCastFromStringToInteger', 'InvalidArgument', 'PSInvalidCastException')
  }
}

function toDate(value: unknown, options: ConvertOptions): Date {
  if (value instanceof Date) return value
  const date = typeof value === 'string' ? options.parseDate(value) : undefined
  if (!date) throw conversionError(value, 'System.DateTime', 'String was not recognized as a valid DateTime.')
  return date
}

function invalidCast(value: unknown, typeName: string): ErrorRecord {
  return runtimeError(
    `Cannot convert the "${toPSString(value)}" value of type "${dotNetTypeName(value)}" to type "${typeName}".`,
    'ConvertToFinalInvalidCastException',
    'InvalidArgument',
    'PSInvalidCastException',
  )
}

/** customObject is `[pscustomobject]@{…}`: the hashtable's entries as ordered properties. */
export function customObject(table: PSHashtable): PSObject {
  const object = new PSObject(PSCUSTOMOBJECT_TYPES)
  for (const [key, value] of table.entries()) object.addProperty(key, value)
  return object
}

/** isOfType implements `-is` for the whitelisted types. */
export function isOfType(value: unknown, type: TypeKey): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string'
    case 'int':
      return typeof value === 'number' && dotNetTypeName(value) === 'System.Int32'
    case 'long':
      return typeof value === 'number' && dotNetTypeName(value) === 'System.Int64'
    case 'double':
      return typeof value === 'number' && !Number.isInteger(value)
    case 'uint32':
      return false
    case 'bool':
      return typeof value === 'boolean'
    case 'datetime':
      return value instanceof Date
    case 'timespan':
      return value instanceof PSTimeSpan
    case 'array':
    case 'object[]':
      return Array.isArray(value)
    case 'hashtable':
    case 'ordered':
      return value instanceof PSHashtable
    case 'pscustomobject':
    case 'psobject':
      return value instanceof PSObject
    case 'scriptblock':
      return isScriptBlock(value)
    case 'object':
      return value !== null && value !== undefined
    case 'pscredential':
      return isCredential(value)
    case 'securestring':
      return value instanceof PSSecureString
    case 'consolecolor':
      return value instanceof PSEnumValue && value.type.fullName === CONSOLE_COLOR.fullName
    default:
      return false
  }
}
