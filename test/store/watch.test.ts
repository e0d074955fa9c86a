import assert from 'node:assert/strict'
import {renameSync, writeFileSync} from 'node:fs'
import {once} from 'node:events'
import {test} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'
import {ConfigStore, StoreInvalidError, StoreWatcher, type ReloadedEvent, freshStore} from '../../store/index.js'
import {newPartnerRecord} from '../../src/cmdlets/xmpp-allowed-partner/object.js'
import {tmpStore} from '../helpers/csxmpp.js'

/**
 * Hot reload of the store (issue 5, ARCHITECTURE rule 4): a committed change is announced once as
 * `config-reloaded` with the whole new snapshot; an invalid store is `config-reload-failed` and the
 * last good snapshot stays; snapshots are frozen; close() ends it. Every wait is bounded.
 */

/** next waits for one event, for at most 5 s. */
async function next<T extends unknown[]>(watcher: StoreWatcher, event: 'config-reloaded' | 'config-reload-failed'): Promise<T[0]> {
  const [value] = (await once(watcher, event, {signal: AbortSignal.timeout(5000)})) as T
  return value
}

async function addPartner(path: string, domain: string): Promise<void> {
  await new ConfigStore(path).transaction((tx) => {
    tx.document.xmppAllowedPartners[domain] = newPartnerRecord(domain)
    tx.markChanged()
  })
}

/** writeRaw replaces the store file atomically with any text, as a careless editor would. */
function writeRaw(path: string, text: string): void {
  writeFileSync(`${path}.edit`, text)
  renameSync(`${path}.edit`, path)
}

test('a committed change is one config-reloaded with the new frozen snapshot and what changed', async () => {
  const store = tmpStore()
  const watcher = await StoreWatcher.open(store.path, {debounceMs: 20})
  try {
    assert.equal(watcher.current.version, 0)
    const reloaded = next<[ReloadedEvent]>(watcher, 'config-reloaded')
    await addPartner(store.path, 'jabber.org')
    const event = await reloaded
    assert.equal(event.version, 1)
    assert.equal(event.previous.version, 0)
    assert.deepEqual(event.changes, {added: ['xmppAllowedPartners/jabber.org'], removed: [], changed: []})
    assert.equal(watcher.current, event.snapshot)
    assert.ok(Object.isFrozen(event.snapshot.document.xmppAllowedPartners['jabber.org']))
    assert.throws(() => {
      ;(event.snapshot.document.xmppAllowedPartners['jabber.org'] as {EnableKeepAlive: boolean}).EnableKeepAlive = false
    }, TypeError)
  } finally {
    watcher.close()
    store.cleanup()
  }
})

test('an invalid store is a failed reload; the last good snapshot stays until a valid one comes', async () => {
  const store = tmpStore()
  await addPartner(store.path, 'jabber.org')
  const watcher = await StoreWatcher.open(store.path, {debounceMs: 20})
  try {
    const good = watcher.current
    const failed = next(watcher, 'config-reload-failed')
    writeRaw(store.path, '{"schemaVersion": 1, "revision": 7')
    const failure = (await failed) as {error: unknown; version: number}
    assert.ok(failure.error instanceof StoreInvalidError)
    assert.equal(failure.version, 1)
    assert.equal(watcher.current, good)
    const fixed = next<[ReloadedEvent]>(watcher, 'config-reloaded')
    writeRaw(store.path, JSON.stringify({...freshStore(), revision: 8}))
    const event = await fixed
    assert.equal(event.version, 8)
    assert.deepEqual(event.changes.removed, ['xmppAllowedPartners/jabber.org'])
  } finally {
    watcher.close()
    store.cleanup()
  }
})

test('a burst of writes settles into the last version; after close() nothing more is announced', async () => {
  const store = tmpStore()
  const watcher = await StoreWatcher.open(store.path, {debounceMs: 50})
  const versions: number[] = []
  watcher.on('config-reloaded', (event) => versions.push(event.version))
  try {
    for (let i = 0; i < 5; i++) await addPartner(store.path, `p${i}.example`)
    for (let i = 0; i < 100 && watcher.current.version !== 5; i++) await sleep(20)
    assert.equal(watcher.current.version, 5)
    assert.equal(Object.keys(watcher.current.document.xmppAllowedPartners).length, 5)
    assert.ok(versions.length >= 1 && versions.length <= 5, `${versions.length} reloads`)
    assert.equal(versions.at(-1), 5)
    watcher.close()
    const seen = versions.length
    await addPartner(store.path, 'after-close.example')
    await sleep(200)
    assert.equal(versions.length, seen)
  } finally {
    watcher.close()
    store.cleanup()
  }
})
