import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {ConfigStore, StoreInvalidError, accessEdgeSettings, defaultAccessEdgeSettings, freshStore, parseStoreText, type StoreDocument} from '../../store/index.js'
import {partnerRecord} from './helpers/documents.js'
import {makeTempDir} from './helpers/temp-dir.js'

const mode = (file: string): number => fs.statSync(file).mode & 0o777

/** addPartner commits one new partner and returns the revision it committed. */
async function addPartner(store: ConfigStore, domain: string): Promise<number> {
  let committed: StoreDocument | undefined
  await store.transaction((tx) => {
    tx.document.xmppAllowedPartners[domain] = partnerRecord(domain)
    tx.markChanged()
    committed = tx.document
  })
  return committed!.revision
}

function writeStore(file: string, doc: StoreDocument | string): void {
  fs.mkdirSync(path.dirname(file), {recursive: true})
  fs.writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2))
}

test('a missing store reads as the fresh store and nothing is created', async (t) => {
  const dir = makeTempDir(t)
  const store = new ConfigStore(path.join(dir, 'sub', 'store.json'))
  assert.deepEqual(await store.read(), freshStore())
  assert.deepEqual(fs.readdirSync(dir), [])
})

test('the constructor touches nothing and derives the key and state directories', (t) => {
  const dir = makeTempDir(t)
  const store = new ConfigStore(path.join(dir, 'x', 'store.json'))
  assert.equal(store.keyDirectory, path.join(dir, 'x', 'keys'))
  assert.equal(store.stateDirectory, path.join(dir, 'x', 'state'))
  assert.equal(store.lockTimeoutMs, 10_000)
  assert.deepEqual(fs.readdirSync(dir), [])
})

test('an invalid store fails read with StoreInvalidError', async (t) => {
  const file = path.join(makeTempDir(t), 'store.json')
  writeStore(file, {...freshStore(), revision: -3})
  await assert.rejects(store(file).read(), (error: unknown) => {
    assert.ok(error instanceof StoreInvalidError)
    assert.deepEqual([error.path, error.jsonPath, error.problem], [file, '$.revision', 'must be at least 0'])
    assert.equal(error.message, `The configuration store ${file} is not valid: $.revision: must be at least 0. It was not changed.`)
    return true
  })
})

const store = (file: string): ConfigStore => new ConfigStore(file)

test('a transaction on an invalid store changes nothing and releases the lock', async (t) => {
  const dir = makeTempDir(t)
  const file = path.join(dir, 'store.json')
  writeStore(file, '{"schemaVersion": 1, "revision": tru')
  const before = fs.readFileSync(file)
  let called = false
  const attempt = () =>
    store(file).transaction((tx) => {
      called = true
      tx.markChanged()
    })
  await assert.rejects(attempt(), {name: 'StoreInvalidError', jsonPath: '$', problem: 'not valid JSON (line 1, column 37: Unexpected end of JSON input)'})
  assert.equal(called, false)
  assert.deepEqual(fs.readFileSync(file), before)
  assert.deepEqual(fs.readdirSync(dir), ['store.json'])
})

test('a first write creates the directory 0700 and the file 0600, even with umask 0', async (t) => {
  const dir = path.join(makeTempDir(t), 'a', 'csxmpp')
  const file = path.join(dir, 'store.json')
  const umask = process.umask(0)
  try {
    assert.equal(await addPartner(store(file), 'a.example'), 1)
  } finally {
    process.umask(umask)
  }
  assert.equal(mode(dir), 0o700)
  assert.equal(mode(file), 0o600)
  // Nothing else is left: no temporary file, no lock, no lock owner record.
  assert.deepEqual(fs.readdirSync(dir), ['store.json'])
})

test('a commit writes the whole document, 2-space indented, with the revision incremented', async (t) => {
  const file = path.join(makeTempDir(t), 'store.json')
  await addPartner(store(file), 'a.example')
  await addPartner(store(file), 'b.example')
  const text = fs.readFileSync(file, 'utf8')
  const doc = parseStoreText(text).document!
  assert.equal(doc.revision, 2)
  assert.deepEqual(Object.keys(doc.xmppAllowedPartners), ['a.example', 'b.example'])
  assert.equal(text, JSON.stringify(doc, null, 2))
})

test('without markChanged nothing is written, and the result is returned', async (t) => {
  const dir = makeTempDir(t)
  const file = path.join(dir, 'store.json')
  const result = await store(file).transaction((tx) => {
    tx.document.revision = 99
    return 'looked'
  })
  assert.equal(result, 'looked')
  assert.deepEqual(fs.readdirSync(dir), [])
})

test('when fn throws nothing is written, afterCommit does not run, and the lock is free', async (t) => {
  const dir = makeTempDir(t)
  const file = path.join(dir, 'store.json')
  await addPartner(store(file), 'a.example')
  const before = fs.readFileSync(file)
  let ran = false
  const failing = store(file).transaction((tx) => {
    tx.document.xmppAllowedPartners = {}
    tx.markChanged()
    tx.afterCommit(() => {
      ran = true
    })
    throw new Error('cmdlet failed')
  })
  await assert.rejects(failing, {message: 'cmdlet failed'})
  assert.equal(ran, false)
  assert.deepEqual(fs.readFileSync(file), before)
  assert.equal(await addPartner(new ConfigStore(file, {lockTimeoutMs: 200}), 'b.example'), 2)
})

test('a change that would make the store invalid is a bug: an Error naming the problem, nothing written', async (t) => {
  const file = path.join(makeTempDir(t), 'store.json')
  await addPartner(store(file), 'a.example')
  const before = fs.readFileSync(file)
  const broken = store(file).transaction((tx) => {
    tx.document.xmppAllowedPartners['a.example']!.SupportDialbackNegotiation = false
    tx.document.xmppAllowedPartners['a.example']!.TlsNegotiation = 'NotSupported'
    tx.markChanged()
  })
  await assert.rejects(broken, {
    message:
      "csxmpp tried to write an invalid configuration store (a bug): $.xmppAllowedPartners['a.example']: TlsNegotiation NotSupported, SaslNegotiation Required and SupportDialbackNegotiation False leave no authentication method (matrix row 6). Nothing was written.",
  })
  assert.deepEqual(fs.readFileSync(file), before)
})

test('afterCommit callbacks run in order after the write; a failing one is a warning, not a failure', async (t) => {
  const file = path.join(makeTempDir(t), 'store.json')
  const seen: string[] = []
  const warnings: string[] = []
  const onWarning = (warning: Error) => warnings.push(warning.message)
  process.on('warning', onWarning)
  t.after(() => process.off('warning', onWarning))
  await store(file).transaction((tx) => {
    tx.document.revision = 41
    tx.markChanged()
    tx.afterCommit(() => {
      seen.push(`first saw revision ${parseStoreText(fs.readFileSync(file, 'utf8')).document!.revision}`)
    })
    tx.afterCommit(async () => {
      throw new Error('cannot remove old secret')
    })
    tx.afterCommit(() => {
      seen.push('third')
    })
  })
  await new Promise((resolve) => setImmediate(resolve))
  assert.deepEqual(seen, ['first saw revision 42', 'third'])
  assert.deepEqual(warnings, ['a clean-up step after a store change failed: cannot remove old secret'])
})

test('concurrent transactions in one process are serialised', async (t) => {
  const file = path.join(makeTempDir(t), 'store.json')
  const domains = Array.from({length: 8}, (_, i) => `p${i}.example`)
  await Promise.all(domains.map((domain) => addPartner(store(file), domain)))
  const doc = await store(file).read()
  assert.equal(doc.revision, 8)
  assert.deepEqual(Object.keys(doc.xmppAllowedPartners).sort(), domains)
})

test('a stale lock left by a dead process is taken over', async (t) => {
  const dir = makeTempDir(t)
  const file = path.join(dir, 'store.json')
  fs.mkdirSync(`${file}.lock`)
  const old = new Date(Date.now() - 60_000)
  fs.utimesSync(`${file}.lock`, old, old)
  fs.writeFileSync(`${file}.lock-owner`, '999999999\n')
  assert.equal(await addPartner(new ConfigStore(file, {lockTimeoutMs: 1000}), 'a.example'), 1)
  assert.deepEqual(fs.readdirSync(dir), ['store.json'])
})

test('a fresh store has the Access Edge section with AllowFederatedUsers False (cmdlets.md A11.3)', () => {
  assert.equal(freshStore().accessEdgeConfiguration?.AllowFederatedUsers, false)
  assert.equal(accessEdgeSettings(freshStore()).AllowFederatedUsers, false)
})

test('a store written before the section reads AllowFederatedUsers True, and the next change writes that out (A11.3)', async (t) => {
  const file = path.join(makeTempDir(t), 'store.json')
  const {accessEdgeConfiguration: _, ...before} = freshStore()
  writeStore(file, before as StoreDocument)
  const read = await new ConfigStore(file).read()
  assert.equal(read.accessEdgeConfiguration, undefined)
  assert.deepEqual(accessEdgeSettings(read), defaultAccessEdgeSettings(true))
  await addPartner(new ConfigStore(file), 'a.example')
  const written = parseStoreText(fs.readFileSync(file, 'utf8')).document!
  assert.deepEqual(written.accessEdgeConfiguration, defaultAccessEdgeSettings(true))
})
