// Builds dist/csxmpp.mjs, the single file bin/run.js loads (see src/cli/bundle-entry.ts for why).
// `node scripts/bundle.mjs bench/shell.bench.ts` bundles a benchmark the same way, so that it measures
// the code as shipped (tsx, which runs the sources, wraps every function in a naming helper).
import {build} from 'esbuild'
import {copyFileSync, mkdirSync} from 'node:fs'
import path from 'node:path'

const entry = process.argv[2] ?? 'src/cli/bundle-entry.ts'
await build({
  entryPoints: [entry],
  outfile: process.argv[2] ? `dist/${path.basename(entry, '.ts')}.mjs` : 'dist/csxmpp.mjs',
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
})

// The Lync Server 2013 catalogue (powershell.md §14.2) stays a data file beside the bundle, read only
// when a command name is unknown (src/shell/lync-catalogue.ts), so that startup never parses it.
mkdirSync('dist/data', {recursive: true})
copyFileSync('src/shell/data/lync2013-cmdlets.json', 'dist/data/lync2013-cmdlets.json')
