// The start-up path of the executable: the bundle files that dist/csxmpp.mjs imports statically,
// transitively, which Node parses and evaluates before the first line of main runs. Every byte of
// them is paid by each `csxmpp <Cmdlet>` and `csxmpp -Command` (the cold-start benchmark, README).
// Code that only some commands need goes behind a dynamic import(); esbuild then splits it into
// dist/chunks/ and the start-up path does not grow. scripts/bundle.mjs fails the build when a
// change breaks these rules, so that a heavy import cannot slip in silently.

/** LAZY_ONLY are inputs that must never be on the start-up path: each is for a few commands only. */
export const LAZY_ONLY = [
  {pattern: /node_modules\/@oclif\//, why: 'oclif is for help only (src/cli/main.ts)'},
  {pattern: /^src\/gateway\//, why: 'the gateway runs in Start-CsXmppGateway only (src/host/script-host.ts)'},
  {pattern: /node_modules\/(ws|pino|sip|ltx|@xmpp)\//, why: 'gateway libraries'},
  {pattern: /node_modules\/(node-forge|proper-lockfile)\//, why: 'certificate cmdlets and store writes load them on use'},
  {pattern: /node_modules\/(saxes|xmlchars)\//, why: 'the XML parser is for Import-Clixml and the gateway only'},
]

/** LAZY_BUILTINS are Node modules that must not be imported statically on the start-up path. */
export const LAZY_BUILTINS = [
  {name: 'node:crypto', why: 'it loads some twenty internal modules, and only certificates, SIP credentials and store writes need it (src/cmdlets/node-crypto.ts)'},
]

/** STARTUP_BUDGET is the most the start-up files may weigh, in bytes (about 690 kB in issue 13). */
export const STARTUP_BUDGET = 800_000

/** startupFiles lists the output files on the start-up path of entry, entry first. */
export function startupFiles(metafile, entry) {
  const files = []
  const visit = (file) => {
    if (files.includes(file)) return
    files.push(file)
    for (const target of metafile.outputs[file].imports) if (target.kind === 'import-statement' && !target.external) visit(target.path)
  }
  visit(entry)
  return files
}

/** startupProblems returns what is wrong with entry's start-up path, one line each; none is fine. */
export function startupProblems(metafile, entry) {
  const files = startupFiles(metafile, entry)
  const inputs = files.flatMap((file) => Object.keys(metafile.outputs[file].inputs))
  const builtins = new Set(files.flatMap((file) => metafile.outputs[file].imports.filter((i) => i.external && i.kind === 'import-statement').map((i) => i.path)))
  const problems = LAZY_ONLY.flatMap(({pattern, why}) => {
    const found = inputs.filter((input) => pattern.test(input))
    return found.length === 0 ? [] : [`${found[0]}${found.length > 1 ? ` (and ${found.length - 1} more)` : ''} is loaded at start-up: ${why}; import it with import()`]
  })
  for (const {name, why} of LAZY_BUILTINS) if (builtins.has(name)) problems.push(`${name} is imported at start-up: ${why}`)
  const bytes = files.reduce((sum, file) => sum + metafile.outputs[file].bytes, 0)
  if (bytes > STARTUP_BUDGET) problems.push(`the start-up files weigh ${bytes} bytes, over the budget of ${STARTUP_BUDGET} (scripts/startup-path.mjs): load what few commands need with import()`)
  return problems
}
