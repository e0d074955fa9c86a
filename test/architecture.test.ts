import assert from 'node:assert/strict'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {ROOT} from './helpers/csxmpp.js'

/**
 * The dependency direction of ARCHITECTURE.md, checked on every import: store/ imports nothing of
 * ours; commands/ reaches src/ only through its facade; src/shell knows only src/errors.ts and the language folders (values, binding, format, help); the leaf
 * folders of src/ (values, binding, format, help) never import the cmdlets, the host or the CLI.
 */

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = path.join(dir, name)
    if (statSync(path.join(ROOT, relative)).isDirectory()) return files(relative)
    return relative.endsWith('.ts') ? [relative] : []
  })
}

/** imports lists a file's relative imports, resolved to repository paths. */
function imports(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), 'utf8')
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)].map((m) =>
    path.normalize(path.join(path.dirname(file), m[1] ?? m[2]!)),
  )
}

const RULES: Array<[string, (target: string) => boolean, string]> = [
  ['store', (t) => t.startsWith('store/'), 'store/ imports only itself'],
  ['commands', (t) => t.startsWith('commands/') || t === 'src/index.js', 'commands/ imports only src/index.ts'],
  // The language leans on the PowerShell value model, the binder and the formatter, which know no XMPP and no store.
  [
    'src/shell',
    (t) => /^src\/(shell|values|binding|format|help)\//.test(t) || t === 'src/errors.js' || t === 'src/command-io.js',
    'src/shell imports only the leaf modules errors.ts and command-io.ts and the language folders values, binding, format and help',
  ],
  // The gateway reads store snapshots and hears reload events; it never imports the admin side (ARCHITECTURE).
  ['src/gateway', (t) => !/^src\/(cmdlets|shell|host|cli)\//.test(t) && !t.startsWith('commands/') && t !== 'src/index.js', 'src/gateway does not import cmdlets, shell, host or cli'],
  ...(['src/values', 'src/binding', 'src/format', 'src/help'].map((dir): [string, (t: string) => boolean, string] => [
    dir,
    (t) => !/^src\/(cmdlets|host|cli)\//.test(t) && !t.startsWith('commands/') && t !== 'src/index.js',
    `${dir} does not import cmdlets, host or cli`,
  ])),
]

for (const [dir, allowed, rule] of RULES) {
  test(`architecture: ${rule}`, () => {
    const violations = files(dir).flatMap((file) => imports(file).filter((t) => !allowed(t)).map((t) => `${file} -> ${t}`))
    assert.deepEqual(violations, [])
  })
}

test('architecture: the import scan sees imports (a rule that checks nothing would pass)', () => {
  assert.ok(imports('commands/base.ts').includes('src/index.js'))
  assert.ok(imports('store/store.ts').includes('store/validate.js'))
})
