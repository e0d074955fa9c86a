import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'
import {ConfigStore} from '../../store/index.js'
import {BIN, runAll, spawnCsxmpp, tmpStore, STORE_P} from '../helpers/csxmpp.js'

/**
 * The store seen from a script (powershell.md §7.9, issue 4 point 5): each top-level statement is
 * committed when it completes and other processes see it then; a script killed at any moment leaves a
 * valid store holding a prefix of its statements; -WhatIf at script level changes nothing.
 */

const LINES = 60
const SCRIPT = Array.from({length: LINES}, (_, i) => `New-CsXmppAllowedPartner p${i}.example -PartnerType Federated -SaslNegotiation NotSupported | Out-Null`).join('\n')

/** stopped kills a child (if it still runs) and waits for it to be gone. */
async function stopped(child: ReturnType<typeof spawn>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const gone = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await gone
}

function partnersIn(store: ReturnType<typeof tmpStore>): Promise<string[]> {
  return new ConfigStore(store.path).read().then((document) => Object.keys(document.xmppAllowedPartners))
}

test('a script killed at any moment leaves a valid store holding a prefix of its statements', async () => {
  for (const delay of [150, 300, 450, 600, 900, 1400]) {
    const store = tmpStore()
    try {
      const file = path.join(store.dir, 'many.ps1')
      writeFileSync(file, SCRIPT)
      const child = spawn(process.execPath, [BIN, '-File', file], {env: {...process.env, CSXMPP_STORE: store.path}, stdio: 'ignore'})
      await sleep(delay)
      await stopped(child)
      const partners = existsSync(store.path) ? await partnersIn(store) : []
      const prefix = Array.from({length: partners.length}, (_, i) => `p${i}.example`)
      assert.deepEqual([...partners].sort(), [...prefix].sort(), `after ${delay} ms`)
      // The next writer is not blocked by the killed one's lock for good.
      const next = await spawnCsxmpp(store, ['New-CsXmppAllowedPartner', 'after.example', '-SaslNegotiation', 'NotSupported', '-PartnerType', 'Federated'])
      assert.equal(next.code, 0, next.stderr)
    } finally {
      store.cleanup()
    }
  }
})

test('a statement is visible to other processes as soon as it completes, before the script ends', async () => {
  const store = tmpStore()
  const file = path.join(store.dir, 'slow.ps1')
  writeFileSync(file, 'New-CsXmppAllowedPartner first.example -SaslNegotiation NotSupported | Out-Null\nStart-Sleep -Seconds 30\n')
  const child = spawn(process.execPath, [BIN, '-File', file], {env: {...process.env, CSXMPP_STORE: store.path}, stdio: 'ignore'})
  try {
    let seen: string[] = []
    for (let i = 0; i < 200 && !seen.includes('first.example'); i++) {
      await sleep(50)
      if (existsSync(store.path)) seen = await partnersIn(store)
    }
    assert.deepEqual(seen, ['first.example'])
    assert.equal(child.exitCode, null, 'the script is still running')
  } finally {
    await stopped(child)
    store.cleanup()
  }
})

test('-WhatIf before -File runs the whole script and changes nothing', async () => {
  const store = tmpStore()
  try {
    await runAll(store, STORE_P)
    const before = store.bytes()
    writeFileSync(path.join(store.dir, 'w.ps1'), 'Remove-CsXmppAllowedPartner a.example\nSet-CsXmppGatewayConfiguration -ConnectionLimit 50\n"done"\n')
    const run = await spawnCsxmpp(store, ['-WhatIf', '-File', 'w.ps1'])
    assert.deepEqual(run, {
      stdout:
        'What if: Performing the operation "Remove-CsXmppAllowedPartner" on target "a.example".\n' +
        'What if: Performing the operation "Set-CsXmppGatewayConfiguration" on target "Global".\ndone\n',
      stderr: '',
      code: 0,
    })
    assert.equal(store.bytes(), before)
  } finally {
    store.cleanup()
  }
})

test('a loop of 10,000 New- calls is one statement: one commit, the whole store valid', async () => {
  const store = tmpStore()
  try {
    writeFileSync(path.join(store.dir, 'loop.ps1'), 'foreach ($i in 1..10000) { New-CsXmppAllowedPartner "p$i.example" -SaslNegotiation NotSupported | Out-Null }\n(Get-CsXmppAllowedPartner).Count\n')
    const run = await spawnCsxmpp(store, ['-File', 'loop.ps1'])
    assert.deepEqual(run, {stdout: '10000\n', stderr: '', code: 0})
    assert.equal((await partnersIn(store)).length, 10000)
    assert.equal(store.json().revision, 1)
  } finally {
    store.cleanup()
  }
})
