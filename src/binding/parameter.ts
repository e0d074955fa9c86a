import type {PSEnumType} from '../values/objects.js'

/**
 * How commands declare their parameters. One declaration feeds the binder (scripts, argv mode and
 * -File arguments alike, powershell.md §7.2), the oclif flag table, the help text and the
 * checked-in surface snapshot.
 */

/** ParameterType is the .NET type a parameter converts its argument to (powershell.md §7.3). */
export type ParameterType =
  | {readonly kind: 'String'}
  | {readonly kind: 'Boolean'}
  | {readonly kind: 'Switch'}
  | {readonly kind: 'UInt32'}
  | {readonly kind: 'Int32'}
  | {readonly kind: 'Enum'; readonly enum: PSEnumType}
  /** An identity (XdsIdentity, …): a string, or an object of one of objectTypes (its objectProperty, default Identity). */
  | {
      readonly kind: 'Identity'
      readonly fullName: string
      readonly objectTypes: readonly string[]
      readonly objectProperty?: string
    }
  | {readonly kind: 'ListModifier'}
  | {readonly kind: 'StringArray'}
  /** The -Filter of the Lync Get- cmdlets: a wildcard string; script blocks are refused (C31). */
  | {readonly kind: 'WildcardFilter'}
  /** The -Filter of Get-CsUser: a filter block, given as a script block or as its text (§7.7). */
  | {readonly kind: 'FilterBlock'}
  | {readonly kind: 'ScriptBlock'}
  | {readonly kind: 'PSObject'}

/** ParameterSetMembership is how a parameter takes part in one parameter set. */
export interface ParameterSetMembership {
  readonly mandatory?: boolean
  /** 0-based position among positional arguments; absent means named only. */
  readonly position?: number
  readonly fromPipeline?: boolean
  readonly fromPipelineByPropertyName?: boolean
}

/** ALL_SETS is the set key of a parameter that belongs to every parameter set. */
export const ALL_SETS = '*'

/** ParameterDefinition declares one parameter of a command. */
export interface ParameterDefinition {
  readonly name: string
  readonly type: ParameterType
  readonly aliases?: readonly string[]
  /** Set name → membership; ALL_SETS for every set. Absent means `{[ALL_SETS]: {}}`. */
  readonly sets?: Readonly<Record<string, ParameterSetMembership>>
  /** Whether the .NET type is Nullable<T>: $null binds as $null instead of converting (0 for UInt32). */
  readonly nullable?: boolean
  /** ValidateRange, inclusive. */
  readonly range?: readonly [number, number]
  /** ValidateLength in UTF-16 units, inclusive; applied to non-empty strings not in lengthExempt. */
  readonly length?: readonly [number, number]
  /** Values that skip the length check (a masked secret re-imported unchanged). */
  readonly lengthExempt?: readonly string[]
  /**
   * For a PSObject parameter taking pipeline input ByValue (a Set- cmdlet's -Instance): the type names
   * an input object must carry, with or without `Deserialized.` or `CSV:` in front (§7.4, §12.5). For a
   * string array (a file cmdlet's -Path), the objects it takes besides strings, by their string form.
   */
  readonly pipelineTypes?: readonly string[]
  /** One or two sentences for help. */
  readonly description: string
  /** What the value is when the parameter is omitted, for help. */
  readonly defaultValue?: string
  readonly acceptsWildcards?: boolean
}

/** CommandSignature is everything the binder needs to know about a command. */
export interface CommandSignature {
  readonly name: string
  readonly parameters: readonly ParameterDefinition[]
  /** Parameter set names in definition order. */
  readonly parameterSets: readonly string[]
  readonly defaultParameterSet: string
  /** Names of real PowerShell/Lync parameters csxmpp knows but does not implement (A1, §7.2). */
  readonly unsupportedParameters?: readonly string[]
  /**
   * The parameter names the real cmdlet documents (the Lync Server 2013 catalogue, powershell.md §14.2),
   * asked for only when a name matches nothing else: one of them is known but not supported (§7.2).
   */
  readonly documentedParameters?: () => readonly string[]
  /** Whether the command takes -WhatIf and -Confirm (it changes the store). */
  readonly supportsShouldProcess?: boolean
  /** The parameter that takes the arguments left over (ValueFromRemainingArguments, powershell.md §7.2 step 4). */
  readonly remainingArguments?: string
  /** A simple function or script (§6): no common parameters, and the arguments left over go to `$args`. */
  readonly simpleFunction?: boolean
}

/** typeFullName is the .NET type name of a parameter type, as binding messages print it. */
export function typeFullName(type: ParameterType): string {
  switch (type.kind) {
    case 'String':
    case 'WildcardFilter':
    case 'FilterBlock':
      return 'System.String'
    case 'Boolean':
      return 'System.Boolean'
    case 'Switch':
      return 'System.Management.Automation.SwitchParameter'
    case 'UInt32':
      return 'System.UInt32'
    case 'Int32':
      return 'System.Int32'
    case 'Enum':
      return type.enum.fullName
    case 'Identity':
      return type.fullName
    case 'ListModifier':
      return 'System.Management.Automation.PSListModifier'
    case 'StringArray':
      return 'System.String[]'
    case 'ScriptBlock':
      return 'System.Management.Automation.ScriptBlock'
    case 'PSObject':
      return 'System.Management.Automation.PSObject'
  }
}

/** takesSeveralValues tells whether a comma in an argv value splits it into a list (§1.2). */
export function takesSeveralValues(type: ParameterType): boolean {
  return type.kind === 'ListModifier' || type.kind === 'StringArray'
}

/** membershipIn returns how a parameter takes part in a set, or undefined if it does not. */
export function membershipIn(parameter: ParameterDefinition, set: string): ParameterSetMembership | undefined {
  const sets = parameter.sets ?? {[ALL_SETS]: {}}
  return sets[set] ?? sets[ALL_SETS]
}
