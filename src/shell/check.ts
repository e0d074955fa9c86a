import {resolveParameter} from '../binding/binder.js'
import type {CommandSignature} from '../binding/parameter.js'
import {ErrorRecord} from '../errors.js'
import type * as A from './ast.js'
import {parseError} from './errors.js'
import type {CommandHost} from './host.js'
import {resolveAlias} from './interp/aliases.js'
import {type LyncCatalogue, lyncCmdletNotProvided} from '../help/lync-catalogue.js'
import {UNSUPPORTED_SWITCH_FLAGS, commandNotSupported, importModuleNotSupported, isLyncModule} from './unsupported.js'
import type {UtilityCommand} from './utility/command.js'

/**
 * The check before running (powershell.md §14.1): after a script parsed, every construct outside the
 * subset that the parser saw, and every command name, module name and parameter name that is literal
 * in the script and outside the subset, is a finding; all of them are reported, in source order, and
 * nothing runs. Computed names are checked when they run.
 */

/** CheckContext is what the check looks names up in: the utility cmdlets, and the host's registry and Lync catalogue. */
export interface CheckContext {
  readonly utilities: ReadonlyMap<string, UtilityCommand>
  readonly host: CommandHost
}

/** nodesOf lists every node of a type in a tree, in source order (a construct's findings keep no body, §14.1). */
function nodesOf<T extends {type: string}>(node: unknown, type: T['type'], found: T[] = []): T[] {
  if (Array.isArray(node)) {
    for (const child of node) nodesOf(child, type, found)
  } else if (typeof node === 'object' && node !== null) {
    if ((node as {type?: string}).type === type) found.push(node as T)
    for (const [key, child] of Object.entries(node)) if (key !== 'source' && key !== 'findings') nodesOf(child, type, found)
  }
  return found
}

/** checkScript returns every finding of a parsed script as ParserError records, in source order (§14.1). */
export function checkScript(script: A.ScriptBlockAst, context: CheckContext): ErrorRecord[] {
  const functions = new Set(nodesOf<A.FunctionDefinitionAst>(script.statements, 'FunctionDefinition').map((f) => f.name.toLowerCase()))
  const findings = [...(script.findings ?? [])]
  for (const command of nodesOf<A.CommandAst>(script.statements, 'Command')) findings.push(...commandFindings(command, functions, context))
  for (const flag of nodesOf<A.SwitchFlagAst>(script.statements, 'SwitchFlag')) {
    const message = UNSUPPORTED_SWITCH_FLAGS[flag.flag]
    if (message) findings.push({message, start: flag.start, end: flag.end})
  }
  findings.sort((a, b) => a.start - b.start)
  const once = findings.filter((f, i) => i === 0 || f.start !== findings[i - 1]!.start || f.message !== findings[i - 1]!.message)
  return once.map((f) => parseError('NotSupportedByCsxmpp', f.message, {source: script.source, start: f.start, end: f.end}))
}

/** findingsSummary is the line after the findings (§14.1). */
export function findingsSummary(count: number): string {
  return count === 1 ? '1 unsupported construct or command found; nothing was run.' : `${count} unsupported constructs or commands found; nothing was run.`
}

/** commandFindings checks one command whose name is literal; a function of the same file shadows every table (§7.1). */
function commandFindings(command: A.CommandAst, functions: ReadonlySet<string>, context: CheckContext): A.UnsupportedFinding[] {
  if (typeof command.name !== 'string') return []
  const name = resolveAlias(command.name) ?? command.name
  const lower = name.toLowerCase()
  if (functions.has(lower)) return []
  const findings = specialCommandFindings(command, lower)
  const signature: CommandSignature | undefined = context.utilities.get(lower)?.signature ?? context.host.findCommand(name)?.signature
  if (signature) return [...findings, ...parameterFindings(command, signature)]
  const message = commandNotSupported(name) ?? catalogueFinding(name, context.host.catalogue)
  if (message) findings.push({message, start: command.start, end: command.start + command.name.length})
  return findings
}

/** catalogueFinding names a Lync Server 2013 cmdlet csxmpp does not provide (§14.2); paths are never cmdlets. */
export function catalogueFinding(name: string, catalogue: LyncCatalogue): string | undefined {
  if (!/^[\p{L}]+-[\p{L}\p{Nd}]+$/u.test(name)) return undefined
  const cmdlet = catalogue.find(name)
  return cmdlet ? lyncCmdletNotProvided(cmdlet) : undefined
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

/** specialCommandFindings are the §14 rows about one command's arguments: Import-Module, New-Object, ForEach-Object -Parallel. */
function specialCommandFindings(command: A.CommandAst, lower: string): A.UnsupportedFinding[] {
  const whole = (message: string) => [{message, start: command.start, end: command.end}]
  if (lower === 'import-module') {
    const module = firstArgument(command, 'Name')
    if (module !== undefined && !isLyncModule(module)) return whole(importModuleNotSupported(module))
  }
  if (lower === 'new-object') {
    if (hasParameter(command, 'ComObject')) return whole('COM objects (New-Object -ComObject) are not supported by csxmpp.')
    const type = firstArgument(command, 'TypeName')
    if (type !== undefined && !/^((system\.management\.automation\.)?(ps(custom)?object|pscredential)|system\.collections\.arraylist)$/i.test(type)) {
      return whole(`The type [${type}] is not supported by csxmpp.`)
    }
  }
  if (lower === 'foreach-object' && hasParameter(command, 'Parallel')) return whole('ForEach-Object -Parallel (PowerShell 7) is not supported by csxmpp.')
  return []
}

/** parameterFindings are the literal parameter names that are known but not supported (§9 last column, §14.2). */
function parameterFindings(command: A.CommandAst, signature: CommandSignature): A.UnsupportedFinding[] {
  const findings: A.UnsupportedFinding[] = []
  for (const element of command.elements) {
    if (element.type !== 'CommandParameter') continue
    try {
      resolveParameter(signature, element.name)
    } catch (error) {
      if (error instanceof ErrorRecord && error.errorId === 'NotSupportedByCsxmpp') findings.push({message: error.message, start: element.start, end: element.start + element.name.length + 1})
    }
  }
  return findings
}
