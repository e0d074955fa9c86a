import assert from 'node:assert/strict'
import {test} from 'node:test'
import {main} from '../../src/cli/main.js'

/**
 * The last line of defence (powershell.md §8.1): an exception that escapes csxmpp's own code is one
 * record without a stack trace, and exit code 70. No input is known to cause one (the fuzz tests look
 * for them), so the test makes the help runner, which main calls for `csxmpp help`, throw.
 */
test('an exception escaping csxmpp is one record, no stack trace, exit 70 (§8.1)', async () => {
  const written: string[] = []
  const write = process.stderr.write
  const exitCode = process.exitCode
  process.stderr.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stderr.write
  try {
    await main(['help'], new URL('../../', import.meta.url), async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')")
    })
    assert.equal(process.exitCode, 70)
  } finally {
    process.stderr.write = write
    process.exitCode = exitCode
  }
  assert.equal(
    written.join(''),
    "csxmpp internal error: Cannot read properties of undefined (reading 'x')\n" +
      '    + CategoryInfo          : NotSpecified: (:) [], InternalError\n' +
      '    + FullyQualifiedErrorId : CsxmppInternalError\n',
  )
})
