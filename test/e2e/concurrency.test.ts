import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ConfigStore} from '../../store/index.js'
import {spawnCsxmpp, tmpStore} from '../helpers/csxmpp.js'

test('20 processes running New-CsXmppAllowedPartner at once leave 20 partners and valid JSON', async () => {
  const store = tmpStore()
  try {
    const runs = await Promise.all(
      Array.from({length: 20}, (_, i) => spawnCsxmpp(store, ['New-CsXmppAllowedPartner', `p${i}.example`, '-SaslNegotiation', 'NotSupported'])),
    )
    assert.deepEqual(runs.map((r) => [r.code, r.stderr]), runs.map(() => [0, '']))
    const document = await new ConfigStore(store.path).read()
    assert.deepEqual(Object.keys(document.xmppAllowedPartners).sort(), Array.from({length: 20}, (_, i) => `p${i}.example`).sort())
    assert.equal(document.revision, 20)
  } finally {
    store.cleanup()
  }
})
