import {ConfigStore} from '../../../store/index.js'

// Child of crash.test.ts: commits forever; each commit records its own revision in a partner's
// Description, so the test can tell a whole committed version from a mix.
const store = new ConfigStore(process.argv[2]!)
for (;;) {
  const revision = await store.transaction((tx) => {
    const next = tx.document.revision + 1
    tx.document.xmppAllowedPartners['partner0.example']!.Description = `commit ${next}`
    tx.document.xmppAllowedPartners['partner9999.example']!.ConnectionLimit = (next % 1000) + 1
    tx.markChanged()
    return next
  })
  console.log(`committed ${revision}`)
}
