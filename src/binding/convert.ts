import {ErrorRecord, bindingError} from '../errors.js'
import {dotNetTypeName, parseNumber, roundHalfToEven, toPSString} from '../values/convert.js'
import {PSEnumValue, PSHashtable, PSObject, isScriptBlock} from '../values/objects.js'
import type {PSEnumType} from '../values/objects.js'
import type {ParameterDefinition} from './parameter.js'
import {typeFullName} from './parameter.js'

/**
 * Converts a bound argument to its parameter's type and checks the validation attributes
 * (powershell.md §7.3, cmdlets.md A6.1). Every failure is a binding error with PowerShell's text.
 */

/** ListModifier is a PSListModifier: Replace, then Remove, then Add (powershell.md §7.6). */
export interface ListModifier {
  replace?: string[]
  add: string[]
  remove: string[]
}

/** ConversionFailure is a conversion error before it is tied to a parameter. */
export class ConversionFailure extends Error {}

function cannotConvert(value: unknown, typeName: string, detail: string): ConversionFailure {
  return new ConversionFailure(`Cannot convert value "${toPSString(value)}" to type "${typeName}". Error: "${detail}"`)
}

/** toUInt32 converts a value to System.UInt32 as PowerShell does, or throws ConversionFailure. */
export function toUInt32(value: unknown, typeName = 'System.UInt32', min = 0, max = 4294967295): number {
  let n: number
  if (typeof value === 'number') n = value
  else if (typeof value === 'boolean') n = value ? 1 : 0
  else if (value === null) n = 0
  else if (typeof value === 'string') n = parseNumber(value)
  else n = Number.NaN
  if (Number.isNaN(n)) throw cannotConvert(value, typeName, 'Input string was not in a correct format.')
  n = roundHalfToEven(n)
  if (n < min || n > max) {
    const short = typeName.replace('System.', '')
    throw cannotConvert(value, typeName, `Value was either too large or too small for a ${short}.`)
  }
  return n
}

/**
 * toEnum converts a string naming an enum value (any case) to that value; numbers only for an enum
 * whose numbers are documented (System.ConsoleColor, §7.3).
 */
export function toEnum(value: unknown, type: PSEnumType): PSEnumValue {
  if (value instanceof PSEnumValue && value.type === type) return value
  const text = toPSString(value)
  const index = type.numbered && (typeof value === 'number' || /^\s*\d+\s*$/.test(text)) ? Number(text) : Number.NaN
  if (Number.isInteger(index) && index >= 0 && index < type.names.length) return new PSEnumValue(type, type.names[index]!)
  const name = type.names.find((n) => n.toLowerCase() === text.trim().toLowerCase())
  // A deserialized enum (Import-Clixml, §12.3) has its own type object of the same full name.
  const sameEnum = value instanceof PSEnumValue && value.type.fullName === type.fullName
  if ((typeof value === 'string' || sameEnum) && name) return new PSEnumValue(type, name)
  throw cannotConvert(
    value,
    type.fullName,
    `Unable to match the identifier name ${text} to a valid enumerator name. Specify one of the following enumerator names and try again: ${type.names.join(', ')}`,
  )
}

function asStrings(value: unknown): string[] {
  if (value === null) return []
  if (Array.isArray(value)) return value.map(toPSString)
  return [toPSString(value)]
}

/** toListModifier converts a string, array, $null or Add/Remove/Replace hashtable (§7.6). */
function toListModifier(value: unknown, parameter: string, command: string): ListModifier {
  if (!(value instanceof PSHashtable)) return {replace: asStrings(value), add: [], remove: []}
  const modifier: ListModifier = {add: [], remove: []}
  for (const [key, item] of value.entries()) {
    const k = key.toLowerCase()
    if (k === 'add') modifier.add = asStrings(item)
    else if (k === 'remove') modifier.remove = asStrings(item)
    else if (k === 'replace') modifier.replace = asStrings(item)
    else {
      throw bindingError(
        command,
        'InvalidListModifierKey',
        `Cannot bind parameter '${parameter}'. The hash table key '${key}' is not valid for a list modifier; use Add, Remove or Replace.`,
      )
    }
  }
  if (modifier.replace && (value.has('add') || value.has('remove'))) {
    throw bindingError(command, 'InvalidListModifierKey', `Cannot bind parameter '${parameter}'. Replace cannot be combined with Add or Remove.`)
  }
  return modifier
}

/** toSingleString applies the String rule: scalars, a one-element array; 2+ elements fail. */
function toSingleString(value: unknown, parameter: ParameterDefinition, command: string): string | null {
  if (Array.isArray(value) && value.length === 1) return toSingleString(value[0], parameter, command)
  if (Array.isArray(value)) {
    throw bindingError(
      command,
      'CannotConvertArgument',
      `Cannot convert '${dotNetTypeName(value)}' to the type '${typeFullName(parameter.type)}' required by parameter '${parameter.name}'. Specified method is not supported.`,
    )
  }
  if (value === null) return null
  if (value instanceof PSObject && parameter.type.kind === 'Identity') {
    const types = parameter.type.objectTypes
    if (types.some((t) => value.isA(t))) return toPSString(value.get(parameter.type.objectProperty ?? 'Identity'))
  }
  return toPSString(value)
}

function booleanFailure(value: unknown, parameter: ParameterDefinition, command: string): ErrorRecord {
  return bindingError(
    command,
    'ParameterArgumentTransformationError',
    `Cannot process argument transformation on parameter '${parameter.name}'. Cannot convert value "${dotNetTypeName(value)}" ` +
      `to type "${typeFullName(parameter.type)}". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`,
    'InvalidData',
    'ParameterBindingArgumentTransformationException',
  )
}

/** convertArgument converts one bound value to the parameter's type, then validates it. */
export function convertArgument(value: unknown, parameter: ParameterDefinition, command: string): unknown {
  const type = parameter.type
  if (isScriptBlock(value) && type.kind === 'WildcardFilter') {
    throw bindingError(
      command,
      'ScriptBlockFilterNotSupported',
      `Cannot bind parameter '${parameter.name}'. The -Filter of this cmdlet is a wildcard string matched against Identity ` +
        '(for example -Filter "*.org"); script block filters are only accepted by Get-CsUser.',
    )
  }
  try {
    const converted = convertByKind(value, parameter, command)
    validate(converted, parameter, command)
    return converted
  } catch (error) {
    if (!(error instanceof ConversionFailure)) throw error
    throw bindingError(command, 'CannotConvertArgumentNoMessage', `Cannot bind parameter '${parameter.name}'. ${error.message}`)
  }
}

function convertByKind(value: unknown, parameter: ParameterDefinition, command: string): unknown {
  const type = parameter.type
  // A Nullable<T> parameter keeps $null, which unsets the value (cmdlets.md A11.1 DnsSrvCacheRecordCount).
  if (value === null && parameter.nullable) return null
  switch (type.kind) {
    case 'Boolean':
    case 'Switch':
      if (typeof value === 'boolean') return value
      if (typeof value === 'number') return value !== 0
      throw booleanFailure(value, parameter, command)
    case 'UInt32':
      return toUInt32(value)
    case 'Int32':
      return toUInt32(value, 'System.Int32', -2147483648, 2147483647)
    case 'Enum':
      return toEnum(value, type.enum)
    case 'ListModifier':
      return toListModifier(value, parameter.name, command)
    case 'StringArray':
      return asStrings(value)
    case 'ScriptBlock':
      if (isScriptBlock(value)) return value
      throw bindingError(
        command,
        'CannotConvertArgumentNoMessage',
        `Cannot bind parameter '${parameter.name}'. Cannot convert the "${toPSString(value)}" value of type "${dotNetTypeName(value)}" to type "System.Management.Automation.ScriptBlock".`,
      )
    case 'PSObject':
      return value
    case 'FilterBlock':
      return isScriptBlock(value) ? value.text : toSingleString(value, parameter, command)
    case 'String':
    case 'WildcardFilter':
    case 'Identity':
      return toSingleString(value, parameter, command)
  }
}

function validationError(command: string, message: string): ErrorRecord {
  return bindingError(command, 'ParameterArgumentValidationError', message, 'InvalidData', 'ParameterBindingValidationException')
}

/** validate applies ValidateRange and ValidateLength with PowerShell's texts (cmdlets.md A6.1). */
function validate(value: unknown, parameter: ParameterDefinition, command: string): void {
  const prefix = `Cannot validate argument on parameter '${parameter.name}'.`
  if (parameter.range && typeof value === 'number') {
    const [min, max] = parameter.range
    if (value < min) {
      throw validationError(
        command,
        `${prefix} The ${value} argument is less than the minimum allowed range of ${min}. Supply an argument that is greater than or equal to ${min} and then try the command again.`,
      )
    }
    if (value > max) {
      throw validationError(
        command,
        `${prefix} The ${value} argument is greater than the maximum allowed range of ${max}. Supply an argument that is less than or equal to ${max} and then try the command again.`,
      )
    }
  }
  if (parameter.length && typeof value === 'string' && value !== '' && !parameter.lengthExempt?.includes(value)) {
    const [min, max] = parameter.length
    if (value.length < min) {
      throw validationError(
        command,
        `${prefix} The character length (${value.length}) of the argument is too short. Specify an argument with a length that is greater than or equal to "${min}", and then try the command again.`,
      )
    }
    if (value.length > max) {
      throw validationError(
        command,
        `${prefix} The character length of the ${value.length} argument is too long. Shorten the character length of the argument so it is fewer than or equal to "${max}" characters, and then try the command again.`,
      )
    }
  }
}
