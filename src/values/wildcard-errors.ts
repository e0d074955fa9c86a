import {ErrorRecord, cmdletError} from '../errors.js'
import {WildcardPatternError, type WildcardPattern, compileWildcard} from './wildcard.js'

/**
 * The two records of an invalid wildcard pattern (powershell.md §5.3, §11.2, C69): one for the
 * operators and `switch -Wildcard`, one for a cmdlet parameter. Both are raised when the pattern is
 * compiled, so before anything is matched.
 */

/**
 * compileOperatorWildcard compiles the pattern of `-like` and friends; an invalid pattern is a
 * statement-terminating runtime error without origin. COMPAT(ps): the exception keeps its own record
 * private, so the engine reports it with RuntimeException's id.
 */
export function compileOperatorWildcard(pattern: string, caseSensitive: boolean): WildcardPattern {
  return compileOr(pattern, caseSensitive, (error) => new ErrorRecord({message: error.message, errorId: 'RuntimeException', category: 'NotSpecified', reason: 'WildcardPatternException'}))
}

/** compileParameterWildcard compiles a cmdlet parameter's pattern; an invalid one is that cmdlet's error. */
export function compileParameterWildcard(cmdlet: string, pattern: string, caseSensitive = false): WildcardPattern {
  return compileOr(pattern, caseSensitive, (error) =>
    cmdletError(cmdlet, {message: error.message, errorId: 'WildcardPattern_Invalid', category: 'InvalidArgument', reason: 'WildcardPatternException'}),
  )
}

function compileOr(pattern: string, caseSensitive: boolean, record: (error: WildcardPatternError) => ErrorRecord): WildcardPattern {
  try {
    return compileWildcard(pattern, caseSensitive)
  } catch (error) {
    throw error instanceof WildcardPatternError ? record(error) : error
  }
}
