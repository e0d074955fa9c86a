import {ErrorRecord} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {parseDateTime} from '../../values/dotnet-format.js'
import {matchGroups, toRegExp} from '../../values/regex.js'
import {notSupportedError, runtimeError} from '../../values/runtime-errors.js'
import {type WildcardPattern, WildcardPatternError, compileWildcard} from '../../values/wildcard.js'
import type * as A from '../ast.js'
import {UNSUPPORTED_SWITCH_FLAGS} from '../unsupported.js'
import {castTo} from './convert.js'
import type {Emit, Frame} from './frame.js'
import {type Interpreter, enumerate} from './interpreter.js'
import {collect} from './members.js'
import {Scope} from './scope.js'
import {BreakSignal, ContinueSignal, ReturnSignal} from './signals.js'

/**
 * The switch statement (powershell.md §6; PS's VisitSwitchStatement and SwitchOps): the input is
 * evaluated once and enumerated, each element is tested against every clause in order, and every
 * clause that holds runs, in the current scope. `break` ends the switch and `continue` the round;
 * neither reaches a loop around it.
 */

/** runSwitch runs a switch statement, writing its clauses' output to emit. */
export async function runSwitch(interp: Interpreter, statement: A.SwitchStatementAst, frame: Frame, emit: Emit): Promise<void> {
  // The check before running refuses -File and -Parallel (§14); a script reached another way still may not run them.
  const flag = statement.unsupportedFlags[0]
  if (flag) throw notSupportedError(UNSUPPORTED_SWITCH_FLAGS[flag.flag]!, 'switch')
  // Without -File the input is `( pipeline )`. A collection gives one round per element, `$null`
  // one round, `@()` and a command without output none (§6).
  const items = await interp.statementsOutput([statement.input as A.PipelineBaseAst], frame)
  const scope = frame.scope
  const saved = [scope.local('_'), scope.local('PSItem')] as const
  try {
    for (const item of items) {
      scope.define({name: '_', value: item})
      scope.define({name: 'PSItem', value: item})
      try {
        await round(interp, statement, item, frame, emit)
      } catch (signal) {
        if (signal instanceof BreakSignal) return
        if (!(signal instanceof ContinueSignal)) throw signal
      }
    }
  } finally {
    // `$_` is what it was before, e.g. the pipeline object of an enclosing ForEach-Object block.
    restore(scope, '_', saved[0])
    restore(scope, 'PSItem', saved[1])
  }
}

function restore(scope: Scope, name: string, saved: ReturnType<Scope['local']>): void {
  if (saved) scope.define(saved)
  else scope.remove(name)
}

/** round tests one element against the clauses; `default` runs when no other clause held. */
async function round(interp: Interpreter, statement: A.SwitchStatementAst, item: unknown, frame: Frame, emit: Emit): Promise<void> {
  let matched = false
  for (const clause of statement.clauses) {
    if (!clause.condition || !(await holds(interp, statement, clause.condition, item, frame))) continue
    matched = true
    await interp.executeStatements(clause.body.statements, frame, emit)
  }
  const fallback = statement.clauses.find((clause) => !clause.condition)
  if (!matched && fallback) await interp.executeStatements(fallback.body.statements, frame, emit)
}

async function holds(interp: Interpreter, statement: A.SwitchStatementAst, condition: A.ExpressionAst, item: unknown, frame: Frame): Promise<boolean> {
  if (condition.type === 'ScriptBlockExpression') return blockHolds(interp, condition.scriptBlock, item, frame)
  const value = await interp.evaluate(condition, frame)
  if (value === null || value === undefined) return item === null || item === undefined
  try {
    return matches(statement, toPSString(value), toPSString(item), frame)
  } catch (error) {
    if (error instanceof ErrorRecord) interp.position(error, frame.source, condition)
    throw error
  }
}

/** blockHolds runs a script-block condition in a child scope with `$_` set; its output's truth decides (§4.2). */
async function blockHolds(interp: Interpreter, block: A.ScriptBlockAst, item: unknown, frame: Frame): Promise<boolean> {
  const scope = new Scope(frame.scope, frame.scope.script)
  scope.define({name: '_', value: item})
  scope.define({name: 'PSItem', value: item})
  const output: unknown[] = []
  try {
    await interp.executeStatements(block.statements, {...frame, scope, source: block.source}, (value) => void output.push(...enumerate(value)))
  } catch (signal) {
    if (!(signal instanceof ReturnSignal)) throw signal
  }
  return castTo(collect(output), 'bool', {parseDate: parseDateTime}) as boolean
}

/** matches compares the string forms: equality, a wildcard match (§5.3) or a regex search setting `$Matches` (§5.1). */
function matches(statement: A.SwitchStatementAst, pattern: string, text: string, frame: Frame): boolean {
  const caseSensitive = statement.caseSensitive
  switch (statement.mode) {
    case 'exact':
      return caseSensitive ? pattern === text : pattern.toLowerCase() === text.toLowerCase()
    case 'wildcard':
      return wildcard(pattern, caseSensitive).matches(text)
    case 'regex': {
      const match = toRegExp(pattern, {caseSensitive}).exec(text)
      if (match) frame.scope.define({name: 'Matches', value: matchGroups(match)})
      return match !== null
    }
  }
}

/** wildcard compiles a pattern; an invalid one is the runtime error of §5.3, without origin. */
function wildcard(pattern: string, caseSensitive: boolean): WildcardPattern {
  try {
    return compileWildcard(pattern, caseSensitive)
  } catch (error) {
    if (error instanceof WildcardPatternError) throw runtimeError(error.message, 'RuntimeException', 'NotSpecified', 'WildcardPatternException')
    throw error
  }
}
