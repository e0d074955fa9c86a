import assert from 'node:assert/strict'
import {test} from 'node:test'
import {xml} from '@xmpp/xml'
import {type PartnerType, type StoreDocument, freshStore, takeSnapshot} from '../../../store/index.js'
import {newPartnerRecord} from '../../../src/cmdlets/xmpp-allowed-partner/object.js'
import {type PairFacts, type WatchFacts, acceptPresence, authorizeProbe, authorizeSubscribe, authorizeWatch, hasEvidence, mayReceiveNote} from '../../../src/gateway/presence/authorization.js'
import {PresenceRefusals, refusalStanza} from '../../../src/gateway/presence/refusals.js'

/**
 * Presence authorization (presence.md P6) as tables: P6.1 for each PartnerType × evidence × policy ×
 * caps, with the exact stanzas of P6.5; probes and presence (P3.1, P6.5 #7–#8); notes (P6.3); the SIP
 * side's policy checks (P4.2 #10–#14).
 */

const To = 0x01
const From = 0x02
const PendingIn = 0x10
const PendingOut = 0x20

const PARTNERS: Record<string, PartnerType> = {'a.test': 'Federated', 'b.test': 'PublicVerified', 'c.test': 'PublicUnverified'}

function store(change: (doc: StoreDocument) => void = () => {}) {
  const doc = freshStore()
  doc.sipDomains['gw.test'] = {Identity: 'gw.test', IsDefault: true}
  for (const [domain, PartnerType] of Object.entries(PARTNERS)) doc.xmppAllowedPartners[domain] = {...newPartnerRecord(domain), PartnerType}
  doc.xmppAllowedPartners['a.test']!.AdditionalDomains.push('alias.a.test')
  doc.externalAccessPolicies.global!.EnableXmppAccess = true
  doc.externalAccessPolicies['tag:noxmpp'] = {...doc.externalAccessPolicies.global!, Identity: 'Tag:NoXmpp', EnableXmppAccess: false}
  const user = (name: string, enabled: boolean, policy: string | null) => ({SipAddress: `sip:${name}@gw.test`, DisplayName: name, Enabled: enabled, RegistrarPool: null, Site: null, ExternalAccessPolicy: policy})
  doc.users['alice@gw.test'] = user('alice', true, null)
  doc.users['dis@gw.test'] = user('dis', false, null)
  doc.users['pol@gw.test'] = user('pol', true, 'NoXmpp')
  doc.accessEdgeConfiguration!.AllowFederatedUsers = true
  change(doc)
  return takeSnapshot(doc).document
}

const DOCUMENT = store()
const NONE: PairFacts = {bits: 0, fc: false, contacts: 0, pending: 0}
const FULL = {contacts: 1000, pending: 1000}

/** The subscribe request R sends to L, with the id P3.5 uses. */
function subscribe(from: string, to: string) {
  return xml('presence', {from, to, type: 'subscribe', id: 'j1'})
}

/** outcome is the decision, or for a refusal the exact stanza sent back (nonce `7f3a`). */
function outcome(from: string, to: string, facts: PairFacts, document = DOCUMENT): string {
  const decision = authorizeSubscribe(document, {from, to}, facts)
  return decision.decision === 'refuse' ? refusalStanza(subscribe(from, to), decision.refusal, '7f3a').toString() : decision.decision
}

const STANZAS = {
  unsubscribed: (user: string, contact: string) => `<presence from="${user}" to="${contact}" type="unsubscribed" id="csx-ns-7f3a"/>`,
  forbidden: (user: string) =>
    `<presence type="error" from="${user}" to="juliet@a.test" id="j1"><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas" xml:lang="en">the recipient may not use XMPP</text></error></presence>`,
  constraint: (contact: string, text: string) =>
    `<presence type="error" from="alice@gw.test" to="${contact}" id="j1"><error type="wait"><resource-constraint xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas" xml:lang="en">${text}</text></error></presence>`,
}
const CONTACTS_FULL = 'the recipient has reached the limit of 1000 contacts'
const PENDING_FULL = 'the recipient has too many pending subscription requests'

// [case, from (R), to (L), facts, expected]
const SUBSCRIBE_TABLE: ReadonlyArray<[string, string, string, PairFacts, string]> = [
  ['P6.1 #1 unknown user: unsubscribed from its bare JID (P6.5 #1)', 'juliet@a.test/balcony', 'Nobody@gw.test/x', NONE, STANZAS.unsubscribed('nobody@gw.test', 'juliet@a.test')],
  ['P6.1 #1 unknown user, PublicUnverified partner', 'romeo@c.test', 'nobody@gw.test', NONE, STANZAS.unsubscribed('nobody@gw.test', 'romeo@c.test')],
  ['P6.1 #2 disabled user: forbidden (P6.5 #2)', 'juliet@a.test', 'dis@gw.test', NONE, STANZAS.forbidden('dis@gw.test')],
  ['P6.1 #2 policy without EnableXmppAccess: forbidden, even with From', 'juliet@a.test', 'pol@gw.test', {...NONE, bits: From}, STANZAS.forbidden('pol@gw.test')],
  ['P6.1 #3 partner domain over its rate (P6.5 #5)', 'juliet@a.test', 'alice@gw.test', {...NONE, bits: From, overRate: true}, STANZAS.constraint('juliet@a.test', 'too many subscription requests from a.test; try again later')],
  ['P6.1 #3 over the rate through an AdditionalDomain: the text names R’s own domain', 'juliet@alias.a.test', 'alice@gw.test', {...NONE, overRate: true}, STANZAS.constraint('juliet@alias.a.test', 'too many subscription requests from alias.a.test; try again later')],
  ['P6.1 #3 the rate comes after the user checks: an unknown user still gets unsubscribed', 'juliet@a.test', 'nobody@gw.test', {...NONE, overRate: true}, STANZAS.unsubscribed('nobody@gw.test', 'juliet@a.test')],
  ['P6.1 #4 From already set: confirm, whatever the caps', 'romeo@c.test', 'alice@gw.test', {...NONE, ...FULL, bits: From}, 'confirm'],
  ['P6.1 #5 Federated: approve', 'juliet@a.test', 'alice@gw.test', NONE, 'approve'],
  ['P6.1 #5 Federated through an AdditionalDomain: approve', 'juliet@alias.a.test', 'alice@gw.test', NONE, 'approve'],
  ['P6.1 #5 PublicVerified: approve', 'benvolio@b.test', 'alice@gw.test', NONE, 'approve'],
  ['P6.1 #5 PublicVerified at 999 contacts: approve', 'benvolio@b.test', 'alice@gw.test', {...NONE, contacts: 999}, 'approve'],
  ['P6.1 #5 Federated at 1000 contacts, R already counts (To): approve', 'juliet@a.test', 'alice@gw.test', {...NONE, ...FULL, bits: To}, 'approve'],
  ['P6.1 #5 PublicVerified at 1000 contacts, R already counts (PendingOut): approve', 'benvolio@b.test', 'alice@gw.test', {...NONE, ...FULL, bits: PendingOut}, 'approve'],
  ['P6.1 #6 PublicUnverified, L subscribed (To): approve', 'romeo@c.test', 'alice@gw.test', {...NONE, bits: To}, 'approve'],
  ['P6.1 #6 PublicUnverified, L asked (PendingOut), R pending too: approve', 'romeo@c.test', 'alice@gw.test', {...NONE, bits: PendingOut | PendingIn}, 'approve'],
  ['P6.1 #6 PublicUnverified, L wrote first (fc): approve', 'romeo@c.test', 'alice@gw.test', {...NONE, fc: true}, 'approve'],
  ['P6.1 #7 Federated, 1,001st contact (P6.5 #3)', 'juliet@a.test', 'alice@gw.test', {...NONE, ...FULL}, STANZAS.constraint('juliet@a.test', CONTACTS_FULL)],
  ['P6.1 #7 PublicVerified, 1,001st contact', 'benvolio@b.test', 'alice@gw.test', {...NONE, contacts: 1000}, STANZAS.constraint('benvolio@b.test', CONTACTS_FULL)],
  ['P6.1 #7 PublicUnverified with fc only, 1,001st contact', 'romeo@c.test', 'alice@gw.test', {...NONE, fc: true, contacts: 1000}, STANZAS.constraint('romeo@c.test', CONTACTS_FULL)],
  ['P6.1 #8 PublicUnverified without evidence: pending', 'romeo@c.test', 'alice@gw.test', NONE, 'pending'],
  ['P6.1 #8 at 999 pending: pending', 'romeo@c.test', 'alice@gw.test', {...NONE, pending: 999}, 'pending'],
  ['P6.1 #8 a repeated request already pending at 1000: still pending', 'romeo@c.test', 'alice@gw.test', {...NONE, ...FULL, bits: PendingIn}, 'pending'],
  ['P6.1 #9 PublicUnverified, 1,001st pending request (P6.5 #4)', 'romeo@c.test', 'alice@gw.test', {...NONE, pending: 1000}, STANZAS.constraint('romeo@c.test', PENDING_FULL)],
  [
    's2s precondition (P3.1, A8.1): a domain that is no partner gets service-unavailable',
    'mallory@evil.test',
    'alice@gw.test',
    NONE,
    '<presence type="error" from="alice@gw.test" to="mallory@evil.test" id="j1"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas" xml:lang="en">domain evil.test is not an allowed XMPP partner</text></error></presence>',
  ],
  [
    's2s precondition, before the user check: no partner and no user tells nothing about the user',
    'mallory@evil.test',
    'nobody@gw.test',
    NONE,
    '<presence type="error" from="nobody@gw.test" to="mallory@evil.test" id="j1"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas" xml:lang="en">domain evil.test is not an allowed XMPP partner</text></error></presence>',
  ],
]

for (const [name, from, to, facts, expected] of SUBSCRIBE_TABLE) {
  test(`subscribe: ${name}`, () => {
    assert.equal(outcome(from, to, facts), expected)
  })
}

test('subscribe: AllowFederatedUsers False (A11.5) refuses every request, a Federated one too', () => {
  const off = store((doc) => {
    doc.accessEdgeConfiguration!.AllowFederatedUsers = false
  })
  assert.equal(
    outcome('juliet@a.test', 'alice@gw.test', NONE, off),
    '<presence type="error" from="alice@gw.test" to="juliet@a.test" id="j1"><error type="cancel"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas" xml:lang="en">federation is disabled on this server (AllowFederatedUsers is False)</text></error></presence>',
  )
})

test('subscribe: the decision follows the snapshot (a PartnerType raised to PublicVerified approves)', () => {
  const raised = store((doc) => {
    doc.xmppAllowedPartners['c.test']!.PartnerType = 'PublicVerified'
  })
  assert.equal(outcome('romeo@c.test', 'alice@gw.test', NONE), 'pending')
  assert.equal(outcome('romeo@c.test', 'alice@gw.test', NONE, raised), 'approve')
})

// [case, from, to, bits, expected stanza or 'answer']
const PROBE_TABLE: ReadonlyArray<[string, string, string, number, string]> = [
  ['a watcher (From): L presence', 'juliet@a.test/balcony', 'alice@gw.test', From, 'answer'],
  ['a watcher with a pending request of its own', 'romeo@c.test', 'alice@gw.test', From | PendingOut, 'answer'],
  ['unknown user: unsubscribed (P6.5 #1)', 'juliet@a.test/balcony', 'nobody@gw.test', 0, '<presence from="nobody@gw.test" to="juliet@a.test" type="unsubscribed" id="csx-ns-7f3a"/>'],
  ['not a watcher: unsubscribed (P6.5 #7)', 'juliet@a.test', 'alice@gw.test', To | PendingIn, '<presence from="alice@gw.test" to="juliet@a.test" type="unsubscribed" id="csx-nw-7f3a"/>'],
  ['a user without XMPP access: unsubscribed, even to a watcher (P6.5 #7)', 'juliet@a.test', 'pol@gw.test', From, '<presence from="pol@gw.test" to="juliet@a.test" type="unsubscribed" id="csx-nw-7f3a"/>'],
  ['a disabled user: unsubscribed (P3.1 step 3)', 'juliet@a.test', 'dis@gw.test', From, '<presence from="dis@gw.test" to="juliet@a.test" type="unsubscribed" id="csx-nw-7f3a"/>'],
]

for (const [name, from, to, bits, expected] of PROBE_TABLE) {
  test(`probe: ${name}`, () => {
    const decision = authorizeProbe(DOCUMENT, {from, to}, bits)
    const probe = xml('presence', {from, to, type: 'probe'})
    assert.equal(decision.decision === 'refuse' ? refusalStanza(probe, decision.refusal, '7f3a').toString() : decision.decision, expected)
  })
}

// [case, to, bits, expected]: P6.5 #8, nothing is ever sent back.
const PRESENCE_TABLE: ReadonlyArray<[string, string, number, string]> = [
  ['L has To: reaches L’s SIP watchers', 'alice@gw.test', To, 'accept'],
  ['L has only From: dropped', 'alice@gw.test', From | PendingOut, 'not subscribed'],
  ['unknown user: dropped', 'nobody@gw.test', To, 'unknown user'],
  ['no XMPP access: dropped', 'pol@gw.test', To, 'no XMPP access'],
  ['disabled: dropped', 'dis@gw.test', To, 'no XMPP access'],
]

for (const [name, to, bits, expected] of PRESENCE_TABLE) {
  test(`presence: ${name}`, () => {
    const decision = acceptPresence(DOCUMENT, {from: 'juliet@a.test/balcony', to}, bits)
    assert.equal(decision.decision === 'drop' ? decision.reason : decision.decision, expected)
  })
}

test('P6.3: a status note goes only to watchers at a Federated partner', () => {
  const rows = ['juliet@a.test', 'juliet@alias.a.test/balcony', 'benvolio@b.test', 'romeo@c.test', 'mallory@evil.test'].map((jid) => [jid, mayReceiveNote(DOCUMENT, jid)])
  assert.deepEqual(rows, [
    ['juliet@a.test', true],
    ['juliet@alias.a.test/balcony', true],
    ['benvolio@b.test', false],
    ['romeo@c.test', false],
    ['mallory@evil.test', false],
  ])
})

test('P6.2: evidence is To, PendingOut or fc; a fetch or a pending request of R is none', () => {
  const rows = [0, To, From, PendingIn, PendingOut, From | PendingIn].map((bits) => [bits, hasEvidence({bits, fc: false})])
  assert.deepEqual(rows, [
    [0, false],
    [To, true],
    [From, false],
    [PendingIn, false],
    [PendingOut, true],
    [From | PendingIn, false],
  ])
  assert.equal(hasEvidence({bits: 0, fc: true}), true)
})

test('P6.5 #6: an undefined presence type gets bad-request, type modify', () => {
  const stanza = refusalStanza(xml('presence', {from: 'juliet@a.test/balcony', to: 'alice@gw.test', type: 'subscribe-all', id: 'x9'}), {kind: 'error', error: PresenceRefusals.invalidType}, 'unused')
  assert.equal(
    stanza.toString(),
    '<presence type="error" from="alice@gw.test" to="juliet@a.test/balcony" id="x9"><error type="modify"><bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas" xml:lang="en">invalid presence type</text></error></presence>',
  )
})

const WATCH: WatchFacts = {bits: 0, contacts: 0, dialogsForContact: 0, dialogsForUser: 0}

// [case, user (From), contact (Request-URI), facts, expected status line or 'accept']: P4.2 #10–#14, P6.5's SIP refusals.
const WATCH_TABLE: ReadonlyArray<[string, string, string, WatchFacts, string]> = [
  ['a Federated contact', 'sip:alice@gw.test', 'juliet@a.test', WATCH, 'accept'],
  ['a PublicUnverified contact (subscribing is the evidence, P6.2)', 'alice@gw.test', 'romeo@c.test', WATCH, 'accept'],
  ['#10 unknown user', 'sip:nobody@gw.test', 'juliet@a.test', WATCH, '403 Forbidden'],
  ['#10 disabled user', 'sip:dis@gw.test', 'juliet@a.test', WATCH, '403 Forbidden'],
  ['#10 user without XMPP access', 'sip:pol@gw.test', 'juliet@a.test', WATCH, '403 Forbidden'],
  ['#11 a local presentity', 'sip:alice@gw.test', 'bob@GW.test', WATCH, '403 Forbidden (presence of local users is not served here)'],
  ['#12 a domain that is no partner', 'sip:alice@gw.test', 'mallory@evil.test', WATCH, '403 domain evil.test is not an allowed XMPP partner'],
  ['#13 the 1,001st contact', 'sip:alice@gw.test', 'juliet@a.test', {...WATCH, contacts: 1000, bits: PendingIn}, '403 Forbidden (contact limit of 1000 reached)'],
  ['#13 at 1000 contacts, R already one (From)', 'sip:alice@gw.test', 'juliet@a.test', {...WATCH, contacts: 1000, bits: From}, 'accept'],
  ['#14 the 11th dialog for (L, R)', 'sip:alice@gw.test', 'juliet@a.test', {...WATCH, bits: To, dialogsForContact: 10}, '403 Forbidden (too many subscriptions)'],
  ['#14 the 2,001st dialog for L', 'sip:alice@gw.test', 'juliet@a.test', {...WATCH, bits: To, dialogsForUser: 2000}, '403 Forbidden (too many subscriptions)'],
  ['#14 the 10th dialog for (L, R)', 'sip:alice@gw.test', 'juliet@a.test', {...WATCH, bits: To, dialogsForContact: 9, dialogsForUser: 1999}, 'accept'],
]

for (const [name, user, contact, facts, expected] of WATCH_TABLE) {
  test(`SIP watch: ${name}`, () => {
    const decision = authorizeWatch(DOCUMENT, user, contact, facts)
    assert.equal(decision.decision === 'refuse' ? `${decision.status} ${decision.reason}` : decision.decision, expected)
  })
}

test('SIP watch: AllowFederatedUsers False answers A11.5’s 403 with its Warning, before the user checks', () => {
  const off = store((doc) => {
    doc.accessEdgeConfiguration!.AllowFederatedUsers = false
  })
  assert.deepEqual(authorizeWatch(off, 'sip:nobody@gw.test', 'juliet@a.test', WATCH), {
    decision: 'refuse',
    status: 403,
    reason: 'Forbidden',
    warning: '399 gw.test "XMPP federation is disabled (AllowFederatedUsers is False)"',
  })
})
