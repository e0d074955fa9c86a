import type {CommandSignature} from '../../binding/parameter.js'
import {type HelpSource, type HelpView, formatHelp, syntaxLines} from '../../help/get-help.js'
import {cmdletError} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {PSObject} from '../../values/objects.js'
import {runtimeError} from '../../values/runtime-errors.js'
import {compileParameterWildcard} from '../../values/wildcard-errors.js'
import type {WildcardPattern} from '../../values/wildcard.js'
import {aliasEntries, resolveAlias} from '../interp/aliases.js'
import {lyncCmdletNotProvided} from '../../help/lync-catalogue.js'
import {functionSignature} from '../interp/functions.js'
import {type UtilityCommand, type UtilityContext, signature} from './command.js'
import {param} from './parameters.js'

/** Get-Help and Get-Command (powershell.md §9): both read the one registry, plus the session's functions. */

/** CommandEntry is one command Get-Command can list. */
interface CommandEntry {
  readonly type: 'Cmdlet' | 'Function' | 'Alias'
  readonly name: string
  readonly source: string
  readonly help?: HelpSource
  readonly display?: string
}

function utilityHelp(command: UtilityCommand): HelpSource {
  return {...command.signature, synopsis: command.synopsis, description: command.synopsis, examples: []}
}

/** commandEntries lists the cmdlets and the session's functions (utilities come from the registry passed in). */
function commandEntries(ctx: UtilityContext, utilities: () => ReadonlyMap<string, UtilityCommand>): CommandEntry[] {
  const lync = ctx.runtime.host.commands().map((c): CommandEntry => ({type: 'Cmdlet', name: c.signature.name, source: c.module, help: c.signature}))
  const utility = [...utilities().values()].map((c): CommandEntry => ({type: 'Cmdlet', name: c.signature.name, source: c.module, help: utilityHelp(c)}))
  const functions = ctx.frame.scope.functionNames().map((name): CommandEntry => ({type: 'Function', name, source: ''}))
  return [...lync, ...utility, ...functions]
}

function commandInfo(entry: CommandEntry, version: string): PSObject {
  const typeName = {Cmdlet: 'CmdletInfo', Function: 'FunctionInfo', Alias: 'AliasInfo'}[entry.type]
  const info = new PSObject([`System.Management.Automation.${typeName}`, 'System.Management.Automation.CommandInfo', 'System.Object'])
  info.addProperty('CommandType', entry.type).addProperty('Name', entry.name).addProperty('Version', entry.type === 'Cmdlet' ? version : '').addProperty('Source', entry.source)
  if (entry.display) info.addProperty('DisplayName', entry.display)
  return info
}

/** getCommand builds Get-Command; utilities is late-bound because Get-Command lists itself. */
export function getCommand(utilities: () => ReadonlyMap<string, UtilityCommand>): UtilityCommand {
  return {
    signature: signature(
      'Get-Command',
      [param('Name', 'strings', {position: 0}), param('Verb', 'strings'), param('Noun', 'strings'), param('Module', 'strings')],
      ['CommandType', 'Syntax', 'All', 'ListImported', 'ParameterName', 'ParameterType', 'TotalCount', 'FullyQualifiedModule'],
    ),
    module: 'Microsoft.PowerShell.Core',
    synopsis: 'Gets the cmdlets and functions of the session.',
    start: (ctx) => ({
      async process(values) {
        const patterns = (name: string) => ((values.get(name) as string[] | undefined) ?? ['*']).map((p) => compileParameterWildcard('Get-Command', p))
        const [names, verbs, nouns, modules] = ['Name', 'Verb', 'Noun', 'Module'].map(patterns) as [WildcardPattern[], WildcardPattern[], WildcardPattern[], WildcardPattern[]]
        const version = ctx.runtime.host.version
        const aliases = ((values.get('Name') as string[] | undefined) ?? [])
          .flatMap((n) => aliasEntries().filter(([alias]) => alias.toLowerCase() === n.toLowerCase()))
          .map(([alias, target]): CommandEntry => ({type: 'Alias', name: alias, source: '', display: `${alias} -> ${target}`}))
        const matches = commandEntries(ctx, utilities).filter((entry) => {
          const [verb = '', noun = ''] = entry.name.split('-', 2)
          return names.some((p) => p.matches(entry.name)) && verbs.some((p) => p.matches(verb)) && nouns.some((p) => p.matches(noun)) && modules.some((p) => p.matches(entry.source))
        })
        const sorted = [...aliases, ...matches.sort((a, b) => a.name.localeCompare(b.name, 'en'))]
        for (const entry of sorted) await ctx.emit([commandInfo(entry, version)])
        for (const name of (values.get('Name') as string[] | undefined) ?? []) notProvided(ctx, name, sorted)
      },
    }),
  }
}

/** notProvided writes §9's error for a catalogue name without wildcards that Get-Command found nothing for (§14.2). */
function notProvided(ctx: UtilityContext, name: string, found: readonly CommandEntry[]): void {
  if (/[*?[]/.test(name) || found.some((entry) => entry.name.toLowerCase() === name.toLowerCase())) return
  const cmdlet = ctx.runtime.host.catalogue.find(name)
  if (!cmdlet) return
  ctx.writeError(cmdletError('Get-Command', {message: lyncCmdletNotProvided(cmdlet), errorId: 'NotSupportedByCsxmpp', category: 'ObjectNotFound', reason: 'CommandNotFoundException', targetObject: cmdlet.name}))
}

function helpView(values: ReadonlyMap<string, unknown>): HelpView {
  if (values.has('Parameter')) return {kind: 'parameter', name: toPSString(values.get('Parameter'))}
  if (values.get('Full') === true || values.get('Detailed') === true) return {kind: 'full'}
  return values.get('Examples') === true ? {kind: 'examples'} : {kind: 'default'}
}

/** functionHelp is a session function's help: its syntax only (§9). */
function functionHelp(name: string, sig: CommandSignature): string {
  const source: HelpSource = {...sig, synopsis: '', description: '', examples: []}
  return ['', `${name} ${syntaxLines(source)[0]!.slice(name.length + 1)}`, ''].map((l) => `${l}\n`).join('').replace(/^\n/, '\n')
}

/** getHelp builds Get-Help. */
export function getHelp(utilities: () => ReadonlyMap<string, UtilityCommand>): UtilityCommand {
  return {
    signature: signature(
      'Get-Help',
      [param('Name', 'string', {position: 0}), param('Examples', 'switch'), param('Detailed', 'switch'), param('Full', 'switch'), param('Parameter', 'string')],
      ['Online', 'ShowWindow', 'Category', 'Component', 'Functionality', 'Role', 'Path'],
    ),
    module: 'Microsoft.PowerShell.Core',
    synopsis: 'Displays information about cmdlets and functions.',
    start: (ctx) => ({
      async process(values) {
        const name = values.has('Name') ? toPSString(values.get('Name')) : 'Get-Command'
        const target = resolveAlias(name) ?? name
        const fn = ctx.frame.scope.findFunction(target)
        if (fn) return ctx.emit(functionHelp(fn.name, functionSignature(fn.name, fn.body.paramBlock ?? fn.inlineParameters).signature).replace(/\n$/, ''))
        const entry = commandEntries(ctx, utilities).find((e) => e.name.toLowerCase() === target.toLowerCase())
        if (!entry?.help) throw runtimeError(`Get-Help could not find ${name} in a help file in this session.`, 'HelpNotFound', 'ResourceUnavailable', 'HelpNotFoundException', name)
        await ctx.emit(formatHelp(entry.help, helpView(values)).replace(/\n$/, ''))
      },
    }),
  }
}
