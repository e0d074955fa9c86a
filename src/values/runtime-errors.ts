import {type ErrorCategory, ErrorRecord} from '../errors.js'

/**
 * Runtime errors of the language (powershell.md §8.1 statement-terminating, §11.2): records without
 * origin or activity; the interpreter attaches the position of the expression.
 */

/** runtimeError builds a RuntimeException-style record. */
export function runtimeError(
  message: string,
  errorId = 'RuntimeException',
  category: ErrorCategory = 'NotSpecified',
  reason = 'RuntimeException',
  targetObject?: unknown,
): ErrorRecord {
  return new ErrorRecord({message, errorId, category, reason, targetObject})
}

/** notSupportedError is a construct outside the subset found while running (§14): `NotImplemented: (<name>:String)`. */
export function notSupportedError(message: string, targetName: string): ErrorRecord {
  return new ErrorRecord({message, errorId: 'NotSupportedByCsxmpp', category: 'NotImplemented', reason: 'NotSupportedException', targetObject: targetName})
}

/**
 * formatException is .NET's FormatException from a number or date format (Get-Date -Format shows it
 * as `NotSpecified: (:) [Get-Date], FormatException`); the format operator wraps its message (§5.2).
 */
export function formatException(message: string): ErrorRecord {
  return new ErrorRecord({message, errorId: 'System.FormatException', category: 'NotSpecified', reason: 'FormatException'})
}
