// Builds the executable's bundle (see src/cli/bundle-entry.ts for why a bundle): dist/csxmpp.mjs,
// which bin/run.js loads, dist/oclif.mjs (oclif and help), and dist/chunks/, the code loaded on first
// use (dynamic imports: the gateway, …) or shared by the two. A rule below keeps the start-up path lean.
// `node scripts/bundle.mjs bench/shell.bench.ts` bundles a benchmark the same way, into one file, so
// that it measures the code as shipped (tsx, which runs the sources, wraps every function in a naming helper).
import {build} from 'esbuild'
import {copyFileSync, mkdirSync, readdirSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'
import {startupProblems} from './startup-path.mjs'

const bench = process.argv[2]
// Chunks of earlier builds stay a while: a csxmpp started before this build may still import them
// (chunk names carry a hash of their content, so old and new never mix); older ones are removed.
const STALE_CHUNK_MS = 60 * 60 * 1000

function removeStaleChunks(outputs) {
  for (const name of readdirSync('dist/chunks')) {
    const file = path.join('dist/chunks', name)
    if (!(file in outputs) && Date.now() - statSync(file).mtimeMs > STALE_CHUNK_MS) rmSync(file)
  }
}
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Left out: typescript, which oclif probes for to run .ts commands in development (csxmpp ships
  // JavaScript only), and node-forge (0.6 MB), which only the certificate cmdlets load, lazily.
  external: ['typescript', 'node-forge'],
  // oclif and proper-lockfile are CommonJS and call require() at run time.
  banner: {js: "import {createRequire as __csxmppCreateRequire} from 'node:module'; const require = __csxmppCreateRequire(import.meta.url);"},
  logLevel: 'warning',
}

// The Lync Server 2013 catalogue (powershell.md §14.2) stays a data file beside the bundle, read only
// when a command name is unknown (src/help/lync-catalogue.ts), so that start-up never parses it.
mkdirSync('dist/data', {recursive: true})
copyFileSync('src/help/data/lync2013-cmdlets.json', 'dist/data/lync2013-cmdlets.json')

if (bench) {
  await build({...common, entryPoints: [bench], outfile: `dist/${path.basename(bench, '.ts')}.mjs`})
} else {
  const {metafile} = await build({
    ...common,
    entryPoints: {csxmpp: 'src/cli/bundle-entry.ts', oclif: 'src/cli/oclif-entry.ts'},
    outdir: 'dist',
    outExtension: {'.js': '.mjs'},
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    metafile: true,
  })
  removeStaleChunks(metafile.outputs)
  const problems = startupProblems(metafile)
  if (problems.length > 0) {
    console.error(`csxmpp's start-up paths (scripts/startup-path.mjs):\n${problems.map((p) => `  ${p}`).join('\n')}`)
    process.exitCode = 1
  }
}
