import path from 'node:path'
import {type CommandArgument, bindArguments, checkMandatory} from '../binding/binder.js'
import {ErrorRecord} from '../errors.js'
import type * as A from './ast.js'
import {checkScript} from './check.js'
import {applyAliasPresets} from './interp/aliases.js'
import {atExtent} from './errors.js'
import type {CommandHost, ShellConsole} from './host.js'
import {CommandRunner} from './interp/commands.js'
import type {Frame} from './interp/frame.js'
import {functionSignature, prepareFunctionScope} from './interp/functions.js'
import {Interpreter, enumerate} from './interp/interpreter.js'
import {Runtime} from './interp/runtime.js'
import {Scope} from './interp/scope.js'
import {ExitSignal, Interrupted, PipelineStopped, ReturnSignal, ScriptTerminatingError} from './interp/signals.js'
import {defineGlobals} from './interp/variables.js'
import {parseScript} from './parser.js'
import {SourceText} from './source.js'
import {UTILITY_COMMANDS, findUtility} from './utility/index.js'

/**
 * A ShellSession runs scripts: a -File script, a -Command text, standard input, or each input of
 * the interactive shell (one session, so variables and functions persist, §1.6). Every script is
 * parsed and checked completely before its first statement runs (§3, §14); each top-level
 * statement's output is formatted on its own (§10.1) and its store changes committed together (§7.9).
 */

/** SessionOptions configure a session. */
export interface SessionOptions {
  readonly console: ShellConsole
  readonly host: CommandHost
  /** The host option -WhatIf (§1.7). */
  readonly whatIf?: boolean
}

/** ScriptArguments are a -File script's arguments, bound with the argv rules (§1.4). */
export type ScriptArguments = readonly CommandArgument[]

export class ShellSession {
  readonly runtime: Runtime
  readonly interp: Interpreter
  readonly runner: CommandRunner
  /** The script scope of the session (the global scope, §4.4 DECISION). */
  readonly scope: Scope
  /** Set when `exit` ran: the interactive shell then ends with this code (§1.6). */
  exited: number | undefined

  constructor(options: SessionOptions) {
    this.runtime = new Runtime(options.console, options.host)
    this.interp = new Interpreter(this.runtime)
    this.runner = new CommandRunner(this.interp, UTILITY_COMMANDS)
    this.interp.runner = this.runner
    this.scope = this.runtime.global
    defineGlobals(this.scope, options.host.version, options.whatIf ?? false)
  }

  /**
   * run parses, checks and runs a script; it returns the exit code of §1.9. A parse error, a
   * construct outside the subset, or a -File argument binding error means nothing ran.
   */
  async run(source: SourceText, scriptFile?: {readonly path: string; readonly args: ScriptArguments}): Promise<number> {
    let script: A.ScriptBlockAst
    try {
      script = parseScript(source)
    } catch (error) {
      if (!(error instanceof ErrorRecord)) throw error
      this.runtime.showError(error)
      return 1
    }
    const findings = checkScript(script, {utilities: UTILITY_COMMANDS, host: this.runtime.host})
    if (findings.length > 0) {
      this.runtime.showFindings(findings)
      return 1
    }
    const frame: Frame = {scope: this.scope, source, writeError: (record) => this.runtime.showError(record), call: undefined}
    if (scriptFile) {
      const bound = await this.#bindScript(script, scriptFile, frame)
      if (bound !== undefined) return bound
    }
    return this.#statements(script.statements, frame)
  }

  /** #bindScript binds a -File script's arguments to its param block; 2 when that fails (§1.4, §1.9). */
  async #bindScript(script: A.ScriptBlockAst, file: {path: string; args: ScriptArguments}, frame: Frame): Promise<number | undefined> {
    const name = path.basename(file.path)
    const fn = functionSignature(name, script.paramBlock)
    try {
      const binding = bindArguments(fn.signature, file.args, {argv: true})
      checkMandatory(fn.signature, binding.parameterSets[0]!, new Set(binding.values.keys()))
      await prepareFunctionScope(this.interp, fn, binding, frame, file.path)
      return undefined
    } catch (error) {
      if (!(error instanceof ErrorRecord)) throw error
      this.runtime.showError(error)
      return 2
    }
  }

  async #statements(statements: readonly A.StatementAst[], frame: Frame): Promise<number> {
    for (const statement of statements) {
      const output: unknown[] = []
      try {
        await this.runtime.host.statement(() => this.interp.executeStatement(statement, frame, async (v) => void output.push(...enumerate(v))))
      } catch (signal) {
        this.runtime.showOutput(output)
        return this.#ended(signal, frame, statement)
      }
      this.runtime.showOutput(output)
    }
    return this.exitCode()
  }

  /** #ended turns what unwound a top-level statement into the run's exit code (§1.9). */
  #ended(signal: unknown, frame: Frame, statement: A.StatementAst): number {
    if (signal instanceof ExitSignal) {
      this.exited = signal.code ?? this.exitCode()
      return this.exited
    }
    if (signal instanceof ReturnSignal || signal instanceof PipelineStopped || signal instanceof Interrupted) return this.exitCode()
    if (signal instanceof ScriptTerminatingError) {
      const record = signal.record
      if (record.positionLines.length === 0) atExtent(record, {source: frame.source, start: statement.start, end: statement.end})
      if (!this.runtime.errors.includes(record)) this.runtime.recordError(record)
      this.runtime.showError(record)
      return 1
    }
    throw signal
  }

  /**
   * runArgv runs one utility cmdlet from bash (§1.2): the arguments bind with the argv rules, errors
   * show no position lines, binding errors exit 2.
   */
  async runArgv(name: string, args: readonly CommandArgument[]): Promise<number> {
    const utility = findUtility(name)!
    const frame: Frame = {scope: this.scope, source: new SourceText(''), writeError: (record) => this.runtime.showError(record), call: undefined}
    const output: unknown[] = []
    try {
      const binding = bindArguments(utility.signature, args, {argv: true})
      applyAliasPresets(name, binding.values)
      checkMandatory(utility.signature, binding.parameterSets[0]!, new Set(binding.values.keys()))
      const processor = this.runner.startUtility(utility, binding, frame, async (v) => void output.push(...enumerate(v)), {})
      await processor.process(undefined, false)
      await processor.end()
    } catch (error) {
      const record = error instanceof ScriptTerminatingError ? error.record : error
      if (!(record instanceof ErrorRecord)) throw error
      this.runtime.showError(record)
      if (record.isBindingError) return 2
    } finally {
      this.runtime.showOutput(output)
    }
    return this.exitCode()
  }

  /** close ends the run: the progress line is erased and a running transcript stopped (§9). */
  close(): void {
    this.runtime.console.close()
  }

  /** exitCode is 1 when any error record was shown, else 0 (§1.9). */
  exitCode(): number {
    return this.runtime.errorsShown > 0 ? 1 : 0
  }
}
