import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {TestContext} from 'node:test'

/** makeTempDir creates a fresh temporary directory that is removed when the test t ends. */
export function makeTempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csxmpp-'))
  t.after(() => fs.rmSync(dir, {recursive: true, force: true}))
  return dir
}
