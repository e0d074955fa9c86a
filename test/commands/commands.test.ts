import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import {COMMANDS} from '../../commands/index.js'
import {LYNC_CMDLETS} from '../../src/cmdlets/index.js'

const names = LYNC_CMDLETS.map((c) => c.name).sort()

test('the oclif commands and the cmdlet registry list the same cmdlets', () => {
  assert.deepEqual(Object.keys(COMMANDS).sort(), names)
  for (const [id, command] of Object.entries(COMMANDS)) assert.equal(command.id, id)
})

test('the built oclif manifest lists exactly the registry cmdlets (a stale manifest hides commands)', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8')) as {commands: Record<string, unknown>}
  assert.deepEqual(Object.keys(manifest.commands).sort(), names)
})

test('each oclif command carries the flags of its definition', () => {
  for (const definition of LYNC_CMDLETS) {
    assert.deepEqual(Object.keys(COMMANDS[definition.name]!.flags ?? {}), definition.parameters.map((p) => p.name))
  }
})
