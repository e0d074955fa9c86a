import {readFileSync} from 'node:fs'
import {ConfigStore} from '../store/index.js'
import {newPartnerRecord} from '../src/cmdlets/xmpp-allowed-partner/object.js'
import {type C2sClient, connectClient} from '../test/helpers/federation/c2s-client.js'
import {missingTool, startWorld} from '../test/helpers/federation/world.js'
import {openIdleStreams} from './gateway/idle-streams.js'
import {startSipSink} from './gateway/sip-sink.js'
import {median} from './timing.js'

/**
 * The gateway's benchmarks (issue 5), side by side with Prosody in one run, with the same load
 * generator, on loopback (interop README §10 for the method):
 *  1. messages/s of Prosody A → gateway → SIP against Prosody A → Prosody B → c2s (target ≥ 1.0×),
 *     with the CPU each server spent per message;
 *  2. one-message-at-a-time latency p50/p99 of both paths, and what the gateway adds;
 *  3. memory per idle authenticated s2s stream with 1,000 streams open, gateway against Prosody B
 *     (measured first, before any message burst has grown the heaps);
 *  4. hot-reload time with 10,000 partners and those 1,000 streams live (target p99 < 100 ms).
 */

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY ?? 300)
const IDLE_STREAMS = Number(process.env.BENCH_IDLE ?? 1000)
const RELOADS = Number(process.env.BENCH_RELOADS ?? 30)
const PARTNERS = 10_000

const reason = missingTool()
if (reason) throw new Error(`the gateway benchmark needs ${reason}`)

const world = await startWorld({
  peers: [
    {domain: 'a.test', mode: 'secure'},
    {domain: 'b.test', mode: 'secure'},
  ],
  setup: `
Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True
New-CsSipDomain -Identity gw.test
$certificate = Import-CsCertificate -Type XmppServer -Path $GatewayCertificate -PrivateKeyPath $GatewayKey
Set-CsCertificate -Type XmppServer -Thumbprint $certificate.Thumbprint
Set-CsExternalAccessPolicy -Identity Global -EnableXmppAccess $true
Set-CsXmppGatewayConfiguration -ConnectionLimit 10000 -PartnerConnectionLimit 10000
Enable-CsUser -Identity Romeo -SipAddress sip:romeo@gw.test
New-CsXmppAllowedPartner -Identity a.test -TlsNegotiation Required -SaslNegotiation Required -SupportDialbackNegotiation $false -PartnerType Federated
`,
  prepareStore: (path) =>
    new ConfigStore(path).transaction((tx) => {
      for (let i = 0; i < PARTNERS; i++) {
        const id = `p${i}.peers.test`
        tx.document.xmppAllowedPartners[id] = {...newPartnerRecord(id), PartnerType: 'Federated', EnableKeepAlive: false}
      }
      tx.markChanged()
    }),
  gatewayArgs: (address) => ['-ListenAddress', address(5), '-SipListenAddress', address(5), '-SipPort', '5060', '-SipTransport', 'Tcp', '-TrustedSipHost', address(10), '-SipNextHop', `${address(10)}:5060`],
})

/** Arrivals: each received body is `b <n> <sent at, ms>`; waiters hear every arrival. */
let arrived = 0
let lastLatency = 0
const onBody = (body: string): void => {
  arrived++
  lastLatency = performance.now() - Number(body.split(' ')[2])
}
const sink = await startSipSink(world.address(10), 5060, onBody)
const a = world.peers.get('a.test')!
const b = world.peers.get('b.test')!
const sender = await connectClient(a.address, 'alice', 'a.test', 'secret')
const receiver = await connectClient(b.address, 'alice', 'b.test', 'secret', (stanza) => onBody(stanza.getChildText('body') ?? ''))

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024
}

async function waitArrivals(count: number, ms: number): Promise<void> {
  const deadline = performance.now() + ms
  while (arrived < count) {
    if (performance.now() > deadline) throw new Error(`only ${arrived} of ${count} messages arrived`)
    await new Promise((r) => setTimeout(r, 1))
  }
}

interface Path {
  readonly name: string
  readonly to: string
  readonly serverPid: number
}
const PATHS: readonly Path[] = [
  {name: 'Prosody A → Prosody B → c2s', to: 'alice@b.test', serverPid: b.pid},
  {name: 'Prosody A → csxmpp → SIP', to: 'romeo@gw.test', serverPid: world.gateway.pid},
]

/** blast sends n messages as fast as the socket takes them and times their arrival. */
async function blast(client: C2sClient, path: Path, n: number): Promise<{rate: number; cpuA: number; cpuServer: number}> {
  arrived = 0
  const cpu = [cpuMs(a.pid), cpuMs(path.serverPid)]
  const started = performance.now()
  for (let i = 0; i < n; i++) if (!client.send(path.to, `b ${i} ${performance.now()}`, `m${i}`)) await client.drain()
  await waitArrivals(n, 120_000)
  const seconds = (performance.now() - started) / 1000
  return {rate: n / seconds, cpuA: ((cpuMs(a.pid) - cpu[0]!) * 1000) / n, cpuServer: ((cpuMs(path.serverPid) - cpu[1]!) * 1000) / n}
}

async function latencies(client: C2sClient, path: Path, n: number): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    arrived = 0
    client.send(path.to, `b ${i} ${performance.now()}`, `l${i}`)
    await waitArrivals(1, 10_000)
    samples.push(lastLatency)
  }
  return samples
}

const percentile = (values: number[], p: number): number => [...values].sort((x, y) => x - y)[Math.min(values.length - 1, Math.floor(values.length * p))]!

try {
  console.log(`csxmpp gateway benchmarks, node ${process.version}, Prosody from Debian; ${MESSAGES} messages × ${ROUNDS} rounds, medians`)
  // Memory first, on processes whose heaps no message burst has grown yet.
  const peerCertificate = await world.pki.issue('peers.test')
  const domains = Array.from({length: IDLE_STREAMS}, (_, i) => `p${i}.peers.test`)
  const memory: string[] = []
  for (const [name, host, to, pid] of [['csxmpp', world.address(5), 'gw.test', world.gateway.pid], ['Prosody', b.address, 'b.test', b.pid]] as const) {
    const before = rssMb(pid)
    const streams = await openIdleStreams(host, to, domains, peerCertificate)
    await new Promise((r) => setTimeout(r, 2000))
    const perStream = ((rssMb(pid) - before) * 1024) / streams.count
    memory.push(`${name} ${perStream.toFixed(1)} KiB`)
    if (name === 'csxmpp' && RELOADS > 0) {
      const reloads: number[] = []
      const applies: number[] = []
      // The first three reloads warm the code up and are not counted, as the throughput runs' first 50 messages.
      for (let i = -3; i < RELOADS; i++) {
        const from = world.gateway.lines.length
        await new ConfigStore(`${world.dir}/store.json`).transaction((tx) => {
          tx.document.xmppAllowedPartners['p5000.peers.test']!.Description = `reload ${i}`
          tx.markChanged()
        })
        const line = await world.gateway.waitForLog((l) => l.msg === 'config reloaded', 10_000, from)
        if (i >= 0) reloads.push(line.reloadMs as number)
        if (i >= 0) applies.push(line.applyMs as number)
      }
      console.log(`hot reload, ${PARTNERS} partners, ${streams.count} live streams: p50 ${percentile(reloads, 0.5).toFixed(1)} ms  p99 ${percentile(reloads, 0.99).toFixed(1)} ms  (target p99 < 100 ms)`)
      console.log(`  of which applying it to the gateway (the rest is reading and validating the file): p50 ${percentile(applies, 0.5).toFixed(1)} ms  p99 ${percentile(applies, 0.99).toFixed(1)} ms`)
    }
    streams.close()
  }
  console.log(`memory per idle s2s stream (TLS, SASL EXTERNAL), ${IDLE_STREAMS} streams, RSS: ${memory.join(', ')}`)
  for (const path of PATHS) await blast(sender, path, 50) // connection set-up and warm-up, not counted
  const runs = new Map<Path, Array<{rate: number; cpuA: number; cpuServer: number}>>(PATHS.map((p) => [p, []]))
  for (let round = 0; round < ROUNDS; round++) for (const path of PATHS) runs.get(path)!.push(await blast(sender, path, MESSAGES))
  const rates = PATHS.map((p) => median(runs.get(p)!.map((r) => r.rate)))
  for (const path of PATHS) {
    const r = runs.get(path)!
    console.log(`${path.name.padEnd(30)} ${median(r.map((x) => x.rate)).toFixed(0).padStart(7)} msg/s   CPU per message: A ${median(r.map((x) => x.cpuA)).toFixed(0)} µs, receiving server ${median(r.map((x) => x.cpuServer)).toFixed(0)} µs`)
  }
  console.log(`throughput csxmpp / Prosody: ${(rates[1]! / rates[0]!).toFixed(2)}×  (target ≥ 1.0×)`)

  const samples = new Map<Path, number[]>(PATHS.map((p) => [p, []]))
  for (let i = 0; i < 3; i++) for (const path of PATHS) samples.get(path)!.push(...(await latencies(sender, path, Math.ceil(LATENCY_SAMPLES / 3))))
  for (const path of PATHS) {
    const s = samples.get(path)!
    console.log(`latency ${path.name.padEnd(30)} p50 ${percentile(s, 0.5).toFixed(2)} ms  p99 ${percentile(s, 0.99).toFixed(2)} ms`)
  }
  const [prosody, gateway] = PATHS.map((p) => samples.get(p)!)
  console.log(`added by csxmpp instead of Prosody B: p50 ${(percentile(gateway!, 0.5) - percentile(prosody!, 0.5)).toFixed(2)} ms  p99 ${(percentile(gateway!, 0.99) - percentile(prosody!, 0.99)).toFixed(2)} ms`)

} finally {
  sender.close()
  receiver.close()
  await sink.stop()
  await world.close()
}
