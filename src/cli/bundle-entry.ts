/**
 * The module the csxmpp executable loads, bundled with its dependencies into dist/csxmpp.mjs
 * (scripts/bundle.mjs) because Node 20 has no compile cache and loading ~300 small files cost more
 * than the command itself. It holds only what a cmdlet run and a script need; oclif (help), the
 * gateway and other rarely used parts are split into files loaded on first use (README, Performance).
 */
export {main} from '../index.js'
