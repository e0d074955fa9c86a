import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {ConfigStore, readSecret, removeSecret, writeSecret} from '../../store/index.js'
import {makeTempDir} from './helpers/temp-dir.js'

const mode = (file: string): number => fs.statSync(file).mode & 0o777

test('secrets round trip in new files 0600 under a key directory 0700, even with umask 0', async (t) => {
  const keys = new ConfigStore(path.join(makeTempDir(t), 'store.json')).keyDirectory
  const umask = process.umask(0)
  let first: string, second: string
  try {
    first = await writeSecret(keys, 'dialback', 'correct horse battery staple')
    second = await writeSecret(keys, 'dialback', 'ünïcode passphrase')
  } finally {
    process.umask(umask)
  }
  assert.match(first, /^dialback-[0-9a-f]{32}\.secret$/)
  assert.notEqual(first, second)
  assert.equal(mode(keys), 0o700)
  assert.equal(mode(path.join(keys, first)), 0o600)
  assert.equal(await readSecret(keys, first), 'correct horse battery staple')
  assert.equal(await readSecret(keys, second), 'ünïcode passphrase')
  // No temporary files are left behind.
  assert.deepEqual(fs.readdirSync(keys).sort(), [first, second].sort())
  await removeSecret(keys, first)
  await removeSecret(keys, first)
  assert.deepEqual(fs.readdirSync(keys), [second])
})

const BAD_NAMES = ['../store.json', '..', '.', 'a/b', '', 'x y']

for (const name of BAD_NAMES) {
  test(`secret file name ${JSON.stringify(name)} is refused`, async (t) => {
    const keys = makeTempDir(t)
    const message = `'${name}' is not a valid secret file name`
    await assert.rejects(readSecret(keys, name), {message})
    await assert.rejects(removeSecret(keys, name), {message})
  })
}

test('a prefix that could escape the key directory is refused', async (t) => {
  const keys = makeTempDir(t)
  await assert.rejects(writeSecret(keys, '../x', 'v'), {message: "'../x' is not a valid secret file prefix"})
  await assert.rejects(writeSecret(keys, '.hidden', 'v'), {message: "'.hidden' is not a valid secret file prefix"})
  assert.deepEqual(fs.readdirSync(keys), [])
})
