import {resolveAlias} from '../interp/aliases.js'
import type {UtilityCommand} from './command.js'
import {DATA_COMMANDS} from './data.js'
import {getDate} from './date.js'
import {FILE_COMMANDS} from './files.js'
import {FORMAT_COMMANDS} from './format.js'
import {getCommand, getHelp} from './help.js'
import {ITEM_COMMANDS} from './items/index.js'
import {MISC_COMMANDS} from './misc.js'
import {OBJECT_COMMANDS} from './objects.js'
import {selectObject} from './select.js'
import {SORT_COMMANDS} from './sort.js'
import {WRITE_COMMANDS} from './write.js'
import {ADD_MEMBER_COMMANDS} from './add-member.js'
import {COMPARE_COMMANDS} from './compare-object.js'
import {CREDENTIAL_COMMANDS} from './credentials.js'
import {getModule} from './modules.js'
import {PROGRESS_COMMANDS} from './progress.js'
import {PROMPT_COMMANDS} from './prompts.js'
import {TRANSCRIPT_COMMANDS} from './transcript.js'
import {HOST_OUTPUT_COMMANDS} from './write-host.js'

/** The utility cmdlets of powershell.md §9, by lower-case name. */
export const UTILITY_COMMANDS: ReadonlyMap<string, UtilityCommand> = new Map(
  [
    ...WRITE_COMMANDS,
    ...HOST_OUTPUT_COMMANDS,
    ...PROGRESS_COMMANDS,
    ...PROMPT_COMMANDS,
    ...CREDENTIAL_COMMANDS,
    ...ADD_MEMBER_COMMANDS,
    ...COMPARE_COMMANDS,
    ...TRANSCRIPT_COMMANDS,
    ...OBJECT_COMMANDS,
    selectObject,
    ...SORT_COMMANDS,
    ...MISC_COMMANDS,
    ...FILE_COMMANDS,
    ...ITEM_COMMANDS,
    ...FORMAT_COMMANDS,
    ...DATA_COMMANDS,
    getDate,
    getCommand(() => UTILITY_COMMANDS),
    getHelp(() => UTILITY_COMMANDS),
    getModule(() => UTILITY_COMMANDS),
  ].map((c) => [c.signature.name.toLowerCase(), c]),
)

/** findUtility finds a utility cmdlet by name or alias (§7.1), for argv mode. */
export function findUtility(name: string): UtilityCommand | undefined {
  return UTILITY_COMMANDS.get((resolveAlias(name) ?? name).toLowerCase())
}

export type {UtilityCommand} from './command.js'
