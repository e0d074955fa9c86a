import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {fileURLToPath} from 'node:url'
import {parseStoreText} from '../../store/index.js'

// The fixture corpora of test/fixtures/store: every valid file must parse and validate, every
// invalid file must fail with exactly its expected first problem.
const FIXTURES = fileURLToPath(new URL('../fixtures/store/', import.meta.url))

const INVALID: Array<[file: string, jsonPath: string, problem: string]> = [
  ['not-json-truncated', '$', 'not valid JSON (line 9, column 20: Unterminated string)'],
  ['not-json-bare-word', '$', "not valid JSON (line 3, column 15: Unexpected token 'z')"],
  ['not-json-trailing-comma', '$', 'not valid JSON (line 28, column 1: Expected double-quoted property name)'],
  ['empty-file', '$', 'not valid JSON (line 1, column 1: Unexpected end of JSON input)'],
  ['top-level-list', '$', 'must be an object'],
  ['schema-version-2', '$.schemaVersion', 'unsupported schema version 2 (this csxmpp reads 1)'],
  ['schema-version-string', '$.schemaVersion', 'unsupported schema version "1" (this csxmpp reads 1)'],
  ['schema-version-missing', '$', "missing setting 'schemaVersion'"],
  ['unknown-top-level-setting', '$', "unknown setting 'bogus'"],
  ['unknown-partner-setting', "$.xmppAllowedPartners['a.example']", "unknown setting 'Foo'"],
  ['unknown-secret-setting', '$.xmppGatewayConfiguration.DialbackPassphrase', "unknown setting 'value'"],
  ['missing-partner-setting', "$.xmppAllowedPartners['b.example']", "missing setting 'ConnectionLimit'"],
  ['missing-section', '$', "missing setting 'users'"],
  ['enum-wrong-case', "$.xmppAllowedPartners['a.example'].TlsNegotiation", '"required" is not one of Required, Optional, NotSupported'],
  ['enum-partner-type', "$.xmppAllowedPartners['b.example'].PartnerType", '"Public" is not one of Federated, PublicVerified, PublicUnverified'],
  ['enum-null', "$.xmppAllowedPartners['b.example'].SaslNegotiation", 'must be a string'],
  ['boolean-as-string', '$.externalAccessPolicies.global.EnableXmppAccess', 'must be a boolean'],
  ['boolean-as-number', "$.sipDomains['sip.example'].IsDefault", 'must be a boolean'],
  ['fractional-number', '$.xmppGatewayConfiguration.KeepAliveInterval', 'must be a whole number'],
  ['number-as-string', "$.xmppAllowedPartners['a.example'].ConnectionLimit", 'must be a whole number'],
  ['identity-not-string', "$.xmppAllowedPartners['a.example'].Identity", 'must be a string'],
  ['description-not-string', "$.externalAccessPolicies['site:redmond'].Description", 'must be a string or null'],
  ['user-site-not-string', "$.users['alice@sip.example'].Site", 'must be a string or null'],
  ['passphrase-plain-string', '$.xmppGatewayConfiguration.DialbackPassphrase', 'must be an object or null'],
  ['partners-as-list', '$.xmppAllowedPartners', 'must be an object'],
  ['partner-as-string', "$.xmppAllowedPartners['a.example']", 'must be an object'],
  ['additional-domains-as-string', "$.xmppAllowedPartners['a.example'].AdditionalDomains", 'must be a list'],
  ['partner-limit-zero', "$.xmppAllowedPartners['a.example'].ConnectionLimit", 'must be at least 1'],
  ['gateway-limit-too-big', '$.xmppGatewayConfiguration.ConnectionLimit', 'must be at most 1000000'],
  ['keep-alive-too-small', '$.xmppGatewayConfiguration.KeepAliveInterval', 'must be at least 10'],
  ['inactivity-too-big', '$.xmppGatewayConfiguration.StreamInactivityTimeout', 'must be at most 604800'],
  ['revision-negative', '$.revision', 'must be at least 0'],
  ['description-too-long', "$.xmppAllowedPartners['b.example'].Description", 'must be at most 1024 characters'],
  // 513 emoji are 1026 UTF-16 units: lengths count like .NET's String.Length.
  ['description-too-long-utf16', '$.externalAccessPolicies.global.Description', 'must be at most 1024 characters'],
  ['too-many-additional-domains', "$.xmppAllowedPartners['a.example'].AdditionalDomains", 'must have at most 1000 entries'],
  ['wildcard-partner-key', '$.xmppAllowedPartners', "'*.contoso.com' is not a valid key"],
  ['upper-case-partner-key', '$.xmppAllowedPartners', "'C.example' is not a valid key"],
  ['ip-address-partner-key', '$.xmppAllowedPartners', "'192.0.2.1' is not a valid key"],
  ['trailing-dot-partner-key', '$.xmppAllowedPartners', "'c.example.' is not a valid key"],
  ['single-label-sip-domain-key', '$.sipDomains', "'localhost' is not a valid key"],
  ['upper-case-policy-key', '$.externalAccessPolicies', "'tag:Upper' is not a valid key"],
  ['unknown-policy-scope-key', '$.externalAccessPolicies', "'user:x' is not a valid key"],
  ['user-key-without-domain', '$.users', "'carol' is not a valid key"],
  ['bad-additional-domain', "$.xmppAllowedPartners['b.example'].AdditionalDomains[1]", '"Chat.B.example" is not a valid domain name'],
  ['bad-proxy-port', "$.xmppAllowedPartners['b.example'].ProxyFqdn", '"proxy.b.example:70000" is not a valid host name'],
  ['bad-secret-file-name', '$.xmppGatewayConfiguration.DialbackPassphrase.secretFile', '"../store.json" is not a valid file name'],
  ['partner-identity-mismatch', "$.xmppAllowedPartners['a.example'].Identity", "Identity 'z.example' does not match its key 'a.example'"],
  ['partner-identity-upper-case', "$.xmppAllowedPartners['a.example'].Identity", "Identity 'A.example' does not match its key 'a.example'"],
  ['policy-identity-mismatch', "$.externalAccessPolicies['tag:o\\'brien team'].Identity", "Identity 'Tag:Other' does not match its key 'tag:o'brien team'"],
  ['policy-identity-prefix-case', "$.externalAccessPolicies['tag:fedpic'].Identity", "Identity 'TAG:FedPic' must start with 'Tag:'"],
  ['sip-domain-identity-mismatch', "$.sipDomains['other-sip.example'].Identity", "Identity 'sip.example' does not match its key 'other-sip.example'"],
  ['user-sip-address-mismatch', "$.users['alice@sip.example'].SipAddress", "SipAddress 'sip:bob@sip.example' does not match its key 'alice@sip.example'"],
  ['user-sip-address-without-scheme', "$.users['alice@sip.example'].SipAddress", "SipAddress 'alice@sip.example' does not match its key 'alice@sip.example'"],
  ['global-policy-missing', '$.externalAccessPolicies', 'the Global policy is missing'],
  ['domain-of-two-partners', "$.xmppAllowedPartners['b.example'].AdditionalDomains[0]", "domain 'chat.b.example' is also used by XMPP partner 'a.example'"],
  ['partner-identity-is-other-partners-domain', "$.xmppAllowedPartners['chat.b.example'].Identity", "domain 'chat.b.example' is also used by XMPP partner 'b.example'"],
  ['domain-is-sip-domain', "$.xmppAllowedPartners['b.example'].AdditionalDomains[3]", "domain 'sip.example' is also a SIP domain"],
  ['domain-twice-in-partner', "$.xmppAllowedPartners['b.example'].AdditionalDomains[3]", "domain 'chat.b.example' appears twice in XMPP partner 'b.example'"],
  ['partner-lists-own-identity', "$.xmppAllowedPartners['a.example'].AdditionalDomains[0]", "domain 'a.example' appears twice in XMPP partner 'a.example'"],
  [
    'matrix-row-6',
    "$.xmppAllowedPartners['b.example']",
    'TlsNegotiation NotSupported, SaslNegotiation Required and SupportDialbackNegotiation False leave no authentication method (matrix row 6)',
  ],
  [
    'matrix-row-14',
    "$.xmppAllowedPartners['a.example']",
    'TlsNegotiation Required, SaslNegotiation NotSupported and SupportDialbackNegotiation False leave no authentication method (matrix row 14)',
  ],
  ['partner-limit-above-total', '$.xmppGatewayConfiguration', 'PartnerConnectionLimit (30) cannot be greater than ConnectionLimit (20)'],
  ['two-default-sip-domains', '$.sipDomains', "SIP domains 'sip.example' and 'other-sip.example' are both the default"],
  ['no-default-sip-domain', '$.sipDomains', 'no SIP domain is the default'],
  ['user-domain-not-sip-domain', "$.users['bob.jones@other-sip.example'].SipAddress", "domain 'other-sip.example' is not a SIP domain"],
  ['user-policy-missing', "$.users['alice@sip.example'].ExternalAccessPolicy", "there is no policy 'Tag:Nope'"],
  ['user-policy-is-site-policy', "$.users['alice@sip.example'].ExternalAccessPolicy", "there is no policy 'Tag:Redmond'"],
  // The Access Edge section (cmdlets.md A11.4): ranges of A11.1, and the cross-field rule.
  ['access-edge-tls-count-too-big', '$.accessEdgeConfiguration.OutgoingTlsCountForFederatedPartners', 'must be at most 4'],
  ['access-edge-percentage-too-big', '$.accessEdgeConfiguration.CertificatesDeletedPercentage', 'must be at most 100'],
  [
    'access-edge-verification-level',
    '$.accessEdgeConfiguration.VerificationLevel',
    '"Always" is not one of AlwaysVerifiable, AlwaysUnverifiable, UseSourceVerification',
  ],
  ['access-edge-fqdn-with-port', '$.accessEdgeConfiguration.DefaultRouteFqdn', '"sip.litwareinc.com:5061" is not a valid host name'],
  ['access-edge-missing-setting', '$.accessEdgeConfiguration', "missing setting 'AllowFederatedUsers'"],
  ['access-edge-default-route-without-fqdn', '$.accessEdgeConfiguration.DefaultRouteFqdn', 'RoutingMethod UseDefaultRouting needs a DefaultRouteFqdn'],
]

// before-access-edge: a store written before the 2026-12 amendment, without the optional section (A10.7).
const VALID = ['access-edge-default-route', 'before-access-edge', 'byte-order-mark', 'fresh', 'full', 'lower-bounds', 'upper-bounds']

function corpus(kind: 'valid' | 'invalid'): string[] {
  return fs
    .readdirSync(path.join(FIXTURES, kind))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort()
}

function check(kind: 'valid' | 'invalid', name: string) {
  return parseStoreText(fs.readFileSync(path.join(FIXTURES, kind, `${name}.json`), 'utf8'))
}

test('every fixture file has exactly one row in these tables', () => {
  assert.deepEqual(corpus('invalid'), INVALID.map(([name]) => name).sort())
  assert.deepEqual(corpus('valid'), [...VALID].sort())
})

for (const name of VALID) {
  test(`valid fixture ${name} passes`, () => {
    const result = check('valid', name)
    assert.equal(result.problem, null)
    assert.equal(result.document?.schemaVersion, 1)
  })
}

for (const [name, jsonPath, problem] of INVALID) {
  test(`invalid fixture ${name}: ${jsonPath}: ${problem}`, () => {
    assert.deepEqual(check('invalid', name), {document: null, problem: {jsonPath, problem}})
  })
}
