import type {ErrorObject} from 'ajv'
import {DOMAIN_PATTERN, HOST_AND_PORT_PATTERN, HOST_PATTERN, SECRET_FILE_PATTERN} from './patterns.js'
import {type PathSegment, type StoreProblem, storeProblem} from './problem.js'
import {storeSchema} from './schema.js'

/**
 * Turns the first ajv error into a StoreProblem. A small formatter over ajv's `params`, not
 * ajv-errors, which ignores its messages under `additionalProperties` maps (stack.md 3.2). The
 * offending value is looked up in the document rather than taken from ajv's `verbose` output, which
 * would make the generated validator bigger.
 */

const TYPE_NAMES: Record<string, string> = {
  boolean: 'a boolean',
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  object: 'an object',
  array: 'a list',
  null: 'null',
}

const PATTERN_NOUNS: Record<string, string> = {
  [DOMAIN_PATTERN]: 'domain name',
  [HOST_AND_PORT_PATTERN]: 'host name',
  [HOST_PATTERN]: 'host name',
  [SECRET_FILE_PATTERN]: 'file name',
}

/** describeAjvError explains one ajv error on document in the store's words. */
export function describeAjvError(error: ErrorObject, document: unknown): StoreProblem {
  const segments = pathSegments(error.instancePath, document)
  const params = error.params as Record<string, unknown>
  // A propertyNames failure comes as the key's own error (carrying propertyName) and then a summary.
  const key = error.propertyName ?? params.propertyName
  if (typeof key === 'string') return storeProblem(segments, `'${key}' is not a valid key`)
  const value = valueAt(document, segments)
  switch (error.keyword) {
    case 'additionalProperties':
      return storeProblem(segments, `unknown setting '${String(params.additionalProperty)}'`)
    case 'required':
      return storeProblem(segments, `missing setting '${String(params.missingProperty)}'`)
    case 'type': {
      const types = [String(params.type)]
      if (schemaAt(error.schemaPath)?.nullable === true) types.push('null')
      return storeProblem(segments, `must be ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}`)
    }
    case 'enum':
      return storeProblem(segments, `${JSON.stringify(value)} is not one of ${(params.allowedValues as unknown[]).join(', ')}`)
    case 'const':
      return storeProblem(segments, `${JSON.stringify(value)} is not ${JSON.stringify(params.allowedValue)}`)
    case 'minimum':
      return storeProblem(segments, `must be at least ${String(params.limit)}`)
    case 'maximum':
      return storeProblem(segments, `must be at most ${String(params.limit)}`)
    case 'maxLength':
      return storeProblem(segments, `must be at most ${String(params.limit)} characters`)
    case 'maxItems':
      return storeProblem(segments, `must have at most ${String(params.limit)} entries`)
    case 'pattern':
      return storeProblem(segments, `${JSON.stringify(value)} is not a valid ${PATTERN_NOUNS[String(params.pattern)] ?? 'value'}`)
    default:
      // Not reachable with the current schema; say what ajv said rather than nothing.
      return storeProblem(segments, error.message ?? error.keyword)
  }
}

/** pathSegments turns a JSON Pointer into path segments, numbering array steps by walking the document. */
function pathSegments(pointer: string, document: unknown): PathSegment[] {
  if (pointer === '') return []
  const segments: PathSegment[] = []
  let node = document
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    const index = Array.isArray(node) ? Number(key) : NaN
    segments.push(Number.isInteger(index) ? index : key)
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined
  }
  return segments
}

function valueAt(document: unknown, segments: readonly PathSegment[]): unknown {
  let node = document
  for (const segment of segments) node = node !== null && typeof node === 'object' ? (node as Record<PathSegment, unknown>)[segment] : undefined
  return node
}

/** schemaAt finds the subschema that holds the keyword named by an ajv schemaPath such as `#/properties/x/type`. */
function schemaAt(schemaPath: string): Record<string, unknown> | undefined {
  const steps = schemaPath.replace(/^#\//, '').split('/').slice(0, -1)
  let node: unknown = storeSchema
  for (const step of steps) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined
}
