/**
 * The one module the csxmpp executable loads. It is bundled with its dependencies into
 * dist/csxmpp.mjs (scripts/bundle.mjs) because Node 20 has no compile cache and loading ~300 small
 * files cost more than the command itself: one file halves the cold start (README, Performance).
 * oclif finds the commands and the help class in the same file (package.json "oclif").
 */
export {main} from '../index.js'
export {COMMANDS} from '../../commands/index.js'
export {default as GetHelp} from '../host/oclif-help.js'
export {execute} from '@oclif/core/execute'
