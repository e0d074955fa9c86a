import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {Metafile} from 'esbuild'
import {STARTUP_PATHS, type StartupPath, pathFiles, pathProblems} from '../scripts/startup-path.mjs'

/**
 * The build's start-up rules (scripts/startup-path.mjs): what a cmdlet run or a script loads before
 * it starts must hold no lazy-only code and stay within its byte budget; dynamic imports are free.
 */

type Output = Metafile['outputs'][string]
type Import = Output['imports'][number]

function output(bytes: number, inputs: string[], imports: Import[] = [], entryPoint?: string): Output {
  return {bytes, inputs: Object.fromEntries(inputs.map((i) => [i, {bytesInOutput: 1}])), imports, exports: [], ...(entryPoint ? {entryPoint} : {})}
}

const statically = (path: string): Import => ({path, kind: 'import-statement'})
const lazily = (path: string): Import => ({path, kind: 'dynamic-import'})
const metafile = (outputs: Record<string, Output>): Metafile => ({inputs: {}, outputs})
const [CMDLET, COMMAND] = STARTUP_PATHS as [StartupPath, StartupPath]

test('start-up paths: static imports are followed, dynamic ones are not; a dynamic entry is found by its source', () => {
  const meta = metafile({
    'dist/csxmpp.mjs': output(100, ['src/cli/bundle-entry.ts'], [statically('dist/chunks/a.mjs'), lazily('dist/chunks/script-mode.mjs'), lazily('dist/chunks/gateway.mjs')]),
    'dist/chunks/a.mjs': output(100, ['src/cli/main.ts'], [statically('dist/chunks/b.mjs'), {path: 'node:fs', kind: 'import-statement', external: true}]),
    'dist/chunks/b.mjs': output(100, ['src/cmdlets/registry.ts']),
    'dist/chunks/script-mode.mjs': output(100, ['src/host/script-mode.ts', 'src/shell/parser.ts'], [statically('dist/chunks/b.mjs')], 'src/host/script-mode.ts'),
    'dist/chunks/gateway.mjs': output(100, ['src/gateway/index.ts', 'node_modules/ws/lib/websocket.js']),
  })
  assert.deepEqual(pathFiles(meta, CMDLET.entries), ['dist/csxmpp.mjs', 'dist/chunks/a.mjs', 'dist/chunks/b.mjs'])
  assert.deepEqual(pathFiles(meta, COMMAND.entries), ['dist/csxmpp.mjs', 'dist/chunks/a.mjs', 'dist/chunks/b.mjs', 'dist/chunks/script-mode.mjs'])
  assert.deepEqual([...pathProblems(meta, CMDLET), ...pathProblems(meta, COMMAND)], [])
})

test('start-up paths: lazy-only code imported statically is refused, with the reason', () => {
  const meta = metafile({
    'dist/csxmpp.mjs': output(100, ['src/cli/bundle-entry.ts'], [statically('dist/chunks/a.mjs')]),
    'dist/chunks/a.mjs': output(100, ['src/host/script-host.ts', 'src/gateway/index.ts', 'src/gateway/bridge.ts', '../main/node_modules/@oclif/core/lib/index.js', 'src/shell/parser.ts']),
    'dist/chunks/script-mode.mjs': output(100, ['src/host/script-mode.ts'], [], 'src/host/script-mode.ts'),
  })
  const oclif = '../main/node_modules/@oclif/core/lib/index.js is loaded at start-up: oclif is for help only (src/cli/main.ts); import it with import()'
  const gateway = 'src/gateway/index.ts (and 1 more) is loaded at start-up: the gateway runs in Start-CsXmppGateway only (src/host/gateway-services.ts); import it with import()'
  assert.deepEqual(pathProblems(meta, CMDLET), [
    `csxmpp <Cmdlet>: ${oclif}`,
    `csxmpp <Cmdlet>: ${gateway}`,
    'csxmpp <Cmdlet>: src/shell/parser.ts is loaded at start-up: the language is for scripts and the shell (src/cli/main.ts imports it when one runs); import it with import()',
  ])
  assert.deepEqual(pathProblems(meta, COMMAND), [`csxmpp -Command: ${oclif}`, `csxmpp -Command: ${gateway}`])
})

test('start-up paths: a lazy-only builtin imported statically is refused; imported dynamically it is fine', () => {
  const meta = (kind: Import['kind']) =>
    metafile({
      'dist/csxmpp.mjs': output(100, ['src/cli/bundle-entry.ts'], [statically('dist/chunks/a.mjs')]),
      'dist/chunks/a.mjs': output(100, ['store/private-file.ts'], [{path: 'node:crypto', kind, external: true}]),
    })
  assert.deepEqual(pathProblems(meta('dynamic-import'), CMDLET), [])
  assert.deepEqual(pathProblems(meta('import-statement'), CMDLET), [
    'csxmpp <Cmdlet>: node:crypto is imported at start-up: it loads some twenty internal modules, and only certificates, SIP credentials and store writes need it (src/cmdlets/node-crypto.ts)',
  ])
})

test('start-up paths: files over the budget are refused', () => {
  const meta = metafile({
    'dist/csxmpp.mjs': output(1000, ['src/cli/bundle-entry.ts'], [statically('dist/chunks/a.mjs')]),
    'dist/chunks/a.mjs': output(CMDLET.budget - 999, ['src/cmdlets/catalogue.ts']),
  })
  assert.deepEqual(pathProblems(meta, CMDLET), [
    `csxmpp <Cmdlet>: the start-up files weigh ${CMDLET.budget + 1} bytes, over the budget of ${CMDLET.budget} (scripts/startup-path.mjs): load what few commands need with import()`,
  ])
})

test('start-up paths: an entry no bundle file holds is an error, not a path that checks nothing', () => {
  assert.throws(() => pathFiles(metafile({}), COMMAND.entries), /no bundle file holds dist\/csxmpp.mjs; update STARTUP_PATHS/)
})
