import {writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {GENERATED_VALIDATOR_PATH, generateValidatorSource} from './validator-source.js'

// Writes store/generated/validate-store.ts; run it after every change to store/schema.ts.
const target = fileURLToPath(new URL(`../${GENERATED_VALIDATOR_PATH}`, import.meta.url))
writeFileSync(target, generateValidatorSource())
console.log(`wrote ${GENERATED_VALIDATOR_PATH}`)
