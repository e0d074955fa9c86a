import type {ErrorObject} from 'ajv'
import {describeAjvError} from './ajv-problem.js'
import {STORE_SCHEMA_VERSION} from './defaults.js'
import generatedValidator from './generated/validate-store.js'
import {parseJsonText} from './json-text.js'
import type {StoreProblem} from './problem.js'
import {semanticProblem} from './semantic.js'
import type {StoreDocument} from './types.js'

/** The generated ajv standalone function, as much of its type as this file uses. */
interface GeneratedValidator {
  (data: unknown): boolean
  errors?: ErrorObject[] | null
}

const schemaValidator = generatedValidator as unknown as GeneratedValidator

/**
 * validateStoreDocument returns the first problem of a would-be store document, or null when it is
 * valid: the schema version first (a newer file would otherwise be reported as a list of unknown
 * settings), then the JSON Schema, then the semantic rules.
 */
export function validateStoreDocument(doc: unknown): StoreProblem | null {
  const version = versionProblem(doc)
  if (version) return version
  if (!schemaValidator(doc)) return describeAjvError(schemaValidator.errors![0]!, doc)
  return semanticProblem(doc as StoreDocument)
}

/**
 * validateRereadDocument validates a document read against the previous file (file-image.ts): the
 * JSON Schema runs on `changed`, the document with only its re-parsed records, because the schema's
 * rules for a record section are per record (its key and its value) and the reused records passed
 * them in the previous document; the semantic rules, which span records, run on the whole. When
 * `changed` fails, the whole document is validated, so the problem reported is the one a full read
 * reports.
 */
export function validateRereadDocument(document: unknown, changed: unknown): StoreProblem | null {
  if (versionProblem(changed) || !schemaValidator(changed)) return validateStoreDocument(document)
  return semanticProblem(document as StoreDocument)
}

function versionProblem(doc: unknown): StoreProblem | null {
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc) && 'schemaVersion' in doc) {
    const version = (doc as {schemaVersion: unknown}).schemaVersion
    if (version !== STORE_SCHEMA_VERSION) {
      return {jsonPath: '$.schemaVersion', problem: `unsupported schema version ${JSON.stringify(version)} (this csxmpp reads ${STORE_SCHEMA_VERSION})`}
    }
  }
  return null
}

/** ParsedStore is a valid document, or the first problem of the text. */
export type ParsedStore = {document: StoreDocument; problem: null} | {document: null; problem: StoreProblem}

/** parseStoreText parses and validates the text of a store file. */
export function parseStoreText(text: string): ParsedStore {
  const parsed = parseJsonText(text)
  if (!parsed.ok) return {document: null, problem: parsed.problem}
  const problem = validateStoreDocument(parsed.value)
  return problem ? {document: null, problem} : {document: parsed.value as StoreDocument, problem: null}
}
