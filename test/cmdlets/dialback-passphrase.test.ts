import assert from 'node:assert/strict'
import {readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {run, tmpStore} from '../helpers/csxmpp.js'

/**
 * DialbackPassphrase is a secret (cmdlets.md A3.3): never in the JSON store, a 0600 file in the key
 * directory instead, shown as ******** everywhere, unchanged when ******** is set back.
 */

const SECRET = 'correct horse battery staple'

test('the dialback passphrase lives in a 0600 key file, never in the store, and shows as ********', async () => {
  const store = tmpStore()
  try {
    const keys = path.join(store.dir, 'keys')
    assert.equal((await run(store, ['Set-CsXmppGatewayConfiguration', '-DialbackPassphrase', SECRET])).code, 0)
    assert.ok(!store.bytes()!.includes(SECRET), 'the secret leaked into the store')
    const reference = store.json().xmppGatewayConfiguration.DialbackPassphrase.secretFile as string
    assert.deepEqual(readdirSync(keys), [reference])
    assert.equal(readFileSync(path.join(keys, reference), 'utf8'), SECRET)
    assert.equal(statSync(path.join(keys, reference)).mode & 0o777, 0o600)
    assert.equal(statSync(keys).mode & 0o777, 0o700)

    const shown = await run(store, ['Get-CsXmppGatewayConfiguration'])
    assert.match(shown.stdout, /\nDialbackPassphrase            : \*{8}\n/)
    const json = await run(store, ['Get-CsXmppGatewayConfiguration'], {json: true})
    assert.equal(JSON.parse(json.stdout)[0].DialbackPassphrase, '********')
    assert.ok(!(shown.stdout + json.stdout).includes(SECRET))

    // Re-importing the mask changes nothing; a new secret replaces the old file; $null removes it.
    assert.equal((await run(store, ['Set-CsXmppGatewayConfiguration', '-DialbackPassphrase', '********'])).code, 0)
    assert.equal(store.json().xmppGatewayConfiguration.DialbackPassphrase.secretFile, reference)
    assert.deepEqual(readdirSync(keys), [reference])
    assert.equal((await run(store, ['Set-CsXmppGatewayConfiguration', '-DialbackPassphrase', `${SECRET} 2`])).code, 0)
    const replaced = store.json().xmppGatewayConfiguration.DialbackPassphrase.secretFile as string
    assert.notEqual(replaced, reference)
    assert.deepEqual(readdirSync(keys), [replaced])
    assert.equal((await run(store, ['Set-CsXmppGatewayConfiguration', '-DialbackPassphrase', '$null'])).code, 0)
    assert.equal(store.json().xmppGatewayConfiguration.DialbackPassphrase, null)
    assert.deepEqual(readdirSync(keys), [])
  } finally {
    store.cleanup()
  }
})

test('a refused change leaves no secret file behind', async () => {
  const store = tmpStore()
  try {
    const result = await run(store, ['Set-CsXmppGatewayConfiguration', '-DialbackPassphrase', SECRET, '-PartnerConnectionLimit', '2000'])
    assert.equal(result.code, 1)
    assert.equal(result.stderr.split('\n')[0], 'Set-CsXmppGatewayConfiguration : PartnerConnectionLimit (2000) cannot be greater than ConnectionLimit (1000).')
    assert.equal(store.bytes(), undefined)
    let files: string[] = []
    try {
      files = readdirSync(path.join(store.dir, 'keys'))
    } catch {
      files = []
    }
    assert.deepEqual(files, [])
  } finally {
    store.cleanup()
  }
})

const SHORT_WARNING = (n: number) =>
  `WARNING: The DialbackPassphrase has ${n} characters. Dialback keys are derived from it (XEP-0185), and a passphrase shorter than 16 ` +
  'characters can be guessed offline from one key seen on the network. Use 16 or more characters, or $null to let the gateway use a random secret.\n'

// cmdlets.md A3.3, A6.3 (2026-12): 1 to 1024 characters, counted in UTF-16 units; below 16 stored, then a warning.
const LENGTHS: Array<[what: string, argv: string[], code: number, stderr: string]> = [
  ['one character is stored, with the warning', ['-DialbackPassphrase', 'x'], 0, SHORT_WARNING(1)],
  ['15 UTF-16 units (7 emoji and a letter) warn', ['-DialbackPassphrase', `${'\u{1F511}'.repeat(7)}x`], 0, SHORT_WARNING(15)],
  ['16 characters are silent', ['-DialbackPassphrase', 'x'.repeat(16)], 0, ''],
  ['the ******** placeholder never warns', ['-DialbackPassphrase', '********'], 0, ''],
  ['-WhatIf writes no warning', ['-DialbackPassphrase', 'short', '-WhatIf'], 0, ''],
]

for (const [what, argv, code, stderr] of LENGTHS) {
  test(`DialbackPassphrase length: ${what}`, async () => {
    const store = tmpStore()
    try {
      const result = await run(store, ['Set-CsXmppGatewayConfiguration', ...argv])
      assert.deepEqual([result.code, result.stderr], [code, stderr])
    } finally {
      store.cleanup()
    }
  })
}
