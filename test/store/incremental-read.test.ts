import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {test} from 'node:test'
import {readStoreIncrementally} from '../../store/incremental-read.js'
import {ConfigStore, freshStore, type StoreDocument} from '../../store/index.js'
import {newPartnerRecord} from '../../src/cmdlets/xmpp-allowed-partner/object.js'
import {tmpStore} from '../helpers/csxmpp.js'

/**
 * readStoreIncrementally must refuse exactly what ConfigStore.read refuses, with the same message,
 * although it schema-checks only the records it parsed anew: each invalid edit below is read both
 * ways and the two errors compared, as exact strings.
 */

function baseDocument(): StoreDocument {
  const document = freshStore()
  for (const domain of ['a.example', 'b.example', 'c.example']) document.xmppAllowedPartners[domain] = newPartnerRecord(domain)
  return document
}

const INVALID_EDITS: ReadonlyArray<{name: string; edit: (document: Record<string, any>) => void; message: string}> = [
  {
    name: 'a changed partner outside the schema',
    edit: (d) => void (d.xmppAllowedPartners['b.example'].TlsNegotiation = 'Sometimes'),
    message: `$.xmppAllowedPartners['b.example'].TlsNegotiation: "Sometimes" is not one of Required, Optional, NotSupported`,
  },
  {
    name: 'a new partner whose domain another one owns',
    edit: (d) => void (d.xmppAllowedPartners['d.example'] = {...newPartnerRecord('d.example'), AdditionalDomains: ['a.example']}),
    message: "$.xmppAllowedPartners['d.example'].AdditionalDomains[0]: domain 'a.example' is also used by XMPP partner 'a.example'",
  },
  {name: 'a newer schema version', edit: (d) => void (d.schemaVersion = 2), message: '$.schemaVersion: unsupported schema version 2 (this csxmpp reads 1)'},
  {name: 'a negative revision', edit: (d) => void (d.revision = -1), message: '$.revision: must be at least 0'},
  {name: 'a gateway setting out of range', edit: (d) => void (d.xmppGatewayConfiguration.ConnectionLimit = 0), message: '$.xmppGatewayConfiguration.ConnectionLimit: must be at least 1'},
  {name: 'a section removed', edit: (d) => void delete d.sipDomains, message: "$: missing setting 'sipDomains'"},
  {name: 'an unknown root member', edit: (d) => void (d.extra = {}), message: "$: unknown setting 'extra'"},
]

for (const {name, edit, message} of INVALID_EDITS) {
  test(`an incremental read refuses ${name} exactly as a full read does`, async () => {
    const store = tmpStore()
    try {
      const before = baseDocument()
      writeFileSync(store.path, JSON.stringify(before, null, 2))
      const previous = await readStoreIncrementally(store.path, undefined)
      assert.ok(previous.image)
      const after: Record<string, any> = structuredClone(before)
      edit(after)
      writeFileSync(store.path, JSON.stringify(after, null, 2))
      const full = await new ConfigStore(store.path).read().then(
        () => assert.fail('the full read accepted it'),
        (error: Error) => error.message,
      )
      const incremental = await readStoreIncrementally(store.path, {image: previous.image, document: previous.document}).then(
        () => assert.fail('the incremental read accepted it'),
        (error: Error) => error.message,
      )
      assert.equal(incremental, full)
      assert.equal(full, `The configuration store ${store.path} is not valid: ${message}. It was not changed.`)
    } finally {
      store.cleanup()
    }
  })
}

test('an incremental read of a valid change gives what a full read gives', async () => {
  const store = tmpStore()
  try {
    writeFileSync(store.path, JSON.stringify(baseDocument(), null, 2))
    const previous = await readStoreIncrementally(store.path, undefined)
    await new ConfigStore(store.path).transaction((tx) => {
      tx.document.xmppAllowedPartners['b.example']!.Description = 'changed'
      delete tx.document.xmppAllowedPartners['c.example']
      tx.markChanged()
    })
    const again = await readStoreIncrementally(store.path, {image: previous.image!, document: previous.document})
    assert.deepEqual(again.document, await new ConfigStore(store.path).read())
    assert.equal(again.document.xmppAllowedPartners['a.example'], previous.document.xmppAllowedPartners['a.example'])
  } finally {
    store.cleanup()
  }
})
