import {existsSync, readFileSync} from 'node:fs'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {type LocalDns, startDns} from '../federation/dns.js'
import {type IssuedCertificate, makePki} from '../federation/pki.js'
import {type GatewayProcess, type LogLine, startGatewayProcess} from '../gateway-process.js'
import {CSXMPP_BIN, runProcess} from '../process.js'
import {type LoopbackBlock, loopbackBlock, waitFor} from '../sip/peers.js'

/**
 * The gateway as an attacker finds it (issue 12): the real `csxmpp Start-CsXmppGateway` process on a
 * loopback /24 of its own, configured with the cmdlets, with a test CA, certificates for the partners
 * an attacker may hold, and a memory probe. Addresses: .5 the gateway (XMPP 5269, direct TLS 5270,
 * SIP 5060), .10 the organisation's SIP proxy (trusted host and next hop), .21 p1.test, .22 p2.test,
 * .23 d1.test (port 5269, found through a local DNS on .53, as the interop tests find Prosody).
 *
 * Partners: p1.test and p2.test authenticate with SASL EXTERNAL only (Required/Required/no dialback);
 * d1.test with TCP dialback only. Served domains: gw.test and other.test. Users: romeo@gw.test and
 * juliet@other.test, both allowed to use XMPP.
 */

const SASL_ONLY = '-TlsNegotiation Required -SaslNegotiation Required -SupportDialbackNegotiation $false -PartnerType Federated'
const DIALBACK_TCP = '-TlsNegotiation NotSupported -SaslNegotiation NotSupported -SupportDialbackNegotiation $true -PartnerType Federated'

/** The message the gateway's last-resort handler logs; the suite asserts it never appears. */
export const LAST_RESORT_MSG = 'uncaught exception; the gateway goes on'

const PROBE = fileURLToPath(new URL('./probe.mjs', import.meta.url))

/** TargetOptions change the defaults. */
export interface TargetOptions {
  /** More cmdlet lines, run after the default set-up. */
  readonly setup?: string
  /** The SIP listener's transport; Tcp by default. */
  readonly sipTransport?: 'Tcp' | 'Udp' | 'Tls'
  /** More Start-CsXmppGateway arguments. */
  readonly args?: readonly string[]
}

/** Memory is the gateway's process.memoryUsage() after two full collections. */
export interface Memory {
  readonly rss: number
  readonly heapUsed: number
  readonly external: number
  readonly arrayBuffers: number
}

/** Target is the running gateway and everything a test needs to attack it. */
export interface Target {
  readonly dir: string
  readonly address: LoopbackBlock
  /** The gateway's XMPP address, its STARTTLS port and its direct TLS port. */
  readonly host: string
  readonly port: number
  readonly directTlsPort: number
  /** The SIP listener (address(5):5060) and the trusted proxy's address. */
  readonly sip: {readonly host: string; readonly port: number; readonly proxy: string}
  readonly ca: string
  /** Certificates signed by the test CA, by domain (p1.test, p2.test, gw.test) and one that is not. */
  readonly certificates: Readonly<Record<'p1.test' | 'p2.test' | 'gw.test' | 'self-signed p1.test', IssuedCertificate>>
  readonly gateway: GatewayProcess
  /** csxmpp runs a script against the gateway's store. */
  csxmpp(script: string): Promise<{stdout: string; stderr: string; code: number}>
  /** memory collects garbage in the gateway and returns its memory use. */
  memory(): Promise<Memory>
  /** lastResort lists the log lines of the process-level last resort (there must be none). */
  lastResort(): LogLine[]
  /** alive tells whether the gateway process still runs. */
  alive(): boolean
  close(): Promise<void>
}

/** startTarget sets the store up with the cmdlets and starts the gateway. */
export async function startTarget(options: TargetOptions = {}): Promise<Target> {
  const dir = await mkdtemp(join(tmpdir(), 'csxmpp-security-'))
  const address = loopbackBlock()
  let gateway: GatewayProcess | undefined
  let dns: LocalDns | undefined
  // If this process dies before close(), its servers must not outlive it (they would hold their ports).
  const orphans = (): void => {
    for (const pid of [gateway?.pid, dns?.pid]) {
      try {
        if (pid) process.kill(pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
  }
  process.once('exit', orphans)
  try {
    dns = await startDns(dir, address(53), {hosts: {'gw.test': address(5), 'other.test': address(5), 'p1.test': address(21), 'p2.test': address(22), 'd1.test': address(23)}})
    const pki = await makePki(dir)
    const certificates = {
      'gw.test': await pki.issue('gw.test'),
      'p1.test': await pki.issue('p1.test'),
      'p2.test': await pki.issue('p2.test'),
      'self-signed p1.test': await pki.issue('p1.test', 'self-signed'),
    }
    const csxmpp = (script: string) => runProcess(dir, process.execPath, [CSXMPP_BIN, '-NonInteractive', '-Command', script], 60_000)
    const setup = `
Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True
New-CsSipDomain -Identity gw.test
New-CsSipDomain -Identity other.test
$certificate = Import-CsCertificate -Type XmppServer -Path '${certificates['gw.test'].certFile}' -PrivateKeyPath '${certificates['gw.test'].keyFile}'
Set-CsCertificate -Type XmppServer -Thumbprint $certificate.Thumbprint
Set-CsExternalAccessPolicy -Identity Global -EnableXmppAccess $true
Enable-CsUser -Identity Romeo -SipAddress sip:romeo@gw.test
Enable-CsUser -Identity Juliet -SipAddress sip:juliet@other.test
New-CsXmppAllowedPartner -Identity p1.test ${SASL_ONLY}
New-CsXmppAllowedPartner -Identity p2.test ${SASL_ONLY}
New-CsXmppAllowedPartner -Identity d1.test ${DIALBACK_TCP}
${options.setup ?? ''}`
    const result = await csxmpp(setup)
    if (result.code !== 0) throw new Error(`the set-up failed:\n${result.stdout}${result.stderr}`)
    const probeFile = join(dir, 'probe.json')
    gateway = await startGatewayProcess({
      dir,
      args: [
        '-ListenAddress', address(5), '-Port', '5269', '-DirectTlsPort', '5270',
        '-SipListenAddress', address(5), '-SipPort', '5060', '-SipTransport', options.sipTransport ?? 'Tcp',
        '-TrustedSipHost', address(10), '-SipNextHop', `${address(10)}:5060`, '-LogLevel', 'Debug',
        ...(options.args ?? []),
      ],
      env: {NODE_EXTRA_CA_CERTS: pki.caFile, CSXMPP_DNS_SERVERS: dns.address, NODE_OPTIONS: `--import ${PROBE}`, CSXMPP_TEST_PROBE_FILE: probeFile},
    })
    const running = gateway
    const ca = await readFile(pki.caFile, 'utf8')
    return {
      dir,
      address,
      host: address(5),
      port: 5269,
      directTlsPort: 5270,
      sip: {host: address(5), port: 5060, proxy: address(10)},
      ca,
      certificates,
      gateway: running,
      csxmpp,
      async memory() {
        const before = existsSync(probeFile) ? readFileSync(probeFile, 'utf8') : ''
        process.kill(running.pid, 'SIGUSR2')
        // The probe writes the file in place: until it is whole, it may read as a prefix.
        const written = (): Memory | undefined => {
          try {
            const text = readFileSync(probeFile, 'utf8')
            return text === before ? undefined : (JSON.parse(text) as Memory)
          } catch {
            return undefined
          }
        }
        await waitFor(() => written() !== undefined, 10_000, 'the memory probe')
        return written()!
      },
      lastResort: () => running.lines.filter((line) => line.msg === LAST_RESORT_MSG),
      alive() {
        try {
          process.kill(running.pid, 0)
          return true
        } catch {
          return false
        }
      },
      async close() {
        await running.stop()
        await dns?.stop()
        process.off('exit', orphans)
        if (process.env.CSXMPP_KEEP_TEST_DIR) await writeFile(join(dir, 'gateway.log'), running.lines.map((l) => JSON.stringify(l)).join('\n'))
        else await rm(dir, {recursive: true, force: true})
      },
    }
  } catch (error) {
    await gateway?.stop()
    await dns?.stop()
    process.off('exit', orphans)
    await rm(dir, {recursive: true, force: true})
    throw error
  }
}
