import assert from 'node:assert/strict'
import {test} from 'node:test'
import {callIdFor, targetOf} from '../../../src/gateway/sip/outbound.js'
import {resolveTrustList} from '../../../src/gateway/sip/trust.js'

/** Where requests go and whom to trust: pure pieces of the endpoint, without sockets. */

test('targetOf: transport parameter without case, sips means TLS, default ports 5060/5061', () => {
  const rows: Array<[string, ReturnType<typeof targetOf>]> = [
    ['sip:alice@10.0.0.3:5070', {host: '10.0.0.3', port: 5070, protocol: 'UDP'}],
    ['sip:alice@10.0.0.3;transport=TCP', {host: '10.0.0.3', port: 5060, protocol: 'TCP'}],
    ['sip:alice@10.0.0.3:5080;Transport=Tcp', {host: '10.0.0.3', port: 5080, protocol: 'TCP'}],
    ['sip:alice@proxy.sip.example;transport=tls', {host: 'proxy.sip.example', port: 5061, protocol: 'TLS'}],
    ['sips:alice@proxy.sip.example', {host: 'proxy.sip.example', port: 5061, protocol: 'TLS'}],
    ['sip:alice@10.0.0.3;transport=ws', undefined],
    ['not a uri', undefined],
  ]
  for (const [uri, target] of rows) assert.deepEqual(targetOf(uri), target, uri)
})

test('callIdFor: an XMPP thread id as a Call-ID (RFC 3261 §25.1 word [@ word])', () => {
  assert.equal(callIdFor('thread-1'), 'thread-1')
  assert.equal(callIdFor('a b@c d'), 'a%20b@c%20d')
  assert.equal(callIdFor('x@y@z'), 'x@y%40z')
  assert.equal(callIdFor('@lead'), '%40lead')
  assert.equal(callIdFor('fil été'), 'fil%20%C3%A9t%C3%A9')
  assert.match(callIdFor(''), /^[0-9a-f-]{36}$/)
})

test('trusted hosts: addresses, CIDR blocks, IPv4-mapped sources, names resolved once; a bad entry is an error', async () => {
  const lookup = async (host: string) => {
    if (host === 'kamailio.sip.example') return [{address: '192.0.2.10', family: 4}, {address: '2001:db8::10', family: 6}]
    throw new Error('ENOTFOUND')
  }
  const list = await resolveTrustList(['10.1.2.3', '172.16.0.0/12', 'kamailio.sip.example', '::ffff:198.51.100.7'], lookup)
  const rows: Array<[string, boolean]> = [
    ['10.1.2.3', true], ['10.1.2.4', false], ['172.31.255.255', true], ['172.32.0.0', false],
    ['192.0.2.10', true], ['2001:db8::10', true], ['::ffff:10.1.2.3', true], ['198.51.100.7', true], ['not an address', false],
  ]
  for (const [address, trusted] of rows) assert.equal(list.has(address), trusted, address)
  await assert.rejects(resolveTrustList(['nowhere.invalid'], lookup), /TrustedSipHost nowhere\.invalid: ENOTFOUND/)
  await assert.rejects(resolveTrustList(['10.0.0.0/x'], lookup), /not an address block/)
})
