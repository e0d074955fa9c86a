import assert from 'node:assert/strict'
import {after, before, describe, test} from 'node:test'
import {type Kamailio, KAMAILIO_PORT, startKamailio} from '../helpers/sip/kamailio.js'
import {loopbackBlock, skipUnlessTool} from '../helpers/sip/peers.js'
import {runSipp, type SippRun} from '../helpers/sip/sipp.js'

/**
 * Kamailio as the organisation's SIP presence server, proven with real peers and no gateway
 * (presence.md P11.1): SIPp registers a user and publishes a PIDF document for it, another SIPp
 * subscribes to that user, and the NOTIFY Kamailio sends carries the published state. Later presence
 * tests rely on exactly this peer set-up.
 */

const skip = skipUnlessTool('kamailio', 'kamailio') || skipUnlessTool('sipp', 'sip-tester')
const DOMAIN = 'gw.test'
const address = loopbackBlock()
// Addresses of this file's block: .40 Kamailio (P11), .41 the SIP user's UA, .42 the watcher, .5 the
// gateway (not started: nothing here is routed to it).
let kamailio: Kamailio

/** notifies returns the NOTIFY requests of a SIPp message trace, in the order received. */
function notifies(run: SippRun): string[] {
  return run.messages.split(/^-{5,}.*$/m).filter((m) => /^\s*NOTIFY sip:/m.test(m))
}

/** alice runs one of alice's UA scenarios from address .41 against Kamailio. */
function alice(scenario: string, keys: Record<string, string>): Promise<SippRun> {
  return runSipp({
    scenario, address: address(41), port: 5060, transport: 'udp',
    remote: `${address(40)}:${KAMAILIO_PORT}`, service: 'alice', keys: {domain: DOMAIN, ...keys}, timeoutMs: 15_000,
  })
}

/** watch subscribes to alice's presence from address .42, unsubscribes after the first NOTIFY and returns both NOTIFYs. */
async function watch(): Promise<{first: string; last: string}> {
  const run = await runSipp({
    scenario: 'uac-subscribe-once.xml', address: address(42), port: 5070, transport: 'udp',
    remote: `${address(40)}:${KAMAILIO_PORT}`, service: 'alice', keys: {domain: DOMAIN}, timeoutMs: 15_000,
  })
  assert.equal(run.code, 0, run.output)
  const [first, last] = notifies(run)
  assert.ok(first && last, `two NOTIFYs expected:\n${run.messages}`)
  return {first, last}
}

describe('Kamailio as the organisation presence server', {skip}, () => {
  before(async () => {
    kamailio = await startKamailio({address: address(40), domain: DOMAIN, gateway: `${address(5)}:5060`})
  })
  after(async () => kamailio?.stop())

  test('REGISTER and PUBLISH are accepted, a watcher is notified of the published state, then of its change', async () => {
    const published = await alice('uac-register-publish.xml', {basic: 'open', note: 'In the orchard'})
    assert.equal(published.code, 0, published.output)
    assert.match(published.messages, /^CSeq: 1 REGISTER/m)
    const etag = /^SIP-ETag: *(\S+)/m.exec(published.messages)?.[1]
    assert.ok(etag, `the PUBLISH's 200 has no SIP-ETag:\n${published.messages}`)

    const {first, last} = await watch()
    // force_active: the watcher is authorized at once (notes/sip.md §6.2).
    assert.match(first, /^Subscription-State: active;expires=\d+/m)
    assert.match(first, /^Content-Type: application\/pidf\+xml/m)
    assert.match(first, /<basic>open<\/basic>/)
    assert.match(first, /<note>In the orchard<\/note>/)
    assert.match(last, /^Subscription-State: terminated;reason=timeout/m)

    // RFC 3903 §4.4: the same publication, modified through its entity-tag.
    const modified = await alice('uac-publish-modify.xml', {etag, basic: 'closed', note: 'Gone to Mantua'})
    assert.equal(modified.code, 0, modified.output)
    const again = await watch()
    assert.match(again.first, /<basic>closed<\/basic>/)
    assert.match(again.first, /<note>Gone to Mantua<\/note>/)
    assert.doesNotMatch(again.first, /In the orchard/)
  })
})
