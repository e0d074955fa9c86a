import assert from 'node:assert/strict'
import {mkdtemp, readdir, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, test} from 'node:test'
import {freshStore, writeSecret} from '../../store/index.js'
import {loadDialbackSecret} from '../../src/gateway/dialback-secret.js'

const dir = await mkdtemp(join(tmpdir(), 'csxmpp-dialback-'))
after(() => rm(dir, {recursive: true, force: true}))

test('without a DialbackPassphrase the gateway makes one secret on first start and keeps it (A3.3)', async () => {
  const keys = join(dir, 'generated')
  const first = await loadDialbackSecret(keys, freshStore())
  assert.match(first, /^[0-9a-f]{64}$/)
  assert.equal(await loadDialbackSecret(keys, freshStore()), first)
  assert.deepEqual(await readdir(keys), ['dialback-generated.secret'])
  assert.equal((await stat(join(keys, 'dialback-generated.secret'))).mode & 0o777, 0o600)
})

test('a DialbackPassphrase replaces the generated secret', async () => {
  const keys = join(dir, 'passphrase')
  const document = freshStore()
  document.xmppGatewayConfiguration.DialbackPassphrase = {secretFile: await writeSecret(keys, 'dialback', 'correct horse battery staple')}
  assert.equal(await loadDialbackSecret(keys, document), 'correct horse battery staple')
})
