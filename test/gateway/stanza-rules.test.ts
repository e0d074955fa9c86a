import assert from 'node:assert/strict'
import {test} from 'node:test'
import {Element, xml} from '@xmpp/xml'
import {jidProblem} from '../../src/gateway/xmpp/jid-limits.js'
import {type Verdict, judgeStanza} from '../../src/gateway/xmpp/stanza-rules.js'

/** What an authenticated stream for (one.test + extra.test → gw.test) may carry (RFC 6120 §4.9.3, §8; RFC 7622; XEP-0220 §2.5). */

const HEADER = new Element('stream:stream', {'xmlns:stream': 'http://etherx.jabber.org/streams', xmlns: 'jabber:server', 'xmlns:db': 'jabber:server:dialback'})
const PAIRS = {local: 'gw.test', isAuthenticated: (remote: string) => remote === 'one.test' || remote === 'extra.test'}
const LONG = 'x'.repeat(1024)

/** stanza builds a first-level element whose namespace comes from the stream header, as the parser hands it on. */
function stanza(name: string, attrs: Record<string, string>): Element {
  const element = xml(name, attrs)
  element.parent = HEADER
  return element
}

const malformed = (text: string, from?: string): Verdict => ({action: 'bounce', error: {condition: 'jid-malformed', type: 'modify', text} as never, ...(from ? {from} : {})})

const CASES: ReadonlyArray<[string, Element, Verdict]> = [
  ['a message for the stream pair', stanza('message', {from: 'a@one.test/r', to: 'b@gw.test'}), {action: 'deliver'}],
  ['a message from a domain dialback added', stanza('message', {from: 'a@extra.test', to: 'gw.test'}), {action: 'deliver'}],
  ['an iq get', stanza('iq', {type: 'get', from: 'a@one.test', to: 'b@gw.test'}), {action: 'deliver'}],
  ['an iq result', stanza('iq', {type: 'result', from: 'a@one.test', to: 'b@gw.test'}), {action: 'ignore', reason: 'an iq of type result answers no request of the gateway'}],
  ['an iq error', stanza('iq', {type: 'error', from: 'a@one.test', to: 'b@gw.test'}), {action: 'ignore', reason: 'an iq of type error answers no request of the gateway'}],
  ['an element that is no stanza', stanza('foo', {from: 'a@one.test', to: 'b@gw.test'}), {action: 'refuse', condition: 'unsupported-stanza-type', text: 'only message, presence and iq stanzas may be sent on this stream'}],
  ['a message in another namespace', stanza('message', {xmlns: 'jabber:client', from: 'a@one.test', to: 'b@gw.test'}), {action: 'refuse', condition: 'unsupported-stanza-type', text: 'only message, presence and iq stanzas may be sent on this stream'}],
  ['no from', stanza('message', {to: 'b@gw.test'}), {action: 'refuse', condition: 'invalid-from', text: 'stanzas from (none) are not authenticated on this stream'}],
  ['a from of another domain', stanza('message', {from: 'a@two.test', to: 'b@gw.test'}), {action: 'refuse', condition: 'invalid-from', text: 'stanzas from a@two.test are not authenticated on this stream'}],
  ['no to', stanza('message', {from: 'a@one.test'}), {action: 'refuse', condition: 'improper-addressing', text: 'a stanza between servers needs a to address'}],
  ['a to of another served domain', stanza('message', {from: 'a@one.test', to: 'b@other.test'}), {action: 'refuse', condition: 'host-unknown', text: 'stanzas to other.test are not authenticated on this stream'}],
  ['a from localpart of 1,024 bytes', stanza('message', {from: `${LONG}@one.test`, to: 'b@gw.test'}), malformed('the from address is malformed: its localpart exceeds 1023 bytes (RFC 7622 §3.3)')],
  ['a from resourcepart of 1,024 bytes', stanza('message', {from: `a@one.test/${LONG}`, to: 'b@gw.test'}), malformed('the from address is malformed: its resourcepart exceeds 1023 bytes (RFC 7622 §3.4)')],
  ['a to localpart of 1,024 bytes', stanza('message', {from: 'a@one.test', to: `${LONG}@gw.test`}), malformed('the to address is malformed: its localpart exceeds 1023 bytes (RFC 7622 §3.3)')],
  ['a to domainpart that is no domain name', stanza('message', {from: 'a@one.test', to: `b@${'d'.repeat(254)}`}), malformed('the to address is malformed: its domainpart is not a domain name (RFC 7622 §3.2)', 'gw.test')],
]

for (const [name, element, expected] of CASES) {
  test(`judgeStanza: ${name}`, () => {
    const verdict = judgeStanza(element, PAIRS)
    const comparable = verdict.action === 'bounce' ? {...verdict, error: {condition: verdict.error.condition, type: verdict.error.type, text: verdict.error.text}} : verdict
    assert.deepEqual(comparable, expected)
  })
}

const LIMITS: ReadonlyArray<[string, string | undefined]> = [
  [`${'x'.repeat(1023)}@a.example/${'y'.repeat(1023)}`, undefined],
  [`${'é'.repeat(512)}@a.example`, 'its localpart exceeds 1023 bytes (RFC 7622 §3.3)'],
  ['a.example', undefined],
  [`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.example`, 'its domainpart is not a domain name (RFC 7622 §3.2)'],
  [`a@${'d'.repeat(2000)}`, 'its domainpart is not a domain name (RFC 7622 §3.2)'],
]

for (const [jid, problem] of LIMITS) {
  test(`jidProblem(${jid.slice(0, 24)}… ${jid.length} characters) is ${JSON.stringify(problem)}`, () => assert.equal(jidProblem(jid), problem))
}
