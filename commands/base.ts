import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import type {FlagInput} from '@oclif/core/interfaces'
import {type CmdletDefinition, type ParameterDefinition, processConsole, runCmdletFromArgv} from '../src/index.js'

/**
 * The oclif command of a Lync cmdlet, generated from its registry definition (ARCHITECTURE rule 7):
 * the flag table exists for oclif's manifest and tooling; arguments are bound by csxmpp's own
 * PowerShell binder, so `-Name:value`, prefixes and `'$true'` work as in Lync.
 */

function flagOf(parameter: ParameterDefinition) {
  const base = {description: parameter.description, aliases: [...(parameter.aliases ?? [])]}
  if (parameter.type.kind === 'Switch') return Flags.boolean({...base, allowNo: true})
  if (parameter.type.kind === 'Enum') return Flags.string({...base, options: [...parameter.type.enum.names]})
  return Flags.string(base)
}

/** cmdletCommand builds the oclif Command class of one cmdlet. */
export function cmdletCommand(definition: CmdletDefinition): typeof Command {
  return class CmdletCommand extends Command {
    static override id = definition.name
    static override summary = definition.synopsis
    static override description = definition.description
    static override examples = definition.examples.map((e) => e.code)
    static override strict = false
    static override enableJsonFlag = false
    static override flags: FlagInput = Object.fromEntries(definition.parameters.map((p) => [p.name, flagOf(p)]))

    // csxmpp's main runs cmdlets without oclif (src/cli/main.ts); this is for oclif's own tooling.
    async run(): Promise<void> {
      process.exitCode = await runCmdletFromArgv(definition.name, this.argv, {console: processConsole(), version: this.config.version})
    }
  }
}
