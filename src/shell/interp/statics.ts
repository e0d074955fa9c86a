import {roundHalfToEven, toPSString} from '../../values/convert.js'
import {parseDateTime} from '../../values/dotnet-format.js'
import {runtimeError} from '../../values/runtime-errors.js'
import {CONSOLE_COLOR} from '../../values/console-color.js'
import {constructCredential, credential} from '../../values/credential.js'
import {PSEnumValue} from '../../values/objects.js'
import {staticMemberKey} from '../types.js'
import {castTo, toBoolean, toNumber} from './convert.js'
import path from 'node:path'

/** The whitelisted static members of powershell.md §4.6 (the parser refuses any other). */

const CONVERT = {parseDate: parseDateTime}

function round(x: number, digits: number): number {
  const factor = 10 ** digits
  return roundHalfToEven(x * factor) / factor
}

function argument(args: readonly unknown[] | undefined, i: number): unknown {
  return args?.[i] ?? null
}

const MEMBERS: Record<string, (args: readonly unknown[] | undefined) => unknown> = {
  'string::isnullorempty': (a) => toPSString(argument(a, 0)) === '',
  'string::isnullorwhitespace': (a) => toPSString(argument(a, 0)).trim() === '',
  'string::join': (a) => {
    const items = a?.slice(1) ?? []
    const list = items.length === 1 && Array.isArray(items[0]) ? items[0] : items
    return list.map(toPSString).join(toPSString(argument(a, 0)))
  },
  'string::empty': () => '',
  'math::round': (a) => round(toNumber(argument(a, 0), 'System.Double'), a && a.length > 1 ? toNumber(a[1]) : 0),
  'math::floor': (a) => Math.floor(toNumber(argument(a, 0), 'System.Double')),
  'math::ceiling': (a) => Math.ceil(toNumber(argument(a, 0), 'System.Double')),
  'math::abs': (a) => Math.abs(toNumber(argument(a, 0), 'System.Double')),
  'math::max': (a) => Math.max(toNumber(argument(a, 0)), toNumber(argument(a, 1))),
  'math::min': (a) => Math.min(toNumber(argument(a, 0)), toNumber(argument(a, 1))),
  'int::maxvalue': () => 2147483647,
  'int::minvalue': () => -2147483648,
  'uint32::maxvalue': () => 4294967295,
  'datetime::now': () => new Date(),
  'datetime::utcnow': () => new Date(),
  'datetime::today': () => {
    const now = new Date()
    return new Date(now.getFullYear(), now.getMonth(), now.getDate())
  },
  'datetime::parse': (a) => castTo(argument(a, 0), 'datetime', CONVERT),
  'bool::parse': (a) => {
    const text = toPSString(argument(a, 0)).trim().toLowerCase()
    if (text !== 'true' && text !== 'false') {
      throw runtimeError('String was not recognized as a valid Boolean.', 'FormatException', 'NotSpecified', 'MethodInvocationException')
    }
    return text === 'true'
  },
  'convert::toboolean': (a) => toBoolean(argument(a, 0)),
  'convert::toint32': (a) => castTo(argument(a, 0), 'int', CONVERT),
  'environment::newline': () => '\n',
  'regex::escape': (a) => toPSString(argument(a, 0)).replace(/[\\*+?|{[()^$.# \t\n\r\f]/g, (c) => ({'\t': '\\t', '\n': '\\n', '\r': '\\r', '\f': '\\f'})[c] ?? `\\${c}`),
  'io.path::getfilename': (a) => path.basename(toPSString(argument(a, 0)).replaceAll('\\', '/')),
  'io.path::combine': (a) => path.join(...(a ?? []).map(toPSString)),
  'pscredential::empty': () => credential(null, null),
  'pscredential::new': (a) => constructCredential(a ?? []),
  ...Object.fromEntries(CONSOLE_COLOR.names.map((name) => [`consolecolor::${name.toLowerCase()}`, () => new PSEnumValue(CONSOLE_COLOR, name)])),
}

/** staticMember evaluates `[type]::Member` or `[type]::Method(args)`. */
export function staticMember(type: string, member: string, args: readonly unknown[] | undefined): unknown {
  const key = staticMemberKey(type, member)
  const implementation = key ? MEMBERS[key] : undefined
  if (!implementation) throw new Error(`static member ${type}::${member} passed the parser but has no implementation`)
  return implementation(args)
}
