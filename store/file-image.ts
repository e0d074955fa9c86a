import {firstDuplicateKey} from './json-duplicates.js'

/**
 * An image of the store file the gateway last loaded: its bytes, and where each member lies in
 * them (the root's members, and inside the record sections each record). A reload compares the new
 * file with the image and parses only the members whose bytes changed; every other member keeps the
 * previous document's value. At 10,000 partners a one-partner change then costs one memcmp per
 * partner and one small JSON.parse, instead of decoding, parsing and validating 3.7 MB.
 *
 * Whatever this reader does not follow (a BOM-less oddity, a duplicate key, invalid JSON) makes it
 * decline, and the caller parses the whole file as before: declining is always safe, so the reader
 * only has to be right when it accepts. It accepts only what it has seen whole: the root `{`, every
 * separator and the final `}` are scanned here; every member is either byte-identical to a member
 * of a file JSON.parse accepted (and ends in `}`, `]` or `"`, so the bytes cannot be a prefix of a
 * longer number), or is parsed now by JSON.parse (RFC 8259).
 */

/** MemberSpan is `"key": value` in the file, from the key's opening quote to the value's last byte. */
interface MemberSpan {
  readonly key: string
  /** Offsets relative to the enclosing member's start (the root's members: to the file's start). */
  readonly start: number
  readonly end: number
  /** A record section's records; offsets relative to this member's start, so a moved section keeps them. */
  readonly records?: readonly MemberSpan[]
}

/** StoreFileImage is a store file's bytes and its members' places; its document is kept beside it by the caller. */
export interface StoreFileImage {
  readonly bytes: Buffer
  readonly members: readonly MemberSpan[]
}

/** RereadResult is the new file's document, its image, and a document holding only what was parsed anew. */
export interface RereadResult {
  readonly document: Record<string, unknown>
  readonly image: StoreFileImage
  /**
   * The new document with each record section reduced to the records parsed anew: enough for the
   * per-record JSON Schema rules, since the reused records passed them in the previous document.
   */
  readonly changed: Record<string, unknown>
}

/** The root members whose values are maps of records (types.ts StoreDocument). */
const RECORD_SECTIONS: ReadonlySet<string> = new Set(['externalAccessPolicies', 'xmppAllowedPartners', 'sipDomains', 'users', 'certificates'])

/** imageOf scans a file JSON.parse has accepted; undefined when it declines (the next reload then parses in full). */
export function imageOf(bytes: Buffer): StoreFileImage | undefined {
  return attempt(() => new FileReading(bytes, undefined).root().image)
}

/**
 * reread reads `bytes` against the image of the previous file and that file's document; undefined
 * when it declines. Values of unchanged members are the previous document's own (frozen) objects.
 */
export function reread(bytes: Buffer, previous: StoreFileImage, previousDocument: object): RereadResult | undefined {
  return attempt(() => new FileReading(bytes, {image: previous, document: previousDocument as Record<string, unknown>}).root())
}

/** DECLINED is thrown inside a reading and caught by attempt(); it never escapes this file. */
const DECLINED = Symbol('declined')

function decline(): never {
  throw DECLINED
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read()
  } catch (error) {
    // JSON.parse of a changed member failing is a decline too: the full parse reports it with its position.
    if (error === DECLINED || error instanceof SyntaxError) return undefined
    throw error
  }
}

const QUOTE = 0x22
const COMMA = 0x2c
const COLON = 0x3a
const BACKSLASH = 0x5c
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
/** The bytes that end a number or a literal: a separator or RFC 8259 whitespace. */
const SCALAR_ENDS: ReadonlySet<number> = new Set([COMMA, CLOSE_BRACE, CLOSE_BRACKET, 0x20, 0x0a, 0x0d, 0x09])

/** The members of one object in the previous file, to compare the new file's members with. */
interface PreviousObject {
  readonly bytes: Buffer
  /** Where the object's member offsets count from in `bytes`. */
  readonly base: number
  readonly members: readonly MemberSpan[]
  readonly values: Record<string, unknown>
  /** Member index by key, built on the first member that is not where the previous file had it. */
  byKey?: Map<string, number>
}

/** ObjectRead is what reading one object's members produced. */
interface ObjectRead {
  readonly value: Record<string, unknown>
  readonly changed: Record<string, unknown>
  readonly members: MemberSpan[]
  readonly end: number
}

class FileReading {
  constructor(
    readonly bytes: Buffer,
    /** Without a previous file, only the spans are wanted (imageOf): nothing is parsed or compared. */
    readonly previous: {image: StoreFileImage; document: Record<string, unknown>} | undefined,
  ) {}

  root(): RereadResult {
    const {bytes} = this
    // A leading UTF-8 byte-order mark is ignored, as parseJsonText does (RFC 8259 §8.1).
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    const open = skipWhitespace(bytes, bom)
    const previous = this.previous && {bytes: this.previous.image.bytes, base: 0, members: this.previous.image.members, values: this.previous.document}
    const read = this.object(open, 0, previous, true)
    if (skipWhitespace(bytes, read.end) !== bytes.length) decline()
    return {document: read.value, image: {bytes, members: read.members}, changed: read.changed}
  }

  /**
   * object reads the object whose `{` is at `open`, its member offsets counted from `base`; at the
   * root, the record sections are read member by member too.
   */
  object(open: number, base: number, previous: PreviousObject | undefined, isRoot: boolean): ObjectRead {
    const {bytes} = this
    if (bytes[open] !== OPEN_BRACE) decline()
    const value: Record<string, unknown> = {}
    const changed: Record<string, unknown> = {}
    const members: MemberSpan[] = []
    let next = 0
    let at = skipWhitespace(bytes, open + 1)
    if (bytes[at] === CLOSE_BRACE) return {value, changed, members, end: at + 1}
    for (;;) {
      // The common case first: the member that followed the last match, unchanged.
      let same = previous && next < previous.members.length && this.sameBytes(at, previous, previous.members[next]!) ? next : undefined
      let key: string | undefined
      let keyEnd = at
      let known: number | undefined
      if (same === undefined) {
        keyEnd = scanString(bytes, at)
        key = decodeString(bytes, at, keyEnd)
        known = previous && locate(previous, key, next)
        if (known !== undefined && this.sameBytes(at, previous!, previous!.members[known]!)) same = known
      }
      let end: number
      if (same !== undefined) {
        const old = previous!.members[same]!
        end = at + (old.end - old.start)
        store(value, old.key, previous!.values[old.key])
        // An unchanged section has no record to check again; the root's other members are small.
        if (isRoot) changed[old.key] = RECORD_SECTIONS.has(old.key) ? {} : previous!.values[old.key]
        members.push({key: old.key, start: at - base, end: end - base, records: old.records})
        next = same + 1
      } else {
        // Not matched: the key was read above.
        const name = key!
        if (known !== undefined) next = known + 1
        const valueStart = skipWhitespace(bytes, expect(bytes, skipWhitespace(bytes, keyEnd), COLON))
        if (isRoot && RECORD_SECTIONS.has(name)) {
          const old = known === undefined ? undefined : previous!.members[known]
          const sectionPrevious = old?.records && {bytes: previous!.bytes, base: previous!.base + old.start, members: old.records, values: previous!.values[name] as Record<string, unknown>}
          const section = this.object(valueStart, at, sectionPrevious, false)
          end = section.end
          store(value, name, section.value)
          changed[name] = section.changed
          members.push({key: name, start: at - base, end: end - base, records: section.members})
        } else {
          end = scanValue(bytes, valueStart)
          const parsed = this.previous ? parseMember(bytes.toString('utf8', valueStart, end)) : undefined
          store(value, name, parsed)
          changed[name] = parsed
          members.push({key: name, start: at - base, end: end - base})
        }
      }
      at = skipWhitespace(bytes, end)
      if (bytes[at] === CLOSE_BRACE) return {value, changed, members, end: at + 1}
      at = skipWhitespace(bytes, expect(bytes, at, COMMA))
    }
  }

  sameBytes(at: number, previous: PreviousObject, old: MemberSpan): boolean {
    const start = previous.base + old.start
    const end = previous.base + old.end
    const last = previous.bytes[end - 1]
    // A member ending in a digit or a literal may be the start of a longer one (`1` of `12`): it is
    // parsed again rather than matched, which would only decline at the next byte.
    if (last !== CLOSE_BRACE && last !== CLOSE_BRACKET && last !== QUOTE) return false
    const length = end - start
    return at + length <= this.bytes.length && previous.bytes.compare(this.bytes, at, at + length, start, end) === 0
  }
}

/**
 * locate finds the previous member with a key: where the last match leaves off (a changed member),
 * just after it (one removed), else through an index built once per object (added, moved, or several
 * removed), which at 10,000 records costs more than all the comparisons.
 */
function locate(previous: PreviousObject, key: string, next: number): number | undefined {
  if (previous.members[next]?.key === key) return next
  if (previous.members[next + 1]?.key === key) return next + 1
  previous.byKey ??= new Map(previous.members.map((member, index) => [member.key, index]))
  return previous.byKey.get(key)
}

/**
 * store sets a member as JSON.parse would, declining where that differs from an assignment: a
 * duplicate key, and `__proto__`, which JSON.parse makes an own property and `=` a prototype.
 */
function store(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__' || Object.hasOwn(target, key)) decline()
  target[key] = value
}

/** parseMember parses a changed member's value; a name given twice inside it declines, and the full read reports it. */
function parseMember(text: string): unknown {
  const value: unknown = JSON.parse(text)
  if (firstDuplicateKey(text, value)) decline()
  return value
}

/** skipWhitespace skips the four whitespace bytes of RFC 8259 §2 and nothing else. */
function skipWhitespace(bytes: Buffer, at: number): number {
  let i = at
  for (;;) {
    const byte = bytes[i]
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return i
    i++
  }
}

function expect(bytes: Buffer, at: number, byte: number): number {
  if (bytes[at] !== byte) decline()
  return at + 1
}

/** scanString returns the offset after the string whose `"` is at `at`; a raw control byte declines. */
function scanString(bytes: Buffer, at: number): number {
  if (bytes[at] !== QUOTE) decline()
  for (let i = at + 1; i < bytes.length; i++) {
    const byte = bytes[i]!
    if (byte === QUOTE) return i + 1
    if (byte === BACKSLASH) i++
    else if (byte < 0x20) decline()
  }
  return decline()
}

/** decodeString decodes a scanned string; one without escapes needs no JSON.parse. */
function decodeString(bytes: Buffer, start: number, end: number): string {
  for (let i = start + 1; i < end - 1; i++) {
    if (bytes[i] === BACKSLASH) return JSON.parse(bytes.toString('utf8', start, end)) as string
  }
  return bytes.toString('utf8', start + 1, end - 1)
}

/**
 * scanValue returns the offset after the value starting at `at`. It only finds the end: the bytes
 * are then given to JSON.parse, which refuses them if they are not exactly one value.
 */
function scanValue(bytes: Buffer, at: number): number {
  const first = bytes[at]
  if (first === QUOTE) return scanString(bytes, at)
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0
    for (let i = at; i < bytes.length; i++) {
      const byte = bytes[i]
      if (byte === QUOTE) i = scanString(bytes, i) - 1
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++
      else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) return i + 1
    }
    return decline()
  }
  // A number or a literal runs to the next separator or whitespace.
  let i = at
  while (i < bytes.length && !SCALAR_ENDS.has(bytes[i]!)) i++
  if (i === at) decline()
  return i
}
