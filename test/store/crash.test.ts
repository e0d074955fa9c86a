import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'
import {ConfigStore, parseStoreText, type StoreDocument} from '../../store/index.js'
import {startHelper} from './helpers/child.js'
import {bigStore} from './helpers/documents.js'
import {makeTempDir} from './helpers/temp-dir.js'

// A writer killed with SIGKILL at a random moment leaves a whole committed version, and its lock is
// taken over by the next transaction within the 10-second budget. The kills run side by side, one
// store each: a killed holder's lock only goes stale after 5 s, and ten of those one after the
// other would take a minute.
const KILLS = 10
const PARTNERS = 10_000

/** checkCommitted asserts that document is the whole version its revision names (see helpers/commit-loop.ts). */
function checkCommitted(document: StoreDocument): void {
  const revision = document.revision
  assert.equal(Object.keys(document.xmppAllowedPartners).length, PARTNERS)
  assert.equal(document.xmppAllowedPartners['partner0.example']!.Description, `commit ${revision}`)
  assert.equal(document.xmppAllowedPartners['partner9999.example']!.ConnectionLimit, (revision % 1000) + 1)
}

test(`${KILLS} writers killed at random moments on ${PARTNERS}-partner stores: old or newer version, lock recovered`, {timeout: 120_000}, async (t) => {
  const initial = JSON.stringify(bigStore(PARTNERS), null, 2)
  const rounds = Array.from({length: KILLS}, async () => {
    const file = path.join(makeTempDir(t), 'store.json')
    fs.writeFileSync(file, initial, {mode: 0o600})
    const writer = startHelper(t, 'commit-loop.ts', [file])
    await writer.waitForLine(/^committed \d+$/)
    await sleep(Math.random() * 1000)
    writer.child.kill('SIGKILL')
    assert.deepEqual(await writer.exited, {code: null, signal: 'SIGKILL'})
    const reported = Math.max(...writer.lines.map((line) => Number(/^committed (\d+)$/.exec(line)?.[1] ?? 0)))

    const {document, problem} = parseStoreText(fs.readFileSync(file, 'utf8'))
    assert.equal(problem, null)
    // The last reported commit, or the one after it if the kill came between its rename and its report.
    assert.ok(document!.revision === reported || document!.revision === reported + 1, `revision ${document!.revision} after report ${reported}`)
    checkCommitted(document!)

    const started = Date.now()
    await new ConfigStore(file).transaction((tx) => {
      assert.equal(tx.document.revision, document!.revision)
      tx.document.xmppAllowedPartners['partner0.example']!.Description = `commit ${tx.document.revision + 1}`
      tx.document.xmppAllowedPartners['partner9999.example']!.ConnectionLimit = ((tx.document.revision + 1) % 1000) + 1
      tx.markChanged()
    })
    // The transaction validated what it wrote; a plain parse is enough to see that it landed.
    const after = JSON.parse(fs.readFileSync(file, 'utf8')) as StoreDocument
    assert.equal(after.revision, document!.revision + 1)
    checkCommitted(after)
    return {revision: document!.revision, recoveryMs: Date.now() - started}
  })
  const results = await Promise.all(rounds)
  t.diagnostic(`killed at revisions ${results.map((r) => r.revision).join(', ')}; next transaction after ${results.map((r) => r.recoveryMs).join(', ')} ms`)
})
