import assert from 'node:assert/strict'
import {test} from 'node:test'
import {pino} from 'pino'
import {type StoreDocument, freshStore, takeSnapshot} from '../../store/index.js'
import {newPartnerRecord} from '../../src/cmdlets/xmpp-allowed-partner/object.js'
import {Bridge} from '../../src/gateway/bridge.js'
import type {FirstContacts} from '../../src/gateway/policy/first-contact.js'
import {StanzaError} from '../../src/gateway/xmpp/stanza-error.js'

/**
 * A MESSAGE that was waiting for its stream when federation went off (cmdlets.md A11.5): the stream
 * closes and the stanza bounces, and the SIP sender gets the edge's 403 with the Warning, not the
 * bounce's 404. The s2s side is a stub: this is the bridge's decision alone.
 */

function document(federation: boolean): StoreDocument {
  const doc = freshStore()
  doc.sipDomains['litwareinc.com'] = {Identity: 'litwareinc.com', IsDefault: true}
  doc.xmppAllowedPartners['jabber.org'] = {...newPartnerRecord('jabber.org'), PartnerType: 'Federated'}
  doc.externalAccessPolicies.global!.EnableXmppAccess = true
  doc.users['ken@litwareinc.com'] = {SipAddress: 'sip:ken@litwareinc.com', DisplayName: 'Ken', Enabled: true, RegistrarPool: null, Site: null, ExternalAccessPolicy: null}
  doc.accessEdgeConfiguration!.AllowFederatedUsers = federation
  return doc
}

for (const [federation, expected] of [
  [false, {status: 403, reason: 'Forbidden', warning: '399 litwareinc.com "XMPP federation is disabled (AllowFederatedUsers is False)"'}],
  [true, {status: 404, reason: 'the connection closed'}],
] as const) {
  test(`a bounced MESSAGE with federation ${federation ? 'on gets the bounce status' : 'off gets 403 and the Warning'}`, async () => {
    const current = takeSnapshot(document(federation)).document
    const bridge = new Bridge({
      document: () => current,
      firstContacts: {record: async () => {}} as unknown as FirstContacts,
      log: pino({level: 'silent'}),
      route: async () => {
        throw new StanzaError('remote-server-not-found', 'cancel', 'the connection closed')
      },
      reply: () => {},
      sendSip: async () => ({status: 200, reason: 'OK'}),
    })
    const outcome = await bridge.fromSip({from: 'sip:ken@litwareinc.com', to: 'sip:alice@jabber.org', body: 'hi', contentType: 'text/plain', callId: 'c1'})
    assert.deepEqual(outcome, expected)
  })
}
