import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {within} from '../helpers/sip/peers.js'
import {HEADER, connectXmpp, type RawXmppClient} from '../helpers/security/xmpp-client.js'
import {type Target, startTarget} from '../helpers/security/target.js'

/**
 * Issue 12, case 1: the identity a stream authenticated with SASL EXTERNAL is fixed by the exchange
 * (RFC 6120 §6.4.6). A partner holding a valid certificate for p2.test that restarts the stream with
 * `from='p1.test'` must not speak as p1.test.
 */

let target: Target
before(async () => {
  target = await startTarget()
})
after(async () => target?.close())

const SASL_SUCCESS = '<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>'

/** authenticate runs STARTTLS and SASL EXTERNAL as p2.test with its valid certificate. */
async function authenticateAsP2(): Promise<RawXmppClient> {
  const client = await connectXmpp(target.host, target.port)
  await client.write(HEADER('p2.test', 'gw.test'))
  await client.waitFor('<starttls')
  await client.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
  await client.waitFor('<proceed')
  const {cert, key} = target.certificates['p2.test']
  await client.starttls({cert, key, ca: target.ca}, 'gw.test')
  const mark = client.text().length
  await client.write(HEADER('p2.test', 'gw.test'))
  await client.waitFor('EXTERNAL', 5000, mark)
  await client.write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>")
  await client.waitFor(SASL_SUCCESS)
  return client
}

test('a restarted stream header naming another partner after SASL EXTERNAL is refused', async () => {
  const client = await authenticateAsP2()
  const mark = client.text().length
  await client.write(HEADER('p1.test', 'gw.test'))
  await client.write("<message from='mallory@p1.test' to='romeo@gw.test' type='chat'><body>I am p1</body></message>")
  await within(client.closed, 5000, 'the gateway to close the stream').catch(() => client.destroy())
  const answer = client.text().slice(mark)
  assert.match(answer, /<stream:error><invalid-from xmlns="urn:ietf:params:xml:ns:xmpp-streams"\/><text xmlns="urn:ietf:params:xml:ns:xmpp-streams" xml:lang="en">this stream authenticated p2.test; it cannot speak for p1.test<\/text><\/stream:error><\/stream:stream>$/)
  assert.equal(target.gateway.lines.some((l) => l.msg === 'message' || (l.msg === 's2s stream authenticated' && l.remote === 'p1.test')), false)
  assert.deepEqual(target.lastResort(), [])
})
