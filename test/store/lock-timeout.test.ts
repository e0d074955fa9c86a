import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {ConfigStore, StoreLockedError, freshStore} from '../../store/index.js'
import {startHelper} from './helpers/child.js'
import {makeTempDir} from './helpers/temp-dir.js'

test('a lock held by a live process: StoreLockedError after lockTimeoutMs, naming its pid; reads still work', async (t) => {
  const file = path.join(makeTempDir(t), 'store.json')
  const holder = startHelper(t, 'hold-lock.ts', [file])
  await holder.waitForLine(/^locked$/)
  const started = Date.now()
  const attempt = new ConfigStore(file, {lockTimeoutMs: 500}).transaction((tx) => tx.markChanged())
  await assert.rejects(attempt, (error: unknown) => {
    assert.ok(error instanceof StoreLockedError)
    assert.deepEqual([error.path, error.pid, error.timeoutMs], [file, holder.child.pid, 500])
    assert.equal(
      error.message,
      `The configuration store ${file} is locked by another process (pid ${holder.child.pid}) and did not become free within 0.5 seconds.`,
    )
    return true
  })
  const waited = Date.now() - started
  assert.ok(waited >= 500 && waited < 2500, `waited ${waited} ms`)
  // Readers take no lock.
  assert.deepEqual(await new ConfigStore(file).read(), freshStore())
  holder.child.kill('SIGKILL')
  await holder.exited
})

test('a lock whose holder did not record itself gives pid null', async (t) => {
  const file = path.join(makeTempDir(t), 'store.json')
  fs.mkdirSync(`${file}.lock`)
  const attempt = new ConfigStore(file, {lockTimeoutMs: 200}).transaction(() => undefined)
  await assert.rejects(attempt, {name: 'StoreLockedError', pid: null, message: `The configuration store ${file} is locked by another process and did not become free within 0.2 seconds.`})
})
