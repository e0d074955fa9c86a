import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {watch} from 'node:fs'
import {test} from 'node:test'
import {ConfigStore} from '../../store/index.js'
import {newPartnerRecord} from '../../src/cmdlets/xmpp-allowed-partner/object.js'
import {BIN, spawnCsxmpp, tmpStore} from '../helpers/csxmpp.js'

/**
 * A writer killed with SIGKILL in the middle of its write leaves the old or the new store, never a
 * broken one. The kill is aimed at the write itself: it fires when the store's temporary file
 * beside it changes (store/private-file.ts creates it empty first, then fills it); the lock-owner
 * file's own temporary file does not count.
 */

const STORE_TEMPORARY = /^\.store\.json\.[0-9a-f]+\.tmp$/

const KILLS = 4

function killDuringWrite(storePath: string, dir: string, description: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'Set-CsXmppAllowedPartner', 'p1.example', '-Description', description], {
      env: {...process.env, CSXMPP_STORE: storePath},
      stdio: 'ignore',
    })
    let killedMidWrite = false
    const watcher = watch(dir, (event, name) => {
      if (event === 'change' && name && STORE_TEMPORARY.test(name) && !killedMidWrite) {
        killedMidWrite = true
        child.kill('SIGKILL')
      }
    })
    child.on('close', () => {
      watcher.close()
      resolve(killedMidWrite)
    })
  })
}

test('SIGKILL during a write leaves the old or the new store; the next writer recovers the lock', async () => {
  const store = tmpStore()
  try {
    const config = new ConfigStore(store.path)
    await config.transaction((tx) => {
      for (let i = 0; i < 10000; i++) tx.document.xmppAllowedPartners[`p${i}.example`] = {...newPartnerRecord(`p${i}.example`), SaslNegotiation: 'Optional'}
      tx.markChanged()
    })
    const seen = new Set<string | null>([null])
    let midWrite = 0
    for (let round = 0; round < KILLS; round++) {
      if (await killDuringWrite(store.path, store.dir, `round ${round}`)) midWrite++
      const document = await config.read()
      const description = document.xmppAllowedPartners['p1.example']!.Description
      assert.ok(description === null || /^round \d$/.test(description), `unexpected description ${description}`)
      assert.equal(Object.keys(document.xmppAllowedPartners).length, 10000)
      seen.add(description)
    }
    assert.ok(midWrite > 0, 'no kill landed during a write')
    const next = await spawnCsxmpp(store, ['Set-CsXmppAllowedPartner', 'p1.example', '-Description', 'after'])
    assert.deepEqual([next.code, next.stderr], [0, ''])
    assert.equal((await config.read()).xmppAllowedPartners['p1.example']!.Description, 'after')
  } finally {
    store.cleanup()
  }
})
