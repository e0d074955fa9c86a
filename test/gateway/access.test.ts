import assert from 'node:assert/strict'
import {test} from 'node:test'
import {freshStore, takeSnapshot} from '../../store/index.js'
import {newPartnerRecord} from '../../src/cmdlets/xmpp-allowed-partner/object.js'
import {effectivePolicy, federationEnabled, federationRefusal, mayUseXmpp, methodsFor, partnerFor, userFor} from '../../src/gateway/policy/access.js'

/** Who may federate, from a snapshot (cmdlets.md A5, A8.5). */

function document() {
  const doc = freshStore()
  doc.xmppAllowedPartners['gmail.com'] = {...newPartnerRecord('gmail.com'), AdditionalDomains: ['googlemail.com'], TlsNegotiation: 'NotSupported', SaslNegotiation: 'NotSupported'}
  doc.xmppAllowedPartners['jabber.org'] = newPartnerRecord('jabber.org')
  doc.externalAccessPolicies['site:redmond'] = {...doc.externalAccessPolicies.global!, Identity: 'Site:Redmond', EnableXmppAccess: true}
  doc.externalAccessPolicies['tag:noxmpp'] = {...doc.externalAccessPolicies.global!, Identity: 'Tag:NoXmpp', EnableXmppAccess: false}
  const user = (name: string, site: string | null, policy: string | null, enabled = true) => ({SipAddress: `sip:${name}@litwareinc.com`, DisplayName: name, Enabled: enabled, RegistrarPool: null, Site: site, ExternalAccessPolicy: policy})
  doc.users['ken@litwareinc.com'] = user('ken', 'Redmond', null)
  doc.users['pilar@litwareinc.com'] = user('pilar', 'Redmond', 'NoXmpp')
  doc.users['anne@litwareinc.com'] = user('anne', null, null)
  doc.users['off@litwareinc.com'] = user('off', 'Redmond', null, false)
  return takeSnapshot(doc).document
}

test('a remote domain belongs to the partner with that Identity or AdditionalDomain, in any case', () => {
  const doc = document()
  assert.equal(partnerFor(doc, 'GMAIL.com')?.Identity, 'gmail.com')
  assert.equal(partnerFor(doc, 'googlemail.com.')?.Identity, 'gmail.com')
  assert.equal(partnerFor(doc, 'evil.example'), undefined)
})

test("names of Object.prototype's members are no partner and no user (a hostile from or to)", () => {
  const doc = document()
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    assert.equal(partnerFor(doc, name), undefined, name)
    assert.equal(userFor(doc, name), undefined, name)
  }
})

test('a partner gets exactly the authentication methods of its matrix row', () => {
  const doc = document()
  assert.deepEqual(methodsFor(partnerFor(doc, 'jabber.org')!), {saslOverTls: true, tlsDialback: false, tcpDialback: false})
  assert.deepEqual(methodsFor(partnerFor(doc, 'gmail.com')!), {saslOverTls: false, tlsDialback: false, tcpDialback: true})
})

const USERS: ReadonlyArray<[string, string, boolean]> = [
  ['ken@litwareinc.com', 'Site:Redmond', true],
  ['sip:pilar@litwareinc.com', 'Tag:NoXmpp', false],
  ['anne@litwareinc.com/resource', 'Global', false],
]

for (const [address, policy, xmpp] of USERS) {
  test(`${address}: effective policy ${policy} (tag, else site, else Global), XMPP ${xmpp}`, () => {
    const doc = document()
    assert.equal(effectivePolicy(doc, userFor(doc, address)!).Identity, policy)
    assert.equal(mayUseXmpp(doc, address), xmpp)
  })
}

test('a disabled or unknown user may not use XMPP', () => {
  const doc = document()
  assert.equal(mayUseXmpp(doc, 'off@litwareinc.com'), false)
  assert.equal(mayUseXmpp(doc, 'nobody@litwareinc.com'), false)
})

test('AllowFederatedUsers (cmdlets.md A11.5): off in a fresh store, on in a store older than the setting; the SIP refusal names the default SIP domain', () => {
  const fresh = freshStore()
  fresh.sipDomains['litwareinc.com'] = {Identity: 'litwareinc.com', IsDefault: true}
  assert.equal(federationEnabled(takeSnapshot(fresh).document), false)
  assert.deepEqual(federationRefusal(takeSnapshot(fresh).document), {
    status: 403,
    reason: 'Forbidden',
    warning: '399 litwareinc.com "XMPP federation is disabled (AllowFederatedUsers is False)"',
  })
  const {accessEdgeConfiguration: _, ...older} = fresh
  assert.equal(federationEnabled(takeSnapshot(older).document), true)
  assert.equal(federationRefusal(takeSnapshot(older).document), undefined)
})
