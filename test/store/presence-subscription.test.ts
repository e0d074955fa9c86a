import assert from 'node:assert/strict'
import {test} from 'node:test'
import {type ContactRecord, SubscriptionBits, subscriptionView} from '../../store/index.js'

/**
 * The admin view of a presence subscription record (presence.md P2.1, issue 14 item 6): RFC 6121's
 * states from the bits To=0x01, From=0x02, PendingIn=0x10, PendingOut=0x20.
 */

test('the bits are Yate’s values (P2.1)', () => {
  assert.deepEqual(SubscriptionBits, {To: 0x01, From: 0x02, PendingIn: 0x10, PendingOut: 0x20})
})

const AT = 1796673000

// [s, Subscription, Pending]: every RFC 6121 Appendix A state csxmpp can hold, plus both pending flags.
const TABLE: ReadonlyArray<[number, string, string]> = [
  [0x00, 'None', 'None'],
  [0x01, 'To', 'None'],
  [0x02, 'From', 'None'],
  [0x03, 'Both', 'None'],
  [0x10, 'None', 'In'],
  [0x20, 'None', 'Out'],
  [0x30, 'None', 'In, Out'],
  [0x11, 'To', 'In'],
  [0x22, 'From', 'Out'],
  [0x12, 'From', 'In'],
  [0x21, 'To', 'Out'],
  [0x33, 'Both', 'In, Out'],
]

for (const [s, subscription, pending] of TABLE) {
  test(`s = 0x${s.toString(16).padStart(2, '0')}: Subscription ${subscription}, Pending ${pending}`, () => {
    const record: ContactRecord = {l: 'alice@gw.test', r: 'juliet@a.test', s, fc: false, at: AT}
    assert.deepEqual(subscriptionView(record), {
      User: 'sip:alice@gw.test',
      Contact: 'juliet@a.test',
      Subscription: subscription,
      Pending: pending,
      Since: new Date('2026-12-07T19:50:00.000Z'),
      LastPresence: null,
      LastRefusal: null,
    })
  })
}

test('the diagnostics fill LastPresence and LastRefusal; the properties keep their display order', () => {
  const view = subscriptionView(
    {l: 'bob@gw.test', r: 'romeo@c.test', s: 0x10, fc: true, at: 0},
    {lastPresence: new Date('2026-12-08T01:00:00Z'), lastRefusal: 'resource-constraint: the recipient has too many pending subscription requests'},
  )
  assert.deepEqual(Object.keys(view), ['User', 'Contact', 'Subscription', 'Pending', 'Since', 'LastPresence', 'LastRefusal'])
  assert.deepEqual(view, {
    User: 'sip:bob@gw.test',
    Contact: 'romeo@c.test',
    Subscription: 'None',
    Pending: 'In',
    Since: new Date(0),
    LastPresence: new Date('2026-12-08T01:00:00Z'),
    LastRefusal: 'resource-constraint: the recipient has too many pending subscription requests',
  })
})
