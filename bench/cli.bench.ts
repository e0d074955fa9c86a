import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {ConfigStore} from '../store/index.js'
import {median, time} from './timing.js'
import {newPartnerRecord} from '../src/cmdlets/xmpp-allowed-partner/object.js'

/**
 * csxmpp's command-line benchmarks. Every figure is a median of ROUNDS runs taken round-robin with its
 * baseline, in one run of this script, so the ratios hold on any machine:
 *  1. cold start of `csxmpp Get-CsXmppGatewayConfiguration` and of `csxmpp -Command
 *     "Get-CsXmppGatewayConfiguration"` against `node -e ''` (target ≤ 2.0× each), all three
 *     round-robin, on a store file that exists (so it is read and validated);
 *  2. one Set-CsXmppAllowedPartner on a store of 10,000 partners against the same on a store of one
 *     partner (target ≤ 1.5×);
 *  3. the floor of (2): a bare node process that only reads, parses, re-serialises and renames the
 *     same two files, no validation and no lock. Its difference is what any whole-file JSON store
 *     pays at 10,000 partners, and it is shown beside csxmpp's difference.
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
// Each benchmark partner has this many additional domains (the domain checks scale with them).
const EXTRA_DOMAINS = ['a', 'b'].slice(0, Number(process.env.BENCH_ADDITIONAL_DOMAINS ?? 0))
const REWRITE_ONLY = `
const {readFileSync, writeFileSync, renameSync} = require('node:fs'); const f = process.argv[1]
const d = JSON.parse(readFileSync(f, 'utf8')); d.xmppAllowedPartners['p0.example'].Description = String(Date.now())
writeFileSync(f + '.tmp', JSON.stringify(d, null, 2)); renameSync(f + '.tmp', f)`
const BIN = fileURLToPath(new URL('../bin/run.js', import.meta.url))



async function storeWith(partners: number): Promise<{path: string; cleanup(): void}> {
  const dir = mkdtempSync(path.join(tmpdir(), 'csxmpp-bench-'))
  const file = path.join(dir, 'store.json')
  await new ConfigStore(file).transaction((tx) => {
    for (let i = 0; i < partners; i++) {
      const id = `p${i}.example`
      tx.document.xmppAllowedPartners[id] = {...newPartnerRecord(id), SaslNegotiation: 'Optional', AdditionalDomains: EXTRA_DOMAINS.map((d) => `${d}.${id}`)}
    }
    tx.markChanged()
  })
  return {path: file, cleanup: () => rmSync(dir, {recursive: true, force: true})}
}

/** compare runs commands round-robin and returns their medians, in order. */
function compare(...runs: Array<() => number>): number[] {
  for (const run of runs) run() // warm the file cache; not counted
  const samples = runs.map((): number[] => [])
  for (let i = 0; i < ROUNDS; i++) runs.forEach((run, j) => samples[j]!.push(run()))
  return samples.map(median)
}

function row(label: string, value: number, baseline: number, target: number): string {
  const ratio = value / baseline
  return `${label.padEnd(68)} ${value.toFixed(1).padStart(7)} ms  ${baseline.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2).padStart(5)}×  (target ≤ ${target.toFixed(1)}×)`
}

const fresh = await storeWith(0)
const one = await storeWith(1)
const big = await storeWith(10000)
try {
  console.log(`csxmpp benchmarks, node ${process.version}, ${ROUNDS} rounds each, medians`)
  console.log(`${'measurement'.padEnd(68)} ${'value'.padStart(10)}  ${'baseline'.padStart(10)}  ratio`)
  const getConfiguration = (...args: string[]) => () => time([BIN, ...args, 'Get-CsXmppGatewayConfiguration'], {CSXMPP_STORE: fresh.path})
  const [node, cold, command] = compare(() => time(['-e', '']), getConfiguration(), getConfiguration('-Command')) as [number, number, number]
  console.log(row("cold start Get-CsXmppGatewayConfiguration vs node -e ''", cold, node, 2.0))
  console.log(row(`cold start -Command "Get-CsXmppGatewayConfiguration" vs node -e ''`, command, node, 2.0))
  let n = 0
  const set = (store: string) => () => time([BIN, 'Set-CsXmppAllowedPartner', 'p0.example', '-Description', `run ${n++}`], {CSXMPP_STORE: store})
  const [large, small] = compare(set(big.path), set(one.path)) as [number, number]
  console.log(row(`Set-CsXmppAllowedPartner, 10,000 partners vs 1 partner`, large, small, 1.5))
  const [floorLarge, floorSmall] = compare(() => time(['-e', REWRITE_ONLY, big.path]), () => time(['-e', REWRITE_ONLY, one.path])) as [number, number]
  console.log(`${'  difference: csxmpp'.padEnd(68)} ${(large - small).toFixed(1).padStart(7)} ms`)
  console.log(`${'  difference: bare read+parse+stringify+rename, same files'.padEnd(68)} ${(floorLarge - floorSmall).toFixed(1).padStart(7)} ms  (${floorLarge.toFixed(1)} vs ${floorSmall.toFixed(1)} ms)`)
  console.log(`partners have ${EXTRA_DOMAINS.length} additional domains each (BENCH_ADDITIONAL_DOMAINS)`)
} finally {
  fresh.cleanup()
  one.cleanup()
  big.cleanup()
}
