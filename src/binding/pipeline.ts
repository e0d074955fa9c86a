import {ErrorRecord, cmdletError} from '../errors.js'
import {PSObject} from '../values/objects.js'
import {type BindingResult, candidateSets, checkMandatory} from './binder.js'
import {convertArgument} from './convert.js'
import {type CommandSignature, type ParameterDefinition, membershipIn} from './parameter.js'

/**
 * Binding one pipeline input object (powershell.md §7.4): ByValue first, then ByPropertyName; an
 * object that binds to nothing is that object's InputObjectNotBound error, and the pipeline goes on.
 */

/** PipelineBinding is the parameters for one input object: the command line's plus the object's. */
export interface PipelineBinding {
  readonly values: Map<string, unknown>
  readonly parameterSet: string
}

function takesPipeline(sets: readonly string[], parameter: ParameterDefinition, how: 'fromPipeline' | 'fromPipelineByPropertyName'): boolean {
  return sets.some((set) => membershipIn(parameter, set)?.[how] === true)
}

/**
 * hasInstanceType tells whether an object is of one of a Set- cmdlet's -Instance types (§7.4): by its
 * first type name, with or without `CSV:` or `Deserialized.`; or, for a deserialized object, by any
 * type name that ends in the noun type, since real exports carry other base types (§12.5 rule 1).
 */
export function hasInstanceType(object: unknown, types: readonly string[]): boolean {
  if (!(object instanceof PSObject)) return false
  const first = (object.typeNames[0] ?? '').replace(/^CSV:/, '').replace(/^Deserialized\./, '')
  if (types.includes(first)) return true
  const bare = (t: string) => t.replace(/^Deserialized\./, '').replace(/#.*$/, '')
  const nouns = types.map((t) => `.${bare(t).split('.').pop()}`)
  return object.typeNames.some((t) => t.startsWith('Deserialized.') && nouns.some((n) => bare(t).endsWith(n)))
}

/** acceptsByValue tells whether a parameter's type takes the object as it is, without conversion. */
function acceptsByValue(parameter: ParameterDefinition, input: unknown): boolean {
  const type = parameter.type
  // A path parameter takes strings, and file items by their string form, the full path (powershell.md §9 Paths).
  if (type.kind === 'StringArray') return typeof input === 'string' || (parameter.pipelineTypes !== undefined && hasInstanceType(input, parameter.pipelineTypes))
  if (parameter.pipelineTypes) return hasInstanceType(input, parameter.pipelineTypes)
  if (type.kind === 'PSObject') return true
  if (type.kind === 'Identity') return typeof input === 'string' || (input instanceof PSObject && type.objectTypes.some((t) => input.isA(t)))
  return type.kind === 'String' && typeof input === 'string'
}

function notBound(command: string, input: unknown): ErrorRecord {
  return cmdletError(command, {
    message:
      'The input object cannot be bound to any parameters for the command either because the command does not take pipeline input ' +
      'or the input and its properties do not match any of the parameters that take pipeline input.',
    errorId: 'InputObjectNotBound',
    category: 'InvalidArgument',
    reason: 'ParameterBindingException',
    targetObject: input,
  })
}

/**
 * bindPipelineObject binds one input object on top of the command line's binding. A conversion error
 * of a property, or an object that binds to nothing, is returned as that object's non-terminating error.
 */
/** PipelineParameters are the parameters still open for pipeline input after the command line bound. */
interface PipelineParameters {
  readonly byValue: readonly ParameterDefinition[]
  readonly byPropertyName: readonly ParameterDefinition[]
}

/** The open parameters of each command line, worked out once, not once per input object. */
const OPEN = new WeakMap<BindingResult, PipelineParameters>()

function pipelineParameters(signature: CommandSignature, commandLine: BindingResult): PipelineParameters {
  let open = OPEN.get(commandLine)
  if (!open) {
    const unbound = signature.parameters.filter((p) => !commandLine.values.has(p.name))
    open = {
      byValue: unbound.filter((p) => takesPipeline(commandLine.parameterSets, p, 'fromPipeline')),
      byPropertyName: unbound.filter((p) => takesPipeline(commandLine.parameterSets, p, 'fromPipelineByPropertyName')),
    }
    OPEN.set(commandLine, open)
  }
  return open
}

export function bindPipelineObject(signature: CommandSignature, commandLine: BindingResult, input: unknown): PipelineBinding | ErrorRecord {
  const command = signature.name
  const values = new Map(commandLine.values)
  const open = pipelineParameters(signature, commandLine)
  const byValue = open.byValue.find((p) => acceptsByValue(p, input))
  try {
    if (byValue) values.set(byValue.name, convertArgument(input, byValue, command))
    else if (input instanceof PSObject) {
      for (const parameter of open.byPropertyName) {
        const name = [parameter.name, ...(parameter.aliases ?? [])].find((n) => input.has(n))
        if (name !== undefined) values.set(parameter.name, convertArgument(input.get(name), parameter, command))
      }
    }
    if (values.size === commandLine.values.size) return notBound(command, input)
    // One parameter set leaves nothing to choose (the utility cmdlets).
    const parameterSet = signature.parameterSets.length === 1 ? signature.parameterSets[0]! : candidateSets(signature, [...values.keys()])[0]!
    checkMandatory(signature, parameterSet, new Set(values.keys()))
    return {values, parameterSet}
  } catch (error) {
    if (!(error instanceof ErrorRecord)) throw error
    // A failure for this object only: the pipeline goes on with the next one (§7.4).
    error.isBindingError = false
    return error
  }
}
