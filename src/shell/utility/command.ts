import type {CommandSignature} from '../../binding/parameter.js'
import type {ErrorRecord} from '../../errors.js'
import type {Emit, Frame} from '../interp/frame.js'
import type {Runtime} from '../interp/runtime.js'

/**
 * The utility cmdlets of powershell.md §9 are part of the language runtime: they run script blocks
 * in the caller's scope and format output, so they live in src/shell and see the interpreter
 * through this context. Their parameters are declared like the Lync cmdlets', for the one binder.
 */

/** UtilityContext is what a utility cmdlet gets for one invocation. */
export interface UtilityContext {
  readonly name: string
  /** The parameters bound from the command line. */
  readonly values: ReadonlyMap<string, unknown>
  readonly runtime: Runtime
  readonly frame: Frame
  /** emit sends an object down the pipeline; arrays are enumerated, as WriteObject(x, true) does. */
  readonly emit: Emit
  /** writeError writes a non-terminating error, honouring -ErrorAction (§8.1). */
  writeError(record: ErrorRecord): void
  writeWarning(text: string): void
  writeVerbose(text: string): void
  /** writeDebug shows `DEBUG: text` under -Debug or $DebugPreference (§8.3). */
  writeDebug(text: string): void
  /** writeInformation shows an information record's text under -InformationAction or $InformationPreference (§8.3). */
  writeInformation(text: string): void
  /** invoke runs a script block with `$_` set: in the caller's scope (Where/ForEach-Object) or a child one. */
  invoke(block: unknown, input: unknown, scope: 'caller' | 'child', args?: readonly unknown[]): Promise<unknown[]>
  /** stop ends the upstream commands of this pipeline (`Select-Object -First`). */
  stop(): never
}

/** UtilityProcessor processes the input objects of one invocation. */
export interface UtilityProcessor {
  /** process runs once per input object, or once with hasInput false when nothing is piped in. */
  process(values: ReadonlyMap<string, unknown>, input: unknown, hasInput: boolean): Promise<void>
  /** end runs after the last input object (Sort-Object, Measure-Object, Format-Table …). */
  end?(): Promise<void>
}

/** The PowerShell modules of the utility cmdlets (§9, Get-Command and Get-Module). */
export type UtilityModule =
  | 'Microsoft.PowerShell.Core'
  | 'Microsoft.PowerShell.Host'
  | 'Microsoft.PowerShell.Management'
  | 'Microsoft.PowerShell.Security'
  | 'Microsoft.PowerShell.Utility'

/** UtilityCommand declares a utility cmdlet. */
export interface UtilityCommand {
  readonly signature: CommandSignature
  /** The PowerShell module Get-Command shows as Source (§9). */
  readonly module: UtilityModule
  readonly synopsis: string
  start(ctx: UtilityContext): UtilityProcessor
}

/** signature builds a signature whose parameters all belong to one set; remaining takes the arguments left over (§7.2). */
export function signature(name: string, parameters: CommandSignature['parameters'], unsupported: readonly string[] = [], remaining?: string): CommandSignature {
  return {name, parameters, parameterSets: ['Default'], defaultParameterSet: 'Default', unsupportedParameters: unsupported, remainingArguments: remaining}
}

/** gather builds the processor of a cmdlet that needs all its input first (Sort-Object, ConvertTo-Json …). */
export function gather(handle: (items: unknown[]) => Promise<void>): UtilityProcessor {
  const items: unknown[] = []
  return {
    async process(values, input, hasInput) {
      if (hasInput) items.push(input)
      else if (values.has('InputObject')) items.push(values.get('InputObject'))
    },
    end: () => handle(items),
  }
}
