import assert from 'node:assert/strict'
import {test} from 'node:test'
import {type StoreFileImage, imageOf, reread} from '../../store/file-image.js'
import {freshStore, storeSchema, type StoreDocument} from '../../store/index.js'
import {newPartnerRecord} from '../../src/cmdlets/xmpp-allowed-partner/object.js'

/**
 * The incremental re-read of the store file (store/file-image.ts). It must give exactly what
 * JSON.parse gives whenever it accepts a file, reuse the previous document's objects for the
 * members whose bytes did not change, and decline (so the caller parses in full) whatever it does
 * not follow. A table of the edits admins and cmdlets make, then a seeded fuzz of random edits and
 * byte corruptions, each checked against JSON.parse.
 */

/** lowdb's JSONFile layout. */
const layout = (document: unknown): string => JSON.stringify(document, null, 2)

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

function baseDocument(partners: number): StoreDocument {
  const document = freshStore()
  document.revision = 9
  for (let i = 0; i < partners; i++) document.xmppAllowedPartners[`p${i}.example`] = newPartnerRecord(`p${i}.example`)
  return document
}

/** Loaded is what the watcher keeps between reloads: the file's image and its frozen document. */
interface Loaded {
  readonly image: StoreFileImage
  readonly document: Record<string, unknown>
}

function load(text: string): Loaded {
  const image = imageOf(Buffer.from(text))
  assert.ok(image, 'imageOf declined a file JSON.parse accepts')
  return {image, document: deepFreeze(JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>)}
}

/** parsedAnew lists the records reread parsed rather than reused, as `section/key`. */
function parsedAnew(changed: Record<string, unknown>): string[] {
  const sections = ['externalAccessPolicies', 'xmppAllowedPartners', 'sipDomains', 'users', 'certificates']
  return sections.flatMap((section) => Object.keys((changed[section] ?? {}) as object).map((key) => `${section}/${key}`))
}

/** checkAgainstJsonParse asserts an accepted reread equals JSON.parse, in key order too, and its image equals a fresh scan. */
function checkAgainstJsonParse(text: string, result: NonNullable<ReturnType<typeof reread>>): void {
  const expected: unknown = JSON.parse(text.replace(/^\uFEFF/, ''))
  assert.deepEqual(result.document, expected)
  assert.equal(JSON.stringify(result.document), JSON.stringify(expected))
  assert.equal(JSON.stringify(result.image.members), JSON.stringify(imageOf(Buffer.from(text))?.members))
}

type Edit = (document: StoreDocument) => void

const EDITS: ReadonlyArray<{name: string; edit: Edit; parsedAnew: string[]}> = [
  {name: 'a setting of one partner', edit: (d) => void (d.xmppAllowedPartners['p1.example']!.ConnectionLimit = 35), parsedAnew: ['xmppAllowedPartners/p1.example']},
  {name: 'a partner added at the end', edit: (d) => void (d.xmppAllowedPartners['new.example'] = newPartnerRecord('new.example')), parsedAnew: ['xmppAllowedPartners/new.example']},
  {name: 'the first partner removed', edit: (d) => void delete d.xmppAllowedPartners['p0.example'], parsedAnew: []},
  {name: 'the last partner removed', edit: (d) => void delete d.xmppAllowedPartners['p3.example'], parsedAnew: []},
  {name: 'a partner removed from the middle', edit: (d) => void delete d.xmppAllowedPartners['p2.example'], parsedAnew: []},
  {
    name: 'every partner removed',
    edit: (d) => {
      d.xmppAllowedPartners = {}
    },
    parsedAnew: [],
  },
  {name: 'the revision only (9 to 10: one byte longer)', edit: () => undefined, parsedAnew: []},
  {name: 'a gateway setting', edit: (d) => void (d.xmppGatewayConfiguration.ConnectionLimit = 12), parsedAnew: []},
  {name: 'a policy and a partner', edit: (d) => void ((d.externalAccessPolicies['global']!.EnableXmppAccess = true), (d.xmppAllowedPartners['p3.example']!.Description = 'x')), parsedAnew: ['externalAccessPolicies/global', 'xmppAllowedPartners/p3.example']},
  {name: 'a description with quotes, braces and escapes', edit: (d) => void (d.xmppAllowedPartners['p1.example']!.Description = 'a "}" \\ \n é ✓ \u2028'), parsedAnew: ['xmppAllowedPartners/p1.example']},
  {name: 'a certificates section added', edit: (d) => void (d.certificates = {}), parsedAnew: []},
  {
    name: 'partners reordered',
    edit: (d) => {
      const {['p0.example']: first, ...rest} = d.xmppAllowedPartners
      d.xmppAllowedPartners = {...rest, 'p0.example': first!}
    },
    parsedAnew: [],
  },
]

for (const {name, edit, parsedAnew: expected} of EDITS) {
  test(`reread after ${name}: equal to JSON.parse, and only the changed records parsed anew`, () => {
    const before = baseDocument(4)
    const previous = load(layout(before))
    const after = structuredClone(before)
    edit(after)
    after.revision += 1
    const text = layout(after)
    const result = reread(Buffer.from(text), previous.image, previous.document)
    assert.ok(result, 'declined')
    checkAgainstJsonParse(text, result)
    assert.deepEqual(parsedAnew(result.changed), expected)
    // Every record not parsed anew is the previous document's own frozen object.
    const partners = result.document['xmppAllowedPartners'] as Record<string, unknown>
    const previousPartners = previous.document['xmppAllowedPartners'] as Record<string, unknown>
    for (const key of Object.keys(partners)) {
      if (!expected.includes(`xmppAllowedPartners/${key}`)) assert.equal(partners[key], previousPartners[key], key)
    }
  })
}

const TEXT_EDITS: ReadonlyArray<{name: string; edit: (text: string) => string; accepted: boolean}> = [
  {name: 'a revision that begins with the old one (9 to 98)', edit: (t) => t.replace('"revision": 9', '"revision": 98'), accepted: true},
  {name: 'a byte-order mark added', edit: (t) => `\uFEFF${t}`, accepted: true},
  {name: 'the whole file compacted', edit: (t) => JSON.stringify(JSON.parse(t)), accepted: true},
  {name: 'CRLF line ends and tabs', edit: (t) => t.replace(/\n/g, '\r\n').replace(/ {2}/g, '\t'), accepted: true},
  {name: 'a key written with an escape', edit: (t) => t.replace('"p1.example": {', '"p1.ex\\u0061mple": {'), accepted: true},
  {name: 'a duplicate partner key', edit: (t) => t.replace('"p1.example": {', '"p0.example": {'), accepted: false},
  {name: 'a __proto__ key', edit: (t) => t.replace('"p1.example": {', '"__proto__": {'), accepted: false},
  {name: 'a trailing comma', edit: (t) => t.replace(/\n {4}}\n {2}},\n {2}"xmppGatewayConfiguration"/, '\n    },\n  },\n  "xmppGatewayConfiguration"'), accepted: false},
  {name: 'a missing comma between partners', edit: (t) => t.replace('},\n    "p2.example"', '}\n    "p2.example"'), accepted: false},
  {name: 'text after the root object', edit: (t) => `${t}\n{}`, accepted: false},
  {name: 'the file cut short', edit: (t) => t.slice(0, t.length / 2), accepted: false},
  {name: 'a raw control character in a description', edit: (t) => t.replace('"Description": null', '"Description": "a\u0001b"'), accepted: false},
  {name: 'a number continued by a letter', edit: (t) => t.replace('"ConnectionLimit": 20', '"ConnectionLimit": 20x'), accepted: false},
  {name: 'a root that is an array', edit: (t) => `[${t}]`, accepted: false},
]

for (const {name, edit, accepted} of TEXT_EDITS) {
  test(`reread after ${name}: ${accepted ? 'equal to JSON.parse' : 'declined'}`, () => {
    const previous = load(layout(baseDocument(4)))
    const text = edit(layout(baseDocument(4)))
    const result = reread(Buffer.from(text), previous.image, previous.document)
    if (!accepted) return assert.equal(result, undefined)
    assert.ok(result, 'declined')
    checkAgainstJsonParse(text, result)
  })
}

test('the schema checks record sections record by record, which makes checking only re-parsed records sound', () => {
  // validateRereadDocument runs the JSON Schema on the re-parsed records alone. That is sound only
  // while a section's rules are per record: a rule over the set (maxProperties, a non-empty
  // required, dependencies) could pass on the few and fail on the whole.
  const sections = ['externalAccessPolicies', 'xmppAllowedPartners', 'sipDomains', 'users', 'certificates'] as const
  for (const section of sections) {
    const schema = storeSchema.properties[section] as unknown as Record<string, unknown>
    assert.deepEqual(Object.keys(schema).sort(), ['additionalProperties', 'propertyNames', 'required', 'type'], section)
    assert.deepEqual(schema['required'], [], section)
  }
})

/** mulberry32: a small seeded generator, so a failing fuzz case can be replayed from its seed. */
function generator(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

test('fuzz: 3,000 random edits and byte corruptions, each reread equal to JSON.parse or declined', () => {
  const random = generator(0x5eed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const CORRUPTIONS = ['{', '}', '[', ']', '"', ',', ':', '\\', ' ', '\n', '1', 'x', '\u0001', 'é']
  let document = baseDocument(8)
  let loaded = load(layout(document))
  let accepted = 0
  for (let round = 0; round < 3000; round++) {
    const next = structuredClone(document)
    next.revision += Math.floor(random() * 20)
    for (let edits = Math.floor(random() * 3); edits > 0; edits--) {
      const action = random()
      const partners = Object.keys(next.xmppAllowedPartners)
      const key = partners.length ? pick(partners) : undefined
      if (action < 0.3 && key) next.xmppAllowedPartners[key]!.ConnectionLimit = Math.floor(random() * 1000)
      else if (action < 0.45 && key) delete next.xmppAllowedPartners[key]
      else if (action < 0.6) next.xmppAllowedPartners[`n${round}.example`] = newPartnerRecord(`n${round}.example`)
      else if (action < 0.7) next.xmppGatewayConfiguration.KeepAliveInterval = Math.floor(random() * 100)
      else if (action < 0.8 && key) next.xmppAllowedPartners[key]!.Description = pick(['"', '}', '\\', 'é', '\n', 'plain'])
      else next.externalAccessPolicies['global']!.EnableXmppAccess = random() < 0.5
    }
    let text = random() < 0.1 ? JSON.stringify(next) : layout(next)
    const corrupt = random() < 0.3
    if (corrupt) {
      const at = Math.floor(random() * text.length)
      text = random() < 0.5 ? text.slice(0, at) + pick(CORRUPTIONS) + text.slice(at) : text.slice(0, at) + text.slice(at + 1)
    }
    let expected: unknown
    try {
      expected = JSON.parse(text)
    } catch {
      expected = undefined
    }
    const bytes = Buffer.from(text)
    const result = reread(bytes, loaded.image, loaded.document)
    if (expected === undefined) {
      assert.equal(result, undefined, `round ${round}: accepted text JSON.parse refuses`)
      continue
    }
    if (!corrupt) assert.ok(result, `round ${round}: declined a well-formed file`)
    if (result) {
      checkAgainstJsonParse(text, result)
      accepted++
      loaded = {image: result.image, document: deepFreeze(result.document)}
    } else {
      loaded = load(text)
    }
    // A corrupted file that still parses may not be a store any more; go on from the last clean one.
    if (!corrupt) document = next
    else loaded = load(layout(document))
  }
  assert.ok(accepted > 2000, `only ${accepted} of 3000 accepted`)
})
