import assert from 'node:assert/strict'
import {performance} from 'node:perf_hooks'
import {test} from 'node:test'
import {parseMessage} from '../../../src/gateway/sip/parse.js'

/**
 * SIP parsing costs time linear in the message's size (issue 12, item 6): for every header the
 * parser gives a structure, values shaped to make a backtracking parser work hardest, from 1 KB to
 * 64 KB. Only ratios are asserted, never absolute times: at each size n from 8 KB, the time of n over
 * the time of n/8 must stay under 8 × 3 (a quadratic parser gives 64). The `sip` package's parser
 * failed this for every Digest header, Authentication-Info, Via, Contact and Route lists, and
 * whitespace before the start line.
 */

const repeat = (unit: string, bytes: number): string => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)))

/** Each shape is a header name and a value of about n bytes. */
const SHAPES: ReadonlyArray<readonly [string, string, (n: number) => string]> = [
  ['Via', 'SIP tokens repeated', (n) => repeat('SIP/2.0/UDP', n)],
  ['Via', 'one long protocol token', (n) => `SIP/2.0/${repeat('U', n)}`],
  ['Via', 'many parameters', (n) => `SIP/2.0/UDP h${repeat(';a', n)}`],
  ['Via', 'an unclosed quoted parameter', (n) => `SIP/2.0/UDP h;a="${repeat('b', n)}`],
  ['Via', 'many values', (n) => repeat('SIP/2.0/UDP h;b=1,', n)],
  ['To', 'a semicolon, then words', (n) => `;${repeat('a ', n)}`],
  ['To', 'an unclosed <', (n) => `<${repeat('a', n)}`],
  ['From', 'an unclosed quoted display name', (n) => `"${repeat('a', n)}`],
  ['From', 'words and no <', (n) => repeat('a ', n)],
  ['Contact', 'many values', (n) => repeat('<sip:a@b>,', n)],
  ['Contact', 'many values with parameters', (n) => repeat('<sip:a@b>;q=1,', n)],
  ['Contact', 'a semicolon, then words', (n) => `;${repeat('a ', n)}`],
  ['Route', 'many values', (n) => repeat('<sip:a@b>,', n)],
  ['Record-Route', 'many values', (n) => repeat('<sip:a@b>,', n)],
  ['Path', 'many values with parameters', (n) => repeat('<sip:a@b;lr>,', n)],
  ['Route', 'a long URI', (n) => `<sip:${repeat('a', n)}>`],
  ['CSeq', 'digits', (n) => repeat('1', n)],
  ['CSeq', 'spaces', (n) => `1${repeat(' ', n)}`],
  ['Proxy-Authorization', 'Digest without =', (n) => `Digest ${repeat('a', n)}`],
  ['Proxy-Authorization', 'an unclosed quoted value', (n) => `Digest a="${repeat('b', n)}`],
  ['Proxy-Authorization', 'many values', (n) => repeat('Digest a=b,', n)],
  ['Authorization', 'Digest without =', (n) => `Digest ${repeat('a', n)}`],
  ['WWW-Authenticate', 'Digest without =', (n) => `Digest ${repeat('a', n)}`],
  ['Proxy-Authenticate', 'many fields', (n) => `Digest ${repeat('a=b,', n)}`],
  ['Authentication-Info', 'no =', (n) => repeat('a', n)],
  ['Content-Length', 'digits', (n) => repeat('1', n)],
  ['Subject', 'text', (n) => repeat('a', n)],
]

const message = (name: string, value: string): string =>
  `MESSAGE sip:romeo@gw.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: 1\r\nCSeq: 1 MESSAGE\r\n${name}: ${value}\r\nContent-Length: 0\r\n\r\n`

/** WHOLE_MESSAGE shapes are whole messages of about n bytes. */
const WHOLE_MESSAGE: ReadonlyArray<readonly [string, (n: number) => string]> = [
  ['leading whitespace and no header block', (n) => `${repeat(' ', n)}x`],
  ['a long request line', (n) => `MESSAGE ${repeat('a', n)} SIP /\r\n\r\n`],
  ['a status line with line feeds in its reason', (n) => `SIP/2.0 200 ${repeat(' \n', n)}x\r\n\r\n`],
  ['a header name without colon', (n) => `MESSAGE sip:a@b SIP/2.0\r\nX${repeat('a', n)}\r\n\r\n`],
]

/** seconds is the best of five timings of parsing text, each repeated until it lasts a few milliseconds. */
function seconds(text: string): number {
  let reps = 1
  for (let t = 0; t < 0.002 && reps < 1 << 16; reps *= 2) {
    const started = performance.now()
    for (let i = 0; i < reps; i++) parseMessage(text)
    t = (performance.now() - started) / 1000
  }
  let best = Infinity
  for (let run = 0; run < 5; run++) {
    const started = performance.now()
    for (let i = 0; i < reps; i++) parseMessage(text)
    best = Math.min(best, (performance.now() - started) / 1000 / reps)
  }
  return best
}

const SIZES = [1024, 2048, 4096, 8192, 16_384, 32_768, 65_536]
const BOUND = 8 * 3

/** assertLinear measures sizes upward and stops at the first size whose time grew past the bound (so a quadratic parser fails early). */
function assertLinear(make: (n: number) => string): void {
  const times: number[] = []
  for (const [i, n] of SIZES.entries()) {
    times.push(seconds(make(n)))
    if (i < 3) continue
    let ratio = times[i]! / times[i - 3]!
    // A pause of the machine (GC, the other test files running beside this one) can spoil one pair of
    // timings; a quadratic parser fails every new measurement too, so a ratio over the bound is measured
    // again, at most twice, before it counts.
    for (let again = 0; again < 2 && ratio >= BOUND; again++) {
      times[i] = Math.min(times[i]!, seconds(make(n)))
      ratio = times[i]! / times[i - 3]!
    }
    assert.ok(ratio < BOUND, `time(${n / 1024} KB) / time(${n / 8192} KB) = ${ratio.toFixed(1)}; times in µs: ${times.map((t) => (t * 1e6).toFixed(1)).join(', ')}`)
  }
}

for (const [name, shape, value] of SHAPES) {
  test(`parsing ${name} with ${shape} takes time linear in its size`, () => assertLinear((n) => message(name, value(n))))
}

for (const [shape, make] of WHOLE_MESSAGE) {
  test(`parsing a message with ${shape} takes time linear in its size`, () => assertLinear(make))
}
