import {ConfigStore, defaultStorePath} from '../../store/index.js'
import {bindArguments, checkMandatory, checkNotEmpty} from '../binding/binder.js'
import {DEFAULT_PREFERENCES, type Preferences, StopError, createContext} from '../cmdlets/context.js'
import type {CmdletHost} from '../cmdlets/definition.js'
import {findCmdlet} from '../cmdlets/registry.js'
import {ErrorRecord, commandNotFound} from '../errors.js'
import {convertToJson, formatErrorRecord, formatOutput, formatStreamMessage, jsonErrorLine} from '../format/index.js'
import {argvArguments} from './argv-arguments.js'
import {readPassword} from './password.js'
import {terminalPrompt} from './prompt.js'
import {createLyncCatalogue, lyncCmdletNotProvided} from '../help/lync-catalogue.js'
import {notSupportedError} from '../values/runtime-errors.js'
import {withDocumentedParameters} from './documented-parameters.js'
import {gatewayServices} from './gateway-services.js'
import {withStoreSession} from './store-session.js'

/**
 * Argv mode: one cmdlet from bash (powershell.md §1.2). Exit codes (§1.9): 0 on success, 1 when an
 * error record was written, 2 when nothing ran because the invocation was wrong.
 */

/** Console is where argv mode writes: the process streams, or a capture in tests. */
export interface Console {
  out(text: string): void
  err(text: string): void
  /** Whether stderr gets colours (a terminal, and NO_COLOR unset). */
  readonly color: boolean
}

/** processConsole writes to the process's stdout and stderr. */
export function processConsole(env: NodeJS.ProcessEnv = process.env): Console {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: Boolean(process.stderr.isTTY) && env.NO_COLOR === undefined,
  }
}

/** ArgvOptions are what the caller decided before the cmdlet runs. */
export interface ArgvOptions {
  readonly console: Console
  readonly store?: ConfigStore
  readonly json?: boolean
  /** The host options -WhatIf and -NonInteractive (powershell.md §1.7). */
  readonly preferences?: Preferences
  readonly nonInteractive?: boolean
  /** csxmpp's version, for the scripts a cmdlet runs (the gateway's demo set-up). */
  readonly version?: string
}

const paint = (color: boolean, sgr: number, text: string) => (color ? `\u001B[${sgr}m${text}\u001B[0m` : text)

/** Writer renders the streams of one invocation in text or --json form. */
class Writer {
  errors = 0
  readonly objects: unknown[] = []
  readonly #warnings: Array<{text: string; stop: boolean}> = []

  constructor(
    private readonly console: Console,
    private readonly json: boolean,
  ) {}

  error(record: ErrorRecord): void {
    this.errors++
    this.console.err(this.json ? jsonErrorLine(record) : paint(this.console.color, 31, formatErrorRecord(record)))
  }

  message(kind: 'warning' | 'verbose' | 'whatIf', text: string): void {
    if (this.json) {
      const message = kind === 'whatIf' ? text.replace(/^What if: /, '') : text
      return this.console.err(`${JSON.stringify({[kind]: {message}})}\n`)
    }
    if (kind === 'whatIf') return this.console.out(`${text}\n`)
    this.console.err(paint(this.console.color, 33, formatStreamMessage(kind === 'warning' ? 'WARNING' : 'VERBOSE', text)))
  }

  /** Warnings wait until the change is committed (cmdlets.md A6.3). */
  queueWarning(text: string, stop: boolean): void {
    this.#warnings.push({text, stop})
  }

  flushWarnings(cmdlet: string): void {
    for (const {text, stop} of this.#warnings.splice(0)) {
      if (!stop) {
        this.message('warning', text)
        continue
      }
      this.error(
        new ErrorRecord({
          message: `The running command stopped because the preference variable "WarningPreference" or common parameter is set to Stop: ${text}`,
          errorId: 'ActionPreferenceStop',
          category: 'OperationStopped',
          reason: 'ActionPreferenceStopException',
          origin: cmdlet,
          activity: cmdlet,
          idSuffix: cmdlet,
        }),
      )
      return
    }
  }

  output(): void {
    // One JSON writer for --json and ConvertTo-Json: always an array here, `[]` when empty (§10.7).
    if (this.json) this.console.out(`${convertToJson([this.objects], {depth: 11}).text}\n`)
    else this.console.out(formatOutput(this.objects))
  }
}

/**
 * unknownCommand is the record for `csxmpp <name>` when csxmpp has no such command: a Lync Server 2013
 * cmdlet it does not provide is named as such (powershell.md §1.2, §14.2), anything else is not recognized.
 */
export function unknownCommand(name: string): ErrorRecord {
  const cmdlet = createLyncCatalogue().find(name)
  return cmdlet ? notSupportedError(lyncCmdletNotProvided(cmdlet), cmdlet.name) : commandNotFound(name)
}

/** runCmdletFromArgv runs `csxmpp <name> <elements…>` and returns the exit code. */
export async function runCmdletFromArgv(name: string, elements: readonly string[], options: ArgvOptions): Promise<number> {
  const writer = new Writer(options.console, options.json ?? false)
  const found = findCmdlet(name)
  if (!found) {
    writer.error(unknownCommand(name))
    return 2
  }
  const definition = withDocumentedParameters(found, createLyncCatalogue())
  const host: CmdletHost = {
    writeObject: (value) => writer.objects.push(value),
    writeError: (record) => writer.error(record),
    writeWarning: (text, action) => void (action !== 'SilentlyContinue' && writer.queueWarning(text, action === 'Stop')),
    writeVerbose: (text) => writer.message('verbose', text),
    writeWhatIf: (text) => writer.message('whatIf', text),
    prompt: async (...question) => (options.nonInteractive ? undefined : terminalPrompt(...question)),
    readPassword: (prompt) => readPassword(prompt, {nonInteractive: options.nonInteractive}),
  }
  try {
    const binding = bindArguments(definition, argvArguments(elements), {argv: true})
    const set = binding.parameterSets[0]!
    checkMandatory(definition, set, new Set(binding.values.keys()))
    checkNotEmpty(definition, set, binding.values)
    const store = options.store ?? new ConfigStore(defaultStorePath())
    await withStoreSession(store, definition.name, definition.supportsShouldProcess ?? false, (session) =>
      definition.process(createContext(definition, set, binding.values, session, host, options.preferences ?? DEFAULT_PREFERENCES, gatewayServices(store, options.version ?? 'unknown'))),
    )
    writer.flushWarnings(definition.name)
  } catch (error) {
    const record = error instanceof StopError ? error.record : error
    if (!(record instanceof ErrorRecord)) throw error
    // ErrorAction Stop ends the cmdlet after earlier changes were committed; their warnings stand.
    if (error instanceof StopError) writer.flushWarnings(definition.name)
    writer.error(record)
    if (record.isBindingError) return 2
  }
  writer.output()
  return writer.errors > 0 ? 1 : 0
}
