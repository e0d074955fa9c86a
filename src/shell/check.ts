import {resolveParameter} from '../binding/binder.js'
import {ErrorRecord} from '../errors.js'
import type * as A from './ast.js'
import {parseError} from './errors.js'
import {resolveAlias} from './interp/aliases.js'
import {commandNotSupported, importModuleNotSupported, isLyncModule} from './unsupported.js'
import type {UtilityCommand} from './utility/command.js'

/**
 * The check before running (powershell.md §14): command names, module names and parameter names
 * that are literal in the script are checked against the subset once the script has parsed, in
 * source order, so that nothing runs when one is outside it. Computed names are checked when they run.
 */

/** commandsOf lists every CommandAst of a tree, in source order. */
function commandsOf(node: unknown, found: A.CommandAst[] = []): A.CommandAst[] {
  if (Array.isArray(node)) {
    for (const child of node) commandsOf(child, found)
  } else if (typeof node === 'object' && node !== null) {
    if ((node as {type?: string}).type === 'Command') found.push(node as A.CommandAst)
    for (const [key, child] of Object.entries(node)) if (key !== 'source') commandsOf(child, found)
  }
  return found
}

function literal(e: A.CommandParameterAst | A.ExpressionAst | undefined): string | undefined {
  return e?.type === 'StringConstant' ? e.value : undefined
}

/** firstArgument is the value of `-Name x` or the first positional argument. */
function firstArgument(command: A.CommandAst, parameter: string): string | undefined {
  const index = command.elements.findIndex((e) => e.type === 'CommandParameter' && parameter.toLowerCase().startsWith(e.name.toLowerCase()))
  if (index >= 0) {
    const element = command.elements[index] as A.CommandParameterAst
    return literal(element.argument ?? command.elements[index + 1])
  }
  return literal(command.elements.find((e) => e.type !== 'CommandParameter'))
}

function hasParameter(command: A.CommandAst, name: string): A.CommandParameterAst | undefined {
  return command.elements.find((e): e is A.CommandParameterAst => e.type === 'CommandParameter' && e.name.length > 1 && name.toLowerCase().startsWith(e.name.toLowerCase()))
}

/** checkScript throws the first construct outside the subset that the script names literally. */
export function checkScript(script: A.ScriptBlockAst, utilities: ReadonlyMap<string, UtilityCommand>): void {
  const source = script.source
  const at = (message: string, start: number, end: number) => parseError('NotSupportedByCsxmpp', message, {source, start, end})
  for (const command of commandsOf(script.statements).sort((a, b) => a.start - b.start)) {
    if (typeof command.name !== 'string') continue
    const name = resolveAlias(command.name) ?? command.name
    const nameEnd = command.start + command.name.length
    const message = commandNotSupported(name)
    if (message) throw at(message, command.start, nameEnd)
    const lower = name.toLowerCase()
    if (lower === 'import-module') {
      const module = firstArgument(command, 'Name')
      if (module !== undefined && !isLyncModule(module)) throw at(importModuleNotSupported(module), command.start, command.end)
    }
    if (lower === 'new-object') checkNewObject(command, at)
    if (lower === 'foreach-object' && hasParameter(command, 'Parallel')) {
      throw at('ForEach-Object -Parallel (PowerShell 7) is not supported by csxmpp.', command.start, command.end)
    }
    const utility = utilities.get(lower)
    if (utility) checkParameters(command, utility, at)
  }
}

function checkNewObject(command: A.CommandAst, at: (message: string, start: number, end: number) => ErrorRecord): void {
  if (hasParameter(command, 'ComObject')) throw at('COM objects (New-Object -ComObject) are not supported by csxmpp.', command.start, command.end)
  const type = firstArgument(command, 'TypeName')
  if (type !== undefined && !/^((system\.management\.automation\.)?(ps(custom)?object|pscredential)|system\.collections\.arraylist)$/i.test(type)) {
    throw at(`The type [${type}] is not supported by csxmpp.`, command.start, command.end)
  }
}

function checkParameters(command: A.CommandAst, utility: UtilityCommand, at: (message: string, start: number, end: number) => ErrorRecord): void {
  for (const element of command.elements) {
    if (element.type !== 'CommandParameter') continue
    try {
      resolveParameter(utility.signature, element.name)
    } catch (error) {
      if (error instanceof ErrorRecord && error.errorId === 'NotSupportedByCsxmpp') throw at(error.message, element.start, element.start + element.name.length + 1)
    }
  }
}
