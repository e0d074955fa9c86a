import assert from 'node:assert/strict'
import {test} from 'node:test'
import {
  type AccessEdgeSettingsRecord,
  type CertificateRecord,
  freshStore,
  storeSchema,
  validateStoreDocument,
  type ExternalAccessPolicyRecord,
  type SipDomainRecord,
  type StoreDocument,
  type UserRecord,
  type XmppAllowedPartnerRecord,
  type XmppGatewaySettingsRecord,
} from '../../store/index.js'

// `JSONSchemaType` makes TypeScript check property names and leaf types, but not that every
// property is required, nor which are nullable (store/schema.ts, orNull). These tests close the gap.

type NullableKeys<T> = {[K in keyof T]-?: null extends T[K] ? K : never}[keyof T]
type OptionalKeys<T> = {[K in keyof T]-?: undefined extends T[K] ? K : never}[keyof T]

/** nullableKeys<T>()(keys) compiles only when keys are exactly the properties of T that may be null. */
function nullableKeys<T>() {
  return <const L extends ReadonlyArray<NullableKeys<T>>>(
    keys: L & ([Exclude<NullableKeys<T>, L[number]>] extends [never] ? unknown : {missing: Exclude<NullableKeys<T>, L[number]>}),
  ): readonly string[] => keys as readonly string[]
}

/** optionalKeys<T>()(keys) compiles only when keys are exactly the optional properties of T. */
function optionalKeys<T>() {
  return <const L extends ReadonlyArray<OptionalKeys<T>>>(
    keys: L & ([Exclude<OptionalKeys<T>, L[number]>] extends [never] ? unknown : {missing: Exclude<OptionalKeys<T>, L[number]>}),
  ): readonly string[] => keys as readonly string[]
}

type Schema = Record<string, unknown> & {properties?: Record<string, Schema>; additionalProperties?: boolean | Schema}

const root = storeSchema as unknown as Schema
const map = (name: string): Schema => root.properties![name]!.additionalProperties as Schema

const RECORDS: Array<[where: string, schema: Schema, nullable: readonly string[], optional?: readonly string[]]> = [
  // certificates and accessEdgeConfiguration came after schema version 1 was first written: a store without them is still valid.
  ['StoreDocument', root, nullableKeys<StoreDocument>()([]), optionalKeys<StoreDocument>()(['certificates', 'accessEdgeConfiguration'])],
  ['ExternalAccessPolicyRecord', map('externalAccessPolicies'), nullableKeys<ExternalAccessPolicyRecord>()(['Description'])],
  ['XmppAllowedPartnerRecord', map('xmppAllowedPartners'), nullableKeys<XmppAllowedPartnerRecord>()(['ProxyFqdn', 'Description'])],
  ['XmppGatewaySettingsRecord', root.properties!.xmppGatewayConfiguration!, nullableKeys<XmppGatewaySettingsRecord>()(['DialbackPassphrase'])],
  ['SipDomainRecord', map('sipDomains'), nullableKeys<SipDomainRecord>()([])],
  ['UserRecord', map('users'), nullableKeys<UserRecord>()(['RegistrarPool', 'Site', 'ExternalAccessPolicy'])],
  ['CertificateRecord', map('certificates'), nullableKeys<CertificateRecord>()(['FriendlyName', 'Use'])],
  [
    'AccessEdgeSettingsRecord',
    root.properties!.accessEdgeConfiguration!,
    nullableKeys<AccessEdgeSettingsRecord>()(['DnsSrvCacheRecordCount', 'DefaultRouteFqdn']),
  ],
]

for (const [where, schema, nullable, optional = []] of RECORDS) {
  const required = optional.length === 0 ? 'every property is required' : `every property but ${optional.join(', ')} is required`
  test(`${where}: ${required}, no other is allowed, and exactly ${nullable.join(', ') || 'none'} may be null`, () => {
    const properties = Object.keys(schema.properties!)
    assert.deepEqual([...(schema.required as string[])].sort(), properties.filter((key) => !optional.includes(key)).sort())
    assert.equal(schema.additionalProperties, false)
    assert.deepEqual(properties.filter((key) => schema.properties![key]!.nullable === true).sort(), [...nullable].sort())
  })
}

test('every object in the schema is either a closed record or a map with checked keys', () => {
  const visit = (schema: Schema, where: string): void => {
    if (schema.type !== 'object') return
    if (schema.properties) {
      assert.equal(schema.additionalProperties, false, where)
      for (const [key, child] of Object.entries(schema.properties)) visit(child, `${where}.${key}`)
    } else {
      assert.equal(typeof (schema.propertyNames as {pattern?: unknown})?.pattern, 'string', where)
      visit(schema.additionalProperties as Schema, `${where}[*]`)
    }
  }
  visit(root, '$')
})

test('the fresh store is valid', () => {
  assert.equal(validateStoreDocument(freshStore()), null)
})

// Values that JSON cannot carry must not slip through when a document is validated as an object.
const NOT_JSON: Array<[string, (doc: StoreDocument) => void, string, string]> = [
  ['undefined', (doc) => (doc.externalAccessPolicies.global!.Description = undefined as never), '$.externalAccessPolicies.global', "missing setting 'Description'"],
  ['NaN', (doc) => (doc.xmppGatewayConfiguration.ConnectionLimit = NaN), '$.xmppGatewayConfiguration.ConnectionLimit', 'must be a whole number'],
  ['Infinity', (doc) => (doc.xmppGatewayConfiguration.ConnectionLimit = Infinity), '$.xmppGatewayConfiguration.ConnectionLimit', 'must be a whole number'],
  ['a Date', (doc) => (doc.externalAccessPolicies.global!.Description = new Date(0) as never), '$.externalAccessPolicies.global.Description', 'must be a string or null'],
]

for (const [name, mutate, jsonPath, problem] of NOT_JSON) {
  test(`an object holding ${name} is refused`, () => {
    const doc = freshStore()
    mutate(doc)
    assert.deepEqual(validateStoreDocument(doc), {jsonPath, problem})
  })
}

test('a document that is not an object is refused', () => {
  for (const value of [null, 1, 'store', [], true]) assert.deepEqual(validateStoreDocument(value), {jsonPath: '$', problem: 'must be an object'})
})
