export type {CmdletContext, CmdletDefinition, CmdletExample, CmdletHost, PromptChoice, StoreSession} from './definition.js'
export {DEFAULT_PREFERENCES, type Preferences, StopError, createContext} from './context.js'
export {LYNC_CMDLETS, findCmdlet} from './registry.js'
