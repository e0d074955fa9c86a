import type {JSONSchemaType} from 'ajv'

/** Schema building blocks shared by store/schema.ts and the section schemas beside it. */

/**
 * orNull allows null besides what schema allows. ajv's `JSONSchemaType` models `nullable` only for
 * optional properties, and for a required `T | null` property it wants the schema of T with
 * `nullable` absent; so the flag is added behind its back. TypeScript still checks the schema of T,
 * and `test/store/schema-agreement.test.ts` checks which properties are nullable against `types.ts`.
 */
export function orNull<T>(schema: JSONSchemaType<T>): JSONSchemaType<T> {
  return {...schema, nullable: true}
}

/** wholeNumber is an integer in [minimum, maximum]. */
export function wholeNumber(minimum: number, maximum: number): JSONSchemaType<number> {
  return {type: 'integer', minimum, maximum}
}
