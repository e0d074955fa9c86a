import assert from 'node:assert/strict'
import {test} from 'node:test'
import {negotiationRow} from '../../store/index.js'

// The complete matrix of Lync 2013's "Negotiation settings for XMPP federated partners" (cmdlets.md B7.2),
// with the allowed methods of A5.2: S = SASL over TLS, T = TLS dialback, C = TCP dialback.
const ROWS: Array<[number, 'Required' | 'Optional' | 'NotSupported', 'Required' | 'Optional' | 'NotSupported', boolean, string, string]> = [
  [1, 'Required', 'Required', true, 'warning', 'S'],
  [2, 'Required', 'Required', false, 'valid', 'S'],
  [3, 'Optional', 'Required', true, 'warning', 'STC'],
  [4, 'Optional', 'Required', false, 'warning', 'S'],
  [5, 'NotSupported', 'Required', true, 'warning', 'C'],
  [6, 'NotSupported', 'Required', false, 'invalid', ''],
  [7, 'Required', 'Optional', true, 'valid', 'ST'],
  [8, 'Required', 'Optional', false, 'valid', 'S'],
  [9, 'Optional', 'Optional', true, 'warning', 'STC'],
  [10, 'Optional', 'Optional', false, 'warning', 'S'],
  [11, 'NotSupported', 'Optional', true, 'warning', 'C'],
  [12, 'NotSupported', 'Optional', false, 'invalid', ''],
  [13, 'Required', 'NotSupported', true, 'valid', 'T'],
  [14, 'Required', 'NotSupported', false, 'invalid', ''],
  [15, 'Optional', 'NotSupported', true, 'valid', 'TC'],
  [16, 'Optional', 'NotSupported', false, 'invalid', ''],
  [17, 'NotSupported', 'NotSupported', true, 'valid', 'C'],
  [18, 'NotSupported', 'NotSupported', false, 'invalid', ''],
]

for (const [row, tls, sasl, dialback, status, methods] of ROWS) {
  test(`matrix row ${row}: TLS ${tls}, SASL ${sasl}, dialback ${dialback}`, () => {
    const result = negotiationRow(tls, sasl, dialback)
    const letters = (result.methods.saslOverTls ? 'S' : '') + (result.methods.tlsDialback ? 'T' : '') + (result.methods.tcpDialback ? 'C' : '')
    assert.deepEqual([result.row, result.status, letters], [row, status, methods])
  })
}
