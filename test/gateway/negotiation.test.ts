import assert from 'node:assert/strict'
import {test} from 'node:test'
import {defaultGatewaySettings, type NegotiationSetting} from '../../store/index.js'
import {newPartnerRecord} from '../../src/cmdlets/xmpp-allowed-partner/object.js'
import {featuresFor, notAllowed, partnerStreamLimit, requiresOther} from '../../src/gateway/xmpp/negotiation.js'

/** The features offered to each valid row of the matrix (cmdlets.md A5.2), before and after TLS. */

const R: NegotiationSetting = 'Required'
const O: NegotiationSetting = 'Optional'
const N: NegotiationSetting = 'NotSupported'
type Before = {starttls?: {required: boolean}; dialback: boolean}
type After = {sasl: boolean; dialback: boolean} | undefined

const ROWS: ReadonlyArray<[number, NegotiationSetting, NegotiationSetting, boolean, Before, After]> = [
  [1, R, R, true, {starttls: {required: true}, dialback: false}, {sasl: true, dialback: false}],
  [2, R, R, false, {starttls: {required: true}, dialback: false}, {sasl: true, dialback: false}],
  [3, O, R, true, {starttls: {required: false}, dialback: true}, {sasl: true, dialback: true}],
  [4, O, R, false, {starttls: {required: true}, dialback: false}, {sasl: true, dialback: false}],
  [5, N, R, true, {dialback: true}, undefined],
  [7, R, O, true, {starttls: {required: true}, dialback: false}, {sasl: true, dialback: true}],
  [8, R, O, false, {starttls: {required: true}, dialback: false}, {sasl: true, dialback: false}],
  [9, O, O, true, {starttls: {required: false}, dialback: true}, {sasl: true, dialback: true}],
  [10, O, O, false, {starttls: {required: true}, dialback: false}, {sasl: true, dialback: false}],
  [11, N, O, true, {dialback: true}, undefined],
  [13, R, N, true, {starttls: {required: true}, dialback: false}, {sasl: false, dialback: true}],
  [15, O, N, true, {starttls: {required: false}, dialback: true}, {sasl: false, dialback: true}],
  [17, N, N, true, {dialback: true}, undefined],
]

for (const [row, tls, sasl, dialback, before, after] of ROWS) {
  test(`matrix row ${row} (TLS ${tls}, SASL ${sasl}, dialback ${dialback}): features before and after TLS`, () => {
    const partner = {...newPartnerRecord('p.example'), TlsNegotiation: tls, SaslNegotiation: sasl, SupportDialbackNegotiation: dialback}
    assert.deepEqual(featuresFor(partner, false, false), {starttls: before.starttls, saslExternal: false, dialback: before.dialback})
    if (!after) return
    assert.deepEqual(featuresFor(partner, true, true), {saslExternal: after.sasl, dialback: after.dialback})
    // Without a certificate valid for the partner, SASL EXTERNAL is not offered; dialback stays where allowed.
    assert.deepEqual(featuresFor(partner, true, false), {saslExternal: false, dialback: after.dialback})
  })
}

test('refusals carry the texts of A5 and A8.1', () => {
  const partner = {...newPartnerRecord('jabber.org'), TlsNegotiation: O, SaslNegotiation: N, SupportDialbackNegotiation: true}
  assert.deepEqual(requiresOther(partner), {condition: 'policy-violation', text: 'partner jabber.org requires TLS dialback, TCP dialback'})
  assert.deepEqual(notAllowed('evil.example'), {condition: 'policy-violation', text: 'domain evil.example is not an allowed XMPP partner'})
})

test("a partner's streams are limited by its own and the gateway's limit, the smaller one (A8.2)", () => {
  const gateway = {...defaultGatewaySettings(), PartnerConnectionLimit: 10}
  assert.equal(partnerStreamLimit({...newPartnerRecord('a.example'), ConnectionLimit: 50}, gateway), 10)
  assert.equal(partnerStreamLimit({...newPartnerRecord('a.example'), ConnectionLimit: 3}, gateway), 3)
})
