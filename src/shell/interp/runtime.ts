import type {ErrorRecord} from '../../errors.js'
import {formatErrorRecord, formatOutput, formatStreamMessage} from '../../format/index.js'
import {PSArrayList} from '../../values/objects.js'
import {findingsSummary} from '../check.js'
import type {CommandHost, ShellConsole} from '../host.js'
import {RuntimeConsole} from './console.js'
import {Scope} from './scope.js'

/**
 * Runtime is the state of one csxmpp run (a script, a -Command text, or an interactive session):
 * the console, the host, the global scope, `$Error`, and whether an error was shown, which decides
 * the exit code (§1.9).
 */

const MAX_ERRORS = 256

export class Runtime {
  readonly global: Scope
  /** `$Error`: newest first, at most 256 (§4.4). */
  readonly errors = new PSArrayList<ErrorRecord>()
  /** How many error records reached stderr; any makes the exit code 1 (§1.9). */
  errorsShown = 0
  /** Counts every error record written, shown or not: `$?` compares it around a statement. */
  errorEvents = 0
  /** `$?`: whether the last statement wrote no error record and was not terminated (§4.4). */
  lastStatus = true
  /** Set by Ctrl-C in the interactive shell; the next statement boundary stops the input (§1.6). */
  interrupted = false
  /** Inside a try block (dynamically) statement-terminating errors unwind to it (§8.2). */
  tryDepth = 0

  /** The console with the run's progress line and transcript (§1.8). */
  readonly console: RuntimeConsole
  /** `$host` (§4.4, §4.5), made when a script first reads it. */
  hostObject: unknown

  constructor(
    console: ShellConsole,
    readonly host: CommandHost,
  ) {
    this.console = new RuntimeConsole(console)
    this.global = new Scope(undefined)
  }

  /** recordError puts a record into `$Error` (unless Ignore) and counts it for `$?`. */
  recordError(record: ErrorRecord, ignore = false): void {
    this.errorEvents++
    if (ignore) return
    this.errors.unshift(record)
    if (this.errors.length > MAX_ERRORS) this.errors.length = MAX_ERRORS
  }

  /** showError writes a record to stderr in the NormalView layout (§11.1). */
  showError(record: ErrorRecord): void {
    this.errorsShown++
    this.console.err(this.#paint(31, formatErrorRecord(record)))
  }

  /** showFindings reports what the check before running found, each in the parse-error layout, then the count line (§14.1). */
  showFindings(records: readonly ErrorRecord[]): void {
    for (const record of records) this.showError(record)
    this.console.err(this.#paint(31, `${findingsSummary(records.length)}\n`))
  }

  showWarning(text: string): void {
    this.console.err(this.#paint(33, formatStreamMessage('WARNING', text)))
  }

  showVerbose(text: string): void {
    this.console.err(this.#paint(33, formatStreamMessage('VERBOSE', text)))
  }

  /** showErrorLine is `$host.UI.WriteErrorLine`: a red line on stderr that is no error record (§4.5). */
  showErrorLine(text: string): void {
    this.console.err(this.#paint(31, `${text}\n`))
  }

  showDebug(text: string): void {
    this.console.err(this.#paint(33, formatStreamMessage('DEBUG', text)))
  }

  /** showOutput formats one top-level statement's success output (§10.1). */
  showOutput(objects: readonly unknown[]): void {
    if (objects.length > 0) this.console.out(formatOutput(objects, {width: this.console.width}))
  }

  #paint(sgr: number, text: string): string {
    return this.console.color ? `\u001B[${sgr}m${text.replace(/\n$/, '')}\u001B[0m\n` : text
  }
}

