import assert from 'node:assert/strict'
import {test} from 'node:test'
import {run, tmpStore} from '../helpers/csxmpp.js'

/** The 18 rows of the matrix through New-CsXmppAllowedPartner: refused, warned or silent (cmdlets.md A5.1, A6.2, A6.3); row 1 is silent since the 2026-12 amendment. */

const SETTINGS = ['Required', 'Optional', 'NotSupported'] as const
const ID = 'row.example'
const INVALID_SASL = `Not a valid configuration for "${ID}": with SaslNegotiation NotSupported and SupportDialbackNegotiation False no authentication method is left. Allow SASL or dialback.`
const INVALID_TLS = `Not a valid configuration for "${ID}": SASL needs TLS, and with TlsNegotiation NotSupported and SupportDialbackNegotiation False no authentication method is left. Allow TLS or dialback.`
const ROW1_VERBOSE = `VERBOSE: Dialback will not be used with partner "${ID}": with TlsNegotiation Required and SaslNegotiation Required only SASL over TLS is accepted.\n`
const OPTIONAL_TLS = `WARNING: SASL needs TLS, but TlsNegotiation is Optional for partner "${ID}": if the partner does not negotiate TLS, SASL cannot be used and session negotiation may fail.\n`
const NO_TLS = `WARNING: SASL needs TLS, but TlsNegotiation is NotSupported for partner "${ID}": SASL will never be used; only TCP dialback is left.\n`

/** What each row does: '' silent, a warning line, or ['error', message]. */
const EXPECTED: Record<number, string | [string, string]> = {
  1: '', 2: '', 3: OPTIONAL_TLS, 4: OPTIONAL_TLS, 5: NO_TLS, 6: ['error', INVALID_TLS],
  7: '', 8: '', 9: OPTIONAL_TLS, 10: OPTIONAL_TLS, 11: NO_TLS, 12: ['error', INVALID_TLS],
  13: '', 14: ['error', INVALID_SASL], 15: '', 16: ['error', INVALID_SASL], 17: '', 18: ['error', INVALID_SASL],
}

let row = 0
for (const sasl of SETTINGS) {
  for (const tls of SETTINGS) {
    for (const dialback of [true, false]) {
      const n = ++row
      test(`matrix row ${n} via New-CsXmppAllowedPartner: TLS ${tls}, SASL ${sasl}, dialback ${dialback}`, async () => {
        const store = tmpStore()
        try {
          const argv = ['New-CsXmppAllowedPartner', ID, '-TlsNegotiation', tls, '-SaslNegotiation', sasl, '-SupportDialbackNegotiation', String(dialback)]
          const result = await run(store, argv)
          const expected = EXPECTED[n]!
          if (Array.isArray(expected)) {
            assert.equal(result.code, 1)
            assert.equal(result.stderr.split('\n')[0], `New-CsXmppAllowedPartner : ${expected[1]}`)
            assert.equal(store.bytes(), undefined)
          } else {
            assert.deepEqual([result.code, result.stderr], [0, expected])
            assert.equal(store.json().xmppAllowedPartners[ID].TlsNegotiation, tls)
          }
        } finally {
          store.cleanup()
        }
      })
    }
  }
}

/** [what, script, expected stderr]: the notices follow A5.1's conditions (creation, or a Set- that changes the row). */
const NOTICES: Array<[string, string[], string]> = [
  ['row 1 with -Verbose prints the VERBOSE line of A6.3', ['New-CsXmppAllowedPartner', ID, '-Verbose'], ROW1_VERBOSE],
  ['a Set- that keeps the row writes no notice, whatever it changed', ['Set-CsXmppAllowedPartner', ID, '-Description', 'x', '-TlsNegotiation', 'Optional', '-Verbose'], ''],
  ['a Set- that changes the row to a warning row warns once', ['Set-CsXmppAllowedPartner', ID, '-SaslNegotiation', 'Required'], OPTIONAL_TLS],
  ['a Set- back to row 1 is silent without -Verbose', ['Set-CsXmppAllowedPartner', ID, '-TlsNegotiation', 'Required', '-SaslNegotiation', 'Required'], ''],
  ['… and prints the VERBOSE line with it', ['Set-CsXmppAllowedPartner', ID, '-TlsNegotiation', 'Required', '-SaslNegotiation', 'Required', '-Verbose'], ROW1_VERBOSE],
]

for (const [what, argv, stderr] of NOTICES) {
  test(`matrix notices (A5.1, A6.3): ${what}`, async () => {
    const store = tmpStore()
    try {
      // A partner on row 9 (Optional, Optional, True), except for the New- case itself.
      if (argv[0] !== 'New-CsXmppAllowedPartner') {
        const setup = await run(store, ['New-CsXmppAllowedPartner', ID, '-TlsNegotiation', 'Optional', '-SaslNegotiation', 'Optional', '-WarningAction', 'SilentlyContinue'])
        assert.equal(setup.code, 0, setup.stderr)
      }
      if (what.startsWith('…')) await run(store, ['Set-CsXmppAllowedPartner', ID, '-SaslNegotiation', 'NotSupported'])
      const result = await run(store, argv)
      assert.deepEqual([result.code, result.stderr], [0, stderr])
    } finally {
      store.cleanup()
    }
  })
}
