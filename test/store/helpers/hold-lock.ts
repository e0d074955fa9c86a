import {setTimeout as sleep} from 'node:timers/promises'
import {ConfigStore} from '../../../store/index.js'

// Child of lock-timeout.test.ts: takes the store lock and keeps it until killed.
const store = new ConfigStore(process.argv[2]!)
await store.transaction(async () => {
  console.log('locked')
  await sleep(60_000)
})
