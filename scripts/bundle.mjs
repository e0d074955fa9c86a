// Builds dist/csxmpp.mjs, the single file bin/run.js loads (see src/cli/bundle-entry.ts for why).
import {build} from 'esbuild'

await build({
  entryPoints: ['src/cli/bundle-entry.ts'],
  outfile: 'dist/csxmpp.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // oclif probes for TypeScript to run .ts commands in development; csxmpp ships JavaScript only.
  external: ['typescript'],
  // oclif and proper-lockfile are CommonJS and call require() at run time.
  banner: {js: "import {createRequire as __csxmppCreateRequire} from 'node:module'; const require = __csxmppCreateRequire(import.meta.url);"},
  logLevel: 'warning',
})
