import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {type BindingResult, type CommandArgument, bindArguments, checkMandatory, checkNotEmpty} from '../../binding/binder.js'
import type {CommandSignature} from '../../binding/parameter.js'
import {bindPipelineObject} from '../../binding/pipeline.js'
import {ErrorRecord, commandNotFound} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {PSArrayList, PSEnumValue, PSHashtable} from '../../values/objects.js'
import {notSupportedError, runtimeError} from '../../values/runtime-errors.js'
import type * as A from '../ast.js'
import {catalogueFinding, checkScript, findingsSummary} from '../check.js'
import {atExtent} from '../errors.js'
import type {ActionPreference, CommandIO, HostCommand, Preferences} from '../host.js'
import {parseScript} from '../parser.js'
import {SourceText, decodeScript} from '../source.js'
import {commandNotSupported} from '../unsupported.js'
import type {UtilityCommand, UtilityContext, UtilityProcessor} from '../utility/command.js'
import {applyAliasPresets, resolveAlias} from './aliases.js'
import type {Emit, Frame} from './frame.js'
import {functionSignature, prepareFunctionScope} from './functions.js'
import {type Interpreter, type PipelineRunner, type ScriptBlockValue, enumerate} from './interpreter.js'
import {openRedirections} from './redirection.js'
import {scriptPath} from './paths.js'
import {type Maybe, sequence, then} from './maybe.js'
import {Scope} from './scope.js'
import {PipelineStopped, ReturnSignal, ScriptTerminatingError} from './signals.js'
import {staticMember} from './statics.js'
import {actionPreferenceStop, streamAction, writeStream} from './streams.js'
import {preferencesOf} from './variables.js'

/**
 * Runs pipelines (powershell.md §7): resolves each command name (aliases, functions, utility
 * cmdlets, host cmdlets, script files), binds its arguments with the one binder, binds pipeline
 * input per object, and streams objects from each command to the next.
 */

/** Processor is one running command of a pipeline. */
interface Processor {
  process(input: unknown, hasInput: boolean): Maybe<void>
  end(): Maybe<void>
}

/** Resolved is what a command name stands for (§7.1). */
export type Resolved =
  | {kind: 'host'; command: HostCommand}
  | {kind: 'utility'; command: UtilityCommand}
  | {kind: 'function'; name: string; body: A.ScriptBlockAst; parameters: A.ParamBlockAst | undefined; dot: boolean}
  | {kind: 'script'; path: string; shown: string; dot: boolean}
  | {kind: 'block'; block: ScriptBlockValue; dot: boolean}

/** extentOf is the extent of a node in the frame's source. */
function extentOf(frame: Frame, node: {start: number; end: number}) {
  return {source: frame.source, start: node.start, end: node.end}
}

export class CommandRunner implements PipelineRunner {
  constructor(
    readonly interp: Interpreter,
    readonly utilities: ReadonlyMap<string, UtilityCommand>,
  ) {}

  get #runtime() {
    return this.interp.runtime
  }

  staticMember(type: string, member: string, args: readonly unknown[] | undefined): unknown {
    return staticMember(type, member, args)
  }

  async runPipeline(pipeline: A.PipelineAst, frame: Frame, emit: Emit): Promise<void> {
    // The token tells this pipeline's `Select-Object -First` stop from a nested pipeline's.
    const token = {}
    const stopped = (error: unknown) => error instanceof PipelineStopped && error.owner === token
    const processors: Processor[] = []
    let downstream: Emit = emit
    let last = pipeline.elements.length - 1
    // A trailing bare `| Out-Null` discards the output: no command needs to run for that (§9).
    if (last > 0 && this.#isOutNull(pipeline.elements[last]!, frame)) {
      downstream = () => undefined
      last--
    }
    // Bind every command first (PS binds the whole pipeline before anything runs), then stream.
    for (let i = last; i >= 1; i--) {
      const processor = await this.#processor(pipeline.elements[i] as A.CommandAst, frame, downstream, true, token)
      processors.unshift(processor)
      downstream = (value) => then(sequence(enumerate(value), (item) => processor.process(item, true)), () => undefined)
    }
    const first = pipeline.elements[0]!
    try {
      if (first.type === 'CommandExpression') await this.#expressionElement(first, frame, downstream)
      else {
        const processor = await this.#processor(first, frame, downstream, false, token)
        await processor.process(undefined, false)
        await processor.end()
      }
    } catch (error) {
      if (!stopped(error)) throw error
    }
    for (const processor of processors) {
      try {
        await processor.end()
      } catch (error) {
        if (!stopped(error)) throw error
      }
    }
  }

  #isOutNull(element: A.CommandAst | A.CommandExpressionAst, frame: Frame): boolean {
    if (element.type !== 'Command' || typeof element.name !== 'string' || element.elements.length > 0 || element.redirections.length > 0) return false
    const resolved = this.resolveName(element.name, frame.scope)
    return resolved?.kind === 'utility' && resolved.command.signature.name === 'Out-Null'
  }

  #expressionElement(element: A.CommandExpressionAst, frame: Frame, downstream: Emit): Maybe<void> {
    return then(openRedirections(this.interp, element.redirections, frame, downstream), (io) => {
      const ran = io.run(() => then(this.interp.value(element.expression, io.frame), (value) => (value === undefined ? undefined : io.emit(value))))
      return ran instanceof Promise ? ran.finally(() => io.close()) : then(io.close(), () => ran)
    })
  }

  /** #processor resolves, evaluates the arguments of and binds one command; it runs when input arrives. */
  #processor(command: A.CommandAst, frame: Frame, downstream: Emit, hasUpstream: boolean, token: object): Maybe<Processor> {
    return then(this.#resolve(command, frame), (resolved) =>
      then(this.#arguments(command, frame), (args) =>
        then(openRedirections(this.interp, command.redirections, frame, downstream), (io): Processor => {
          const inner = io.guard(() => this.#start(resolved, command, args, io.frame, io.emit, hasUpstream, token))
          return {
            process: (input, hasInput) => io.run(() => inner.process(input, hasInput)),
            end: () => {
              const ended = io.run(() => inner.end())
              return ended instanceof Promise ? ended.finally(() => io.close()) : then(io.close(), () => ended)
            },
          }
        }),
      ),
    )
  }

  #start(resolved: Resolved, command: A.CommandAst, args: CommandArgument[], frame: Frame, emit: Emit, hasUpstream: boolean, token: object): Processor {
    switch (resolved.kind) {
      case 'host':
        return this.#hostProcessor(resolved.command, command, args, frame, emit, hasUpstream)
      case 'utility':
        return this.#utilityProcessor(resolved.command, command, args, frame, emit, hasUpstream, token)
      default:
        return this.#scriptProcessor(resolved, command, args, frame, emit)
    }
  }

  // ---- resolution --------------------------------------------------------------------------------

  #resolve(command: A.CommandAst, frame: Frame): Maybe<Resolved> {
    const dot = command.invocation === 'dot'
    const byName = (name: string): Resolved => {
      const found = this.resolveName(name, frame.scope, dot)
      if (found) return found
      throw atExtent(this.#notFound(name), extentOf(frame, typeof command.name === 'string' ? command : command.name))
    }
    if (typeof command.name === 'string') return byName(command.name)
    return then(this.interp.value(command.name, frame), (value) => {
      if (typeof value === 'object' && value !== null && (value as ScriptBlockValue).isScriptBlock) return {kind: 'block', block: value as ScriptBlockValue, dot}
      return byName(toPSString(value))
    })
  }

  /** resolveName looks a command name up: aliases, functions, cmdlets, then script paths (§7.1). */
  resolveName(name: string, scope: Scope, dot = false): Resolved | undefined {
    const target = resolveAlias(name) ?? name
    const fn = scope.findFunction(target)
    if (fn) return {kind: 'function', name: fn.name, body: fn.body, parameters: fn.body.paramBlock ?? fn.inlineParameters, dot}
    const utility = this.utilities.get(target.toLowerCase())
    if (utility) return {kind: 'utility', command: utility}
    const host = this.#runtime.host.findCommand(target)
    if (host) return {kind: 'host', command: host}
    if (/[\\/]/.test(name) || /\.ps1$/i.test(name)) return {kind: 'script', path: scriptPath(name), shown: name, dot}
    return undefined
  }

  #notFound(name: string): ErrorRecord {
    const message = commandNotSupported(name) ?? catalogueFinding(name, this.#runtime.host.catalogue)
    if (message) return notSupportedError(message, name)
    if (onPath(name)) return notSupportedError(`Running the external program '${name}' is not supported by csxmpp.`, name)
    return commandNotFound(name)
  }

  // ---- arguments ---------------------------------------------------------------------------------

  /** #arguments evaluates a command's elements in order (synchronously unless one runs a command). */
  #arguments(command: A.CommandAst, frame: Frame): Maybe<CommandArgument[]> {
    const lists = sequence(command.elements, (element): Maybe<CommandArgument[]> => {
      const extent = extentOf(frame, element)
      if (element.type === 'CommandParameter') {
        const parameterExtent = {...extent, end: element.argument ? element.argument.start - 1 : element.end}
        if (!element.argument) return [{kind: 'parameter', name: element.name, extent: parameterExtent}]
        const attachedExtent = extentOf(frame, element.argument)
        return then(this.interp.value(element.argument, frame), (value) => [
          {kind: 'parameter', name: element.name, attached: {kind: 'value', value}, extent: parameterExtent, attachedExtent},
        ])
      }
      if (element.type === 'Variable' && element.splat) return this.#splat(this.interp.readVariable(element, frame.scope), extent)
      return then(this.interp.value(element, frame), (value): CommandArgument[] => [{kind: 'value', value: {kind: 'value', value}, extent}])
    })
    return then(lists, (all) => all.flat())
  }

  /** #splat expands `@h` to named arguments and `@a` to positional ones (§7.2). */
  #splat(value: unknown, extent: unknown): CommandArgument[] {
    if (value instanceof PSHashtable) {
      return value.entries().map(([name, v]) => ({kind: 'parameter', name, attached: {kind: 'value', value: v}, extent, attachedExtent: extent}))
    }
    return enumerate(value).map((v) => ({kind: 'value', value: {kind: 'value', value: v}, extent}))
  }

  // ---- errors of commands ------------------------------------------------------------------------

  /** #bind binds a command line; errors point at the argument they are about, else the command (§11.1). */
  #bind(signature: CommandSignature, args: CommandArgument[], frame: Frame, command: A.CommandAst): BindingResult {
    try {
      return bindArguments(signature, args)
    } catch (error) {
      if (error instanceof ErrorRecord) atExtent(error, (error.argumentExtent as ReturnType<typeof extentOf>) ?? extentOf(frame, command))
      throw error
    }
  }

  /** writeNonTerminating applies the effective ErrorAction to a non-terminating error (§8.1). */
  writeNonTerminating(record: ErrorRecord, frame: Frame, action: ActionPreference): void {
    if (action === 'Stop') throw new ScriptTerminatingError(record)
    this.#runtime.recordError(record, action === 'Ignore')
    if (action === 'Continue') frame.writeError(record)
  }

  #errorAction(values: ReadonlyMap<string, unknown>, preferences: Preferences): ActionPreference {
    const given = values.get('ErrorAction')
    return given instanceof PSEnumValue ? (given.name as ActionPreference) : preferences.errorAction
  }

  #warningAction(values: ReadonlyMap<string, unknown>, preferences: Preferences): ActionPreference {
    const given = values.get('WarningAction')
    return given instanceof PSEnumValue ? (given.name as ActionPreference) : preferences.warningAction
  }

  /** writeWarning shows a warning or, under Stop, ends the script (§8.3). */
  writeWarning(text: string, action: ActionPreference, origin: string): void {
    if (action === 'Stop') throw actionPreferenceStop('WarningPreference', text, origin)
    if (action === 'Continue') this.#runtime.showWarning(text)
  }

  /**
   * #captured applies -ErrorVariable and -WarningVariable (§7.5): the command's error records and
   * warning messages are also stored in an ArrayList variable; `+name` appends to it.
   */
  #captured(values: ReadonlyMap<string, unknown>, frame: Frame): {error(record: ErrorRecord): void; warning(text: string): void} {
    const list = (parameter: string): PSArrayList | undefined => {
      if (!values.has(parameter)) return undefined
      const spec = toPSString(values.get(parameter))
      const name = spec.replace(/^\+/, '')
      const existing = frame.scope.lookup(name)?.value
      if (spec.startsWith('+') && existing instanceof PSArrayList) return existing
      const fresh = new PSArrayList()
      if (spec.startsWith('+') && existing !== null && existing !== undefined) fresh.push(...enumerate(existing))
      frame.scope.define({name, value: fresh})
      return fresh
    }
    const errors = list('ErrorVariable')
    const warnings = list('WarningVariable')
    return {error: (record) => void errors?.push(record), warning: (text) => void warnings?.push(text)}
  }

  // ---- host cmdlets ------------------------------------------------------------------------------

  #hostProcessor(host: HostCommand, command: A.CommandAst, args: CommandArgument[], frame: Frame, emit: Emit, hasUpstream: boolean): Processor {
    const signature = host.signature
    const binding = this.#bind(signature, args, frame, command)
    if (!hasUpstream) this.#checkMandatory(signature, binding, frame, command)
    const commandExtent = extentOf(frame, command)
    const captured = this.#captured(binding.values, frame)
    // The caller's preferences, read once per command rather than per input object.
    const preferences = preferencesOf(frame.scope)
    const errorActionOf = (values: ReadonlyMap<string, unknown>) => this.#errorAction(values, preferences)
    let output: unknown[] = []
    let errorAction = errorActionOf(binding.values)
    const io: CommandIO = {
      writeObject: (value) => void output.push(value),
      writeError: (record) => {
        captured.error(record)
        this.writeNonTerminating(atExtent(record, commandExtent), frame, errorAction === 'Stop' ? 'Continue' : errorAction)
      },
      writeWarning: (text, action) => {
        captured.warning(text)
        this.writeWarning(text, action, signature.name)
      },
      writeVerbose: (text) => this.#runtime.showVerbose(text),
      writeWhatIf: (text) => this.#runtime.console.out(`${text}\n`),
      prompt: (...question) => this.#runtime.console.prompt(...question),
      readPassword: async (prompt) => this.#runtime.console.readPassword?.(prompt),
      readVariable: (name) => frame.scope.lookup(name)?.value ?? null,
    }
    const flush = (): Maybe<void> => {
      const written = output
      output = []
      return then(sequence(written, emit), () => undefined)
    }
    return {
      process: (input, hasInput) => {
        let values = binding.values
        let set = binding.parameterSets[0]!
        if (hasInput) {
          const bound = bindPipelineObject(signature, binding, input)
          if (bound instanceof ErrorRecord) return this.writeNonTerminating(atExtent(bound, commandExtent), frame, errorActionOf(values))
          ;({values} = bound)
          set = bound.parameterSet
        }
        errorAction = errorActionOf(values)
        // Objects written before an error still go down the pipeline (§8.1). The cmdlet's own
        // terminating error, or one escalated by Stop (the original record), points at this command,
        // not at the whole statement (§11.1).
        return host.invoke(values, set, io, preferences).then(flush, (error: unknown) => {
          const record = error instanceof ScriptTerminatingError ? error.record : error
          if (record instanceof ErrorRecord && record.positionLines.length === 0) atExtent(record, commandExtent)
          return then(flush(), () => Promise.reject(error))
        })
      },
      end: () => undefined,
    }
  }

  #checkMandatory(signature: CommandSignature, binding: BindingResult, frame: Frame, command: A.CommandAst): void {
    try {
      checkMandatory(signature, binding.parameterSets[0]!, new Set(binding.values.keys()))
      checkNotEmpty(signature, binding.parameterSets[0]!, binding.values)
    } catch (error) {
      if (error instanceof ErrorRecord) atExtent(error, extentOf(frame, command))
      throw error
    }
  }

  // ---- utility cmdlets ---------------------------------------------------------------------------

  #utilityProcessor(utility: UtilityCommand, command: A.CommandAst, args: CommandArgument[], frame: Frame, emit: Emit, hasUpstream: boolean, token: object): Processor {
    const binding = this.#bind(utility.signature, args, frame, command)
    if (typeof command.name === 'string') applyAliasPresets(command.name, binding.values)
    if (!hasUpstream) this.#checkMandatory(utility.signature, binding, frame, command)
    return this.startUtility(utility, binding, frame, emit, token, extentOf(frame, command))
  }

  /**
   * startUtility runs a bound utility cmdlet; commandExtent is where its errors point, none in argv
   * mode (§1.2, §11.1).
   */
  startUtility(utility: UtilityCommand, binding: BindingResult, frame: Frame, emit: Emit, token: object, commandExtent?: ReturnType<typeof extentOf>): Processor {
    const signature = utility.signature
    const place = (record: ErrorRecord) => (commandExtent && record.positionLines.length === 0 ? atExtent(record, commandExtent) : record)
    const preferences = preferencesOf(frame.scope)
    const errorAction = this.#errorAction(binding.values, preferences)
    const warningAction = this.#warningAction(binding.values, preferences)
    const verbose = binding.values.get('Verbose') === true || preferences.verbose
    const debug = streamAction(binding.values, 'Debug', frame.scope, 'DebugPreference')
    const information = streamAction(binding.values, 'InformationAction', frame.scope, 'InformationPreference')
    const captured = this.#captured(binding.values, frame)
    // A utility's own terminating errors point at its command, not the whole pipeline (§11.1).
    const placed = (error: unknown) => {
      if (error instanceof ErrorRecord) place(error)
      return error
    }
    const placing = async (run: () => Promise<void> | undefined) => {
      try {
        await run()
      } catch (error) {
        throw placed(error)
      }
    }
    const processor = this.#startPlaced(utility, placed, {
      name: signature.name,
      values: binding.values,
      runtime: this.#runtime,
      frame,
      emit,
      writeError: (record) => {
        captured.error(record)
        this.writeNonTerminating(place(record), frame, errorAction)
      },
      writeWarning: (text) => {
        if (warningAction !== 'Ignore') captured.warning(text)
        this.writeWarning(text, warningAction, signature.name)
      },
      writeVerbose: (text) => void (verbose && this.#runtime.showVerbose(text)),
      writeDebug: (text) => writeStream(debug, 'DebugPreference', text, signature.name, (t) => this.#runtime.showDebug(t)),
      writeInformation: (text) => writeStream(information, 'InformationPreference', text, signature.name, (t) => this.#runtime.console.out(`${t}\n`)),
      invoke: (block, input, scope, blockArgs = []) => this.#invokeWithInput(block as ScriptBlockValue, frame, input, scope, blockArgs),
      stop: () => {
        throw new PipelineStopped(token)
      },
    })
    return {
      process: async (input, hasInput) => {
        if (!hasInput) return placing(() => processor.process(binding.values, undefined, false))
        const bound = bindPipelineObject(signature, binding, input)
        if (bound instanceof ErrorRecord) return this.writeNonTerminating(place(bound), frame, errorAction)
        return placing(() => processor.process(bound.values, input, true))
      },
      end: () => placing(() => processor.end?.()),
    }
  }

  /** #startPlaced starts a utility; an error it raises points at its command (§11.1). */
  #startPlaced(utility: UtilityCommand, placed: (error: unknown) => unknown, context: UtilityContext): UtilityProcessor {
    try {
      return utility.start(context)
    } catch (error) {
      throw placed(error)
    }
  }

  /** #invokeWithInput runs a script block with `$_` set, dot-sourced or in a child scope (§4.4). */
  async #invokeWithInput(block: ScriptBlockValue, frame: Frame, input: unknown, scope: 'caller' | 'child', args: readonly unknown[]): Promise<unknown[]> {
    const target = scope === 'caller' ? frame.scope : new Scope(frame.scope, frame.scope.script)
    const saved = [target.local('_'), target.local('PSItem')]
    target.define({name: '_', value: input})
    target.define({name: 'PSItem', value: input})
    target.define({name: 'args', value: [...args]})
    const output: unknown[] = []
    try {
      await this.interp.executeStatements(block.ast.statements, {...frame, scope: target, source: block.ast.source}, async (v) => void output.push(...enumerate(v)))
    } catch (signal) {
      // `return` in a ForEach-Object block goes on with the next object (§6).
      if (!(signal instanceof ReturnSignal)) throw signal
    } finally {
      for (const variable of saved) if (variable) target.define(variable)
    }
    return output
  }

  async invokeScriptBlock(block: ScriptBlockValue, frame: Frame, args: readonly unknown[], emit: Emit): Promise<void> {
    const scope = new Scope(frame.scope, frame.scope.script)
    // ScriptBlock.Invoke(args) binds its arguments by position (§4.5).
    const parameters = block.ast.paramBlock?.parameters ?? []
    parameters.forEach((parameter, i) => scope.define({name: parameter.name, value: args[i] ?? null}))
    scope.define({name: 'args', value: args.slice(parameters.length)})
    try {
      await this.interp.executeStatements(block.ast.statements, {...frame, scope, source: block.ast.source}, emit)
    } catch (signal) {
      if (!(signal instanceof ReturnSignal)) throw signal
    }
  }

  // ---- functions, script blocks and script files ------------------------------------------------

  #scriptProcessor(resolved: Exclude<Resolved, {kind: 'host' | 'utility'}>, command: A.CommandAst, args: CommandArgument[], frame: Frame, emit: Emit): Processor {
    let ran = false
    const run = async () => {
      if (ran) return
      ran = true
      const {body, name, dot, shown} = this.#scriptBody(resolved, frame, command)
      const scope = dot ? frame.scope : new Scope(frame.scope, resolved.kind === 'script' ? undefined : frame.scope.script)
      const parameters = resolved.kind === 'function' ? resolved.parameters : body.paramBlock
      const signature = functionSignature(name, parameters)
      const callFrame: Frame = {...frame, scope, source: body.source, call: {name: shown, source: frame.source, start: command.start, end: command.end}}
      const binding = this.#bind(signature.signature, args, frame, command)
      this.#checkMandatory(signature.signature, binding, frame, command)
      await prepareFunctionScope(this.interp, signature, binding, callFrame, resolved.kind === 'script' ? resolved.path : undefined)
      try {
        await this.interp.executeStatements(body.statements, callFrame, emit)
      } catch (signal) {
        if (!(signal instanceof ReturnSignal)) throw signal
      }
    }
    // A function gets no pipeline input in the subset (§6): it runs once, after its input ended.
    return {process: async (_input, hasInput) => void (hasInput ? undefined : await run()), end: run}
  }

  /**
   * #refuseFindings checks a called or dot-sourced file before it runs (§14.1): its findings are shown,
   * none of it runs, and the calling statement fails with the count line.
   */
  #refuseFindings(body: A.ScriptBlockAst, frame: Frame, command: A.CommandAst): void {
    const findings = checkScript(body, {utilities: this.utilities, host: this.#runtime.host})
    if (findings.length === 0) return
    for (const finding of findings) this.#runtime.showError(finding)
    const end = Math.max(command.end, typeof command.name === 'string' ? command.end : command.name.end)
    throw atExtent(notSupportedError(findingsSummary(findings.length), body.source.name ?? ''), {source: frame.source, start: command.start, end})
  }

  #scriptBody(resolved: Exclude<Resolved, {kind: 'host' | 'utility'}>, frame: Frame, command: A.CommandAst) {
    if (resolved.kind === 'function') return {body: resolved.body, name: resolved.name, dot: resolved.dot, shown: resolved.name}
    if (resolved.kind === 'block') return {body: resolved.block.ast, name: '<ScriptBlock>', dot: resolved.dot, shown: '<ScriptBlock>'}
    if (/^[a-z]:/i.test(resolved.shown)) {
      throw atExtent(runtimeError(`Cannot find drive. A drive with the name '${resolved.shown[0]}' does not exist.`, 'DriveNotFound', 'ObjectNotFound', 'DriveNotFoundException', resolved.shown[0]), extentOf(frame, command))
    }
    if (!existsSync(resolved.path)) throw atExtent(commandNotFound(resolved.shown), extentOf(frame, command))
    const body = parseScript(new SourceText(decodeScript(readFileSync(resolved.path)), resolved.shown))
    this.#refuseFindings(body, frame, command)
    return {body, name: path.basename(resolved.shown), dot: resolved.dot, shown: path.basename(resolved.shown)}
  }
}

/** onPath tells whether an external program of that name is on PATH (§7.1). */
function onPath(name: string): boolean {
  if (!/^[\w.-]+$/.test(name)) return false
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, name)))
}

