import {ErrorRecord} from '../../errors.js'
import {PSEnumValue} from '../../values/objects.js'
import type {ActionPreference} from '../host.js'
import type {Scope} from './scope.js'
import {ScriptTerminatingError} from './signals.js'
import {actionPreference} from './variables.js'

/**
 * The action of the debug and information streams (powershell.md §7.5, §8.3): the common parameter
 * when given (-Debug, -InformationAction), else the preference variable; Stop ends the script.
 */

/** actionPreferenceStop is the error of a stream whose action is Stop (§8.3). */
export function actionPreferenceStop(variable: string, text: string, origin: string): ScriptTerminatingError {
  return new ScriptTerminatingError(
    new ErrorRecord({
      message: `The running command stopped because the preference variable "${variable}" or common parameter is set to Stop: ${text}`,
      errorId: 'ActionPreferenceStop',
      category: 'OperationStopped',
      reason: 'ActionPreferenceStopException',
      origin,
      activity: origin,
      idSuffix: origin,
    }),
  )
}

/** streamAction is the action of -Debug or -InformationAction, else of the preference variable; Inquire acts as Continue. */
export function streamAction(values: ReadonlyMap<string, unknown>, parameter: 'Debug' | 'InformationAction', scope: Scope, variable: string): ActionPreference {
  const given = values.get(parameter)
  if (given instanceof PSEnumValue) return given.name === 'Inquire' ? 'Continue' : (given.name as ActionPreference)
  if (given === true) return 'Continue'
  return actionPreference(scope, variable.toLowerCase(), 'SilentlyContinue')
}

/** writeStream shows a debug or information message, or ends the script under Stop (§8.3). */
export function writeStream(action: ActionPreference, variable: string, text: string, origin: string, show: (text: string) => void): void {
  if (action === 'Stop') throw actionPreferenceStop(variable, text, origin)
  if (action === 'Continue') show(text)
}
