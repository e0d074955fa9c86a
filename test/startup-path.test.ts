import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {Metafile} from 'esbuild'
import {STARTUP_BUDGET, startupFiles, startupProblems} from '../scripts/startup-path.mjs'

/**
 * The build's start-up rule (scripts/startup-path.mjs): what dist/csxmpp.mjs imports statically must
 * hold no lazy-only code and stay within the byte budget; dynamic imports are free.
 */

type Import = Metafile['outputs'][string]['imports'][number]

function output(bytes: number, inputs: string[], imports: Import[] = []): Metafile['outputs'][string] {
  return {bytes, inputs: Object.fromEntries(inputs.map((i) => [i, {bytesInOutput: 1}])), imports, exports: []}
}

const statically = (path: string): Import => ({path, kind: 'import-statement'})
const lazily = (path: string): Import => ({path, kind: 'dynamic-import'})

function metafile(outputs: Record<string, Metafile['outputs'][string]>): Metafile {
  return {inputs: {}, outputs}
}

test('start-up path: static imports are followed, dynamic ones are not', () => {
  const meta = metafile({
    'dist/csxmpp.mjs': output(100, ['src/cli/bundle-entry.ts'], [statically('dist/chunks/a.mjs'), lazily('dist/chunks/gateway.mjs')]),
    'dist/chunks/a.mjs': output(100, ['src/cli/main.ts'], [statically('dist/chunks/b.mjs'), {path: 'node:fs', kind: 'import-statement', external: true}]),
    'dist/chunks/b.mjs': output(100, ['src/shell/parser.ts']),
    'dist/chunks/gateway.mjs': output(100, ['src/gateway/index.ts', 'node_modules/ws/lib/websocket.js']),
  })
  assert.deepEqual(startupFiles(meta, 'dist/csxmpp.mjs'), ['dist/csxmpp.mjs', 'dist/chunks/a.mjs', 'dist/chunks/b.mjs'])
  assert.deepEqual(startupProblems(meta, 'dist/csxmpp.mjs'), [])
})

test('start-up path: lazy-only code imported statically is refused, with the reason', () => {
  const meta = metafile({
    'dist/csxmpp.mjs': output(100, ['src/cli/bundle-entry.ts'], [statically('dist/chunks/a.mjs')]),
    'dist/chunks/a.mjs': output(100, ['src/host/script-host.ts', 'src/gateway/index.ts', 'src/gateway/bridge.ts', '../main/node_modules/@oclif/core/lib/index.js']),
  })
  assert.deepEqual(startupProblems(meta, 'dist/csxmpp.mjs'), [
    '../main/node_modules/@oclif/core/lib/index.js is loaded at start-up: oclif is for help only (src/cli/main.ts); import it with import()',
    'src/gateway/index.ts (and 1 more) is loaded at start-up: the gateway runs in Start-CsXmppGateway only (src/host/script-host.ts); import it with import()',
  ])
})

test('start-up path: a lazy-only builtin imported statically is refused; imported dynamically it is fine', () => {
  const meta = (kind: Import['kind']) =>
    metafile({
      'dist/csxmpp.mjs': output(100, ['src/cli/bundle-entry.ts'], [statically('dist/chunks/a.mjs')]),
      'dist/chunks/a.mjs': output(100, ['store/private-file.ts'], [{path: 'node:crypto', kind, external: true}]),
    })
  assert.deepEqual(startupProblems(meta('dynamic-import'), 'dist/csxmpp.mjs'), [])
  assert.deepEqual(startupProblems(meta('import-statement'), 'dist/csxmpp.mjs'), [
    'node:crypto is imported at start-up: it loads some twenty internal modules, and only certificates, SIP credentials and store writes need it (src/cmdlets/node-crypto.ts)',
  ])
})

test('start-up path: files over the budget are refused', () => {
  const meta = metafile({
    'dist/csxmpp.mjs': output(1000, ['src/cli/bundle-entry.ts'], [statically('dist/chunks/a.mjs')]),
    'dist/chunks/a.mjs': output(STARTUP_BUDGET - 999, ['src/cmdlets/catalogue.ts']),
  })
  assert.deepEqual(startupProblems(meta, 'dist/csxmpp.mjs'), [
    `the start-up files weigh ${STARTUP_BUDGET + 1} bytes, over the budget of ${STARTUP_BUDGET} (scripts/startup-path.mjs): load what few commands need with import()`,
  ])
})
