import assert from 'node:assert/strict'
import {lstat, mkdir, readFile, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {test} from 'node:test'
import {loopbackBlock} from '../helpers/sip/peers.js'
import {csxmpp, setUpGatewayStore, startUdpGateway, tempDir} from '../helpers/store-security.js'

/**
 * Issue 12, case 7: a symlink planted where csxmpp writes a file of the store directory must never
 * be written through. The victim is a file elsewhere (in the attack, a root-owned one); after the
 * write it must hold exactly what it held, and the store's own file must be a regular file.
 */

const PRECIOUS = 'precious: not csxmpp data\n'

/** plantSymlink puts a symlink at path, pointing at a fresh victim file elsewhere; returns the victim. */
async function plantSymlink(path: string): Promise<string> {
  const victim = join(await tempDir('victim'), 'victim')
  await writeFile(victim, PRECIOUS)
  await symlink(victim, path)
  return victim
}

async function assertRegularFile(path: string): Promise<void> {
  const stats = await lstat(path)
  assert.ok(stats.isFile() && !stats.isSymbolicLink(), `${path} is not a regular file`)
}

test("a symlink at the store's old temporary file name (.store.json.tmp) is not written through", async () => {
  const dir = await tempDir('symlink-tmp')
  assert.equal((await csxmpp(dir, 'New-CsSipDomain', '-Identity', 'example.test')).code, 0)
  const victim = await plantSymlink(join(dir, '.store.json.tmp'))
  const result = await csxmpp(dir, 'New-CsSipDomain', '-Identity', 'other.test')
  assert.deepEqual([result.code, result.stderr], [0, ''])
  assert.equal(await readFile(victim, 'utf8'), PRECIOUS)
  await assertRegularFile(join(dir, 'store.json'))
  assert.deepEqual(Object.keys(JSON.parse(await readFile(join(dir, 'store.json'), 'utf8')).sipDomains), ['example.test', 'other.test'])
})

test('a symlink at the lock-owner file (store.json.lock-owner) is not written through', async () => {
  const dir = await tempDir('symlink-owner')
  const victim = await plantSymlink(join(dir, 'store.json.lock-owner'))
  const result = await csxmpp(dir, 'New-CsSipDomain', '-Identity', 'example.test')
  assert.deepEqual([result.code, result.stderr], [0, ''])
  assert.equal(await readFile(victim, 'utf8'), PRECIOUS)
  await assertRegularFile(join(dir, 'store.json'))
})

test("a symlink at the gateway's temporary state file (state/first-contacts.json.tmp) is not written through", async () => {
  const dir = await tempDir('symlink-state')
  await setUpGatewayStore(dir)
  assert.equal((await csxmpp(dir, 'New-CsXmppAllowedPartner', '-Identity', 'gone.test', '-WarningAction', 'SilentlyContinue')).code, 0)
  await mkdir(join(dir, 'state'), {mode: 0o700})
  const victim = await plantSymlink(join(dir, 'state', 'first-contacts.json.tmp'))
  const gateway = await startUdpGateway(dir, loopbackBlock()(1))
  try {
    // Removing a partner makes the gateway forget its first-contact records: a save of the state file.
    const mark = gateway.lines.length
    assert.equal((await gateway.cmdlet('Remove-CsXmppAllowedPartner', '-Identity', 'gone.test')).code, 0)
    await gateway.waitForLog((line) => line.msg === 'config reloaded', 10_000, mark)
  } finally {
    assert.equal(await gateway.stop(), 0)
  }
  assert.equal(await readFile(victim, 'utf8'), PRECIOUS)
  await assertRegularFile(join(dir, 'state', 'first-contacts.json'))
  assert.equal(await readFile(join(dir, 'state', 'first-contacts.json'), 'utf8'), '[]')
})
