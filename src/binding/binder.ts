import {ErrorRecord, bindingError} from '../errors.js'
import {toPSString} from '../values/convert.js'
import {MISSING, readArgvValue} from './argv-value.js'
import {argumentTexts} from './left-overs.js'
import {COMMON_PARAMETERS, SHOULD_PROCESS_PARAMETERS, UNSUPPORTED_COMMON_PARAMETERS} from './common-parameters.js'
import {convertArgument} from './convert.js'
import {type CommandSignature, type ParameterDefinition, membershipIn, typeFullName} from './parameter.js'

/**
 * The parameter binder (powershell.md §7.2). One binder serves argv mode, scripts and -File
 * arguments; only the way an argument becomes a value differs (ArgumentValue).
 */

/** ArgumentValue is an argument before conversion: an argv element still to be read, or a value. */
export type ArgumentValue = {readonly kind: 'argv'; readonly raw: string} | {readonly kind: 'value'; readonly value: unknown}

/** CommandArgument is one element of a command invocation, in order. */
export type CommandArgument =
  | {
      readonly kind: 'parameter'
      /** The name as typed, without the dash and without `:value`. */
      readonly name: string
      /** The value attached with `-Name:value`, if any. */
      readonly attached?: ArgumentValue
      /** The extent of the token in script text, for error positions (the interpreter's business). */
      readonly extent?: unknown
      /** The extent of the value attached with `-Name:value`. */
      readonly attachedExtent?: unknown
    }
  | {readonly kind: 'value'; readonly value: ArgumentValue; readonly extent?: unknown}

/** BindingResult holds the converted values of the parameters bound from the command line. */
export interface BindingResult {
  /** Canonical parameter name → converted value. */
  readonly values: Map<string, unknown>
  /** The parameter sets still possible, in definition order; the first is the one chosen. */
  readonly parameterSets: string[]
  /** A simple function's arguments left over, in source order: its `$args` (§6). */
  readonly leftOvers?: readonly unknown[]
}

const ALL_PARAMETERS = new WeakMap<CommandSignature, ParameterDefinition[]>()
/** Exact names and aliases (lower case) of each signature's parameters. */
const BY_NAME = new WeakMap<CommandSignature, Map<string, ParameterDefinition>>()

/** allParameters lists a command's own parameters followed by the common ones (a simple function has none, §6). */
export function allParameters(signature: CommandSignature): ParameterDefinition[] {
  let all = ALL_PARAMETERS.get(signature)
  if (!all) {
    const common = signature.simpleFunction ? [] : COMMON_PARAMETERS
    all = [...signature.parameters, ...common, ...(signature.supportsShouldProcess ? SHOULD_PROCESS_PARAMETERS : [])]
    ALL_PARAMETERS.set(signature, all)
  }
  return all
}

function byName(signature: CommandSignature): Map<string, ParameterDefinition> {
  let map = BY_NAME.get(signature)
  if (!map) {
    map = new Map()
    for (const p of [...allParameters(signature)].reverse()) for (const n of [p.name, ...(p.aliases ?? [])]) map.set(n.toLowerCase(), p)
    BY_NAME.set(signature, map)
  }
  return map
}

/** missingArgument is MissingArgument, with the bash hint for Boolean and switch parameters (§1.2). */
function missingArgument(command: string, parameter: ParameterDefinition, argv: boolean): ErrorRecord {
  let message = `Missing an argument for parameter '${parameter.name}'. Specify a parameter of type '${typeFullName(parameter.type)}' and try again.`
  if (argv && parameter.type.kind === 'Boolean') {
    message += ` In bash, quote PowerShell values: -${parameter.name} '$true' or -${parameter.name}:'$false'.`
  } else if (argv && parameter.type.kind === 'Switch') {
    message += ` In bash, quote PowerShell values: -${parameter.name} or -${parameter.name}:'$false'.`
  }
  return bindingError(command, 'MissingArgument', message)
}

/** resolveParameter finds a parameter by exact name or alias, then by unique prefix (§7.2 step 2). */
export function resolveParameter(signature: CommandSignature, typed: string): ParameterDefinition {
  const parameter = findParameter(signature, typed)
  if (!parameter) throw namedParameterNotFound(signature.name, typed)
  return parameter
}

function namedParameterNotFound(command: string, typed: string): ErrorRecord {
  return bindingError(command, 'NamedParameterNotFound', `A parameter cannot be found that matches parameter name '${typed}'.`)
}

/** findParameter is resolveParameter that leaves a name matching nothing to the remaining arguments (§7.2 step 4). */
function findParameter(signature: CommandSignature, typed: string): ParameterDefinition | undefined {
  const command = signature.name
  const name = typed.toLowerCase()
  const exact = byName(signature).get(name)
  if (exact) return exact
  const parameters = allParameters(signature)
  const unsupported = [...(signature.unsupportedParameters ?? []), ...(signature.simpleFunction ? [] : UNSUPPORTED_COMMON_PARAMETERS)]
  const exactUnsupported = unsupported.find((u) => u.toLowerCase() === name)
  const candidates = [
    ...parameters.filter((p) => [p.name, ...(p.aliases ?? [])].some((n) => n.toLowerCase().startsWith(name))).map((p) => p.name),
    ...unsupported.filter((u) => u.toLowerCase().startsWith(name)),
  ]
  const match = exactUnsupported ?? (candidates.length === 1 ? candidates[0] : undefined)
  if (match !== undefined) {
    const parameter = parameters.find((p) => p.name === match)
    if (parameter) return parameter
    throw notSupported(command, match)
  }
  if (candidates.length === 0) {
    const documented = documentedParameter(signature, name)
    if (documented !== undefined) throw notSupported(command, documented)
    return undefined
  }
  const list = [...candidates].sort((a, b) => a.localeCompare(b, 'en')).map((c) => `-${c}`)
  throw bindingError(
    command,
    'AmbiguousParameter',
    `Parameter cannot be processed because the parameter name '${typed}' is ambiguous. Possible matches include: ${list.join(' ')}.`,
  )
}

/** documentedParameter finds a parameter the real cmdlet has and csxmpp does not implement: the name, or its one prefix match. */
function documentedParameter(signature: CommandSignature, lower: string): string | undefined {
  const documented = signature.documentedParameters?.() ?? []
  const exact = documented.find((d) => d.toLowerCase() === lower)
  const prefixed = documented.filter((d) => d.toLowerCase().startsWith(lower))
  return exact ?? (prefixed.length === 1 ? prefixed[0] : undefined)
}

function notSupported(command: string, parameter: string): ErrorRecord {
  return bindingError(
    command,
    'NotSupportedByCsxmpp',
    `The parameter -${parameter} of ${command} is not supported by csxmpp.`,
    'NotImplemented',
    'NotSupportedException',
  )
}

/** readValue reads an ArgumentValue for a parameter; MISSING when an argv element counts as none. */
function readValue(argument: ArgumentValue, parameter: ParameterDefinition, command: string): unknown {
  return argument.kind === 'argv' ? readArgvValue(argument.raw, parameter, command) : argument.value
}

/**
 * bindArguments binds a command line (§7.2 steps 1–7). Pipeline input is bound later, per object.
 * Errors are thrown as statement-terminating binding ErrorRecords.
 */
export function bindArguments(
  signature: CommandSignature,
  args: readonly CommandArgument[],
  options: {readonly argv?: boolean} = {},
): BindingResult {
  const command = signature.name
  const argv = options.argv ?? false
  const named: Named = new Map()
  /** The positional arguments and the parameter tokens that matched nothing, in source order. */
  const unbound: CommandArgument[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const parameter = arg.kind === 'value' ? undefined : at(arg.extent, () => findParameter(signature, arg.name))
    if (arg.kind === 'value' || !parameter) {
      unbound.push(arg)
      continue
    }
    if (named.has(parameter.name)) {
      throw withExtent(arg.extent, bindingError(
        command,
        'ParameterAlreadyBound',
        `Cannot bind parameter because parameter '${parameter.name}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`,
      ))
    }
    let value: unknown
    let extent = arg.extent
    if (arg.attached) {
      // COMPAT(bash): `-X:$false` arrives as `-X:`; an empty attached value is an error, never "true" (§1.2).
      const attached = arg.attached
      value = attached.kind === 'argv' && attached.raw === '' ? MISSING : at(extent, () => readValue(attached, parameter, command))
      extent = arg.attachedExtent ?? extent
    } else if (parameter.type.kind === 'Switch') {
      value = true
    } else {
      const next = args[i + 1]
      if (!next || next.kind !== 'value') throw withExtent(arg.extent, missingArgument(command, parameter, argv))
      value = at(next.extent, () => readValue(next.value, parameter, command))
      extent = next.extent
      i++
    }
    if (value === MISSING) throw withExtent(arg.extent, missingArgument(command, parameter, argv))
    named.set(parameter.name, {parameter, value, extent})
  }
  const sets = candidateSets(signature, [...named.keys()])
  const leftOvers = bindRemaining(signature, named, bindPositional(signature, sets, named, unbound, argv))
  const finalSets = candidateSets(signature, [...named.keys()])
  const values = new Map<string, unknown>()
  for (const {parameter, value, extent} of named.values()) values.set(parameter.name, at(extent, () => convertArgument(value, parameter, command)))
  return {values, parameterSets: finalSets, leftOvers}
}

type Named = Map<string, {parameter: ParameterDefinition; value: unknown; extent?: unknown}>

/** withExtent records which argument a binding error is about, for its position lines (§11.1). */
function withExtent(extent: unknown, record: ErrorRecord): ErrorRecord {
  if (record.argumentExtent === undefined) record.argumentExtent = extent
  return record
}

/** at runs one binding step and ties its error to the argument's extent. */
function at<T>(extent: unknown, step: () => T): T {
  try {
    return step()
  } catch (error) {
    if (error instanceof ErrorRecord) withExtent(extent, error)
    throw error
  }
}

/**
 * bindPositional fills the positional parameters in position order (§7.2 step 4), skipping those bound
 * by name and the one that takes the remaining arguments; it returns what is left over, in source order.
 */
function bindPositional(
  signature: CommandSignature,
  sets: string[],
  named: Named,
  unbound: readonly CommandArgument[],
  argv: boolean,
): CommandArgument[] {
  const command = signature.name
  const slots = signature.parameters
    .filter((p) => !named.has(p.name) && p.name !== signature.remainingArguments)
    .map((p) => ({p, position: Math.min(...sets.map((s) => membershipIn(p, s)?.position ?? Infinity))}))
    .filter((s) => Number.isFinite(s.position))
    .sort((a, b) => a.position - b.position)
  const leftOver: CommandArgument[] = []
  for (const arg of unbound) {
    const slot = arg.kind === 'value' ? slots.shift() : undefined
    if (arg.kind !== 'value' || !slot) {
      leftOver.push(arg)
      continue
    }
    const value = at(arg.extent, () => readValue(arg.value, slot.p, command))
    if (value === MISSING) throw withExtent(arg.extent, missingArgument(command, slot.p, argv))
    named.set(slot.p.name, {parameter: slot.p, value, extent: arg.extent})
  }
  return leftOver
}

/**
 * bindRemaining gives what is left over to the ValueFromRemainingArguments parameter unless it was
 * bound by name, or returns it as a simple function's `$args` (§6, §7.2 step 4); otherwise the first
 * left over is an error: NamedParameterNotFound for a parameter token, PositionalParameterNotFound for
 * a value (its extent is the whole command, §11.1).
 */
function bindRemaining(signature: CommandSignature, named: Named, leftOver: readonly CommandArgument[]): unknown[] {
  if (leftOver.length === 0) return []
  const command = signature.name
  const parameter = signature.parameters.find((p) => p.name === signature.remainingArguments)
  if (parameter && !named.has(parameter.name)) {
    const values = leftOver.flatMap((arg) => argumentTexts(arg, (value) => readValue(value, parameter, command)))
    // A single collection left over is passed as that collection (PS's HandleRemainingArguments).
    const value = values.length === 1 && Array.isArray(values[0]) ? values[0] : values
    named.set(parameter.name, {parameter, value, extent: leftOver[0]!.extent})
    return []
  }
  if (signature.simpleFunction) return leftOver.flatMap((arg) => argumentTexts(arg, (value) => (value.kind === 'argv' ? value.raw : value.value)))
  const first = leftOver[0]!
  if (first.kind === 'parameter') throw withExtent(first.extent, namedParameterNotFound(command, first.name))
  const text = first.value.kind === 'argv' ? first.value.raw : toPSString(first.value.value)
  throw bindingError(command, 'PositionalParameterNotFound', `A positional parameter cannot be found that accepts argument '${text}'.`)
}

/** candidateSets lists the parameter sets containing every bound parameter, default set first (§7.2 step 5). */
const OWN = new WeakMap<CommandSignature, Map<string, ParameterDefinition>>()

export function candidateSets(signature: CommandSignature, bound: readonly string[]): string[] {
  let own = OWN.get(signature)
  if (!own) OWN.set(signature, (own = new Map(signature.parameters.map((p) => [p.name, p]))))
  const sets = signature.parameterSets.filter((set) =>
    bound.every((name) => {
      const parameter = own.get(name)
      return !parameter || membershipIn(parameter, set) !== undefined
    }),
  )
  if (sets.length === 0) {
    throw bindingError(signature.name, 'AmbiguousParameterSet', 'Parameter set cannot be resolved using the specified named parameters.')
  }
  const preferred = sets.includes(signature.defaultParameterSet) ? signature.defaultParameterSet : sets[0]!
  return [preferred, ...sets.filter((s) => s !== preferred)]
}

/** checkNotEmpty applies PowerShell's rule that a mandatory string parameter refuses "" and $null. */
export function checkNotEmpty(signature: CommandSignature, set: string, values: ReadonlyMap<string, unknown>): void {
  for (const parameter of signature.parameters) {
    const kind = parameter.type.kind
    if (!membershipIn(parameter, set)?.mandatory || !values.has(parameter.name)) continue
    if (kind !== 'String' && kind !== 'Identity') continue
    const value = values.get(parameter.name)
    if (value !== null && value !== '') continue
    const why = value === null ? 'it is null' : 'it is an empty string'
    throw bindingError(
      signature.name,
      value === null ? 'ParameterArgumentValidationErrorNullNotAllowed' : 'ParameterArgumentValidationErrorEmptyStringNotAllowed',
      `Cannot bind argument to parameter '${parameter.name}' because ${why}.`,
      'InvalidData',
      'ParameterBindingValidationException',
    )
  }
}

/** checkMandatory reports the mandatory parameters of the chosen set that are still unbound (§7.2 step 7). */
export function checkMandatory(signature: CommandSignature, set: string, bound: ReadonlySet<string>): void {
  const missing = signature.parameters.filter((p) => membershipIn(p, set)?.mandatory && !bound.has(p.name)).map((p) => p.name)
  if (missing.length > 0) {
    throw bindingError(
      signature.name,
      'MissingMandatoryParameter',
      `Cannot process command because of one or more missing mandatory parameters: ${missing.join(' ')}.`,
    )
  }
}
