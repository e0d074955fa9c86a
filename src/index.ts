/** The facade commands/ and bin/ use; nothing outside src/ imports deeper than this (ARCHITECTURE). */
export {LYNC_CMDLETS, findCmdlet, type CmdletDefinition} from './cmdlets/index.js'
export type {ParameterDefinition} from './binding/parameter.js'
export {runCmdletFromArgv, processConsole, type Console} from './host/argv-mode.js'
export {main, usageText} from './cli/main.js'
export {formatHelp} from './help/get-help.js'
export {commandTable} from './help/command-table.js'
