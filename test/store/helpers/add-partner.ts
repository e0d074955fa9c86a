import {ConfigStore} from '../../../store/index.js'
import {partnerRecord} from './documents.js'

// Child of concurrency.test.ts: one CLI-like transaction that adds the partner argv[3].
const [storePath, domain] = process.argv.slice(2) as [string, string]
// The test is about lost updates, not waiting: twenty writers queue for the lock, and on a 2-core CI machine
// also running the federation suite the last may wait longer than the product's 10 s default.
const store = new ConfigStore(storePath, {lockTimeoutMs: 60_000})
await store.transaction((tx) => {
  tx.document.xmppAllowedPartners[domain] = partnerRecord(domain)
  tx.markChanged()
})
console.log(`added ${domain}`)
