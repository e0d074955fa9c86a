import {bindingError} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {PSArrayList, PSHashtable} from '../../values/objects.js'
import {notSupportedError} from '../../values/runtime-errors.js'
import {customObject, toNumber} from '../interp/convert.js'
import {importModuleNotSupported, isLyncModule} from '../unsupported.js'
import {type UtilityCommand, signature} from './command.js'
import {PSCREDENTIAL_TYPE_NAME, newCredential} from './credentials.js'
import {param} from './parameters.js'

/** The session cmdlets legacy headers use, and New-Object and Start-Sleep (powershell.md §9, §14). */

const LYNC_BUILT_IN = 'the Lync cmdlets are built into csxmpp.'

const importModule: UtilityCommand = {
  signature: signature('Import-Module', [param('Name', 'string', {position: 0, mandatory: true})], ['Global', 'Prefix', 'Function', 'Cmdlet', 'Variable', 'Alias', 'Force', 'PassThru', 'AsCustomObject', 'MinimumVersion', 'RequiredVersion', 'ArgumentList', 'DisableNameChecking', 'NoClobber', 'Scope', 'PSSession', 'CimSession']),
  module: 'Microsoft.PowerShell.Core',
  synopsis: 'Adds modules to the current session; only Lync and SkypeForBusiness, which need no import.',
  start: (ctx) => ({
    async process(values) {
      const name = toPSString(values.get('Name') ?? null)
      if (!isLyncModule(name)) throw notSupportedError(importModuleNotSupported(name), name)
      ctx.writeVerbose(`Import-Module ${name}: ${LYNC_BUILT_IN}`)
    },
  }),
}

const addSnapin: UtilityCommand = {
  signature: signature('Add-PSSnapin', [param('Name', 'string', {position: 0, mandatory: true})], ['PassThru']),
  module: 'Microsoft.PowerShell.Core',
  synopsis: 'Accepted for legacy scripts; the Lync cmdlets are built in.',
  start: (ctx) => ({
    async process(values) {
      ctx.writeVerbose(`Add-PSSnapin ${toPSString(values.get('Name') ?? null)}: ${LYNC_BUILT_IN}`)
    },
  }),
}

const setStrictMode: UtilityCommand = {
  signature: signature('Set-StrictMode', [param('Version', 'string'), param('Off', 'switch')]),
  module: 'Microsoft.PowerShell.Core',
  synopsis: 'Accepted and ignored (strict mode only adds errors).',
  start: () => ({process: async () => undefined}),
}

const newObject: UtilityCommand = {
  signature: signature(
    'New-Object',
    [param('TypeName', 'string', {position: 0, mandatory: true}), param('Property', 'object', {position: 1}), param('ArgumentList', 'object', {aliases: ['Args']})],
    ['ComObject', 'Strict'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Creates a PSCustomObject, an ArrayList or a PSCredential.',
  start: (ctx) => ({
    async process(values) {
      const type = toPSString(values.get('TypeName') ?? null)
      // The PSCredential constructor's arguments may come at position 1: `New-Object PSCredential($u, $p)`.
      if (PSCREDENTIAL_TYPE_NAME.test(type)) return ctx.emit([newCredential(values.get('ArgumentList') ?? values.get('Property'))])
      if (values.has('ArgumentList')) {
        throw bindingError('New-Object', 'NotSupportedByCsxmpp', 'The parameter -ArgumentList of New-Object is not supported by csxmpp.', 'NotImplemented', 'NotSupportedException')
      }
      if (/^system\.collections\.arraylist$/i.test(type)) return ctx.emit([new PSArrayList()])
      if (!/^((system\.management\.automation\.)?ps(custom)?object)$/i.test(type)) throw notSupportedError(`The type [${type}] is not supported by csxmpp.`, type)
      const property = values.get('Property')
      await ctx.emit(customObject(property instanceof PSHashtable ? property : new PSHashtable()))
    },
  }),
}

const startSleep: UtilityCommand = {
  signature: signature('Start-Sleep', [param('Seconds', 'object', {position: 0}), param('Milliseconds', 'int')]),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Suspends the script for a time.',
  start: () => ({
    async process(values) {
      const ms = values.has('Milliseconds') ? (values.get('Milliseconds') as number) : toNumber(values.get('Seconds') ?? 0, 'System.Double') * 1000
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
    },
  }),
}

export const MISC_COMMANDS: readonly UtilityCommand[] = [importModule, addSnapin, setStrictMode, newObject, startSleep]
