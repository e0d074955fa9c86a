import {parseUri, type CSeq, type NameAddr, type Via} from 'sip'

/**
 * The values of the SIP header fields the gateway reads as structures (RFC 3261 §20, grammar in
 * §25.1), in the shapes of the `sip` package's parser (sip.d.ts), which the rest of src/gateway/sip
 * and the writer (wire.ts) use. Written here because that parser's regular expressions search
 * forward from every position instead of matching at one (`applyRegex` with /g), which makes a
 * value it cannot read cost time quadratic in its length: a 58 KB Digest header without `=` took
 * 2.9 s (issue 12). Each step below matches at the cursor only (sticky /y expressions without
 * nested quantifiers, or a loop), and each character is looked at a bounded number of times, so a
 * value costs time linear in its length whatever it holds. A value that does not parse is
 * undefined: the caller ignores that header line, as the package did.
 *
 * Where the package read invalid input in some odd way, these read it in another; valid input reads
 * the same (a test compares the two): host names stop at `,`, an IPv6 reference is a host, a
 * parameter value may be a host (`received=2001:db8::1`), and `Contact: *` is the wildcard `'*'`
 * that sip.d.ts declares (the package compared the wrong object and never returned it).
 */

/** Cursor is a position in a header value; `gt` remembers where the next `>` is (-1: none), so that no value scans for it twice. */
interface Cursor {
  readonly s: string
  i: number
  gt?: number
}

// RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"), the class
// spelled in the expressions below. A display name is words of it and blanks.
const DISPLAY_WORDS = /[\w\-.!%*+`'~ \t]*/y
const LWS = /[ \t]*/y
const PARAM_NAME = /[ \t]*;[ \t]*([\w\-.!%*+`'~]+)/y
const PARAM_EQUALS = /[ \t]*=[ \t]*/y
// A gen-value that is a token or a host (RFC 3261 §25.1 generic-param), IPv6 included.
const PARAM_VALUE = /[\w\-.!%*+`'~:[\]]+/y
const COMMA = /[ \t]*,[ \t]*/y
const VIA = /SIP[ \t]*\/[ \t]*(\d+\.\d+)[ \t]*\/[ \t]*(\S+)[ \t]+(\[[0-9A-Fa-f:.]*\]|[^\s;:,[]+)(?:[ \t]*:[ \t]*(\d+))?/y
const CSEQ = /(\d+)[ \t]*(\S+)/y
const AUTH_SCHEME = /(\S*)[ \t]+/y
const AUTH_NAME = /([^\s,"=]*)[ \t]*=[ \t]*/y
const AUTH_TOKEN = /[^\s,"]+/y
const AUTH_NEXT = /,[ \t]*/y
const ADDR_SPEC = /[^\s;]+/y

/** at matches a sticky expression at the cursor and moves past it, or returns undefined and stays. */
function at(c: Cursor, pattern: RegExp): RegExpExecArray | undefined {
  pattern.lastIndex = c.i
  const m = pattern.exec(c.s)
  if (m) c.i = pattern.lastIndex
  return m ?? undefined
}

/** quoted reads a quoted-string with its quotes (RFC 3261 §25.1, backslash escapes kept), or undefined when it does not end. */
function quoted(c: Cursor): string | undefined {
  if (c.s[c.i] !== '"') return undefined
  for (let j = c.i + 1; j < c.s.length; j++) {
    if (c.s[j] === '\\') j++
    else if (c.s[j] === '"') {
      const text = c.s.slice(c.i, j + 1)
      c.i = j + 1
      return text
    }
  }
  return undefined
}

/** params reads `;name[=value]` pairs; names are lower-cased, values kept as written (quotes included), null without one. */
function params(c: Cursor): Record<string, string | null> {
  const found: Record<string, string | null> = {}
  for (let name = at(c, PARAM_NAME); name; name = at(c, PARAM_NAME)) {
    const before = c.i
    let value: string | undefined
    if (at(c, PARAM_EQUALS)) value = quoted(c) ?? at(c, PARAM_VALUE)?.[0]
    if (value === undefined) c.i = before
    found[name[1]!.toLowerCase()] = value || null
  }
  return found
}

/** list reads comma-separated values with one parser; undefined when any of them does not parse. */
function list<T>(c: Cursor, one: (c: Cursor) => T | undefined): T[] | undefined {
  const values: T[] = []
  do {
    const value = one(c)
    if (value === undefined) return undefined
    values.push(value)
  } while (c.i < c.s.length && at(c, COMMA))
  return values
}

function via(c: Cursor): Via | undefined {
  const m = at(c, VIA)
  if (!m) return undefined
  return {version: m[1]!, protocol: m[2]!, host: m[3]!, port: m[4] === undefined ? undefined : Number(m[4]), params: params(c)}
}

/** closingAngle is the position of the first `>` at or after from, or -1; each stretch of the value is searched once. */
function closingAngle(c: Cursor, from: number): number {
  if (c.gt === undefined || (c.gt !== -1 && c.gt < from)) c.gt = c.s.indexOf('>', from)
  return c.gt
}

/** displayName reads a quoted display name (quotes kept) or words of token characters, possibly none. */
function displayName(c: Cursor): string {
  return quoted(c) ?? at(c, DISPLAY_WORDS)![0].trimEnd()
}

/** nameAddr reads a name-addr (`"Name" <uri>`, `Name <uri>`, `<uri>`) or an addr-spec, then its parameters (RFC 3261 §20.10). */
function nameAddr(c: Cursor): NameAddr | undefined {
  const start = c.i
  const name = displayName(c)
  at(c, LWS)
  if (c.s[c.i] === '<') {
    const gt = closingAngle(c, c.i)
    if (gt >= 0) {
      c.i++
      at(c, LWS)
      const uri = c.s.slice(c.i, gt)
      c.i = gt + 1
      return {name: name || undefined, uri, params: params(c)} as NameAddr
    }
  }
  c.i = start
  const spec = at(c, ADDR_SPEC)
  if (!spec) return undefined
  return {name: undefined, uri: spec[0], params: params(c)} as NameAddr
}

/** routeEntry is a name-addr whose URI is parsed (Route, Record-Route, Path). */
function routeEntry(c: Cursor): NameAddr | undefined {
  const entry = nameAddr(c)
  return entry && ({...entry, uri: parseUri(entry.uri as string)} as NameAddr)
}

/** authField reads one `name=value` (RFC 3261 §25.1 auth-param; the value keeps its quotes), or nothing and stays. */
function authField(c: Cursor, into: Record<string, string>): boolean {
  const before = c.i
  const name = at(c, AUTH_NAME)
  const value = name && (quoted(c) ?? at(c, AUTH_TOKEN)?.[0])
  if (!name || value === undefined) {
    c.i = before
    return false
  }
  into[name[1]!] = value
  at(c, LWS)
  return true
}

/** authFields reads fields joined by commas; a comma before something else (`, Digest …`, the next value of a list) is left to the list. */
function authFields(c: Cursor, into: Record<string, string>): Record<string, string> | undefined {
  if (!authField(c, into)) return undefined
  for (;;) {
    const before = c.i
    if (at(c, AUTH_NEXT) && authField(c, into)) continue
    c.i = before
    return into
  }
}

/** authHeader reads a challenge or credentials: the scheme, then its fields (RFC 3261 §25.1). */
function authHeader(c: Cursor): Record<string, string> | undefined {
  const scheme = at(c, AUTH_SCHEME)
  return scheme ? authFields(c, {scheme: scheme[1]!}) : undefined
}

function cseq(c: Cursor): CSeq | undefined {
  const m = at(c, CSEQ)
  return m ? {seq: Number(m[1]), method: m[2]!} : undefined
}

/** HeaderField reads one header line's value; repeated lines of a list header add to the values before them. */
type HeaderField = (value: string, before: unknown) => unknown

const appending =
  <T>(one: (c: Cursor) => T | undefined): HeaderField =>
  (value, before) => {
    const values = list({s: value, i: 0}, one)
    return values && (Array.isArray(before) ? [...(before as T[]), ...values] : values)
  }

/**
 * The wildcard Contact alone is `'*'`; beside other contacts it stays in the list as a contact whose
 * URI is `*`, so that the registrar can refuse the mixture (RFC 3261 §10.3 step 6) instead of
 * reading only one of its halves.
 */
const WILDCARD = Object.freeze({uri: '*', params: Object.freeze({})})

/** HEADER_FIELDS are the structured headers by lower-case long name; others are text (repeated lines joined by `,`). */
export const HEADER_FIELDS: Readonly<Record<string, HeaderField>> = {
  via: appending(via),
  to: (value) => nameAddr({s: value, i: 0}),
  from: (value) => nameAddr({s: value, i: 0}),
  'refer-to': (value) => nameAddr({s: value, i: 0}),
  contact: (value, before) => {
    if (value.trim() !== '*') return appending(nameAddr)(value, before === '*' ? [WILDCARD] : before)
    return before === undefined ? '*' : [...(before === '*' ? [WILDCARD] : (before as unknown[])), WILDCARD]
  },
  route: appending(routeEntry),
  'record-route': appending(routeEntry),
  path: appending(routeEntry),
  cseq: (value) => cseq({s: value, i: 0}),
  'content-length': (value) => (/^[ \t]*\d+[ \t]*$/.test(value) ? Number(value) : Number.NaN),
  'www-authenticate': appending(authHeader),
  'proxy-authenticate': appending(authHeader),
  authorization: appending(authHeader),
  'proxy-authorization': appending(authHeader),
  'authentication-info': (value) => authFields({s: value, i: 0}, {}),
}
