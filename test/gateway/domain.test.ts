import assert from 'node:assert/strict'
import {test} from 'node:test'
import {canonicalDomain} from '../../src/gateway/xmpp/domain.js'

/** Wire domains in the store's canonical form (cmdlets.md A2.2). */

const CASES: ReadonlyArray<[string, string | undefined]> = [
  ['JABBER.org.', 'jabber.org'],
  ['xn--bcher-kva.example', 'bücher.example'],
  ['BÜCHER.example', 'bücher.example'],
  ['1.2.3.4', undefined],
  ['a..example', undefined],
  ['localhost', undefined],
  ['ex ample.com', undefined],
  ['-bad.example', undefined],
  ['', undefined],
]

for (const [wire, canonical] of CASES) {
  test(`canonicalDomain(${JSON.stringify(wire)}) is ${JSON.stringify(canonical)}`, () => assert.equal(canonicalDomain(wire), canonical))
}
