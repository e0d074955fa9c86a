import type {BindingResult} from '../../binding/binder.js'
import type {CommandSignature, ParameterDefinition, ParameterType} from '../../binding/parameter.js'
import {bindingError} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {PSObject} from '../../values/objects.js'
import {toRegExp} from '../../values/regex.js'
import type * as A from '../ast.js'
import {type TypeKey, typeKey} from '../types.js'
import {castTo, toNumber} from './convert.js'
import type {Frame} from './frame.js'
import type {Interpreter} from './interpreter.js'
import {parseDateTime} from '../../values/dotnet-format.js'
import path from 'node:path'

/**
 * Functions and scripts with parameters (powershell.md §6 Functions, §1.4): a param block becomes a
 * CommandSignature for the one binder; defaults, type constraints and validation attributes are
 * applied when the function's scope is prepared.
 */

/** FunctionSignature is a function's or script's parameters, ready for binding. */
export interface FunctionSignature {
  readonly signature: CommandSignature
  readonly parameters: readonly A.ParameterAst[]
  /** An advanced function (`[CmdletBinding()]` or a `[Parameter()]`) takes the common parameters (§6). */
  readonly advanced: boolean
}

/** constant reads an attribute argument: literals, `$true`/`$false`/`$null`, and lists of them. */
function constant(e: A.ExpressionAst): unknown {
  if (e.type === 'Constant' || e.type === 'StringConstant') return e.value
  if (e.type === 'Variable') return ({true: true, false: false, null: null} as Record<string, unknown>)[e.name.toLowerCase()] ?? null
  if (e.type === 'ArrayLiteral') return e.elements.map(constant)
  if (e.type === 'Unary' && e.operator === '-') return -Number(constant(e.operand))
  if (e.type === 'Paren' && e.pipeline.type === 'Pipeline' && e.pipeline.elements[0]?.type === 'CommandExpression') return constant(e.pipeline.elements[0].expression)
  return null
}

function attribute(parameter: A.ParameterAst, name: string): A.AttributeAst | undefined {
  return parameter.attributes.find((a): a is A.AttributeAst => a.type === 'Attribute' && a.name.toLowerCase() === name)
}

function named(attr: A.AttributeAst | undefined, key: string): unknown {
  const entry = attr?.named.find(([k]) => k.toLowerCase() === key)
  return entry ? constant(entry[1]) : undefined
}

/** typeOf is a parameter's type constraint, if any. */
export function typeOf(parameter: A.ParameterAst): TypeKey | undefined {
  const constraint = parameter.attributes.find((a): a is A.TypeConstraintAst => a.type === 'TypeConstraint')
  return constraint ? typeKey(constraint.typeName) : undefined
}

const BINDER_TYPES: Partial<Record<TypeKey, ParameterType>> = {
  string: {kind: 'String'},
  int: {kind: 'Int32'},
  uint32: {kind: 'UInt32'},
  bool: {kind: 'Boolean'},
  switch: {kind: 'Switch'},
  'string[]': {kind: 'StringArray'},
  scriptblock: {kind: 'ScriptBlock'},
}

function definition(parameter: A.ParameterAst, position: number | undefined): ParameterDefinition {
  const attr = attribute(parameter, 'parameter')
  const aliases = attribute(parameter, 'alias')?.positional.flatMap((e) => [constant(e)].flat().map(toPSString)) ?? []
  const type = BINDER_TYPES[typeOf(parameter) ?? 'object'] ?? {kind: 'PSObject'}
  return {
    name: parameter.name,
    type,
    aliases,
    sets: {'*': {mandatory: named(attr, 'mandatory') === true, position}},
    description: toPSString(named(attr, 'helpmessage') ?? ''),
  }
}

/**
 * positionsOf says which parameters are positional (§6, PS's Compiler.GetParameterMetaData): a switch
 * never is; without any `Position=` or `ParameterSetName`, and unless `PositionalBinding=$false`, the
 * others are, in declaration order; otherwise only those with `Position=`, in the order of their positions.
 */
function positionsOf(parameters: readonly A.ParameterAst[], cmdletBinding: A.AttributeAst | undefined): Array<number | undefined> {
  const explicit = parameters.map((p) => named(attribute(p, 'parameter'), 'position'))
  const setNamed = parameters.some((p) => named(attribute(p, 'parameter'), 'parametersetname') !== undefined)
  const switches = parameters.map((p) => typeOf(p) === 'switch')
  if (explicit.some((e) => e !== undefined) || setNamed || named(cmdletBinding, 'positionalbinding') === false) {
    return explicit.map((e, i) => (e === undefined || switches[i] ? undefined : Number(e)))
  }
  let position = 0
  return switches.map((isSwitch) => (isSwitch ? undefined : position++))
}

/** functionSignature builds the signature of a function or script from its parameters. */
export function functionSignature(name: string, block: A.ParamBlockAst | undefined): FunctionSignature {
  const parameters = block?.parameters ?? []
  const cmdletBinding = block?.attributes.find((a) => a.name.toLowerCase() === 'cmdletbinding')
  const advanced = cmdletBinding !== undefined || parameters.some((p) => attribute(p, 'parameter'))
  const positions = positionsOf(parameters, cmdletBinding)
  const remaining = parameters.find((p) => named(attribute(p, 'parameter'), 'valuefromremainingarguments') === true)
  const signature: CommandSignature = {
    name,
    parameters: parameters.map((p, i) => definition(p, positions[i])),
    parameterSets: ['*'],
    defaultParameterSet: '*',
    remainingArguments: remaining?.name,
    simpleFunction: !advanced,
    supportsShouldProcess: named(cmdletBinding, 'supportsshouldprocess') === true,
  }
  return {signature, parameters, advanced}
}

function validationError(command: string, parameter: string, detail: string) {
  return bindingError(command, 'ParameterArgumentValidationError', `Cannot validate argument on parameter '${parameter}'. ${detail}`, 'InvalidData', 'ParameterBindingValidationException')
}

/** validate applies ValidateSet, ValidateNotNullOrEmpty, ValidateRange and ValidatePattern (§6). */
function validate(command: string, parameter: A.ParameterAst, value: unknown): void {
  const set = attribute(parameter, 'validateset')
  if (set) {
    const allowed = set.positional.flatMap((e) => [constant(e)].flat().map(toPSString))
    const text = toPSString(value)
    if (!allowed.some((a) => a.toLowerCase() === text.toLowerCase())) {
      throw validationError(command, parameter.name, `The argument "${text}" does not belong to the set "${allowed.join(',')}" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.`)
    }
  }
  if (attribute(parameter, 'validatenotnullorempty') && (value === null || value === '' || (Array.isArray(value) && value.length === 0))) {
    throw validationError(command, parameter.name, 'The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.')
  }
  const range = attribute(parameter, 'validaterange')
  if (range) {
    const [min, max] = range.positional.map((e) => toNumber(constant(e)))
    const n = toNumber(value)
    if (n < min!) throw validationError(command, parameter.name, `The ${toPSString(value)} argument is less than the minimum allowed range of ${min}. Supply an argument that is greater than or equal to ${min} and then try the command again.`)
    if (n > max!) throw validationError(command, parameter.name, `The ${toPSString(value)} argument is greater than the maximum allowed range of ${max}. Supply an argument that is less than or equal to ${max} and then try the command again.`)
  }
  const pattern = attribute(parameter, 'validatepattern')
  if (pattern) {
    const source = toPSString(constant(pattern.positional[0]!))
    if (!toRegExp(source, {caseSensitive: false}).test(toPSString(value))) {
      throw validationError(command, parameter.name, `The argument "${toPSString(value)}" does not match the "${source}" pattern. Supply an argument that matches "${source}" and try the command again.`)
    }
  }
}

/**
 * prepareFunctionScope defines a call's parameters in its scope: bound values converted to their
 * type and validated, then defaults evaluated in order (they may use earlier parameters), `$args`,
 * and for a script file `$PSScriptRoot`, `$PSCommandPath` and `$MyInvocation` (§4.4).
 */
export async function prepareFunctionScope(
  interp: Interpreter,
  fn: FunctionSignature,
  binding: BindingResult,
  frame: Frame,
  scriptFile: string | undefined,
): Promise<void> {
  const scope = frame.scope
  const command = fn.signature.name
  for (const parameter of fn.parameters) {
    const type = typeOf(parameter)
    let value: unknown
    if (binding.values.has(parameter.name)) {
      value = binding.values.get(parameter.name)
      if (type && !BINDER_TYPES[type]) value = castTo(value, type, {parseDate: parseDateTime})
      validate(command, parameter, value)
    } else if (parameter.defaultValue) value = await interp.evaluate(parameter.defaultValue, frame)
    else value = type === 'switch' ? false : null
    scope.define({name: parameter.name, value, constraint: type === 'switch' ? undefined : type})
  }
  scope.define({name: 'args', value: [...(binding.leftOvers ?? [])]})
  if (fn.advanced) applyCommonParameters(binding, frame)
  if (scriptFile !== undefined) {
    scope.define({name: 'PSScriptRoot', value: path.dirname(scriptFile)})
    scope.define({name: 'PSCommandPath', value: scriptFile})
    scope.define({name: 'MyInvocation', value: myInvocation(path.basename(scriptFile), scriptFile)})
  }
}

/** myInvocation is the part of `$MyInvocation` scripts use (§4.4). */
function myInvocation(name: string, file: string): PSObject {
  const command = new PSObject(['System.Management.Automation.ExternalScriptInfo']).addProperty('Name', name).addProperty('Path', file).addProperty('Definition', file)
  return new PSObject(['System.Management.Automation.InvocationInfo'])
    .addProperty('MyCommand', command)
    .addProperty('ScriptName', file)
    .addProperty('InvocationName', file)
}

/** A [CmdletBinding()] function turns -Verbose, -ErrorAction and -WarningAction into its preference variables (§6). */
function applyCommonParameters(binding: BindingResult, frame: Frame): void {
  const set = (name: string, value: unknown) => frame.scope.define({name, value})
  if (binding.values.get('Verbose') === true) set('VerbosePreference', 'Continue')
  const errorAction = binding.values.get('ErrorAction')
  if (errorAction !== undefined) set('ErrorActionPreference', toPSString(errorAction))
  const warningAction = binding.values.get('WarningAction')
  if (warningAction !== undefined) set('WarningPreference', toPSString(warningAction))
  if (binding.values.has('WhatIf')) set('WhatIfPreference', binding.values.get('WhatIf'))
  // -Confirm asks for every change; -Confirm:$false for none (about_Preference_Variables).
  if (binding.values.has('Confirm')) set('ConfirmPreference', binding.values.get('Confirm') === true ? 'Low' : 'None')
}
