/**
 * The oclif half of the executable, bundled apart into dist/oclif.mjs (scripts/bundle.mjs): oclif
 * finds the commands and the help class here (package.json "oclif"), and main loads it only for
 * `csxmpp help`, `<Cmdlet> -?` and `--help`. A cmdlet run never loads oclif (cold start, README).
 */
export {COMMANDS} from '../../commands/index.js'
export {default as GetHelp} from '../host/oclif-help.js'
export {execute} from '@oclif/core/execute'
