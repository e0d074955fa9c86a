import assert from 'node:assert/strict'
import {test} from 'node:test'
import {createRegistrar, type RegisterRequest} from '../../../src/gateway/sip/registrar.js'

/** The embedded registrar's bindings (RFC 3261 §10.3), on a clock the test moves. */

function setup() {
  let now = 1_000_000
  const registrar = createRegistrar(() => now)
  return {registrar, advance: (s: number) => (now += s * 1000)}
}
const AOR = 'sip:romeo@sip.example'
const req = (over: Partial<RegisterRequest>): RegisterRequest => ({aor: AOR, contacts: [], callId: 'c1', cseq: 1, ...over})

test('the Contact expires parameter wins over the Expires header, which wins over the default hour', () => {
  const {registrar} = setup()
  assert.deepEqual(registrar.register(req({contacts: [{uri: 'sip:a@10.0.0.1', expires: 60}, {uri: 'sip:b@10.0.0.2'}], expires: 120})), {
    status: 200,
    contacts: [{contact: 'sip:a@10.0.0.1', expires: 60}, {contact: 'sip:b@10.0.0.2', expires: 120}],
  })
  assert.deepEqual(registrar.register(req({aor: 'sip:juliet@sip.example', contacts: [{uri: 'sip:j@10.0.0.3'}]})), {status: 200, contacts: [{contact: 'sip:j@10.0.0.3', expires: 3600}]})
  assert.deepEqual(registrar.register(req({aor: 'sip:tybalt@sip.example', contacts: [{uri: 'sip:t@10.0.0.4', expires: 10 ** 9}]})), {status: 200, contacts: [{contact: 'sip:t@10.0.0.4', expires: 86_400}]})
})

test('bindings expire; lookup returns live ones, latest expiry first', () => {
  const {registrar, advance} = setup()
  registrar.register(req({contacts: [{uri: 'sip:short@10.0.0.1', expires: 30}, {uri: 'sip:long@10.0.0.2', expires: 90}]}))
  assert.deepEqual(registrar.lookup(AOR).map((b) => b.contact), ['sip:long@10.0.0.2', 'sip:short@10.0.0.1'])
  advance(30)
  assert.deepEqual(registrar.lookup(AOR).map((b) => b.contact), ['sip:long@10.0.0.2'])
  advance(60)
  assert.deepEqual(registrar.lookup(AOR), [])
  assert.deepEqual(registrar.register(req({cseq: 2})), {status: 200, contacts: []})
})

test('expires 0 removes one binding; the wildcard with Expires: 0 removes all; the wildcard without it is 400', () => {
  const {registrar} = setup()
  registrar.register(req({contacts: [{uri: 'sip:a@10.0.0.1'}, {uri: 'sip:b@10.0.0.2'}]}))
  assert.deepEqual(registrar.register(req({cseq: 2, contacts: [{uri: 'sip:a@10.0.0.1', expires: 0}]})), {status: 200, contacts: [{contact: 'sip:b@10.0.0.2', expires: 3600}]})
  assert.deepEqual(registrar.register(req({cseq: 3, contacts: '*'})), {status: 400, reason: 'Wildcard Contact Requires Expires 0'})
  assert.deepEqual(registrar.register(req({cseq: 4, contacts: '*', expires: 0})), {status: 200, contacts: []})
})

test('a REGISTER older than the binding (same Call-ID, CSeq not higher) fails whole with 500 (§10.3 step 7)', () => {
  const {registrar} = setup()
  registrar.register(req({cseq: 5, contacts: [{uri: 'sip:a@10.0.0.1', expires: 60}]}))
  assert.deepEqual(registrar.register(req({cseq: 5, contacts: [{uri: 'sip:a@10.0.0.1', expires: 0}, {uri: 'sip:new@10.0.0.9'}]})), {status: 500, reason: 'Out Of Order Registration'})
  assert.deepEqual(registrar.lookup(AOR).map((b) => b.contact), ['sip:a@10.0.0.1'])
  // Another Call-ID (the UA restarted) replaces it regardless of CSeq.
  assert.equal(registrar.register(req({callId: 'c2', cseq: 1, contacts: [{uri: 'sip:a@10.0.0.1', expires: 0}]})).status, 200)
  assert.deepEqual(registrar.lookup(AOR), [])
})

test('at most maxContacts bindings per address of record: a REGISTER that would exceed it fails whole with 403; refreshes and removals count', () => {
  let now = 0
  const registrar = createRegistrar(() => now, 3)
  const uris = (...n: number[]) => n.map((i) => ({uri: `sip:ua${i}@10.0.0.${i}`}))
  assert.equal(registrar.register(req({contacts: uris(1, 2, 3)})).status, 200)
  assert.deepEqual(registrar.register(req({cseq: 2, contacts: uris(4)})), {status: 403, reason: 'Forbidden (more than 3 contacts for one user)'})
  assert.equal(registrar.lookup(AOR).length, 3)
  assert.equal(registrar.register(req({cseq: 3, contacts: uris(1, 2)})).status, 200, 'a refresh adds nothing')
  assert.equal(registrar.register(req({cseq: 4, contacts: [{uri: 'sip:ua1@10.0.0.1', expires: 0}, ...uris(4)]})).status, 200, 'one out, one in')
  assert.deepEqual(registrar.register(req({aor: 'sip:juliet@sip.example', contacts: uris(1, 2, 3, 4)})), {status: 403, reason: 'Forbidden (more than 3 contacts for one user)'})
  now += 3601 * 1000
  assert.equal(registrar.register(req({cseq: 5, contacts: uris(5, 6, 7)})).status, 200, 'expired bindings do not count')
  assert.throws(() => createRegistrar(() => 0, 0), /maxContacts 0 is not a positive integer/)
})

test('every spelling of an address of record is one (the credential opens them all), and kept texts are bounded', () => {
  const registrar = createRegistrar(() => 0, 2)
  assert.equal(registrar.register(req({aor: 'sip:Romeo@sip.example', contacts: [{uri: 'sip:a@10.0.0.1'}, {uri: 'sip:b@10.0.0.2'}]})).status, 200)
  assert.equal(registrar.register(req({aor: 'sip:ROMEO@sip.example', contacts: [{uri: 'sip:c@10.0.0.3'}]})).status, 403)
  assert.deepEqual(registrar.lookup('sip:romeo@sip.example').map((b) => b.contact), ['sip:a@10.0.0.1', 'sip:b@10.0.0.2'])
  assert.deepEqual(registrar.register(req({aor: 'sip:tybalt@sip.example', contacts: [{uri: `sip:${'x'.repeat(1020)}@h`}]})), {status: 400, reason: 'Bad Request (Contact longer than 1024 bytes)'})
  assert.deepEqual(registrar.register(req({aor: 'sip:tybalt@sip.example', callId: 'c'.repeat(1025), contacts: [{uri: 'sip:t@h'}]})), {status: 400, reason: 'Bad Request (Call-ID longer than 1024 bytes)'})
  assert.deepEqual(registrar.lookup('sip:tybalt@sip.example'), [])
})
