// The start-up paths of the executable: the bundle files that Node parses and evaluates before a
// cmdlet run (`csxmpp <Cmdlet>`) or a script (`csxmpp -Command`) starts its work, the two cold starts
// of the benchmark (README, Performance). A path is the static imports of its entries, transitively.
// Code that only some commands need goes behind a dynamic import(); esbuild then splits it into
// dist/chunks/ and the paths do not grow. scripts/bundle.mjs fails the build when a change breaks
// these rules, so that a heavy import cannot slip in silently.

/** LAZY_ONLY are inputs that no start-up path may hold: each is for a few commands only. */
export const LAZY_ONLY = [
  {pattern: /node_modules\/@oclif\//, why: 'oclif is for help only (src/cli/main.ts)'},
  {pattern: /^src\/gateway\//, why: 'the gateway runs in Start-CsXmppGateway only (src/host/gateway-services.ts)'},
  {pattern: /node_modules\/(ws|pino|sip|ltx|@xmpp)\//, why: 'gateway libraries'},
  {pattern: /node_modules\/(node-forge|proper-lockfile)\//, why: 'certificate cmdlets and store writes load them on use'},
  {pattern: /node_modules\/(saxes|xmlchars)\//, why: 'the XML parser is for Import-Clixml and the gateway only'},
]

/** LAZY_BUILTINS are Node modules that no start-up path may import statically. */
export const LAZY_BUILTINS = [
  {name: 'node:crypto', why: 'it loads some twenty internal modules, and only certificates, SIP credentials and store writes need it (src/cmdlets/node-crypto.ts)'},
]

const LANGUAGE = {pattern: /^src\/shell\//, why: 'the language is for scripts and the shell (src/cli/main.ts imports it when one runs)'}

/**
 * STARTUP_PATHS name each path's entries (an output file, or the source a dynamic import loads) and
 * the most its files may weigh, in bytes: about 1.3× their weight in issue 13 (380 kB and 610 kB).
 */
export const STARTUP_PATHS = [
  {name: 'csxmpp <Cmdlet>', entries: ['dist/csxmpp.mjs'], budget: 500_000, lazyOnly: [...LAZY_ONLY, LANGUAGE]},
  {name: 'csxmpp -Command', entries: ['dist/csxmpp.mjs', 'src/host/script-mode.ts'], budget: 800_000, lazyOnly: LAZY_ONLY},
]

/** pathFiles lists the output files on the path of entries, in the order met. */
export function pathFiles(metafile, entries) {
  const files = []
  const visit = (file) => {
    if (files.includes(file)) return
    files.push(file)
    for (const target of metafile.outputs[file].imports) if (target.kind === 'import-statement' && !target.external) visit(target.path)
  }
  for (const entry of entries) {
    const output = entry in metafile.outputs ? entry : Object.keys(metafile.outputs).find((file) => metafile.outputs[file].entryPoint === entry)
    if (output === undefined) throw new Error(`scripts/startup-path.mjs: no bundle file holds ${entry}; update STARTUP_PATHS`)
    visit(output)
  }
  return files
}

/** pathProblems returns what is wrong with one start-up path, one line each; none is fine. */
export function pathProblems(metafile, {name, entries, budget, lazyOnly}) {
  const files = pathFiles(metafile, entries)
  const inputs = files.flatMap((file) => Object.keys(metafile.outputs[file].inputs))
  const builtins = new Set(files.flatMap((file) => metafile.outputs[file].imports.filter((i) => i.external && i.kind === 'import-statement').map((i) => i.path)))
  const problems = lazyOnly.flatMap(({pattern, why}) => {
    const found = inputs.filter((input) => pattern.test(input))
    return found.length === 0 ? [] : [`${found[0]}${found.length > 1 ? ` (and ${found.length - 1} more)` : ''} is loaded at start-up: ${why}; import it with import()`]
  })
  for (const {name: builtin, why} of LAZY_BUILTINS) if (builtins.has(builtin)) problems.push(`${builtin} is imported at start-up: ${why}`)
  const bytes = files.reduce((sum, file) => sum + metafile.outputs[file].bytes, 0)
  if (bytes > budget) problems.push(`the start-up files weigh ${bytes} bytes, over the budget of ${budget} (scripts/startup-path.mjs): load what few commands need with import()`)
  return problems.map((problem) => `${name}: ${problem}`)
}

/** startupProblems checks every start-up path. */
export function startupProblems(metafile) {
  return STARTUP_PATHS.flatMap((path) => pathProblems(metafile, path))
}
