import assert from 'node:assert/strict'
import {test} from 'node:test'
import {parseDomain, parseHostAndPort, parsePolicyIdentity, parseSipAddress} from '../../src/cmdlets/identity.js'

// cmdlets.md A2.2 and the closed list of "bad name" reasons of A6.2: input → canonical value or reason.
const DOMAINS: Array<[string, string]> = [
  ['Contoso.COM', 'contoso.com'],
  ['contoso.com.', 'contoso.com'],
  ['xn--bcher-kva.example', 'bücher.example'],
  ['BÜCHER.example', 'bücher.example'],
  ['', 'it is empty'],
  [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`, 'it is longer than 253 characters'],
  ['a..example', 'a label is empty'],
  [`${'a'.repeat(64)}.example`, 'a label is longer than 63 characters'],
  ['-a.example', 'a label starts or ends with a hyphen'],
  ['a-.example', 'a label starts or ends with a hyphen'],
  ['a_b.example', 'it contains "_"'],
  ['user@example.com', 'it contains "@"'],
  ['example.com/x', 'it contains "/"'],
  ['example.com:5269', 'it contains ":"'],
  ['my domain.com', 'it contains " "'],
  ['*.example.com', 'it contains "*"'],
  ['192.0.2.1', 'it is an IP address'],
  ['localhost', 'it has a single label'],
]

for (const [input, expected] of DOMAINS) {
  test(`domain ${JSON.stringify(input)}`, () => {
    const parsed = parseDomain(input)
    assert.equal(parsed.ok ? parsed.value : parsed.reason, expected)
  })
}

const HOSTS: Array<[string, string]> = [
  ['proxy', 'proxy'],
  ['Proxy.Example:5270', 'proxy.example:5270'],
  ['proxy.example:0', 'the port is not a number from 1 to 65535'],
  ['proxy.example:65536', 'the port is not a number from 1 to 65535'],
  ['proxy.example:http', 'the port is not a number from 1 to 65535'],
  ['proxy_1.example', 'it contains "_"'],
]

for (const [input, expected] of HOSTS) {
  test(`ProxyFqdn ${JSON.stringify(input)}`, () => {
    const parsed = parseHostAndPort(input)
    assert.equal(parsed.ok ? parsed.value : parsed.reason, expected)
  })
}

const POLICIES: Array<[string, string]> = [
  ['global', 'Global'],
  ['GLOBAL', 'Global'],
  ['site:Redmond', 'Site:Redmond'],
  ['SITE:Redmond', 'Site:Redmond'],
  ['FedPic', 'Tag:FedPic'],
  ['tag:FedPic', 'Tag:FedPic'],
  ['  tag: FedPic ', 'Tag:FedPic'],
  ['site:', 'it is empty'],
  ['tag:a:b', 'it contains ":"'],
  ['x'.repeat(257), 'it is longer than 256 characters'],
]

for (const [input, expected] of POLICIES) {
  test(`policy identity ${JSON.stringify(input.slice(0, 20))}`, () => {
    const parsed = parsePolicyIdentity(input)
    assert.equal(parsed.ok ? parsed.value.identity : parsed.reason, expected)
  })
}

const SIP_DOMAINS = new Set(['litwareinc.com'])
const SIP: Array<[string, string]> = [
  ['sip:KenMyer@LitwareInc.com', 'sip:KenMyer@litwareinc.com'],
  ['kenmyer@litwareinc.com', 'sip:kenmyer@litwareinc.com'],
  ['kenmyer@fabrikam.com', 'its domain is not a SIP domain of this deployment'],
  ['ken myer@litwareinc.com', 'it contains " "'],
  ['sip:', 'it is empty'],
  ['kenmyer', 'it has a single label'],
]

for (const [input, expected] of SIP) {
  test(`SIP address ${JSON.stringify(input)}`, () => {
    const parsed = parseSipAddress(input, SIP_DOMAINS)
    assert.equal(parsed.ok ? parsed.value.uri : parsed.reason, expected)
  })
}
