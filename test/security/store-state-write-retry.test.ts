import assert from 'node:assert/strict'
import {mkdir, readFile, rm, rmdir} from 'node:fs/promises'
import {join} from 'node:path'
import {test} from 'node:test'
import {loopbackBlock} from '../helpers/sip/peers.js'
import {buildRequest, openUdp} from '../helpers/sip/raw.js'
import {csxmpp, GATEWAY_DOMAIN, setUpGatewayStore, startUdpGateway, tempDir} from '../helpers/store-security.js'

/**
 * Issue 12, case 8: a failed save of the gateway's first-contact records (cmdlets.md A8.4) must not
 * refuse PublicUnverified traffic until a restart. The real gateway gets real SIP MESSAGEs over UDP
 * from a trusted host, toward a PublicUnverified partner whose domain does not resolve (a DNS server
 * address where nothing listens): the answer is 404 once the record is kept, 500 when it was not.
 * The save fails for real: a directory stands where the state file is renamed to.
 */

test('a failed state write is logged and retried, and never refuses later messages', async () => {
  const dir = await tempDir('state-retry')
  await setUpGatewayStore(dir)
  for (const args of [
    ['Enable-CsUser', '-Identity', 'Ken Myer', '-SipAddress', `sip:ken@${GATEWAY_DOMAIN}`],
    ['Set-CsExternalAccessPolicy', '-Identity', 'Global', '-EnableXmppAccess', '$true'],
    ['New-CsXmppAllowedPartner', '-Identity', 'unverified.test', '-PartnerType', 'PublicUnverified', '-WarningAction', 'SilentlyContinue'],
  ]) {
    assert.equal((await csxmpp(dir, ...args)).code, 0, args.join(' '))
  }
  const block = loopbackBlock()
  const gateway = await startUdpGateway(dir, block(1), ['-TrustedSipHost', block(2)], {CSXMPP_DNS_SERVERS: block(3)})
  // After the start, which reads the file: a directory there is an unreadable state file, not a failed save.
  const stateFile = join(dir, 'state', 'first-contacts.json')
  await mkdir(stateFile, {recursive: true, mode: 0o700})
  const client = await openUdp(block(2), {address: block(1), port: 15060})
  const message = async (user: string): Promise<number> => {
    const to = `sip:${user}@unverified.test`
    const request = buildRequest({method: 'MESSAGE', uri: to, to, from: `sip:ken@${GATEWAY_DOMAIN}`, via: `${block(2)}:5060`, headers: [['Content-Type', 'text/plain']], body: 'hi'}, 'UDP')
    return (await client.send(request, 15_000)).status
  }
  const saved = async (): Promise<string[][]> => JSON.parse(await readFile(stateFile, 'utf8'))
  const pair = (user: string): string[] => ['ken@example.test', `${user}@unverified.test`]
  try {
    // The obstacle stays through every retry: the record is kept in memory and the message still goes.
    assert.equal(await message('alice'), 404)
    await gateway.waitForLog((line) => line.level === 50 && line.msg === 'first-contact records not saved; kept in memory until the next save')

    // The next save starts clean and writes every record, the one that could not be saved too.
    await rmdir(stateFile)
    assert.equal(await message('bob'), 404)
    assert.deepEqual(await saved(), [pair('alice'), pair('bob')])

    // The obstacle goes while a save is being retried: the retry saves the record.
    await rm(stateFile)
    await mkdir(stateFile)
    const mark = gateway.lines.length
    const carol = message('carol')
    const retrying = await gateway.waitForLog((line) => line.msg === 'first-contact records not saved; retrying', 5000, mark)
    assert.equal(retrying.attempt, 1)
    await rmdir(stateFile)
    assert.equal(await carol, 404)
    assert.deepEqual(await saved(), [pair('alice'), pair('bob'), pair('carol')])
  } finally {
    client.close()
    assert.equal(await gateway.stop(), 0)
  }
})
