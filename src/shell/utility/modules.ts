import {cmdletError} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {PSHashtable, PSObject} from '../../values/objects.js'
import {WildcardPatternError, compileWildcard} from '../../values/wildcard.js'
import {enumerate} from '../interp/interpreter.js'
import type {UtilityCommand, UtilityContext, UtilityModule} from './command.js'
import {signature} from './command.js'
import {param} from './parameters.js'

/**
 * Get-Module (powershell.md §9): the modules csxmpp carries — Lync and the PowerShell modules of its
 * utility cmdlets — all counted as imported, so `if (-not (Get-Module Lync)) { Import-Module Lync }`
 * skips the import and -ListAvailable lists the same (DECISION).
 */

/** The PowerShell modules Get-Module lists; Microsoft.PowerShell.Core is a snap-in in 5.1, not a module. */
const LISTED_MODULES: readonly UtilityModule[] = ['Microsoft.PowerShell.Host', 'Microsoft.PowerShell.Management', 'Microsoft.PowerShell.Security', 'Microsoft.PowerShell.Utility']

export const MODULE_INFO_TYPE = 'System.Management.Automation.PSModuleInfo'

function moduleInfo(name: string, commands: readonly string[], version: string, description: string): PSObject {
  const exported = new PSHashtable()
  for (const command of [...commands].sort()) exported.set(command, command)
  return new PSObject([MODULE_INFO_TYPE, 'System.Object'])
    .addProperty('Name', name)
    .addProperty('Version', version)
    .addProperty('ModuleType', 'Manifest')
    .addProperty('ExportedCommands', exported)
    .addProperty('Path', '')
    .addProperty('Description', description)
}

function modules(ctx: UtilityContext, utilities: ReadonlyMap<string, UtilityCommand>): PSObject[] {
  const version = ctx.runtime.host.version
  const lync = ctx.runtime.host.commands().map((c) => c.signature.name)
  const listed = LISTED_MODULES.map((module) => {
    const names = [...utilities.values()].filter((u) => u.module === module).map((u) => u.signature.name)
    return moduleInfo(module, names, version, '')
  })
  return [moduleInfo('Lync', lync, version, 'The Lync Server 2013 XMPP federation cmdlets of csxmpp.'), ...listed].sort((a, b) =>
    toPSString(a.get('Name')).localeCompare(toPSString(b.get('Name')), 'en', {sensitivity: 'base'}),
  )
}

/** nameFilter matches module names against -Name's patterns (§5.3); an invalid pattern ends the statement. */
function nameFilter(patterns: readonly unknown[]): (name: string) => boolean {
  try {
    const compiled = patterns.map((p) => compileWildcard(toPSString(p)))
    return (name) => compiled.length === 0 || compiled.some((c) => c.matches(name))
  } catch (error) {
    if (!(error instanceof WildcardPatternError)) throw error
    throw cmdletError('Get-Module', {message: error.message, errorId: 'WildcardPattern_Invalid', category: 'InvalidArgument', reason: 'WildcardPatternException'})
  }
}

/** getModule needs the utility cmdlets, which import it: they are given late, as to Get-Command. */
export function getModule(utilities: () => ReadonlyMap<string, UtilityCommand>): UtilityCommand {
  return {
    signature: signature(
      'Get-Module',
      [param('Name', 'strings', {position: 0, pipe: true}), param('ListAvailable', 'switch'), param('All', 'switch'), param('Refresh', 'switch')],
      ['FullyQualifiedName', 'PSEdition', 'PSSession', 'CimSession', 'CimResourceUri', 'CimNamespace'],
    ),
    module: 'Microsoft.PowerShell.Core',
    synopsis: 'Lists the modules csxmpp carries (all of them count as imported).',
    start: (ctx) => ({
      async process(values) {
        const matches = nameFilter(values.has('Name') ? enumerate(values.get('Name')) : [])
        // No match is no error (PS).
        for (const module of modules(ctx, utilities())) if (matches(toPSString(module.get('Name')))) await ctx.emit([module])
      },
    }),
  }
}
