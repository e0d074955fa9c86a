import assert from 'node:assert/strict'
import {statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {FirstContacts, mayReceive} from '../../src/gateway/policy/first-contact.js'
import {tmpStore} from '../helpers/csxmpp.js'

/** PartnerType rules for IM and the first-contact records (cmdlets.md A8.4), on real files. */

test('PublicUnverified reaches a local user only after that user wrote first; the others always', async () => {
  const dir = tmpStore()
  try {
    const contacts = await FirstContacts.open(path.join(dir.dir, 'state', 'first-contacts.json'))
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
    const first = await FirstContacts.open(file)
    await Promise.all([first.record('ken@litwareinc.com', 'alice@gmail.com'), first.record('ken@litwareinc.com', 'bob@jabber.org'), first.record('pilar@litwareinc.com', 'carol@gmail.com')])
    assert.equal(statSync(file).mode & 0o777, 0o600)
    const second = await FirstContacts.open(file)
    assert.equal(second.has('ken@litwareinc.com', 'bob@jabber.org'), true)
    await second.forget((_user, remote) => remote.endsWith('@gmail.com'))
    const third = await FirstContacts.open(file)
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
    await assert.rejects(FirstContacts.open(file), SyntaxError)
  } finally {
    dir.cleanup()
  }
})
