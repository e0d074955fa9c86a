import type {ParameterDefinition, ParameterType} from '../../binding/parameter.js'
import {CONSOLE_COLOR} from '../../values/console-color.js'

/** Shorthands for declaring utility cmdlet parameters (powershell.md §9). */

const KINDS = {
  string: {kind: 'String'},
  int: {kind: 'Int32'},
  switch: {kind: 'Switch'},
  object: {kind: 'PSObject'},
  strings: {kind: 'StringArray'},
  block: {kind: 'ScriptBlock'},
  color: {kind: 'Enum', enum: CONSOLE_COLOR},
} as const satisfies Record<string, ParameterType>

/** ParameterOptions are the parts of a declaration that vary. */
interface ParameterOptions {
  readonly position?: number
  /** Takes pipeline input by value. */
  readonly pipe?: boolean
  /** Takes pipeline input from the property of the same name (New-Item -Path). */
  readonly byPropertyName?: boolean
  /** Object types a piped string array also takes (file items for -Path, §9 Paths). */
  readonly pipelineTypes?: readonly string[]
  readonly mandatory?: boolean
  readonly aliases?: readonly string[]
  readonly description?: string
}

/** param declares one parameter of a utility cmdlet. */
export function param(name: string, kind: keyof typeof KINDS, options: ParameterOptions = {}): ParameterDefinition {
  return {
    name,
    type: KINDS[kind],
    aliases: options.aliases,
    pipelineTypes: options.pipelineTypes,
    sets: {'*': {position: options.position, fromPipeline: options.pipe, fromPipelineByPropertyName: options.byPropertyName, mandatory: options.mandatory}},
    description: options.description ?? '',
  }
}

/** inputObject is the `-InputObject` that takes pipeline input. */
export function inputObject(position?: number): ParameterDefinition {
  return param('InputObject', 'object', {pipe: true, position, description: 'The objects to process; usually piped in.'})
}
