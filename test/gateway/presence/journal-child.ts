import {PresenceJournal} from '../../../src/gateway/presence/journal.js'

/**
 * The writer that journal.test.ts kills with SIGKILL (presence.md P8.2 requirement 1): it changes
 * 500 records round and round, forcing compactions, and prints each change's number once the call
 * that made it has returned. stdout is a pipe, written synchronously on Linux: a number the parent
 * read was journaled before it was printed.
 */

const KEYS = 500
const log = {warn: (...args: unknown[]) => console.error('warn', JSON.stringify(args)), error: (...args: unknown[]) => console.error('error', JSON.stringify(args))}
const journal = await PresenceJournal.open(process.argv[2]!, {log: log as never})
// Never outlives a parent that failed to kill it.
setTimeout(() => process.exit(3), 30_000).unref()
let change = 0
for (;;) {
  for (let batch = 0; batch < 50; batch++, change++) {
    journal.putContact({l: 'alice@gw.test', r: `c${change % KEYS}@a.test`, s: 1 + (change % 2), fc: false, at: change})
    process.stdout.write(`${change}\n`)
  }
  await new Promise((resolve) => setImmediate(resolve))
}
