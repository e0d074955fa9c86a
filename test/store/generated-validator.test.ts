import assert from 'node:assert/strict'
import fs from 'node:fs'
import {test} from 'node:test'
import {fileURLToPath} from 'node:url'
import {GENERATED_VALIDATOR_PATH, generateValidatorSource} from '../../scripts/validator-source.js'

const ROOT = new URL('../../', import.meta.url)
const committed = fs.readFileSync(fileURLToPath(new URL(GENERATED_VALIDATOR_PATH, ROOT)), 'utf8')

test('the committed validator is what store/schema.ts generates now (run npm run build:validator)', () => {
  assert.equal(generateValidatorSource(), committed)
})

test('the generated validator loads without ajv and without require()', () => {
  assert.equal(committed.split('\n', 1)[0], '// @ts-nocheck')
  assert.doesNotMatch(committed, /\brequire\(/)
  assert.doesNotMatch(committed, /\bimport\b[^;]*\bfrom\s*["']/)
})
