import type {ActionPreference, Preferences} from '../command-io.js'
import {ErrorRecord, cmdletError} from '../errors.js'
import {PSEnumValue} from '../values/objects.js'
import type {CmdletContext, CmdletDefinition, CmdletHost, CmdletServices, PromptChoice, StoreSession} from './definition.js'
import {createShouldProcess} from '../binding/should-process.js'

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
  const writeError = (record: ErrorRecord) => {
    if (errorAction === 'Stop') throw new StopError(record)
    if (errorAction !== 'Ignore') host.writeError(record)
  }
  return {
    cmdlet,
    parameterSet,
    store,
    has: (name) => values.has(name),
    get: <T>(name: string) => values.get(name) as T | undefined,
    writeObject: (value) => host.writeObject(value),
    variable: (name) => host.readVariable?.(name) ?? null,
    writeError,
    writeWarning(text) {
      if (warningAction !== 'Ignore') host.writeWarning(text, warningAction)
    },
    writeVerbose(text) {
      if (verbose) host.writeVerbose(text)
    },
    shouldProcess: createShouldProcess({cmdlet, whatIf, confirm, io: host, writeError}),
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
