import assert from 'node:assert/strict'
import {test} from 'node:test'
import {reasonPhrase, sipStatusFor, xmppConditionFor} from '../../../src/gateway/sip/errors.js'

/** RFC 7247 §6 error mapping, table 2 (XMPP → SIP) and table 3 (SIP → XMPP), row by row. */

test('XMPP condition → SIP code (RFC 7247 table 2), about a full JID and about a bare JID', () => {
  const rows: Array<[string, number, number]> = [
    ['bad-request', 400, 400],
    ['conflict', 400, 400],
    ['feature-not-implemented', 405, 501],
    ['forbidden', 403, 603],
    ['gone', 410, 410],
    ['internal-server-error', 500, 500],
    ['item-not-found', 404, 604],
    ['jid-malformed', 400, 400],
    ['not-acceptable', 406, 606],
    ['not-allowed', 403, 403],
    ['not-authorized', 401, 401],
    ['policy-violation', 403, 403],
    ['recipient-unavailable', 480, 600],
    ['redirect', 302, 302],
    ['registration-required', 407, 407],
    ['remote-server-not-found', 404, 404],
    ['remote-server-timeout', 408, 408],
    ['resource-constraint', 500, 500],
    // Footnote 5: never 503, which would mark the whole gateway as down.
    ['service-unavailable', 403, 403],
    ['subscription-required', 400, 400],
    ['undefined-condition', 400, 400],
    ['unexpected-request', 400, 400],
    // RFC 6120 §8.3.2: an unknown condition is undefined-condition.
    ['no-such-condition', 400, 400],
    ['constructor', 400, 400],
  ]
  for (const [condition, full, bare] of rows) {
    assert.equal(sipStatusFor(condition, true), full, `${condition} (full JID)`)
    assert.equal(sipStatusFor(condition, false), bare, `${condition} (bare JID)`)
  }
  assert.equal(sipStatusFor('gone', true, {newAddress: true}), 301)
  assert.equal(sipStatusFor('remote-server-not-found', false, {unreachable: true}), 408)
})

test('SIP code → XMPP condition (RFC 7247 table 3), with the fallback by class', () => {
  const rows: Array<[number, string]> = [
    [300, 'redirect'], [301, 'gone'], [302, 'redirect'], [305, 'redirect'], [380, 'not-acceptable'],
    [400, 'bad-request'], [401, 'not-authorized'], [402, 'bad-request'], [403, 'forbidden'], [404, 'item-not-found'],
    [405, 'feature-not-implemented'], [406, 'not-acceptable'], [407, 'registration-required'], [408, 'remote-server-timeout'],
    [410, 'gone'], [413, 'policy-violation'], [414, 'policy-violation'], [415, 'not-acceptable'], [416, 'not-acceptable'],
    [420, 'feature-not-implemented'], [421, 'not-acceptable'], [423, 'resource-constraint'], [430, 'recipient-unavailable'],
    [439, 'feature-not-implemented'], [440, 'policy-violation'], [480, 'recipient-unavailable'], [481, 'item-not-found'],
    [482, 'not-acceptable'], [483, 'not-acceptable'], [484, 'item-not-found'], [485, 'item-not-found'],
    [486, 'recipient-unavailable'], [487, 'recipient-unavailable'], [488, 'not-acceptable'], [489, 'policy-violation'],
    [491, 'unexpected-request'], [493, 'bad-request'], [500, 'internal-server-error'], [501, 'feature-not-implemented'],
    [502, 'remote-server-not-found'], [503, 'internal-server-error'], [504, 'remote-server-timeout'], [505, 'not-acceptable'],
    [513, 'policy-violation'], [600, 'recipient-unavailable'], [603, 'recipient-unavailable'], [604, 'item-not-found'],
    [606, 'not-acceptable'],
    // Unlisted codes: by class.
    [399, 'redirect'], [409, 'bad-request'], [599, 'internal-server-error'], [699, 'recipient-unavailable'],
  ]
  for (const [status, condition] of rows) assert.equal(xmppConditionFor(status), condition, String(status))
  assert.throws(() => xmppConditionFor(200), /200 is not a SIP error code/)
  assert.throws(() => xmppConditionFor(700), RangeError)
})

test('reason phrases (RFC 3261 §21), and a class name for an unlisted code', () => {
  assert.equal(reasonPhrase(480), 'Temporarily Unavailable')
  assert.equal(reasonPhrase(407), 'Proxy Authentication Required')
  assert.equal(reasonPhrase(513), 'Message Too Large')
  assert.equal(reasonPhrase(499), 'Client Error')
})
