import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {test} from 'node:test'
import {typeFullName} from '../../src/binding/parameter.js'
import {LYNC_CMDLETS} from '../../src/cmdlets/index.js'

/**
 * The public surface (names, parameters, types, sets, positions, pipeline input) is checked in as
 * test/golden/cmdlet-surface.json; an unintended change fails here. After an intended change, run
 * `UPDATE_GOLDEN=1 npm test` and review the diff.
 */

const GOLDEN = new URL('../golden/cmdlet-surface.json', import.meta.url)

function surface(): unknown {
  return LYNC_CMDLETS.map((c) => ({
    name: c.name,
    parameterSets: c.parameterSets,
    defaultParameterSet: c.defaultParameterSet,
    supportsShouldProcess: c.supportsShouldProcess ?? false,
    parameters: c.parameters.map((p) => ({
      name: p.name,
      type: typeFullName(p.type),
      ...(p.type.kind === 'Enum' ? {values: p.type.enum.names} : {}),
      ...(p.aliases?.length ? {aliases: p.aliases} : {}),
      sets: p.sets ?? {'*': {}},
      ...(p.range ? {range: p.range} : {}),
      ...(p.length ? {length: p.length} : {}),
    })),
    unsupportedParameters: c.unsupportedParameters ?? [],
  }))
}

test('the cmdlet surface matches test/golden/cmdlet-surface.json', () => {
  const actual = `${JSON.stringify(surface(), null, 2)}\n`
  if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, actual)
  assert.equal(actual, readFileSync(GOLDEN, 'utf8'))
})
