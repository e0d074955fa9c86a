import {hostname, homedir, userInfo} from 'node:os'
import {PSHashtable, PSObject} from '../../values/objects.js'
import {runtimeError} from '../../values/runtime-errors.js'
import type {ActionPreference, Preferences} from '../host.js'
import {makeHostObject} from './host-object.js'
import type {Runtime} from './runtime.js'
import type {Scope} from './scope.js'

/**
 * Automatic and preference variables (powershell.md §4.4). Constants and the run's state are read
 * through here; the preference variables are ordinary variables of the global scope, checked when
 * assigned.
 */

const CONSTANTS: Record<string, unknown> = {true: true, false: false, null: null}

/** PREFERENCE_DEFAULTS are a fresh run's preference variables (§4.4). */
const PREFERENCE_DEFAULTS: Record<string, unknown> = {
  ErrorActionPreference: 'Continue',
  WarningPreference: 'Continue',
  VerbosePreference: 'SilentlyContinue',
  DebugPreference: 'SilentlyContinue',
  InformationPreference: 'SilentlyContinue',
  ProgressPreference: 'Continue',
  WhatIfPreference: false,
  ConfirmPreference: 'High',
  FormatEnumerationLimit: 4,
}

const ACTION_PREFERENCES = ['erroractionpreference', 'warningpreference', 'verbosepreference', 'debugpreference', 'informationpreference', 'progresspreference']
const ACTIONS = ['Continue', 'SilentlyContinue', 'Stop', 'Ignore', 'Inquire', 'Suspend']

/** defineGlobals fills the global scope of a run. */
export function defineGlobals(scope: Scope, version: string, whatIf: boolean): void {
  for (const [name, value] of Object.entries(PREFERENCE_DEFAULTS)) scope.define({name, value})
  if (whatIf) scope.define({name: 'WhatIfPreference', value: true})
  const psVersion = new PSObject(['System.Version']).addProperty('Major', 5).addProperty('Minor', 1).addProperty('Build', -1).addProperty('Revision', -1)
  const table = new PSHashtable()
  table.set('PSVersion', psVersion)
  table.set('PSEdition', 'Desktop')
  table.set('CsxmppVersion', version)
  const readOnly = {readOnly: true}
  scope.define({name: 'PSVersionTable', value: table, ...readOnly})
  scope.define({name: 'HOME', value: homedir(), ...readOnly})
  scope.define({name: 'PID', value: process.pid, ...readOnly})
  scope.define({name: 'IsLinux', value: true, ...readOnly})
  scope.define({name: 'IsWindows', value: false, ...readOnly})
  scope.define({name: 'IsMacOS', value: false, ...readOnly})
  scope.define({name: 'LASTEXITCODE', value: null})
}

/** readSpecial reads the variables that are not stored in a scope; undefined when name is ordinary. */
export function readSpecial(name: string, runtime: Runtime): unknown {
  const lower = name.toLowerCase()
  if (lower in CONSTANTS) return CONSTANTS[lower]
  if (lower === '?') return runtime.lastStatus
  if (lower === 'error') return runtime.errors
  if (lower === 'pwd') return process.cwd()
  if (lower === 'host') return (runtime.hostObject ??= makeHostObject(runtime))
  return undefined
}

/** readEnvironment is `$env:NAME`; COMPUTERNAME and USERNAME default to the host and login names (§4.4). */
export function readEnvironment(name: string): string | null {
  const value = process.env[name] ?? Object.entries(process.env).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]
  if (value !== undefined) return value
  if (name.toLowerCase() === 'computername') return hostname()
  if (name.toLowerCase() === 'username') return userInfo().username
  return null
}

/** checkAssignable refuses writes to constants and invalid preference values (§4.4). */
export function checkAssignable(name: string, value: unknown): void {
  const lower = name.toLowerCase()
  if ((lower in CONSTANTS && lower !== 'null') || lower === 'host') {
    const shown = lower === 'host' ? 'Host' : lower
    throw runtimeError(`Cannot overwrite variable ${shown} because it is read-only or constant.`, 'VariableNotWritable', 'WriteError', 'SessionStateUnauthorizedAccessException', shown)
  }
  if (!ACTION_PREFERENCES.includes(lower)) return
  const text = String(value)
  const action = ACTIONS.find((a) => a.toLowerCase() === text.toLowerCase())
  if (action === 'Ignore' || action === 'Suspend') {
    throw runtimeError(`The value ${action} is not supported for an ActionPreference variable.`, 'NotSupported', 'NotSpecified', 'NotSupportedException')
  }
  if (!action) {
    throw runtimeError(
      `Cannot convert value "${text}" to type "System.Management.Automation.ActionPreference". Error: "Unable to match the identifier name ${text} to a valid enumerator name. Specify one of the following enumerator names and try again: SilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend"`,
      'InvalidCastFromStringToInteger',
      'InvalidArgument',
      'PSInvalidCastException',
    )
  }
}

const BY_LOWER_CASE = new Map(ACTIONS.map((a) => [a.toLowerCase(), a as ActionPreference]))

/**
 * actionPreference reads an ActionPreference variable visible from a scope; `Inquire` acts as
 * Continue (§4.4 DECISION: csxmpp never asks whether to continue).
 */
export function actionPreference(scope: Scope, key: string, fallback: ActionPreference): ActionPreference {
  const value = scope.lookupKey(key)?.value
  if (String(value).toLowerCase() === 'inquire') return 'Continue'
  return action(scope, key, fallback)
}

function action(scope: Scope, key: string, fallback: ActionPreference): ActionPreference {
  const value = scope.lookupKey(key)?.value
  return value === undefined || value === null ? fallback : (BY_LOWER_CASE.get(String(value).toLowerCase()) ?? fallback)
}

/** preferencesOf reads the preference variables visible from a scope. */
export function preferencesOf(scope: Scope): Preferences {
  const confirm = String(scope.lookupKey('confirmpreference')?.value ?? 'High').toLowerCase()
  const whatIf = scope.lookupKey('whatifpreference')?.value
  return {
    errorAction: action(scope, 'erroractionpreference', 'Continue'),
    warningAction: action(scope, 'warningpreference', 'Continue'),
    verbose: action(scope, 'verbosepreference', 'SilentlyContinue') === 'Continue',
    whatIf: whatIf === true || (typeof whatIf === 'object' && whatIf !== null),
    confirm: confirm === 'low' || confirm === 'medium',
  }
}
