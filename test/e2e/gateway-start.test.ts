import assert from 'node:assert/strict'
import {mkdtemp, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, test} from 'node:test'
import {startGatewayProcess} from '../helpers/gateway-process.js'
import {csxmpp} from '../helpers/store-security.js'
import {loopbackBlock} from '../helpers/sip/peers.js'

/**
 * The README's main job on a fresh machine: `Start-CsXmppGateway` on an empty store sets up the demo of
 * cmdlets.md A9.4 with the cmdlets, says what it did and what to do next, serves, and stops cleanly
 * on SIGTERM with exit code 0.
 */

const dir = await mkdtemp(join(tmpdir(), 'csxmpp-start-'))
after(() => rm(dir, {recursive: true, force: true}))

const NEXT_STEPS = `csxmpp: the store had no SIP domain and no certificate, so this demo set-up was made:
  New-CsSipDomain -Identity example.test
  $certificate = Request-CsCertificate -New -Type XmppServer -SelfSigned -DomainName example.test -FriendlyName 'csxmpp demo'
  Set-CsCertificate -Type XmppServer -Thumbprint $certificate.Thumbprint
  Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True

Next steps:
  csxmpp New-CsXmppAllowedPartner -Identity jabber.example -ProxyFqdn xmpp.jabber.example   # a partner to federate with
  csxmpp Enable-CsUser -Identity 'Ken Myer' -SipAddress sip:ken@example.test                # a user who may chat with it
  csxmpp Set-CsExternalAccessPolicy -Identity Global -EnableXmppAccess '$true'                # let users use XMPP
  csxmpp Set-CsUserSipCredential -Identity sip:ken@example.test                             # so Ken's SIP client can register
Changes apply to the running gateway at once. Stop it with Ctrl+C.
`

test('on a fresh store the gateway makes the demo domain and certificate, serves them, and stops cleanly', async () => {
  const address = loopbackBlock()(5)
  const gateway = await startGatewayProcess({dir, args: ['-ListenAddress', address, '-Port', '15269', '-SipPort', '15061']})
  let code: number
  try {
    assert.equal(gateway.stderr(), NEXT_STEPS)
    const started = gateway.lines.find((l) => l.msg === 'gateway started')!
    assert.deepEqual([started.xmpp, started.sip, started.domains, started.warnings], [`${address}:15269`, `${address}:15061/tls`, ['example.test'], []])
    const certificates = await gateway.cmdlet('Get-CsCertificate', '--json')
    const [certificate] = JSON.parse(certificates.stdout) as Array<{Thumbprint: string; Use: string; AlternativeNames: string[]}>
    assert.deepEqual([certificate!.Thumbprint, certificate!.Use, certificate!.AlternativeNames], [started.certificate, 'XmppServer', ['example.test']])
    const keys = join(dir, 'keys')
    assert.equal((await stat(keys)).mode & 0o777, 0o700)
  } finally {
    code = await gateway.stop()
  }
  assert.equal(code, 0)
  assert.deepEqual(gateway.lines.slice(-2).map((l) => l.msg), ['stopping', 'gateway stopped'])
})

test('a store with federation off starts with the A15.3 warning on stderr and in the gateway started line', async () => {
  const off = await mkdtemp(join(tmpdir(), 'csxmpp-start-off-'))
  try {
    const domain = await csxmpp(off, 'New-CsSipDomain', '-Identity', 'litwareinc.com')
    assert.equal(domain.code, 0, domain.stderr)
    const address = loopbackBlock()(6)
    const gateway = await startGatewayProcess({dir: off, args: ['-ListenAddress', address, '-Port', '15269', '-SipPort', '15060', '-SipTransport', 'Udp']})
    try {
      const warning =
        'AllowFederatedUsers is False: the gateway refuses every XMPP partner and every SIP request toward XMPP. Turn federation on with Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True.'
      assert.equal(gateway.stderr(), `WARNING: ${warning}\n`)
      assert.deepEqual(gateway.lines.find((l) => l.msg === 'gateway started')!.warnings, [warning])
    } finally {
      assert.equal(await gateway.stop(), 0)
    }
  } finally {
    await rm(off, {recursive: true, force: true})
  }
})
