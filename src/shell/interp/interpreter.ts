import {toEnum} from '../../binding/convert.js'
import {ErrorRecord} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {parseDateTime} from '../../values/dotnet-format.js'
import {PSHashtable, type PSScriptBlock} from '../../values/objects.js'
import {runtimeError} from '../../values/runtime-errors.js'
import type * as A from '../ast.js'
import {atExtent} from '../errors.js'
import type {SourceText} from '../source.js'
import {type TypeKey, typeKey} from '../types.js'
import {castTo, isOfType} from './convert.js'
import type {Emit, Frame} from './frame.js'
import {callMethod, collect, getMember, setMember} from './members.js'
import {binaryOperator, unaryOperator} from './operators.js'
import type {Runtime} from './runtime.js'
import {type Maybe, sequence, then} from './maybe.js'
import {Scope} from './scope.js'
import {runSwitch} from './switch.js'
import {BreakSignal, ContinueSignal, ExitSignal, Interrupted, ReturnSignal, ScriptTerminatingError} from './signals.js'
import {checkAssignable, preferencesOf, readEnvironment, readSpecial} from './variables.js'

/**
 * The tree-walking interpreter of the subset (powershell.md §4–§8). Statements write their output
 * through an Emit; commands are run by the PipelineRunner given to it, so this file knows values,
 * variables and control flow, and nothing of binding.
 */

/** ScriptBlockValue is a `{ … }` value: its text for binding and printing, its tree for running. */
export interface ScriptBlockValue extends PSScriptBlock {
  readonly ast: A.ScriptBlockAst
}

/** TypeValue is a type literal used as a value (`-is [int]`, `[string]::Empty`). */
export class TypeValue {
  constructor(readonly typeName: string) {}

  toString(): string {
    return this.typeName
  }
}

/** PipelineRunner runs pipelines and script blocks; the command side implements it. */
export interface PipelineRunner {
  runPipeline(pipeline: A.PipelineAst, frame: Frame, emit: Emit): Promise<void>
  invokeScriptBlock(block: ScriptBlockValue, frame: Frame, args: readonly unknown[], emit: Emit): Promise<void>
  staticMember(type: string, member: string, args: readonly unknown[] | undefined): unknown
}

/** HANDLED marks statement-terminating records already written by a redirection (`2>$null`). */
export const HANDLED = new WeakSet<ErrorRecord>()

/** enumerate lists what a value sends down a pipeline: a collection's elements, or itself. */
export function enumerate(value: unknown): unknown[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

export class Interpreter {
  runner!: PipelineRunner

  constructor(readonly runtime: Runtime) {}

  // ---- statements --------------------------------------------------------------------------------

  /** executeStatements runs a statement list; each statement's errors are handled on its own (§8.1). */
  async executeStatements(statements: readonly A.StatementAst[], frame: Frame, emit: Emit): Promise<void> {
    for (const statement of statements) await this.executeStatement(statement, frame, emit)
  }

  /** executeStatement runs one statement; a statement-terminating error ends only it (§8.1). */
  async executeStatement(statement: A.StatementAst, frame: Frame, emit: Emit): Promise<void> {
    if (this.runtime.interrupted) throw new Interrupted()
    const before = this.runtime.errorEvents
    try {
      await this.#statement(statement, frame, emit)
      this.runtime.lastStatus = this.runtime.errorEvents === before
    } catch (error) {
      this.runtime.lastStatus = false
      if (!(error instanceof ErrorRecord)) throw error
      this.position(error, frame.source, statement)
      const preferences = preferencesOf(frame.scope)
      if (this.runtime.tryDepth > 0 || preferences.errorAction === 'Stop') throw new ScriptTerminatingError(error)
      if (HANDLED.has(error)) return
      this.runtime.recordError(error)
      if (preferences.errorAction !== 'SilentlyContinue') frame.writeError(error)
    }
  }

  /** position attaches the extent of a node to a record raised there, unless it already has one. */
  position(record: ErrorRecord, source: SourceText, node: {start: number; end: number}): ErrorRecord {
    if (record.positionLines.length === 0) atExtent(record, {source, start: node.start, end: node.end})
    return record
  }

  async #statement(statement: A.StatementAst, frame: Frame, emit: Emit): Promise<void> {
    switch (statement.type) {
      case 'Pipeline':
        return this.runner.runPipeline(statement, frame, emit)
      case 'Assignment':
        return this.#assign(statement, frame)
      case 'If':
        for (const clause of statement.clauses) {
          if (toBooleanValue(await this.evaluatePipeline(clause.condition, frame))) return this.executeStatements(clause.body.statements, frame, emit)
        }
        if (statement.elseBody) await this.executeStatements(statement.elseBody.statements, frame, emit)
        return
      case 'ForEach':
        return this.#foreach(statement, frame, emit)
      case 'For':
        return this.#for(statement, frame, emit)
      case 'While':
        return this.#loop(frame, emit, statement.body, async () => toBooleanValue(await this.evaluatePipeline(statement.condition, frame)))
      case 'Switch':
        return runSwitch(this, statement, frame, emit)
      case 'Try':
        return this.#try(statement, frame, emit)
      case 'FunctionDefinition':
        frame.scope.defineFunction({name: statement.name, body: statement.body, inlineParameters: statement.parameters.length > 0 ? {type: 'ParamBlock', attributes: [], parameters: statement.parameters, start: statement.start, end: statement.end} : undefined})
        return
      case 'Break':
        throw new BreakSignal()
      case 'Continue':
        throw new ContinueSignal()
      case 'Return':
        if (statement.pipeline) await this.#emitPipeline(statement.pipeline, frame, emit)
        throw new ReturnSignal()
      case 'Exit':
        return this.#exit(statement, frame)
      case 'Throw':
        return this.#throw(statement, frame)
    }
  }

  async #emitPipeline(pipeline: A.PipelineBaseAst, frame: Frame, emit: Emit): Promise<void> {
    if (pipeline.type === 'Pipeline') return this.runner.runPipeline(pipeline, frame, emit)
    await this.#assign(pipeline, frame)
  }

  async #exit(statement: A.ValueStatementAst, frame: Frame): Promise<never> {
    const value = statement.pipeline ? await this.evaluatePipeline(statement.pipeline, frame) : undefined
    throw new ExitSignal(value === undefined || value === null ? undefined : Math.trunc(Number(value)) & 0xff)
  }

  async #throw(statement: A.ValueStatementAst, frame: Frame): Promise<never> {
    const value = statement.pipeline ? await this.evaluatePipeline(statement.pipeline, frame) : frame.scope.lookup('_')?.value
    // `throw` inside catch, and `throw $_`, rethrow the record unchanged (§8.2).
    if (value instanceof ErrorRecord) throw new ScriptTerminatingError(value)
    const message = value === undefined || value === null ? 'ScriptHalted' : toPSString(value)
    const record = new ErrorRecord({message, errorId: message, category: 'OperationStopped', reason: 'RuntimeException', targetObject: value ?? undefined})
    throw new ScriptTerminatingError(this.position(record, frame.source, statement))
  }

  async #loop(frame: Frame, emit: Emit, body: A.StatementBlockAst, next: () => Promise<boolean>, step?: () => Promise<void>): Promise<void> {
    while (await next()) {
      try {
        await this.executeStatements(body.statements, frame, emit)
      } catch (signal) {
        if (signal instanceof BreakSignal) return
        if (!(signal instanceof ContinueSignal)) throw signal
      }
      await step?.()
    }
  }

  async #foreach(statement: A.ForEachStatementAst, frame: Frame, emit: Emit): Promise<void> {
    // foreach over $null runs zero times; over a scalar, once (§4.3).
    const value = await this.evaluatePipeline(statement.collection, frame)
    const items = value === null ? [] : enumerate(value)
    let index = 0
    await this.#loop(frame, emit, statement.body, async () => {
      if (index >= items.length) return false
      this.setVariable(frame.scope, statement.variable, items[index++])
      return true
    })
  }

  async #for(statement: A.ForStatementAst, frame: Frame, emit: Emit): Promise<void> {
    if (statement.initializer) await this.evaluatePipeline(statement.initializer, frame)
    await this.#loop(
      frame,
      emit,
      statement.body,
      async () => !statement.condition || toBooleanValue(await this.evaluatePipeline(statement.condition, frame)),
      async () => void (statement.iterator && (await this.evaluatePipeline(statement.iterator, frame))),
    )
  }

  async #try(statement: A.TryStatementAst, frame: Frame, emit: Emit): Promise<void> {
    try {
      this.runtime.tryDepth++
      try {
        await this.executeStatements(statement.body.statements, frame, emit)
      } finally {
        this.runtime.tryDepth--
      }
    } catch (error) {
      const record = error instanceof ScriptTerminatingError ? error.record : error instanceof ErrorRecord ? error : undefined
      if (!record || statement.catches.length === 0) {
        if (statement.finally) await this.executeStatements(statement.finally.statements, frame, emit)
        throw error
      }
      this.position(record, frame.source, statement.body)
      if (!this.runtime.errors.includes(record)) this.runtime.recordError(record)
      const previous = frame.scope.local('_')
      try {
        frame.scope.define({name: '_', value: record})
        frame.scope.define({name: 'PSItem', value: record})
        await this.executeStatements(statement.catches[0]!.body.statements, frame, emit)
      } finally {
        if (previous) frame.scope.define(previous)
        if (statement.finally) await this.executeStatements(statement.finally.statements, frame, emit)
      }
      return
    }
    if (statement.finally) await this.executeStatements(statement.finally.statements, frame, emit)
  }

  // ---- assignment --------------------------------------------------------------------------------

  async #assign(statement: A.AssignmentStatementAst, frame: Frame): Promise<void> {
    const value = await this.#statementValue(statement.value, frame)
    await this.assignTo(statement.target, statement.operator, value, frame)
  }

  /** #statementValue collects a statement's output as a value (§4.3). */
  #statementValue(statement: A.StatementAst, frame: Frame): Maybe<unknown> {
    if (statement.type === 'Pipeline' && statement.elements.length === 1 && statement.elements[0]!.type === 'CommandExpression' && statement.elements[0].redirections.length === 0) {
      // A plain expression keeps its value: `$a = 1, 2` is an array, `$x = ,$y` stays nested.
      return this.value(statement.elements[0].expression, frame)
    }
    const output: unknown[] = []
    // A nested statement: its errors belong to the enclosing one.
    return this.#statement(statement, frame, async (v) => void output.push(...enumerate(v))).then(() => collect(output))
  }

  async assignTo(target: A.ExpressionAst, operator: string, value: unknown, frame: Frame): Promise<void> {
    const combine = async (old: () => Promise<unknown>) =>
      operator === '=' ? value : binaryOperator(operator[0]!, await old(), value, this.#operatorContext(frame))
    try {
      if (target.type === 'Variable') return this.setVariable(frame.scope, target, await combine(() => this.evaluate(target, frame)))
      if (target.type === 'Convert' && target.operand.type === 'Variable') {
        const key = this.#typeKey(target.typeName)
        const converted = castTo(await combine(() => this.evaluate(target.operand, frame)), key, CONVERT_OPTIONS)
        return this.setVariable(frame.scope, target.operand, converted, key)
      }
      if (target.type === 'Member') {
        const object = await this.evaluate(target.target, frame)
        const name = await this.#memberName(target, frame)
        return setMember(object, name, await combine(async () => getMember(object, name)))
      }
      if (target.type === 'Index') {
        const object = await this.evaluate(target.target, frame)
        const index = await this.evaluate(target.index, frame)
        return setIndex(object, index, await combine(async () => getIndex(object, index)))
      }
    } catch (error) {
      if (error instanceof ErrorRecord) this.position(error, frame.source, target)
      throw error
    }
  }

  /** setVariable assigns `$x`, honouring scope prefixes and type constraints (§4.2, §4.4). */
  setVariable(scope: Scope, variable: A.VariableExpressionAst, value: unknown, constraint?: TypeKey): void {
    if (variable.scope === 'env') {
      if (value === null) delete process.env[variable.name]
      else process.env[variable.name] = toPSString(value)
      return
    }
    checkAssignable(variable.name, value)
    if (variable.name.toLowerCase() === 'null') return
    const target = variable.scope === 'script' || variable.scope === 'global' ? (variable.scope === 'global' ? this.runtime.global : scope.script) : scope
    const existing = variable.scope === undefined ? (target.local(variable.name) ?? undefined) : target.local(variable.name)
    const typed = constraint ?? existing?.constraint
    const converted = typed && !constraint ? castTo(value, typed, CONVERT_OPTIONS) : value
    if (existing && !constraint) {
      existing.value = converted
      return
    }
    target.define({name: variable.name, value: converted, constraint: typed})
  }

  // ---- expressions -------------------------------------------------------------------------------

  /** evaluatePipeline runs a pipeline (or assignment) used as a value: if, while, foreach (§4.3). */
  async evaluatePipeline(pipeline: A.PipelineBaseAst, frame: Frame): Promise<unknown> {
    return this.#statementValue(pipeline, frame)
  }

  /** statementsOutput runs statements and collects their output, arrays enumerated. */
  async statementsOutput(statements: readonly A.StatementAst[], frame: Frame): Promise<unknown[]> {
    const output: unknown[] = []
    await this.executeStatements(statements, frame, async (v) => void output.push(...enumerate(v)))
    return output
  }

  async evaluate(expression: A.ExpressionAst, frame: Frame): Promise<unknown> {
    return this.value(expression, frame)
  }

  /** value evaluates an expression, synchronously unless it has to run a command (see maybe.ts). */
  value(expression: A.ExpressionAst, frame: Frame): Maybe<unknown> {
    const place = (error: unknown) => {
      if (error instanceof ErrorRecord) this.position(error, frame.source, expression)
      return error
    }
    try {
      const result = this.#evaluate(expression, frame)
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(place(error))) : result
    } catch (error) {
      throw place(error)
    }
  }

  #evaluate(e: A.ExpressionAst, frame: Frame): Maybe<unknown> {
    switch (e.type) {
      case 'Constant':
      case 'StringConstant':
        return e.value
      case 'ExpandableString':
        return this.#expand(e, frame)
      case 'Variable':
        return this.readVariable(e, frame.scope)
      case 'SubExpression':
        return this.statementsOutput(e.statements, frame).then(collect)
      case 'ArrayExpression':
        return this.statementsOutput(e.statements, frame)
      case 'Paren':
        return this.#statementValue(e.pipeline, frame)
      case 'ArrayLiteral':
        return sequence(e.elements, (element) => this.value(element, frame))
      case 'Hashtable':
        return this.#hashtable(e, frame)
      case 'ScriptBlockExpression':
        return scriptBlockValue(e.scriptBlock)
      case 'TypeExpression':
        return new TypeValue(e.typeName)
      case 'Convert':
        return then(this.value(e.operand, frame), (value) => this.#convert(e.typeName, value))
      case 'Binary':
        return this.#binary(e, frame)
      case 'Unary':
        return this.#unary(e, frame)
      case 'Member':
        return this.#member(e, frame)
      case 'Index':
        return then(this.value(e.target, frame), (target) => then(this.value(e.index, frame), (index) => getIndex(target, index)))
    }
  }

  /** #expand builds an expandable string: variables and `$( … )` by their string forms, arrays joined with $OFS (§2.6). */
  #expand(e: A.ExpandableStringExpressionAst, frame: Frame): Maybe<string> {
    const ofs = frame.scope.lookup('OFS')?.value
    const separator = ofs === undefined || ofs === null ? ' ' : toPSString(ofs)
    const text = (value: unknown) => (Array.isArray(value) ? value.map(toPSString).join(separator) : toPSString(value))
    const pieces = sequence(e.parts, (part): Maybe<string> => {
      if (typeof part === 'string') return part
      if (part.type === 'Variable') return text(this.readVariable(part, frame.scope))
      return this.statementsOutput(part.statements, frame).then((output) => text(collect(output)))
    })
    return then(pieces, (parts) => parts.join(''))
  }

  readVariable(variable: A.VariableExpressionAst, scope: Scope): unknown {
    if (variable.scope === 'env') return readEnvironment(variable.name)
    const special = readSpecial(variable.name, this.runtime)
    if (special !== undefined) return special
    const from = variable.scope === 'global' ? this.runtime.global : variable.scope === 'script' ? scope.script : scope
    const found = variable.scope === 'local' ? scope.local(variable.name) : from.lookup(variable.name)
    return found?.value ?? null
  }

  #hashtable(e: A.HashtableAst, frame: Frame): Maybe<PSHashtable> {
    const table = new PSHashtable()
    const filled = sequence(e.pairs, ([keyAst, valueAst]) =>
      then(this.value(keyAst, frame), (key) => then(this.#statementValue(valueAst, frame), (value) => table.set(toPSString(key), value))),
    )
    return then(filled, () => table)
  }

  #typeKey(typeName: string): TypeKey {
    const key = typeKey(typeName)
    if (!key) throw runtimeError(`Unable to find type [${typeName}].`, 'TypeNotFound', 'InvalidOperation')
    return key
  }

  #convert(typeName: string, value: unknown): unknown {
    const key = typeKey(typeName)
    if (key) return castTo(value, key, CONVERT_OPTIONS)
    const enumType = this.runtime.host.resolveEnumType(typeName)
    if (!enumType) throw runtimeError(`Unable to find type [${typeName}].`, 'TypeNotFound', 'InvalidOperation')
    return toEnum(value, enumType)
  }

  #operatorContext(frame: Frame) {
    return {setMatches: (table: PSHashtable) => void frame.scope.define({name: 'Matches', value: table})}
  }

  #binary(e: A.BinaryExpressionAst, frame: Frame): Maybe<unknown> {
    return then(this.value(e.left, frame), (left) => {
      if (e.operator === '-and') return toBooleanValue(left) && then(this.value(e.right, frame), toBooleanValue)
      if (e.operator === '-or') return toBooleanValue(left) || then(this.value(e.right, frame), toBooleanValue)
      return then(this.value(e.right, frame), (right) => this.#binaryValues(e, left, right, frame))
    })
  }

  #binaryValues(e: A.BinaryExpressionAst, left: unknown, right: unknown, frame: Frame): unknown {
    if (e.operator === '-is' || e.operator === '-isnot' || e.operator === '-as') {
      const typeName = right instanceof TypeValue ? right.typeName : toPSString(right)
      if (e.operator === '-as') {
        try {
          return this.#convert(typeName, left)
        } catch {
          return null
        }
      }
      return isOfType(left, this.#typeKey(typeName)) === (e.operator === '-is')
    }
    return binaryOperator(e.operator, left, right, this.#operatorContext(frame))
  }

  #unary(e: A.UnaryExpressionAst, frame: Frame): Maybe<unknown> {
    if (e.operator.startsWith('++') || e.operator.startsWith('--')) {
      return (async () => {
        const old = await this.evaluate(e.operand, frame)
        const updated = binaryOperator(e.operator[0]!, old, 1, this.#operatorContext(frame))
        await this.assignTo(e.operand, '=', updated, frame)
        // A statement `$i++` outputs nothing; as a value, postfix gives the old value.
        return e.operator.endsWith('post') ? undefined : updated
      })()
    }
    return then(this.value(e.operand, frame), (operand) => unaryOperator(e.operator, operand))
  }

  #member(e: A.MemberExpressionAst, frame: Frame): Maybe<unknown> {
    const args = e.arguments ? sequence(e.arguments, (a) => this.value(a, frame)) : undefined
    return then(args, (values) => {
      if (e.isStatic) return this.runner.staticMember((e.target as A.TypeExpressionAst).typeName, e.member, values)
      return then(this.value(e.target, frame), (target) => then(this.#memberName(e, frame), (name) => {
        if (!values) return getMember(target, name)
        return callMethod(target, name, values, async (block, blockArgs) => {
          const output: unknown[] = []
          await this.runner.invokeScriptBlock(block as ScriptBlockValue, frame, blockArgs, async (v) => void output.push(...enumerate(v)))
          return collect(output)
        })
      }))
    })
  }

  /** #memberName is the name a member expression uses: as written, or a computed name's string form, `$null` being the empty name (§4.5). */
  #memberName(e: A.MemberExpressionAst, frame: Frame): Maybe<string> {
    if (!e.computed) return e.member
    return then(this.value(e.computed, frame), (name) => (name === null || name === undefined ? '' : toPSString(name)))
  }
}

/** CONVERT_OPTIONS gives casts the date parser (§4.6). */
const CONVERT_OPTIONS = {parseDate: parseDateTime}

function toBooleanValue(value: unknown): boolean {
  return castTo(value, 'bool', CONVERT_OPTIONS) as boolean
}

/** scriptBlockValue makes the value of a `{ … }` literal: its text is the source between the braces. */
export function scriptBlockValue(ast: A.ScriptBlockAst): ScriptBlockValue {
  return {isScriptBlock: true, text: ast.source.text.slice(ast.start + 1, ast.end - 1), ast}
}

/** getIndex is `target[index]` (§4.5): negative indexes count from the end; a list of indexes slices. */
export function getIndex(target: unknown, index: unknown): unknown {
  if (target === null || target === undefined) throw runtimeError('Cannot index into a null array.', 'NullArray', 'InvalidOperation')
  if (target instanceof PSHashtable) {
    if (Array.isArray(index)) return index.map((k) => target.get(toPSString(k)) ?? null)
    return target.get(toPSString(index)) ?? null
  }
  if (Array.isArray(index)) return index.map((i) => getIndex(target, i))
  const list = typeof target === 'string' ? [...target] : Array.isArray(target) ? target : [target]
  const i = Number(index)
  const position = i < 0 ? list.length + i : i
  return list[position] ?? null
}

function setIndex(target: unknown, index: unknown, value: unknown): void {
  if (target instanceof PSHashtable) return target.set(toPSString(index), value)
  if (Array.isArray(target)) {
    const i = Number(index)
    const position = i < 0 ? target.length + i : i
    if (!Number.isInteger(position) || position < 0 || position >= target.length) {
      throw runtimeError('Index was outside the bounds of the array.', 'IndexOutOfRange', 'InvalidOperation')
    }
    target[position] = value
    return
  }
  if (target === null || target === undefined) throw runtimeError('Cannot index into a null array.', 'NullArray', 'InvalidOperation')
  throw runtimeError(`Unable to index into an object of type ${toPSString(target)}.`, 'CannotIndex', 'InvalidOperation')
}
