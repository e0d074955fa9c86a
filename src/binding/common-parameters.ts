import type {PSEnumType} from '../values/objects.js'
import type {ParameterDefinition} from './parameter.js'

/** ACTION_PREFERENCE is System.Management.Automation.ActionPreference. */
export const ACTION_PREFERENCE: PSEnumType = {
  fullName: 'System.Management.Automation.ActionPreference',
  names: ['SilentlyContinue', 'Stop', 'Continue', 'Inquire', 'Ignore', 'Suspend'],
}

/** COMMON_PARAMETERS are the common parameters every cmdlet takes (powershell.md §7.5). */
export const COMMON_PARAMETERS: readonly ParameterDefinition[] = [
  {name: 'Verbose', type: {kind: 'Switch'}, aliases: ['vb'], description: 'Shows verbose messages.'},
  {name: 'Debug', type: {kind: 'Switch'}, aliases: ['db'], description: 'Shows debug messages (Write-Debug).'},
  {
    name: 'ErrorAction',
    type: {kind: 'Enum', enum: ACTION_PREFERENCE},
    aliases: ['ea'],
    description: 'What to do with a non-terminating error: Continue, SilentlyContinue, Stop or Ignore.',
  },
  {
    name: 'WarningAction',
    type: {kind: 'Enum', enum: ACTION_PREFERENCE},
    aliases: ['wa'],
    description: 'What to do with a warning: Continue, SilentlyContinue, Stop or Ignore.',
  },
  {
    name: 'InformationAction',
    type: {kind: 'Enum', enum: ACTION_PREFERENCE},
    aliases: ['infa'],
    description: 'What to do with an information message (Write-Information): Continue, SilentlyContinue, Stop or Ignore.',
  },
  {name: 'ErrorVariable', type: {kind: 'String'}, aliases: ['ev'], description: 'Stores the error records in a variable.'},
  {name: 'WarningVariable', type: {kind: 'String'}, aliases: ['wv'], description: 'Stores the warnings in a variable.'},
  {name: 'OutBuffer', type: {kind: 'Int32'}, aliases: ['ob'], description: 'Accepted; has no effect.'},
]

/** UNSUPPORTED_COMMON_PARAMETERS are common parameters csxmpp knows but does not support (§7.5). */
export const UNSUPPORTED_COMMON_PARAMETERS: readonly string[] = [
  'OutVariable',
  'PipelineVariable',
  'InformationVariable',
]

/** SHOULD_PROCESS_PARAMETERS are -WhatIf and -Confirm of commands that change the store (§7.8). */
export const SHOULD_PROCESS_PARAMETERS: readonly ParameterDefinition[] = [
  {
    name: 'WhatIf',
    type: {kind: 'Switch'},
    aliases: ['wi'],
    description: 'Shows what would happen if the cmdlet runs. The cmdlet is not run and nothing changes.',
  },
  {
    name: 'Confirm',
    type: {kind: 'Switch'},
    aliases: ['cf'],
    description: 'Prompts you for confirmation before running the cmdlet (on a terminal only).',
  },
]
