import assert from 'node:assert/strict'
import {test} from 'node:test'
import {type SrvRecord, type SrvResolver, connectTargets, rfc2782Order} from '../../src/gateway/net/targets.js'

/** Where the gateway connects (RFC 6120 §3.2, XEP-0368, A8.7). The resolver is a table: a unit test of one module. */

function resolver(table: Record<string, SrvRecord[] | 'ENODATA' | 'ESERVFAIL'>): SrvResolver {
  return {
    async resolveSrv(name) {
      const entry = table[name]
      if (entry === undefined || entry === 'ENODATA') throw Object.assign(new Error(`no SRV for ${name}`), {code: 'ENODATA'})
      if (entry === 'ESERVFAIL') throw Object.assign(new Error('server failure'), {code: 'ESERVFAIL'})
      return entry
    },
  }
}

const srv = (name: string, port: number, priority = 0, weight = 0): SrvRecord => ({name, port, priority, weight})

test('ProxyFqdn overrides DNS, with its port or 5269', async () => {
  const none = resolver({})
  assert.deepEqual(await connectTargets('fabrikam.com', {proxyFqdn: 'xmpp.fabrikam.com:5299', directTls: true, resolver: none}), [{host: 'xmpp.fabrikam.com', port: 5299, directTls: false}])
  assert.deepEqual(await connectTargets('fabrikam.com', {proxyFqdn: 'xmpp.fabrikam.com', directTls: false, resolver: none}), [{host: 'xmpp.fabrikam.com', port: 5269, directTls: false}])
})

test('no SRV record: the domain itself (in ASCII) on 5269', async () => {
  assert.deepEqual(await connectTargets('bücher.example', {proxyFqdn: null, directTls: true, resolver: resolver({})}), [{host: 'xn--bcher-kva.example', port: 5269, directTls: false}])
})

test('direct TLS targets come first when enabled, then STARTTLS targets in priority order', async () => {
  const dns = resolver({
    '_xmpps-server._tcp.jabber.org': [srv('tls.jabber.org', 5270)],
    '_xmpp-server._tcp.jabber.org': [srv('b.jabber.org', 5269, 20), srv('a.jabber.org', 5269, 10)],
  })
  assert.deepEqual(await connectTargets('jabber.org', {proxyFqdn: null, directTls: true, resolver: dns}), [
    {host: 'tls.jabber.org', port: 5270, directTls: true},
    {host: 'a.jabber.org', port: 5269, directTls: false},
    {host: 'b.jabber.org', port: 5269, directTls: false},
  ])
  assert.deepEqual((await connectTargets('jabber.org', {proxyFqdn: null, directTls: false, resolver: dns})).map((t) => t.host), ['a.jabber.org', 'b.jabber.org'])
})

test('a single "." target means no service, without falling back to the domain', async () => {
  const dns = resolver({'_xmpp-server._tcp.closed.example': [srv('.', 0)]})
  assert.deepEqual(await connectTargets('closed.example', {proxyFqdn: null, directTls: false, resolver: dns}), [])
})

test('a DNS failure other than "no records" is an error, not a fallback', async () => {
  await assert.rejects(connectTargets('broken.example', {proxyFqdn: null, directTls: false, resolver: resolver({'_xmpp-server._tcp.broken.example': 'ESERVFAIL'})}), /server failure/)
})

test('RFC 2782: weights decide within a priority; the draw picks by running sum', () => {
  const records = [srv('light', 1, 0, 10), srv('heavy', 1, 0, 90), srv('backup', 1, 5, 0)]
  assert.deepEqual(rfc2782Order(records, () => 0.5).map((r) => r.name), ['heavy', 'light', 'backup'])
  assert.deepEqual(rfc2782Order(records, () => 0.05).map((r) => r.name), ['light', 'heavy', 'backup'])
})
