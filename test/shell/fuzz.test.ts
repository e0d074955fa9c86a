import assert from 'node:assert/strict'
import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {bindArguments, checkMandatory, checkNotEmpty} from '../../src/binding/binder.js'
import {readArgvValue} from '../../src/binding/argv-value.js'
import {LYNC_CMDLETS} from '../../src/cmdlets/index.js'
import {ErrorRecord} from '../../src/errors.js'
import {formatErrorRecord} from '../../src/format/error-view.js'
import {argvArguments} from '../../src/host/argv-arguments.js'
import {createScriptHost} from '../../src/host/script-host.js'
import {checkScript} from '../../src/shell/check.js'
import {Scanner, SourceText, parseScript} from '../../src/shell/index.js'
import {UTILITY_COMMANDS} from '../../src/shell/utility/index.js'
import {compileOperatorWildcard} from '../../src/values/wildcard-errors.js'
import {CASES as CONFORMANCE} from '../conformance/cases.js'
import {ROOT} from '../helpers/csxmpp.js'
import {type Rng, below, envNumber, pick, seeded} from '../helpers/random.js'
import {ConfigStore} from '../../store/index.js'

/**
 * Issue 13: a seeded, in-process fuzz of what reads text typed by admins (powershell.md §8.1, §5.3):
 * the scanner, parser and before-running check on script text, the wildcard matcher, and the argv
 * binder against the real Lync cmdlet signatures. Inputs are the repository's scripts and the
 * conformance cases, mutated the way copied admin scripts break (typographic quotes and dashes,
 * backticks, here-string headers, CR, NUL, surrogate halves, splices, deep nesting), each at most 4 KiB. Every failure
 * must be an ErrorRecord that renders; anything else, or an input taking over a second, fails with
 * the seed, case index and input to replay it. CSXMPP_FUZZ_SEED replays a run; CSXMPP_FUZZ_CASES
 * scales it (the default, 25,000 per area, gives 100,000 inputs).
 */

const SEED = envNumber('CSXMPP_FUZZ_SEED', 20261213)
const CASES = envNumber('CSXMPP_FUZZ_CASES', 25_000)
const MAX_INPUT = 4096
const SLOW_MS = 1000

/** Text PowerShell treats specially, and the look-alikes pasted from documents (§2.9). */
const SIGNIFICANT = [
  "'", '"', '‘', '’', '‚', '‛', '“', '”', '„', '–', '—', '―', '`', '$', '${', '$(', '@{', '@(', '@', '(', ')', '{', '}', '[', ']', '|', '#', '<#', '#>',
  '@"\n', '\n"@', "@'\n", "\n'@", '\r', '\n', '\r\n', '\0', '\ud800', '\udc00', ';', ',', '-', '--', '-eq', '-like', '::', '.', '..', '&', '2>&1', '>',
  '=', '+=', '*', '?', '!', '%', ':', '\t', ' ', '\u00a0', '`n', '`', 'param(', 'function f', 'switch (', 'foreach ($x in ', 'try {', '} catch {',
  '[int]', '[string[]]', '#Requires -Version 2', 'class ', '-Filter', 'Get-CsXmppAllowedPartner', '😀',
]

/** Tokens that open a nested construct; a long run of one must be a parse error, not a stack overflow. */
const OPENERS = ['(', '@(', '$(', '"$(', '{', '& {', '[', '!', '-', '-not ', '@{a=', '$a[', '-(', 'f (', 'if (1) {', ',']

/** scripts are the mutation seeds: every script.ps1 under test/scripts and the conformance scripts. */
function seedScripts(): string[] {
  const dir = path.join(ROOT, 'test/scripts')
  const files = readdirSync(dir, {recursive: true, encoding: 'utf8'}).filter((f) => path.basename(f) === 'script.ps1')
  const conformance = CONFORMANCE.flatMap((c) => [c.script ?? '', ...(c.scripts ?? []).map((s) => s.text)]).filter((s) => s !== '')
  return [...files.map((f) => readFileSync(path.join(dir, f), 'utf8')), ...conformance]
}

/** argvSeeds are the conformance cases' bash lines, split as bash would split the simple ones. */
function argvSeeds(): string[][] {
  const lines = CONFORMANCE.flatMap((c) => c.bash ?? []).filter((l) => l.startsWith('csxmpp '))
  return lines.map((l) => (l.slice('csxmpp '.length).match(/'[^']*'|"[^"]*"|\S+/g) ?? []).map((w) => w.replace(/^'(.*)'$|^"(.*)"$/s, '$1$2')))
}

/** mutate applies one to four of the mutations to text, then cuts it to MAX_INPUT. */
function mutate(rng: Rng, text: string, others: readonly string[]): string {
  let out = text
  for (let n = 1 + below(rng, 4); n > 0; n--) {
    const at = below(rng, out.length + 1)
    const span = 1 + below(rng, 16)
    switch (below(rng, 8)) {
      case 0: // insert a significant token
        out = out.slice(0, at) + pick(rng, SIGNIFICANT) + out.slice(at)
        break
      case 1: // insert a random code unit
        out = out.slice(0, at) + String.fromCharCode(below(rng, rng() < 0.8 ? 128 : 0x10000)) + out.slice(at)
        break
      case 2: // delete a range
        out = out.slice(0, at) + out.slice(at + span)
        break
      case 3: // duplicate a range
        out = out.slice(0, at + span) + out.slice(at)
        break
      case 4: { // swap two code units
        const other = below(rng, out.length + 1)
        const chars = out.split('')
        ;[chars[at], chars[other]] = [chars[other] ?? '', chars[at] ?? '']
        out = chars.join('')
        break
      }
      case 5: { // splice another script in
        const donor = pick(rng, others)
        const from = below(rng, donor.length + 1)
        out = out.slice(0, at) + donor.slice(from, from + below(rng, 256)) + out.slice(at)
        break
      }
      case 6: // now and then, nest deeply: a run of one opening token (overflowing costs time, so rarely)
        if (rng() < 0.15) out = out.slice(0, at) + pick(rng, OPENERS).repeat(1 + below(rng, 640)) + out.slice(at)
        break
      default: // replace a character by a look-alike or a significant one
        out = out.slice(0, at) + pick(rng, SIGNIFICANT) + out.slice(at + 1)
    }
  }
  return out.slice(0, MAX_INPUT)
}

/** caseRng gives each case its own generator, so one case replays without the ones before it. */
function caseRng(area: number, index: number): Rng {
  return seeded((SEED ^ Math.imul(area + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0)
}

/** expectRecord runs one input: it may succeed or throw an ErrorRecord that renders, nothing else, quickly. */
function expectRecord(area: string, index: number, input: unknown, run: () => void): void {
  const started = performance.now()
  try {
    run()
  } catch (error) {
    const replay = `${area}: CSXMPP_FUZZ_SEED=${SEED} case ${index} input ${JSON.stringify(input)}`
    if (!(error instanceof ErrorRecord)) assert.fail(`${replay} threw ${error instanceof Error ? error.stack : String(error)}`)
    assert.equal(typeof formatErrorRecord(error), 'string', replay)
  }
  const took = performance.now() - started
  if (took > SLOW_MS) assert.fail(`${area}: CSXMPP_FUZZ_SEED=${SEED} case ${index} took ${Math.round(took)} ms: ${JSON.stringify(input)}`)
}

/** scanAll reads every token of a text in one mode; the scanner must always move forward. */
function scanAll(text: string, mode: 'expression' | 'argument'): void {
  const scanner = new Scanner(new SourceText(text, 't.ps1'))
  for (let tokens = 0; tokens <= text.length + 1; tokens++) {
    const before = scanner.position
    if (scanner.next(mode).kind === 'eof') return
    assert.ok(scanner.position > before, `the scanner did not move at ${before}`)
  }
  assert.fail('the scanner read more tokens than characters')
}

test(`fuzz: scanner, parser and check on mutated scripts (seed ${SEED}, ${CASES} cases)`, () => {
  const scripts = seedScripts()
  // The check reads the registry and the Lync catalogue; it never opens the store.
  const check = {utilities: UTILITY_COMMANDS, host: createScriptHost(new ConfigStore(path.join(ROOT, 'no-such-dir', 'store.json')), '0.0.0')}
  assert.ok(scripts.length > 100, `only ${scripts.length} seed scripts`)
  for (let index = 0; index < CASES; index++) {
    const rng = caseRng(0, index)
    const text = mutate(rng, pick(rng, scripts), scripts)
    expectRecord('scanner', index, text, () => scanAll(text, index % 2 === 0 ? 'expression' : 'argument'))
    expectRecord('parser', index, text, () => checkScript(parseScript(new SourceText(text, 't.ps1')), check))
  }
})

test(`fuzz: the wildcard matcher (seed ${SEED}, ${CASES} cases)`, () => {
  const alphabet = ['*', '?', '[', ']', '-', '`', 'a', 'A', 'z', '.', '\\', '^', '$', '(', '|', '😀', '\ud800', 'ß', 'İ', '\0', ...SIGNIFICANT]
  const piece = (rng: Rng) => Array.from({length: below(rng, 24)}, () => pick(rng, alphabet)).join('')
  for (let index = 0; index < CASES; index++) {
    const rng = caseRng(1, index)
    const pattern = piece(rng)
    const text = rng() < 0.1 ? 'a'.repeat(below(rng, MAX_INPUT)) : piece(rng)
    expectRecord('wildcard', index, {pattern, text}, () => {
      assert.equal(typeof compileOperatorWildcard(pattern, rng() < 0.5).matches(text), 'boolean')
    })
  }
})

test(`fuzz: the argv binder against the Lync cmdlets (seed ${SEED}, ${CASES} cases)`, () => {
  const seeds = argvSeeds()
  const values = seeds.flat()
  const cmdlets = LYNC_CMDLETS.map((definition) => ({definition, parameters: definition.parameters}))
  for (let index = 0; index < CASES; index++) {
    const rng = caseRng(2, index)
    const {definition, parameters} = pick(rng, cmdlets)
    const raw = mutate(rng, pick(rng, values), values).slice(0, 256)
    const parameter = pick(rng, parameters)
    expectRecord('argv value', index, {cmdlet: definition.name, parameter: parameter.name, raw}, () => void readArgvValue(raw, parameter, definition.name))
    const elements = rng() < 0.3 ? pick(rng, seeds).map((e) => (rng() < 0.3 ? mutate(rng, e, values) : e)) : randomArgv(rng, parameters, values)
    expectRecord('argv binding', index, {cmdlet: definition.name, elements}, () => {
      const binding = bindArguments(definition, argvArguments(elements), {argv: true})
      const set = binding.parameterSets[0]!
      checkMandatory(definition, set, new Set(binding.values.keys()))
      checkNotEmpty(definition, set, binding.values)
    })
  }
})

/** randomArgv builds up to eight elements: parameter tokens of the cmdlet (some cut or mistyped) and values. */
function randomArgv(rng: Rng, parameters: readonly {name: string}[], values: readonly string[]): string[] {
  return Array.from({length: below(rng, 9)}, () => {
    const name = pick(rng, parameters).name
    switch (below(rng, 4)) {
      case 0:
        return `-${name.slice(0, 1 + below(rng, name.length))}`
      case 1:
        return `-${name}:${mutate(rng, pick(rng, values), values).slice(0, 64)}`
      case 2:
        return pick(rng, SIGNIFICANT) + name
      default:
        return mutate(rng, pick(rng, values), values).slice(0, 64)
    }
  })
}
