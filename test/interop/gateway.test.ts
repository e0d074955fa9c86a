import assert from 'node:assert/strict'
import {X509Certificate} from 'node:crypto'
import {readFile, writeFile} from 'node:fs/promises'
import net from 'node:net'
import {join} from 'node:path'
import tls from 'node:tls'
import {after, before, describe, test} from 'node:test'
import type {Element} from '@xmpp/xml'
import {type C2sClient, connectClient} from '../helpers/federation/c2s-client.js'
import {type World, missingTool, startWorld} from '../helpers/federation/world.js'
import type {LogLine} from '../helpers/gateway-process.js'
import {answerChallenge} from '../helpers/sip/digest-client.js'
import {waitListening, within} from '../helpers/sip/peers.js'
import {buildRequest, exchange} from '../helpers/sip/raw.js'
import {startSipp} from '../helpers/sip/sipp.js'

/**
 * The gateway end to end (issue 5): real Prosody servers as partners, SIPp as the organisation's SIP
 * side, the real `csxmpp Start-CsXmppGateway` process configured with the cmdlets, all on loopback.
 * Every negotiation mode Prosody speaks carries messages both ways, and every refusal of cmdlets.md
 * A5.2, A8.1, A8.4 and A8.5 comes back as an error, never silence.
 */

// Lync's default PartnerType is PublicUnverified (B8); the mode tests need partners whose users may write first.
const ROW_SASL = '-TlsNegotiation Required -SaslNegotiation Required -SupportDialbackNegotiation $false -PartnerType Federated'
const SETUP = `
Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True
New-CsSipDomain -Identity gw.test
New-CsSipDomain -Identity tls.gw.test
$certificate = Import-CsCertificate -Type XmppServer -Path $GatewayCertificate -PrivateKeyPath $GatewayKey
Set-CsCertificate -Type XmppServer -Thumbprint $certificate.Thumbprint
Set-CsExternalAccessPolicy -Identity Global -EnableXmppAccess $true
New-CsExternalAccessPolicy -Identity Tag:NoXmpp -EnableXmppAccess $false
Enable-CsUser -Identity Romeo -SipAddress sip:romeo@gw.test
Enable-CsUser -Identity Juliet -SipAddress sip:juliet@tls.gw.test
Enable-CsUser -Identity Mercutio -SipAddress sip:mercutio@gw.test
Grant-CsExternalAccessPolicy -Identity sip:mercutio@gw.test -PolicyName NoXmpp
New-CsXmppAllowedPartner -Identity a1.test ${ROW_SASL}
New-CsXmppAllowedPartner -Identity a2.test -TlsNegotiation Required -SaslNegotiation NotSupported -SupportDialbackNegotiation $true -PartnerType Federated
New-CsXmppAllowedPartner -Identity a3.test -TlsNegotiation NotSupported -SaslNegotiation NotSupported -SupportDialbackNegotiation $true -PartnerType Federated
New-CsXmppAllowedPartner -Identity a4.test ${ROW_SASL}
New-CsXmppAllowedPartner -Identity expired.test ${ROW_SASL}
New-CsXmppAllowedPartner -Identity wrongname.test ${ROW_SASL}
New-CsXmppAllowedPartner -Identity pu.test -TlsNegotiation Required -SaslNegotiation Required -SupportDialbackNegotiation $false
`

const skip = missingTool()
let world: World
const gw = (): string => world.address(5)

describe('the gateway between Prosody and SIP', {skip}, () => {
  before(async () => {
    world = await startWorld({
      peers: [
        {domain: 'a1.test', mode: 'secure'},
        {domain: 'a2.test', mode: 'dialback-tls'},
        {domain: 'a3.test', mode: 'dialback-tcp'},
        {domain: 'a4.test', mode: 'secure', directTlsPort: 5270},
        {domain: 'expired.test', mode: 'secure', certificate: 'expired'},
        {domain: 'wrongname.test', mode: 'secure', certificate: 'wrong-name'},
        {domain: 'evil.test', mode: 'secure'},
        {domain: 'pu.test', mode: 'secure'},
      ],
      setup: SETUP,
      gatewayArgs: (address) => [
        '-ListenAddress', address(5), '-Port', '5269', '-DirectTlsPort', '5270',
        '-SipListenAddress', address(5), '-SipPort', '5060', '-SipTransport', 'Udp',
        '-TrustedSipHost', `${address(10)},${address(11)}`, '-SipNextHop', `${address(10)}:5060`, '-LogLevel', 'Debug',
      ],
    })
  })
  after(async () => world?.close())

  async function client(domain: string): Promise<C2sClient> {
    return connectClient(world.peers.get(domain)!.address, 'alice', domain, 'secret')
  }

  /** toSip sends an XMPP message and returns the MESSAGE the SIP side (SIPp as next hop) received. */
  async function xmppToSip(alice: C2sClient, to: string, body: string): Promise<string> {
    const uas = startSipp({scenario: 'uas-message.xml', address: world.address(10), port: 5060, transport: 'udp', timeoutMs: 20_000})
    await waitListening('udp', world.address(10), 5060, 5000)
    alice.send(to, body)
    const run = await uas.done
    assert.equal(run.code, 0, run.output)
    return run.messages
  }

  /** sipMessage sends a MESSAGE from a SIP host to the gateway and returns the final response. */
  function sipMessage(from: string, to: string, body: string, host = 11, headers: ReadonlyArray<readonly [string, string]> = []) {
    const request = buildRequest(
      {method: 'MESSAGE', uri: to, from, to, via: `${world.address(host)}:5070`, headers: [['Content-Type', 'text/plain;charset=UTF-8'], ...headers], body},
      'UDP',
    )
    return exchange({local: world.address(host), remote: {address: gw(), port: 5060}, protocol: 'udp'}, request, 20_000)
  }

  /** reconfigure runs a cmdlet and waits until the running gateway has applied the change (hot reload). */
  async function reconfigure(script: string, record: string): Promise<LogLine> {
    const from = world.gateway.lines.length
    const result = await world.csxmpp(script)
    assert.equal(result.code, 0, result.stderr)
    return world.gateway.waitForLog((l) => l.msg === 'config reloaded' && [l.added, l.removed, l.changed].some((list) => (list as string[]).includes(record)), 5000, from)
  }

  function authenticated(direction: string, remote: string): (line: LogLine) => boolean {
    return (line) => line.msg === 's2s stream authenticated' && line.direction === direction && line.remote === remote
  }

  const MODES = [
    ['STARTTLS and SASL EXTERNAL', 'a1.test', 'romeo@gw.test', 'saslOverTls', false],
    ['dialback over TLS', 'a2.test', 'romeo@gw.test', 'tlsDialback', false],
    ['dialback over TCP', 'a3.test', 'romeo@gw.test', 'tcpDialback', false],
    ['direct TLS (XEP-0368) and SASL EXTERNAL', 'a4.test', 'juliet@tls.gw.test', 'saslOverTls', true],
  ] as const

  for (const [mode, domain, local, method, directTls] of MODES) {
    test(`${mode}: a Prosody user and a SIP user exchange messages both ways`, async () => {
      const alice = await client(domain)
      try {
        const received = await xmppToSip(alice, local, `hello from ${domain} ☃`)
        assert.match(received, new RegExp(`MESSAGE sip:${local} SIP/2\\.0`))
        assert.match(received, new RegExp(`From: <sip:alice@${domain.replace('.', '\\.')};gr=`))
        assert.ok(received.includes(`hello from ${domain} ☃`), received)
        const response = await sipMessage(`sip:${local}`, `sip:alice@${domain}`, `hi alice ☀ from ${local}`)
        assert.equal(`${response.status} ${response.reason}`, '200 OK')
        const message = await alice.nextMessage((m) => m.getChildText('body') === `hi alice ☀ from ${local}`)
        assert.equal(message.attrs.from, local)
        for (const direction of ['incoming', 'outgoing']) {
          const line = await world.gateway.waitForLog(authenticated(direction, domain))
          assert.deepEqual([line.method, line.directTls], [method, directTls], `${direction} stream`)
        }
      } finally {
        alice.close()
      }
    })
  }

  async function bounce(domain: string, to: string): Promise<Element> {
    const alice = await client(domain)
    try {
      alice.send(to, 'are you there?', 'refused')
      return await alice.nextMessage((m) => m.attrs.type === 'error', 20_000)
    } finally {
      alice.close()
    }
  }

  function errorText(stanza: Element): string {
    const error = stanza.getChild('error')!
    const condition = error.children.find((c): c is Element => typeof c !== 'string' && c.name !== 'text')!
    return `${condition.name}: ${error.getChildText('text') ?? ''}`
  }

  const REFUSED_STREAMS = [
    ['a domain that is no partner', 'evil.test', 'domain evil.test is not an allowed XMPP partner'],
    ['an expired certificate', 'expired.test', 'the certificate of expired.test is not valid: CERT_HAS_EXPIRED'],
    ['a certificate for another name', 'wrongname.test', 'the certificate of wrongname.test is not valid: it does not name wrongname.test'],
  ] as const

  for (const [name, domain, text] of REFUSED_STREAMS) {
    test(`${name} is refused with a stream error and the sender gets a bounce`, async () => {
      const stanza = await bounce(domain, 'romeo@gw.test')
      assert.ok(errorText(stanza).includes(text), errorText(stanza))
      await world.gateway.waitForLog((l) => l.msg === 's2s stream closed' && l.remote === domain && l.text === text)
    })
  }

  test('a SIP user writing to a domain that is no partner gets 403 (A8.1 service-unavailable)', async () => {
    const response = await sipMessage('sip:romeo@gw.test', 'sip:alice@evil.test', 'hello?')
    assert.equal(`${response.status} ${response.reason}`, '403 domain evil.test is not an allowed XMPP partner')
  })

  test('a user without XMPP access can neither receive nor send (A8.5)', async () => {
    const stanza = await bounce('a1.test', 'mercutio@gw.test')
    assert.equal(errorText(stanza), 'forbidden: the recipient may not use XMPP')
    const response = await sipMessage('sip:mercutio@gw.test', 'sip:alice@a1.test', 'hello?')
    assert.equal(`${response.status} ${response.reason}`, '403 Forbidden')
  })

  test('a PublicUnverified contact reaches a user only after the user wrote first (A8.4)', async () => {
    const stanza = await bounce('pu.test', 'romeo@gw.test')
    assert.equal(errorText(stanza), 'not-authorized: the recipient has not written to you first')
    const response = await sipMessage('sip:romeo@gw.test', 'sip:alice@pu.test', 'hello, stranger')
    assert.equal(response.status, 200)
    const alice = await client('pu.test')
    try {
      await alice.nextMessage((m) => m.getChildText('body') === 'hello, stranger')
      const received = await xmppToSip(alice, 'romeo@gw.test', 'hello back')
      assert.ok(received.includes('hello back'))
    } finally {
      alice.close()
    }
  })

  test('SIP from a host that is neither trusted nor authenticated is refused', async () => {
    const challenge = await sipMessage('sip:romeo@gw.test', 'sip:alice@a1.test', 'let me in', 12)
    assert.equal(`${challenge.status} ${challenge.reason}`, '407 Proxy Authentication Required')
    const authorization = answerChallenge(challenge.header('Proxy-Authenticate')[0]!, {username: 'romeo', password: 'guess', method: 'MESSAGE', uri: 'sip:alice@a1.test'})
    const refused = await sipMessage('sip:romeo@gw.test', 'sip:alice@a1.test', 'let me in', 12, [['Proxy-Authorization', authorization]])
    assert.equal(`${refused.status} ${refused.reason}`, '403 Forbidden')
  })

  test('a stricter negotiation refuses a method the partner used before (A5.2)', async () => {
    await reconfigure('Set-CsXmppAllowedPartner -Identity a3.test -TlsNegotiation Required -SaslNegotiation NotSupported', 'xmppAllowedPartners/a3.test')
    const stanza = await bounce('a3.test', 'romeo@gw.test')
    assert.equal(errorText(stanza), 'remote-server-timeout: Server-to-server connection failed: policy-violation (partner a3.test requires TLS dialback)')
    await world.gateway.waitForLog((l) => l.msg === 's2s stream closed' && l.remote === 'a3.test' && l.text === 'partner a3.test requires TLS dialback')
  })

  test('an invalid store edit is logged and changes nothing: the last good configuration keeps running', async () => {
    const store = join(world.dir, 'store.json')
    const good = await readFile(store, 'utf8')
    const version = (JSON.parse(good) as {revision: number}).revision
    const from = world.gateway.lines.length
    // An admin's hand edit that breaks the JSON.
    await writeFile(store, good.replace('"xmppAllowedPartners": {', '"xmppAllowedPartners": {,'))
    const failed = await world.gateway.waitForLog((l) => l.level === 40, 5000, from)
    assert.equal(failed.msg, `config reload failed; version ${version} stays in force`)
    const alice = await client('a1.test')
    try {
      assert.ok((await xmppToSip(alice, 'romeo@gw.test', 'still federating')).includes('still federating'))
    } finally {
      alice.close()
      await writeFile(store, good)
    }
  })

  test('a certificate swap is used for new handshakes and keeps existing streams', async () => {
    const alice = await client('a1.test')
    try {
      await xmppToSip(alice, 'romeo@gw.test', 'before the swap')
      const from = world.gateway.lines.length
      const renewed = await world.pki.issue('gw.test')
      const thumbprint = new X509Certificate(renewed.cert).fingerprint.replaceAll(':', '')
      await reconfigure(
        `$c = Import-CsCertificate -Type XmppServer -Path '${renewed.certFile}' -PrivateKeyPath '${renewed.keyFile}'\nSet-CsCertificate -Type XmppServer -Thumbprint $c.Thumbprint`,
        `certificates/${thumbprint}`,
      )
      assert.equal(await presentedThumbprint(), thumbprint)
      assert.ok((await xmppToSip(alice, 'romeo@gw.test', 'after the swap')).includes('after the swap'))
      // The streams with a1.test neither closed nor were opened again.
      const since = world.gateway.lines.slice(from)
      assert.deepEqual(since.filter((l) => l.remote === 'a1.test' && /^s2s stream/.test(l.msg)), [])
    } finally {
      alice.close()
    }
  })

  /** presentedThumbprint runs STARTTLS as a1.test would and returns the SHA-1 of the certificate the gateway presents. */
  async function presentedThumbprint(): Promise<string> {
    const socket = net.connect({host: gw(), port: 5269})
    let seen = ''
    const proceed = new Promise<void>((resolve) => {
      // No setEncoding: the same socket carries TLS afterwards.
      socket.on('data', (data: Buffer) => {
        seen += data.toString('utf8')
        if (seen.endsWith('</stream:features>')) socket.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        if (seen.includes('<proceed')) resolve()
      })
    })
    socket.write("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' from='a1.test' to='gw.test' version='1.0'>")
    await within(proceed, 5000, 'proceed')
    socket.removeAllListeners('data')
    const secured = tls.connect({socket, servername: 'gw.test', rejectUnauthorized: false})
    await within(new Promise((resolve) => secured.once('secureConnect', resolve)), 5000, 'the TLS handshake')
    const thumbprint = secured.getPeerX509Certificate()!.fingerprint.replaceAll(':', '')
    secured.destroy()
    return thumbprint
  }

  test('message bodies reach the log only with EnableLoggingAllMessageBodies (A8.6)', async () => {
    const bodies = ['hello from a1.test ☃', 'hi alice ☀ from romeo@gw.test', 'still federating', 'before the swap', 'after the swap']
    assert.deepEqual(world.gateway.lines.filter((line) => bodies.some((body) => JSON.stringify(line).includes(body))), [])
    await reconfigure('Set-CsXmppGatewayConfiguration -EnableLoggingAllMessageBodies $true', 'xmppGatewayConfiguration')
    const alice = await client('a1.test')
    try {
      await xmppToSip(alice, 'romeo@gw.test', 'logged on purpose')
    } finally {
      alice.close()
    }
    const line = await world.gateway.waitForLog((l) => l.body === 'logged on purpose')
    assert.deepEqual([line.level, line.msg, line.direction], [30, 'message', 'xmpp-to-sip'])
  })

  test('AllowFederatedUsers False (A11.5): Prosody is refused, SIP toward XMPP gets 403; Set- to True federates again without a restart', async () => {
    const text = 'federation is disabled on this server (AllowFederatedUsers is False)'
    const alice = await client('a1.test')
    try {
      await xmppToSip(alice, 'romeo@gw.test', 'before federation goes off')
      const from = world.gateway.lines.length
      await reconfigure('Set-CsAccessEdgeConfiguration -AllowFederatedUsers $False', 'accessEdgeConfiguration')
      // The live streams with a1.test close at once, with the stream error.
      const closed = await world.gateway.waitForLog((l) => l.msg === 's2s stream closed' && l.remote === 'a1.test', 1000, from)
      assert.deepEqual([closed.condition, closed.text], ['policy-violation', text])
      // A new stream from Prosody is refused at its header, and its user's message bounces.
      const stanza = await bounce('a1.test', 'romeo@gw.test')
      assert.ok(errorText(stanza).includes(text), errorText(stanza))
      const refused = await sipMessage('sip:romeo@gw.test', 'sip:alice@a1.test', 'while federation is off')
      assert.deepEqual(
        [refused.status, refused.reason, refused.header('Warning')],
        [403, 'Forbidden', ['399 gw.test "XMPP federation is disabled (AllowFederatedUsers is False)"']],
      )
      const opened = world.gateway.lines.slice(from).filter((l) => l.msg === 's2s stream authenticated')
      assert.deepEqual(opened, [], 'no stream was authenticated while federation was off')
      // The admin's fix, as a real csxmpp process; the running gateway picks it up.
      await reconfigure('Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True', 'accessEdgeConfiguration')
      assert.ok((await xmppToSip(alice, 'romeo@gw.test', 'federation is back')).includes('federation is back'))
      const response = await sipMessage('sip:romeo@gw.test', 'sip:alice@a1.test', 'and back to you')
      assert.equal(`${response.status} ${response.reason}`, '200 OK')
      await alice.nextMessage((m) => m.getChildText('body') === 'and back to you')
    } finally {
      alice.close()
    }
  })

  test('removing a partner closes its live streams within 1 s, with a stream error', async () => {
    const alice = await client('a1.test')
    try {
      await xmppToSip(alice, 'romeo@gw.test', 'last words')
      const from = world.gateway.lines.length
      const removed = await world.csxmpp('Remove-CsXmppAllowedPartner -Identity a1.test -Confirm:$false')
      assert.equal(removed.code, 0, removed.stderr)
      const closed = await world.gateway.waitForLog((l) => l.msg === 's2s stream closed' && l.remote === 'a1.test', 1000, from)
      assert.deepEqual([closed.condition, closed.text], ['policy-violation', 'domain a1.test is not an allowed XMPP partner'])
    } finally {
      alice.close()
    }
  })
})
