/**
 * Error records shaped like PowerShell's ErrorRecord (FullyQualifiedErrorId, CategoryInfo,
 * TargetObject), so that every entry point renders the same record the same way
 * (powershell.md §11.1, cmdlets.md A6).
 */

/** ErrorCategory is the subset of System.Management.Automation.ErrorCategory that csxmpp raises. */
export type ErrorCategory =
  | 'NotSpecified'
  | 'InvalidArgument'
  | 'InvalidData'
  | 'InvalidOperation'
  | 'NotImplemented'
  | 'ObjectNotFound'
  | 'OperationStopped'
  | 'ParserError'
  | 'PermissionDenied'
  | 'ReadError'
  | 'ResourceBusy'
  | 'ResourceExists'
  | 'ResourceUnavailable'
  | 'SecurityError'
  | 'WriteError'

/** ErrorRecordInit lists what an error record carries. */
export interface ErrorRecordInit {
  message: string
  /** The id before the comma of FullyQualifiedErrorId, e.g. `ItemNotFound`. */
  errorId: string
  category: ErrorCategory
  /** The .NET exception name shown as the reason, e.g. `ItemNotFoundException`. */
  reason: string
  /** What the error is about; shown as `(<target>:<type>)`. Undefined shows `(:)`. */
  targetObject?: unknown
  /** The command shown before ` : ` on the first line; none for throw and runtime errors. */
  origin?: string
  /** The command shown in `[…]` of CategoryInfo. */
  activity?: string
  /** Appended to errorId after a comma, normally the cmdlet name. */
  idSuffix?: string
}

/** ErrorPosition is the script position of an error: $_.InvocationInfo's fields (powershell.md §4.5). */
export interface ErrorPosition {
  readonly scriptName: string | undefined
  readonly line: number
  readonly column: number
  readonly lineText: string
}

/**
 * ErrorRecord is one PowerShell error. It is an Error so that statement-terminating errors can be
 * thrown; non-terminating ones are written to the error stream as values.
 */
export class ErrorRecord extends Error {
  readonly errorId: string
  readonly category: ErrorCategory
  readonly reason: string
  readonly targetObject: unknown
  readonly origin: string | undefined
  readonly activity: string | undefined
  readonly idSuffix: string | undefined
  /** isBindingError marks errors that mean the command never ran (exit 2 in argv mode, §1.9). */
  isBindingError = false
  /** positionLines are the `At …` and `+` lines of an error raised in script text (§11.1). */
  positionLines: readonly string[] = []
  /** position is where in script text the error was raised ($_.InvocationInfo, §4.5). */
  position: ErrorPosition | undefined
  /** argumentExtent is the command argument a binding error is about (the interpreter's business, §11.1). */
  argumentExtent: unknown

  constructor(init: ErrorRecordInit) {
    super(init.message)
    this.name = 'ErrorRecord'
    this.errorId = init.errorId
    this.category = init.category
    this.reason = init.reason
    this.targetObject = init.targetObject
    this.origin = init.origin
    this.activity = init.activity
    this.idSuffix = init.idSuffix
  }

  /** fullyQualifiedErrorId is `<ErrorId>[,<Origin>]` (powershell.md §11.1). */
  get fullyQualifiedErrorId(): string {
    return this.idSuffix ? `${this.errorId},${this.idSuffix}` : this.errorId
  }
}

/** cmdletError builds a record raised by a cmdlet: the cmdlet is origin, activity and id suffix. */
export function cmdletError(
  cmdlet: string,
  init: Omit<ErrorRecordInit, 'origin' | 'activity' | 'idSuffix'>,
): ErrorRecord {
  return new ErrorRecord({...init, origin: cmdlet, activity: cmdlet, idSuffix: cmdlet})
}

/** bindingError builds a ParameterBindingException record of a command (powershell.md §11.2). */
export function bindingError(
  command: string,
  errorId: string,
  message: string,
  category: ErrorCategory = 'InvalidArgument',
  reason = 'ParameterBindingException',
): ErrorRecord {
  const record = cmdletError(command, {message, errorId, category, reason})
  record.isBindingError = true
  return record
}

/** commandNotFound is the CommandNotFoundException record for an unknown command name. */
export function commandNotFound(name: string): ErrorRecord {
  const record = new ErrorRecord({
    message:
      `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. ` +
      'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.',
    errorId: 'CommandNotFoundException',
    category: 'ObjectNotFound',
    reason: 'CommandNotFoundException',
    targetObject: name,
    origin: name,
  })
  record.isBindingError = true
  return record
}
