import assert from 'node:assert/strict'
import {mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {FirstContacts, mayReceive} from '../../src/gateway/policy/first-contact.js'
import {tmpStore} from '../helpers/csxmpp.js'

/** PartnerType rules for IM and the first-contact records (cmdlets.md A8.4), on real files. */

// No save may fail here: a failure report fails the test.
const log = {warn: (...args: unknown[]) => assert.fail(`warn: ${JSON.stringify(args)}`), error: (...args: unknown[]) => assert.fail(`error: ${JSON.stringify(args)}`)}

test('PublicUnverified reaches a local user only after that user wrote first; the others always', async () => {
  const dir = tmpStore()
  try {
    const contacts = await FirstContacts.open(path.join(dir.dir, 'state', 'first-contacts.json'), {log})
    assert.equal(mayReceive('Federated', contacts, 'ken@litwareinc.com', 'alice@gmail.com'), true)
    assert.equal(mayReceive('PublicVerified', contacts, 'ken@litwareinc.com', 'alice@gmail.com'), true)
    assert.equal(mayReceive('PublicUnverified', contacts, 'ken@litwareinc.com', 'alice@gmail.com'), false)
    await contacts.record('Ken@LitwareInc.com', 'Alice@Gmail.com')
    assert.equal(mayReceive('PublicUnverified', contacts, 'ken@litwareinc.com', 'alice@gmail.com'), true)
    assert.equal(mayReceive('PublicUnverified', contacts, 'pilar@litwareinc.com', 'alice@gmail.com'), false)
  } finally {
    dir.cleanup()
  }
})

test('the records survive a restart, live in a 0600 file, and are forgotten with the user or partner', async () => {
  const dir = tmpStore()
  try {
    const file = path.join(dir.dir, 'state', 'first-contacts.json')
    const first = await FirstContacts.open(file, {log})
    await Promise.all([first.record('ken@litwareinc.com', 'alice@gmail.com'), first.record('ken@litwareinc.com', 'bob@jabber.org'), first.record('pilar@litwareinc.com', 'carol@gmail.com')])
    assert.equal(statSync(file).mode & 0o777, 0o600)
    const second = await FirstContacts.open(file, {log})
    assert.equal(second.has('ken@litwareinc.com', 'bob@jabber.org'), true)
    await second.forget((_user, remote) => remote.endsWith('@gmail.com'))
    const third = await FirstContacts.open(file, {log})
    assert.deepEqual(
      [third.has('ken@litwareinc.com', 'alice@gmail.com'), third.has('ken@litwareinc.com', 'bob@jabber.org'), third.has('pilar@litwareinc.com', 'carol@gmail.com')],
      [false, true, false],
    )
  } finally {
    dir.cleanup()
  }
})

test('a damaged state file is an error, never silently an empty list', async () => {
  const dir = tmpStore()
  try {
    const file = path.join(dir.dir, 'first-contacts.json')
    writeFileSync(file, '[["ken@litwareinc.com"')
    await assert.rejects(FirstContacts.open(file, {log}), SyntaxError)
  } finally {
    dir.cleanup()
  }
})

test('changes made while a save is retried wait for one more save at most, and the next save writes them all', async () => {
  const dir = tmpStore()
  try {
    const file = path.join(dir.dir, 'state', 'first-contacts.json')
    const failures: string[] = []
    let retrying = (): void => undefined
    const firstRetry = new Promise<void>((resolve) => (retrying = resolve))
    const contacts = await FirstContacts.open(file, {log: {warn: () => retrying(), error: (...args: unknown[]) => void failures.push(String(args[1]))}})
    // A directory where the file is renamed to: every attempt fails until it goes.
    mkdirSync(file, {recursive: true})
    const first = contacts.record('ken@litwareinc.com', 'alice@gmail.com')
    await firstRetry
    const users = Array.from({length: 20}, (_, i) => `user${i}@litwareinc.com`)
    await Promise.all([first, ...users.map((user) => contacts.record(user, 'alice@gmail.com'))])
    // The first record's save, then one save for the twenty that came while it was retried.
    assert.deepEqual(failures, Array(2).fill('first-contact records not saved; kept in memory until the next save'))
    assert.equal(mayReceive('PublicUnverified', contacts, 'user19@litwareinc.com', 'alice@gmail.com'), true)
    rmdirSync(file)
    await contacts.record('pilar@litwareinc.com', 'alice@gmail.com')
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as unknown[]).length, 22)
  } finally {
    dir.cleanup()
  }
})
