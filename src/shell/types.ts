import {CONSOLE_COLOR} from '../values/console-color.js'

/**
 * The closed whitelists of powershell.md §4.6: type literals and static members. Names are
 * case-insensitive and the `System.` prefix is optional, so each name is looked up in its canonical
 * lower-case form without that prefix.
 */

/** TypeKey names a whitelisted type, as the interpreter's conversions know it. */
export type TypeKey =
  | 'string' | 'int' | 'long' | 'uint32' | 'double' | 'bool' | 'switch' | 'char' | 'datetime' | 'timespan'
  | 'array' | 'object' | 'hashtable' | 'ordered' | 'pscustomobject' | 'psobject' | 'regex' | 'void'
  | 'scriptblock' | 'string[]' | 'int[]' | 'object[]' | 'pscredential' | 'securestring' | 'consolecolor'

const TYPES: Readonly<Record<string, TypeKey>> = {
  string: 'string', int: 'int', int32: 'int', long: 'long', int64: 'long', uint32: 'uint32', double: 'double',
  bool: 'bool', boolean: 'bool', switch: 'switch', 'management.automation.switchparameter': 'switch', char: 'char',
  datetime: 'datetime', timespan: 'timespan', array: 'array', object: 'object', hashtable: 'hashtable',
  'collections.hashtable': 'hashtable', ordered: 'ordered', pscustomobject: 'pscustomobject',
  'management.automation.pscustomobject': 'pscustomobject', psobject: 'psobject', 'management.automation.psobject': 'psobject',
  regex: 'regex', 'text.regularexpressions.regex': 'regex', void: 'void', scriptblock: 'scriptblock',
  'management.automation.scriptblock': 'scriptblock', 'string[]': 'string[]', 'int[]': 'int[]', 'int32[]': 'int[]',
  'object[]': 'object[]', pscredential: 'pscredential', 'management.automation.pscredential': 'pscredential',
  securestring: 'securestring', 'security.securestring': 'securestring', consolecolor: 'consolecolor',
}

/** Types that only have static members here (`[math]::Round`), never casts. */
const STATIC_ONLY = new Set(['math', 'convert', 'environment', 'io.path'])

/** The static members of §4.6, as `type::member` in canonical form. */
const STATIC_MEMBERS = new Set([
  'string::isnullorempty', 'string::isnullorwhitespace', 'string::join', 'string::empty', 'math::round', 'math::floor',
  'math::ceiling', 'math::abs', 'math::max', 'math::min', 'int::maxvalue', 'int::minvalue', 'uint32::maxvalue',
  'datetime::now', 'datetime::utcnow', 'datetime::today', 'datetime::parse', 'bool::parse', 'convert::toboolean',
  'convert::toint32', 'environment::newline', 'regex::escape', 'io.path::getfilename', 'io.path::combine',
  'pscredential::empty', 'pscredential::new', ...CONSOLE_COLOR.names.map((name) => `consolecolor::${name.toLowerCase()}`),
])

/** The exception types a catch clause may name; all of them catch everything (§8.2). */
const CATCH_TYPES = new Set(['exception', 'management.automation.runtimeexception'])

/** LYNC_TYPE_PREFIX: Lync enum types are allowed by full name; the host resolves them (§4.6). */
export const LYNC_TYPE_PREFIX = 'microsoft.rtc.management.'

/** canonicalTypeName lower-cases a type name and drops the optional `System.` prefix. */
export function canonicalTypeName(name: string): string {
  return name.toLowerCase().replace(/^system\./, '')
}

/** typeKey returns the whitelisted type of a type literal, or undefined. */
export function typeKey(name: string): TypeKey | undefined {
  return TYPES[canonicalTypeName(name)]
}

/** isAllowedTypeLiteral tells whether `[name]` may appear in a script (cast, -is, parameter type). */
export function isAllowedTypeLiteral(name: string): boolean {
  return typeKey(name) !== undefined || canonicalTypeName(name).startsWith(LYNC_TYPE_PREFIX)
}

/** staticMemberKey returns `type::member` in canonical form when `[type]::member` is whitelisted. */
export function staticMemberKey(typeName: string, member: string): string | undefined {
  const canonical = canonicalTypeName(typeName)
  const type = STATIC_ONLY.has(canonical) ? canonical : typeKey(typeName)
  const key = `${type}::${member.toLowerCase()}`
  return type !== undefined && STATIC_MEMBERS.has(key) ? key : undefined
}

/** isCatchType tells whether a catch clause may name the type. */
export function isCatchType(name: string): boolean {
  return CATCH_TYPES.has(canonicalTypeName(name))
}
