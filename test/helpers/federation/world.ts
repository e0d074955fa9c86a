import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {type GatewayProcess, startGatewayProcess} from '../gateway-process.js'
import {runProcess, CSXMPP_BIN} from '../process.js'
import {loopbackBlock, skipUnlessTool} from '../sip/peers.js'
import {type LocalDns, startDns} from './dns.js'
import {type IssuedCertificate, type Pki, makePki} from './pki.js'
import {type Prosody, type ProsodyMode, startProsody} from './prosody.js'

/**
 * One federation on loopback for the end-to-end tests (interop README §2): a local DNS, a test CA,
 * Prosody servers in the chosen modes, and the real csxmpp gateway configured with its own cmdlets.
 * Every address is in a /24 of its own, so test files can run side by side; everything started is
 * stopped by its PID in close().
 */

/** PeerSpec is one Prosody server to start. */
export interface PeerSpec {
  readonly domain: string
  readonly mode: ProsodyMode
  readonly certificate?: 'valid' | 'self-signed' | 'wrong-name' | 'expired'
  readonly directTlsPort?: number
}

/** World is the running federation. */
export interface World {
  readonly dir: string
  readonly address: (n: number) => string
  readonly pki: Pki
  readonly gatewayCertificate: IssuedCertificate
  readonly peers: ReadonlyMap<string, Prosody>
  readonly gateway: GatewayProcess
  /** csxmpp runs a script against the gateway's store, as an admin would. */
  csxmpp(script: string): Promise<{stdout: string; stderr: string; code: number}>
  close(): Promise<void>
}

/** The gateway's domains: tls.gw.test is reached by XEP-0368 direct TLS only. */
export const GATEWAY_DOMAINS = ['gw.test', 'tls.gw.test'] as const

/** missingTool is the reason to skip the federation tests, or false; under CI a missing tool fails instead. */
export function missingTool(): string | false {
  return skipUnlessTool('prosody', 'prosody') || skipUnlessTool('dnsmasq', 'dnsmasq-base') || skipUnlessTool('sipp', 'sip-tester')
}

/** WorldOptions are the peers, the gateway's set-up script and its Start-CsXmppGateway arguments. */
export interface WorldOptions {
  readonly peers: readonly PeerSpec[]
  /** Runs before the gateway starts; `$GatewayCertificate` and `$GatewayKey` name its files. */
  readonly setup: string
  /** Runs after the set-up script, before the gateway starts (bulk store contents for benchmarks). */
  readonly prepareStore?: (storePath: string) => Promise<void>
  readonly gatewayArgs: (address: (n: number) => string) => string[]
}

/** startWorld starts everything; on failure it stops what it started. */
export async function startWorld(options: WorldOptions): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'csxmpp-federation-'))
  const address = loopbackBlock()
  const started: Array<{readonly pid: number; stop(): Promise<unknown>}> = []
  // If this process dies before close() (an uncaught error, a closed stdout pipe), its servers must not
  // outlive it: they would hold their addresses and fail the next run's port checks.
  const orphans = (): void => {
    for (const item of started) {
      try {
        process.kill(item.pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
  }
  process.once('exit', orphans)
  try {
    const pki = await makePki(dir)
    const gatewayCertificate = await pki.issue('gw.test')
    // Addresses: .5 the gateway, .10–.19 SIP peers, .20 upwards the Prosody servers in order, .53 DNS.
    const peerAddress = new Map(options.peers.map((p, i) => [p.domain, address(i + 20)]))
    const dns: LocalDns = await startDns(dir, address(53), {
      hosts: {'gw.test': address(5), 'tls.gw.test': address(5), ...Object.fromEntries(peerAddress)},
      srv: [
        {name: '_xmpps-server._tcp.tls.gw.test', target: 'tls.gw.test', port: 5270},
        ...options.peers.filter((p) => p.directTlsPort).map((p) => ({name: `_xmpps-server._tcp.${p.domain}`, target: p.domain, port: p.directTlsPort!})),
      ],
    })
    started.push(dns)
    const peers = new Map<string, Prosody>()
    for (const spec of options.peers) {
      const certificate = await pki.issue(spec.domain, spec.certificate ?? (spec.mode === 'dialback-tls' ? 'self-signed' : 'valid'))
      const prosody = await startProsody({
        dir,
        domain: spec.domain,
        address: peerAddress.get(spec.domain)!,
        mode: spec.mode,
        certificate,
        caFile: pki.caFile,
        resolvConf: dns.resolvConf,
        users: [{name: 'alice', password: 'secret'}],
        directTlsPort: spec.directTlsPort,
      })
      started.push(prosody)
      peers.set(spec.domain, prosody)
    }
    const csxmpp = (script: string) => runProcess(dir, process.execPath, [CSXMPP_BIN, '-NonInteractive', '-Command', script], 60_000)
    const setup = `$GatewayCertificate = '${gatewayCertificate.certFile}'\n$GatewayKey = '${gatewayCertificate.keyFile}'\n${options.setup}`
    const result = await csxmpp(setup)
    if (result.code !== 0) throw new Error(`the gateway set-up failed:\n${result.stdout}${result.stderr}`)
    await options.prepareStore?.(join(dir, 'store.json'))
    const gateway = await startGatewayProcess({
      dir,
      args: options.gatewayArgs(address),
      // CSXMPP_GATEWAY_NODE_OPTIONS profiles the gateway of a run (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof).
      env: {NODE_EXTRA_CA_CERTS: pki.caFile, CSXMPP_DNS_SERVERS: dns.address, NODE_OPTIONS: process.env.CSXMPP_GATEWAY_NODE_OPTIONS ?? ''},
    })
    started.push(gateway)
    return {
      dir,
      address,
      pki,
      gatewayCertificate,
      peers,
      gateway,
      csxmpp,
      async close() {
        for (const item of started.reverse()) await item.stop()
        process.off('exit', orphans)
        // CSXMPP_KEEP_TEST_DIR keeps the logs of a failed run to read (the Prosody logs, gateway.log).
        if (process.env.CSXMPP_KEEP_TEST_DIR) await writeFile(join(dir, 'gateway.log'), gateway.lines.map((l) => JSON.stringify(l)).join('\n'))
        else await rm(dir, {recursive: true, force: true})
      },
    }
  } catch (error) {
    for (const item of started.reverse()) await item.stop()
    process.off('exit', orphans)
    await rm(dir, {recursive: true, force: true})
    throw error
  }
}
