import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {chmod, chown, mkdir, readdir, readFile, stat} from 'node:fs/promises'
import {userInfo} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'
import {CSXMPP_BIN} from '../helpers/process.js'
import {csxmpp, errorRecord, tempDir} from '../helpers/store-security.js'

/**
 * Issue 12, case 7: a store directory (or its key or state directory) that other users can write
 * to, or that another user owns, lets them replace the store, its keys or the gateway's state. Such
 * a store is refused, reads included, with a one-line error naming the fix, before anything is
 * written: the store stays byte for byte as it was and no lock is left behind. Directories csxmpp
 * creates itself are 0700, and the directories above the store's own (/tmp itself) are not checked.
 */

const NOBODY = 65534

/** storeWithPartner makes a store with one partner in a fresh directory. */
async function storeWithPartner(name: string): Promise<string> {
  const dir = await tempDir(name)
  assert.equal((await csxmpp(dir, 'New-CsXmppAllowedPartner', '-Identity', 'a.example', '-WarningAction', 'SilentlyContinue')).code, 0)
  return dir
}

function unsafe(cmdlet: string, dir: string, detail: string): string {
  const store = join(dir, 'store.json')
  return errorRecord(cmdlet, `The configuration store ${store} is not safe: ${detail}. It was not changed.`, 'SecurityError: SecurityException', store, 'StoreUnsafe')
}

/** assertRefused runs a change and a read on the store and checks both are refused with text, and that nothing was written. */
async function assertRefused(dir: string, detail: string): Promise<void> {
  const before = await readFile(join(dir, 'store.json'))
  const files = (await readdir(dir)).sort()
  const change = await csxmpp(dir, 'Set-CsXmppAllowedPartner', '-Identity', 'a.example', '-Description', 'changed')
  assert.deepEqual(change, {stdout: '', stderr: unsafe('Set-CsXmppAllowedPartner', dir, detail), code: 1})
  const read = await csxmpp(dir, 'Get-CsXmppAllowedPartner')
  assert.deepEqual(read, {stdout: '', stderr: unsafe('Get-CsXmppAllowedPartner', dir, detail), code: 1})
  assert.deepEqual(await readFile(join(dir, 'store.json')), before)
  assert.deepEqual((await readdir(dir)).sort(), files)
}

test('a world-writable store directory is refused, naming chmod 700', async () => {
  const dir = await storeWithPartner('mode-world')
  await chmod(dir, 0o777)
  await assertRefused(dir, `other users can write to its directory ${dir} (mode 0777). Run chmod 700 ${dir}`)
})

test('a group-writable store directory is refused', async () => {
  const dir = await storeWithPartner('mode-group')
  await chmod(dir, 0o770)
  await assertRefused(dir, `other users can write to its directory ${dir} (mode 0770). Run chmod 700 ${dir}`)
})

test('a writable key directory or state directory is refused', async () => {
  const dir = await storeWithPartner('mode-subdirs')
  const keys = join(dir, 'keys')
  await mkdir(keys, {mode: 0o700})
  await chmod(keys, 0o1777)
  await assertRefused(dir, `other users can write to its key directory ${keys} (mode 1777). Run chmod 700 ${keys}`)
  await chmod(keys, 0o700)
  const state = join(dir, 'state')
  await mkdir(state, {mode: 0o700})
  await chmod(state, 0o720)
  await assertRefused(dir, `other users can write to its state directory ${state} (mode 0720). Run chmod 700 ${state}`)
})

test('a store directory owned by another user is refused, naming chown', {skip: process.geteuid?.() !== 0 && 'giving a directory away needs root'}, async () => {
  const dir = await storeWithPartner('owner')
  await chown(dir, NOBODY, NOBODY)
  const me = userInfo().username
  await assertRefused(dir, `its directory ${dir} is owned by user ${NOBODY}, not by ${me}, who runs csxmpp. Run chown ${me} ${dir}, or run csxmpp as user ${NOBODY}`)
})

test('Start-CsXmppGateway refuses an unsafe store before it writes anything, and prints nothing on stdout', async () => {
  const dir = await storeWithPartner('gateway')
  await chmod(dir, 0o757)
  const files = (await readdir(dir)).sort()
  const result = await csxmpp(dir, 'Start-CsXmppGateway', '-ListenAddress', '127.0.0.1', '-Port', '1', '-SipTransport', 'Udp')
  const detail = `other users can write to its directory ${dir} (mode 0757). Run chmod 700 ${dir}`
  assert.deepEqual(result, {stdout: '', stderr: unsafe('Start-CsXmppGateway', dir, detail), code: 1})
  assert.deepEqual((await readdir(dir)).sort(), files)
})

test('the default location is created 0700 under a world-writable parent, which is not checked', async () => {
  const home = await tempDir('default-home')
  // A sticky world-writable parent, like /tmp: the store's own directories are what matter.
  await chmod(home, 0o1777)
  const result = await new Promise<{code: number | null; stderr: string}>((resolve) => {
    const child = spawn(process.execPath, [CSXMPP_BIN, 'New-CsSipDomain', '-Identity', 'example.test'], {env: {PATH: process.env.PATH, HOME: home, NO_COLOR: '1'}, stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('close', (code) => resolve({code, stderr}))
  })
  assert.deepEqual(result, {code: 0, stderr: ''})
  const store = join(home, '.local', 'share', 'csxmpp')
  assert.equal((await stat(store)).mode & 0o777, 0o700)
  assert.equal((await stat(join(store, 'store.json'))).mode & 0o777, 0o600)
})
