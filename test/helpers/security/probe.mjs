// Preloaded into the gateway process by the security tests (never by the product): on SIGUSR2 it
// collects garbage and writes process.memoryUsage() to CSXMPP_TEST_PROBE_FILE, so that a test can
// compare the gateway's memory before an attack and after it, with the garbage gone.
import {renameSync, writeFileSync} from 'node:fs'
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

const file = process.env.CSXMPP_TEST_PROBE_FILE
if (file) {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc')
  process.on('SIGUSR2', () => {
    gc()
    gc()
    // Written aside and renamed: a test polling the file must never read it half written.
    writeFileSync(`${file}.tmp`, JSON.stringify({...process.memoryUsage(), at: Date.now()}))
    renameSync(`${file}.tmp`, file)
  })
}
