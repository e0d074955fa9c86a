import type {ConfigStore} from '../../store/index.js'
import {StopError, createContext} from '../cmdlets/context.js'
import type {CmdletDefinition} from '../cmdlets/definition.js'
import {LYNC_CMDLETS, findCmdlet} from '../cmdlets/registry.js'
import {PARTNER_TYPE, SASL_NEGOTIATION, TLS_NEGOTIATION} from '../cmdlets/lync-types.js'
import {createLyncCatalogue} from '../help/lync-catalogue.js'
import {type CommandHost, type HostCommand, ScriptTerminatingError} from '../shell/index.js'
import {withDocumentedParameters} from './documented-parameters.js'
import {gatewayServices} from './gateway-services.js'
import {StatementBatch} from './statement-batch.js'

/**
 * The composition root between the shell and the Lync cmdlets (ARCHITECTURE: src/host.ts): the
 * interpreter reaches the cmdlets of the one registry through this CommandHost, and each top-level
 * statement's store work through one StatementBatch (powershell.md §7.9).
 */

const ENUMS = [PARTNER_TYPE, TLS_NEGOTIATION, SASL_NEGOTIATION]

/** createScriptHost builds the CommandHost of a run against a store. */
export function createScriptHost(store: ConfigStore, version: string): CommandHost {
  const services = gatewayServices(store, version)
  let batch: StatementBatch | undefined
  const catalogue = createLyncCatalogue()
  const adapt = (definition: CmdletDefinition): HostCommand => ({
    signature: withDocumentedParameters(definition, catalogue),
    module: 'Lync',
    async invoke(values, parameterSet, io, preferences) {
      const current = batch ?? new StatementBatch(store)
      const pending = current.session(definition.name, definition.supportsShouldProcess ?? false)
      const session = pending instanceof Promise ? await pending : pending
      try {
        await definition.process(createContext(definition, parameterSet, values, session, io, preferences, services))
      } catch (error) {
        // -ErrorAction Stop (or the preference) escalated a cmdlet error: script-terminating (§8.1).
        if (error instanceof StopError) throw new ScriptTerminatingError(error.record)
        throw error
      } finally {
        if (!batch) await current.end()
      }
    },
  })
  const commands = LYNC_CMDLETS.map(adapt)
  return {
    version,
    catalogue,
    findCommand: (name) => {
      const definition = findCmdlet(name)
      return definition ? commands.find((c) => c.signature.name === definition.name) : undefined
    },
    commands: () => commands,
    resolveEnumType: (fullName) => ENUMS.find((e) => e.fullName.toLowerCase() === fullName.toLowerCase()),
    async statement(run) {
      const own = new StatementBatch(store)
      batch = own
      try {
        const result = await run()
        batch = undefined
        await own.end()
        return result
      } catch (error) {
        batch = undefined
        // PowerShell errors end the statement but keep what it did before them (a prefix, §7.9).
        await own.end(isPowerShellSignal(error) ? undefined : error)
        throw error
      }
    },
  }
}

function isPowerShellSignal(error: unknown): boolean {
  return !(error instanceof Error) || error.name === 'ErrorRecord'
}
