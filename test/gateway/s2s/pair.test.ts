import assert from 'node:assert/strict'
import {after, test} from 'node:test'
import {xml} from '@xmpp/xml'
import {type PairSide, startPair} from '../../helpers/s2s-pair.js'

/** The s2s service against itself: both roles of each method of the matrix (cmdlets.md A5.2). */

const running: PairSide[] = []
after(async () => Promise.all(running.map((side) => side.service.stop())))

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

test('TCP dialback: a message crosses, both streams authenticated by dialback without TLS', async () => {
  const plain = {TlsNegotiation: 'NotSupported', SaslNegotiation: 'NotSupported', SupportDialbackNegotiation: true} as const
  const [one, two] = await startPair({domain: 'one.test', partner: plain}, {domain: 'two.test', partner: plain})
  running.push(one, two)
  await one.service.route(xml('message', {from: 'alice@one.test', to: 'bob@two.test', type: 'chat', id: 'm1'}, xml('body', {}, 'hi ☃')))
  await until(() => two.delivered.length === 1, 'the message')
  assert.equal(two.delivered[0]!.getChildText('body'), 'hi ☃')
  const methods = [...one.service.sessions, ...two.service.sessions].filter((s) => s.authenticated).map((s) => `${s.direction}:${s.method}:${s.stream.secured}`)
  // XEP-0220: two's verification of one's key travels on two's own link to one, itself authenticated by dialback.
  assert.deepEqual(methods.sort(), ['incoming:tcpDialback:false', 'incoming:tcpDialback:false', 'outgoing:tcpDialback:false', 'outgoing:tcpDialback:false'])
})

test('flow control: a stream stops reading while 64 of its stanzas are being handled, and reads the rest once they are', async () => {
  const plain = {TlsNegotiation: 'NotSupported', SaslNegotiation: 'NotSupported', SupportDialbackNegotiation: true} as const
  const release: Array<() => void> = []
  let holding = true
  const handled = (): Promise<void> => (holding ? new Promise((resolve) => release.push(resolve)) : Promise.resolve())
  const [one, two] = await startPair({domain: 'one.test', partner: plain}, {domain: 'two.test', partner: plain, handled})
  running.push(one, two)
  // 2 KB bodies: a 64 KB read holds about 30 of them, so the window shows however reads are cut.
  const body = 'x'.repeat(2048)
  const sent = Array.from({length: 300}, (_, i) => one.service.route(xml('message', {from: 'alice@one.test', to: 'bob@two.test', type: 'chat', id: `m${i}`}, xml('body', {}, body))))
  await until(() => two.delivered.length >= 64, 'the first 64 messages')
  // Bounded wait for the count to settle: it must stop short of the 300 while none is handled.
  let seen = -1
  for (let tries = 0; tries < 25 && seen !== two.delivered.length; tries++) {
    seen = two.delivered.length
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.ok(two.delivered.length >= 64 && two.delivered.length < 150, `${two.delivered.length} delivered while none was handled`)
  holding = false
  for (const resolve of release.splice(0)) resolve()
  await until(() => two.delivered.length === 300, 'the other messages')
  await Promise.all(sent)
  assert.deepEqual(two.delivered.map((m) => m.attrs.id), Array.from({length: 300}, (_, i) => `m${i}`))
})

test('AllowFederatedUsers False (cmdlets.md A11.5): live streams close with policy-violation, no stream opens, True federates again', async () => {
  const plain = {TlsNegotiation: 'NotSupported', SaslNegotiation: 'NotSupported', SupportDialbackNegotiation: true} as const
  const [one, two] = await startPair({domain: 'one.test', partner: plain}, {domain: 'two.test', partner: plain})
  running.push(one, two)
  const message = (id: string) => xml('message', {from: 'alice@one.test', to: 'bob@two.test', type: 'chat', id}, xml('body', {}, id))
  await one.service.route(message('m1'))
  await until(() => two.delivered.length === 1, 'the first message')
  const federation = (side: PairSide, on: boolean): void => {
    side.setDocument({...side.document, accessEdgeConfiguration: {...side.document.accessEdgeConfiguration!, AllowFederatedUsers: on}})
    side.service.reconsider()
  }
  // two turns federation off: its streams close, and one's stream to it is refused at its header.
  federation(two, false)
  await until(() => two.service.sessions.size === 0 && one.service.sessions.size === 0, 'every stream to close')
  await assert.rejects(one.service.route(message('m2')), (error: Error & {condition?: string}) => error.condition === 'remote-server-not-found')
  // one turns it off too: nothing is even attempted.
  federation(one, false)
  await assert.rejects(one.service.route(message('m3')), {condition: 'forbidden', text: 'federation is disabled on this server (AllowFederatedUsers is False)'})
  await until(() => one.service.sessions.size === 0, 'no stream on one')
  for (const side of [one, two]) federation(side, true)
  await one.service.route(message('m4'))
  await until(() => two.delivered.length === 2, 'the message after federation is back')
  assert.deepEqual(two.delivered.map((m) => m.attrs.id), ['m1', 'm4'])
})
