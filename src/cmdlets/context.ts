import type {ActionPreference, Preferences} from '../command-io.js'
import {ErrorRecord, cmdletError} from '../errors.js'
import {PSEnumValue} from '../values/objects.js'
import type {CmdletContext, CmdletDefinition, CmdletHost, CmdletServices, PromptChoice, StoreSession} from './definition.js'
import {hostPromptNotAvailable} from './errors.js'

/**
 * Builds the CmdletContext of one invocation: the common-parameter semantics of powershell.md §7.5,
 * §7.8 and §8 (ErrorAction, WarningAction, Verbose, WhatIf, Confirm) applied over the caller's
 * preference variables.
 */

export type {ActionPreference, Preferences}

/** DEFAULT_PREFERENCES are a fresh session's preferences. */
export const DEFAULT_PREFERENCES: Preferences = {
  errorAction: 'Continue',
  warningAction: 'Continue',
  verbose: false,
  whatIf: false,
  confirm: false,
}

const CONFIRM_CHOICES: readonly PromptChoice[] = [
  {key: 'Y', label: 'Yes', help: 'Continue with only the next step of the operation.'},
  {key: 'A', label: 'Yes to All', help: 'Continue with all the steps of the operation.'},
  {key: 'N', label: 'No', help: 'Skip this operation and proceed with the next operation.'},
  {key: 'L', label: 'No to All', help: 'Skip this operation and all subsequent operations.'},
]

/** YES_NO_CHOICES are the answers of the in-use question (cmdlets.md A6.4). */
const YES_NO_CHOICES: readonly PromptChoice[] = [
  {key: 'Y', label: 'Yes', help: 'Go ahead.'},
  {key: 'N', label: 'No', help: 'Leave it unchanged.'},
]

function action(values: ReadonlyMap<string, unknown>, name: string, fallback: ActionPreference, cmdlet: string): ActionPreference {
  const value = values.get(name)
  if (!(value instanceof PSEnumValue)) return fallback
  if (value.name === 'Inquire' || value.name === 'Suspend') {
    const record = cmdletError(cmdlet, {
      message: `The value ${value.name} of -${name} is not supported by csxmpp.`,
      errorId: 'NotSupportedByCsxmpp',
      category: 'NotImplemented',
      reason: 'NotSupportedException',
    })
    record.isBindingError = true
    throw record
  }
  return value.name as ActionPreference
}

function switchValue(values: ReadonlyMap<string, unknown>, name: string, fallback: boolean): boolean {
  const value = values.get(name)
  return typeof value === 'boolean' ? value : fallback
}

/** StopError is a cmdlet error escalated by ErrorAction Stop (script-terminating, §8.1). */
export class StopError extends Error {
  constructor(readonly record: ErrorRecord) {
    super(record.message)
  }
}

/** createContext builds the context a cmdlet's process step runs with. */
export function createContext<D>(
  definition: CmdletDefinition<D>,
  parameterSet: string,
  values: ReadonlyMap<string, unknown>,
  store: StoreSession<D>,
  host: CmdletHost,
  preferences: Preferences = DEFAULT_PREFERENCES,
  services?: CmdletServices,
): CmdletContext<D> {
  const cmdlet = definition.name
  const errorAction = action(values, 'ErrorAction', preferences.errorAction, cmdlet)
  const warningAction = action(values, 'WarningAction', preferences.warningAction, cmdlet)
  const verbose = switchValue(values, 'Verbose', preferences.verbose)
  const whatIf = switchValue(values, 'WhatIf', preferences.whatIf)
  const confirm = switchValue(values, 'Confirm', preferences.confirm)
  const force = switchValue(values, 'Force', false)
  let confirmAll: boolean | undefined
  return {
    cmdlet,
    parameterSet,
    store,
    has: (name) => values.has(name),
    get: <T>(name: string) => values.get(name) as T | undefined,
    writeObject: (value) => host.writeObject(value),
    variable: (name) => host.readVariable?.(name) ?? null,
    writeError(record) {
      if (errorAction === 'Stop') throw new StopError(record)
      if (errorAction !== 'Ignore') host.writeError(record)
    },
    writeWarning(text) {
      if (warningAction !== 'Ignore') host.writeWarning(text, warningAction)
    },
    writeVerbose(text) {
      if (verbose) host.writeVerbose(text)
    },
    async shouldProcess(target) {
      if (whatIf) {
        host.writeWhatIf(`What if: Performing the operation "${cmdlet}" on target "${target}".`)
        return false
      }
      if (!confirm || confirmAll !== undefined) return confirmAll ?? true
      const message = `Are you sure you want to perform this action?\nPerforming the operation "${cmdlet}" on target "${target}".`
      const answer = await host.prompt('Confirm', message, CONFIRM_CHOICES, 'Y')
      if (answer === undefined) {
        this.writeError(hostPromptNotAvailable(cmdlet))
        return false
      }
      if (answer === 'A' || answer === 'L') confirmAll = answer === 'A'
      return answer === 'Y' || answer === 'A'
    },
    readPassword: async (prompt) => host.readPassword?.(prompt),
    async runGateway(request) {
      if (!services) throw cmdletError(cmdlet, {message: 'This host cannot run the gateway.', errorId: 'GatewayNotAvailable', category: 'NotImplemented', reason: 'NotSupportedException'})
      await services.runGateway(request)
    },
    async ask(caption, message) {
      if (force) return true
      const answer = await host.prompt(caption, message, YES_NO_CHOICES, 'N')
      return answer === undefined ? undefined : answer === 'Y'
    },
  }
}
