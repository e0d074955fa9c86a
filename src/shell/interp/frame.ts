import type {ErrorRecord} from '../../errors.js'
import type {SourceText} from '../source.js'
import type {Scope} from './scope.js'

/**
 * A Frame is where code runs: its scope, the source text its positions point into, where its
 * non-terminating errors go (redirections change that), and the function call it belongs to
 * (Write-Error inside a function points at the call, §11.1).
 */

/** FunctionCall is the invocation of a function or script, for error origins and positions. */
export interface FunctionCall {
  readonly name: string
  readonly source: SourceText
  readonly start: number
  readonly end: number
}

/** Emit receives one output object of a statement or command; it is async only when a command downstream runs. */
export type Emit = (value: unknown) => void | Promise<void>

export interface Frame {
  readonly scope: Scope
  readonly source: SourceText
  /** writeError shows a non-terminating error record (stderr, a file, the success stream, or nowhere). */
  readonly writeError: (record: ErrorRecord) => void
  readonly call: FunctionCall | undefined
}
