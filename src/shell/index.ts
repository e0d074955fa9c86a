/** The PowerShell-subset language (issue 4): parser, interpreter, utility cmdlets and sessions. */
export {SourceText, decodeScript, positionLines, type Extent, type Location} from './source.js'
export {atExtent, parseError} from './errors.js'
export {Scanner, type RequiresLine} from './scanner.js'
export {CASE_FORMS, DASH_OPERATORS, type ScanMode, type StringPart, type Token} from './tokens.js'
export {parseScript, isIncomplete} from './parser.js'
export {ShellSession, type SessionOptions, type ScriptArguments} from './session.js'
export {ScriptTerminatingError} from './interp/signals.js'
export type {CommandHost, CommandIO, HostCommand, Preferences, PromptChoice, ShellConsole} from './host.js'
