import {ConfigStore} from '../../../store/index.js'
import {partnerRecord} from './documents.js'

// Child of concurrency.test.ts: one CLI-like transaction that adds the partner argv[3].
const [storePath, domain] = process.argv.slice(2) as [string, string]
const store = new ConfigStore(storePath)
await store.transaction((tx) => {
  tx.document.xmppAllowedPartners[domain] = partnerRecord(domain)
  tx.markChanged()
})
console.log(`added ${domain}`)
