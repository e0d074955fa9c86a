import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {ConfigStore} from '../store/index.js'
import {median} from './timing.js'
import {type CommandArgument, bindArguments} from '../src/binding/binder.js'
import {parseCsv} from '../src/format/csv.js'
import {DEFAULT_PREFERENCES, createContext} from '../src/cmdlets/context.js'
import {findCmdlet} from '../src/cmdlets/registry.js'
import {StatementBatch} from '../src/host/statement-batch.js'
import {createScriptHost} from '../src/host/script-host.js'
import {ShellSession, SourceText, parseScript} from '../src/shell/index.js'

/**
 * The management shell's benchmarks (issue 4), ratios measured side by side in one run:
 *  1. a 10,000-partner CSV import script run by the interpreter, against the same import written as
 *     a program that reads the CSV and makes the 10,000 New-CsXmppAllowedPartner calls in-process
 *     without the interpreter (target ≤ 1.3×); both in this process, both one store commit;
 *  2. parsing a 10,000-statement script (the parser-choice figure of the README).
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10000)
const SCRIPT = `$rows = Import-Csv partners.csv
foreach ($row in $rows) {
    New-CsXmppAllowedPartner -Identity $row.Domain -PartnerType $row.Type -SaslNegotiation NotSupported | Out-Null
}`


const silent = {out: () => undefined, err: (t: string) => void process.stderr.write(t), color: false, width: 120, interactive: false, prompt: async () => undefined}

async function throughInterpreter(dir: string): Promise<number> {
  const store = new ConfigStore(path.join(dir, `script-${Math.random()}.json`))
  const session = new ShellSession({console: silent, host: createScriptHost(store, 'bench')})
  const cwd = process.cwd()
  process.chdir(dir)
  const start = performance.now()
  const code = await session.run(new SourceText(SCRIPT, 'import.ps1'))
  const elapsed = performance.now() - start
  process.chdir(cwd)
  if (code !== 0) throw new Error(`the import script failed with ${code}`)
  return elapsed
}

/**
 * withoutInterpreter is the same import written as a program: read the CSV, then for each row bind
 * the New- call's arguments with the binder and run the cmdlet, all in one store batch. Only the
 * interpreter (parsing, evaluating, pipelines) is missing.
 */
async function withoutInterpreter(dir: string): Promise<number> {
  const store = new ConfigStore(path.join(dir, `direct-${Math.random()}.json`))
  const definition = findCmdlet('New-CsXmppAllowedPartner')!
  const host = {writeObject: () => undefined, writeError: () => undefined, writeWarning: () => undefined, writeVerbose: () => undefined, writeWhatIf: () => undefined, prompt: async () => undefined}
  const value = (v: unknown): CommandArgument => ({kind: 'value', value: {kind: 'value', value: v}})
  const named = (name: string): CommandArgument => ({kind: 'parameter', name})
  const start = performance.now()
  const {objects} = parseCsv(readFileSync(path.join(dir, 'partners.csv'), 'utf8'))
  const batch = new StatementBatch(store)
  for (const row of objects) {
    const args = [named('Identity'), value(row.get('Domain')), named('PartnerType'), value(row.get('Type')), named('SaslNegotiation'), value('NotSupported')]
    const binding = bindArguments(definition, args)
    const session = await batch.session(definition.name, true)
    await definition.process(createContext(definition, binding.parameterSets[0]!, binding.values, session, host, DEFAULT_PREFERENCES))
  }
  await batch.end()
  return performance.now() - start
}


/** parseTime is the median time to parse a 10,000-statement script of typical admin statements. */
function parseTime(): number {
  const lines = Array.from({length: 10_000}, (_, i) =>
    [
      `New-CsXmppAllowedPartner -Identity "p${i}.example" -TlsNegotiation Optional -AdditionalDomains @{Add="a${i}.example","b.example"} | Out-Null`,
      `$x = $h["k"] + ${i} * 2; if ($x -gt 5) { "big $x" }`,
      "Get-CsXmppAllowedPartner | Where-Object { $_.PartnerType -eq 'Federated' } | ForEach-Object Identity",
    ][i % 3],
  )
  const text = lines.join('\n')
  const times = Array.from({length: ROUNDS * 2 + 1}, () => {
    const start = performance.now()
    parseScript(new SourceText(text))
    return performance.now() - start
  })
  return median(times)
}

function row(label: string, value: number, baseline: number, target: number): string {
  const ratio = (value / baseline).toFixed(2)
  return `${label.padEnd(62)} ${value.toFixed(1).padStart(8)} ms ${baseline.toFixed(1).padStart(8)} ms ${ratio.padStart(6)}×  (target ≤ ${target}×)`
}

const dir = mkdtempSync(path.join(tmpdir(), 'csxmpp-shell-bench-'))
try {
  const rows: Array<[string, string]> = Array.from({length: PARTNERS}, (_, i) => [`p${i}.example`, i % 2 ? 'Federated' : 'PublicVerified'])
  const csv = ['#TYPE Selected.System.Management.Automation.PSCustomObject', '"Domain","Type"', ...rows.map(([d, t]) => `"${d}","${t}"`)].join('\r\n')
  writeFileSync(path.join(dir, 'partners.csv'), `${csv}\r\n`)
  console.log(`csxmpp shell benchmarks, node ${process.version}, ${ROUNDS} rounds each, medians`)
  console.log(`${'measurement'.padEnd(62)} ${'value'.padStart(11)} ${'baseline'.padStart(11)}  ratio`)
  await throughInterpreter(dir)
  await withoutInterpreter(dir) // warm up both; not counted
  const scripted: number[] = []
  const direct: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    scripted.push(await throughInterpreter(dir))
    direct.push(await withoutInterpreter(dir))
  }
  console.log(row(`${PARTNERS} partners: Import-Csv + foreach script vs direct New- calls`, median(scripted), median(direct), 1.3))
  console.log(`${'parse a 10,000-statement script'.padEnd(62)} ${parseTime().toFixed(1).padStart(8)} ms`)
} finally {
  rmSync(dir, {recursive: true, force: true})
}
