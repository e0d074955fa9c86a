import {SaxesParser, type SaxesTagNS} from 'saxes'
import {PSEnumValue, PSHashtable, PSObject, PSTimeSpan} from '../values/objects.js'
import {toPSString} from '../values/convert.js'
import {decodeText} from '../values/text-encoding.js'
import {decodeClixmlString} from './clixml-strings.js'

/**
 * Import-Clixml's reader (powershell.md §12): files written by Windows PowerShell (UTF-16 LE with
 * BOM by default) and by csxmpp, including real Lync 2013 exports, which differ in ways that must
 * not matter (§12.5): identities serialized as objects, extra base types, unknown properties, Refs.
 * Malformed XML is a ClixmlError with the XML parser's own message (`1:70: unclosed tag: Objs`):
 * .NET's texts cannot be reproduced in general, and line:column tells where to look (DECISION).
 */

/** ClixmlError is a file Import-Clixml refuses; the message is PowerShell's (without the origin). */
export class ClixmlError extends Error {}

const NAMESPACE = 'http://schemas.microsoft.com/powershell/2004/04'
const NO_ROOT = `Element 'Objs' with namespace name '${NAMESPACE}' was not found.`
/** The children of an `Obj` that describe it; any other child is its content (§12.3). */
const OBJECT_PARTS = new Set(['TN', 'TNRef', 'ToString', 'Props', 'MS'])
const LIST_ELEMENTS = new Set(['LST', 'IE', 'STK', 'QUE'])

interface Element {
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: Element[]
  text: string
}

/** The string, identity and enum properties of the recognised Lync types (cmdlets.md A3), read through ToString (§12.5 rule 2). */
const LYNC_SCALARS: Readonly<Record<string, readonly string[]>> = {
  XmppAllowedPartner: ['Identity', 'Domain', 'TlsNegotiation', 'SaslNegotiation', 'ProxyFqdn', 'Description', 'PartnerType'],
  ExternalAccessPolicy: ['Identity', 'Description'],
  XmppGatewaySettings: ['Identity', 'DialbackPassphrase'],
}

function parse(text: string): Element {
  const parser = new SaxesParser({xmlns: true})
  const stack: Element[] = []
  let root: Element | undefined
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (!root && (tag.local !== 'Objs' || tag.uri !== NAMESPACE)) {
      throw new ClixmlError(NO_ROOT)
    }
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value]))
    const element: Element = {name: tag.local, attributes, children: [], text: ''}
    stack.at(-1)?.children.push(element)
    root ??= element
    stack.push(element)
  })
  parser.on('text', (t) => {
    const top = stack.at(-1)
    if (top) top.text += t
  })
  parser.on('cdata', (t) => {
    const top = stack.at(-1)
    if (top) top.text += t
  })
  parser.on('closetag', () => void stack.pop())
  parser.on('error', (error) => {
    throw new ClixmlError(error.message)
  })
  parser.write(text).close()
  if (!root) throw new ClixmlError(NO_ROOT)
  return root
}

/**
 * The encoding comes from the BOM, else the XML declaration, else UTF-8 (§12.1). UTF-16 without a
 * BOM is recognised by its first `<` (XML 1.0 appendix F), since its declaration is not ASCII.
 */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0x3c && bytes[1] === 0) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0 && bytes[1] === 0x3c) {
    const marked = new Uint8Array(bytes.length + 2)
    marked.set([0xfe, 0xff])
    marked.set(bytes, 2)
    return decodeText(marked)
  }
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xef && bytes[1] === 0xbb)
  const declared = bom ? undefined : /^<\?xml[^>]*encoding=["']([\w.:-]+)["']/.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 200)))?.[1]
  if (declared && !/^utf-?(8|16)/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes)
    } catch {
      // An encoding TextDecoder does not know: read it as UTF-8, as without a declaration.
    }
  }
  return decodeText(bytes)
}

function duration(text: string): PSTimeSpan {
  const match = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(text.trim())
  if (!match) return new PSTimeSpan(0)
  const [, minus, d = '0', h = '0', m = '0', s = '0'] = match
  const ticks = Math.round(((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 600_000_000 + Number(s) * 10_000_000)
  return new PSTimeSpan(minus ? -ticks : ticks)
}

class ClixmlReader {
  readonly #objects = new Map<string, unknown>()
  readonly #typeNames = new Map<string, string[]>()
  /** The ToString of each Obj by RefId, for scalar properties given as objects or Refs (§12.5 rule 2). */
  readonly #toStrings = new Map<string, string>()

  value(element: Element): unknown {
    const text = decodeClixmlString(element.text)
    switch (element.name) {
      case 'S': case 'G': case 'URI': case 'Version': case 'SBK': case 'XD':
        return text
      case 'B':
        return ['true', '1'].includes(text.trim()) // XmlConvert.ToBoolean's true forms
      case 'I32': case 'I16': case 'SB': case 'By': case 'U16': case 'U32': case 'I64': case 'U64':
        // A U64 above 2^63-1 is a Double here, as §12.2 says; JavaScript numbers do that by themselves.
        return Number(text)
      case 'Db': case 'Sg': case 'D':
        return text === 'INF' ? Infinity : text === '-INF' ? -Infinity : Number(text)
      case 'C':
        return String.fromCharCode(Number(text))
      case 'DT':
        return new Date(text.trim())
      case 'TS':
        return duration(text)
      case 'BA':
        return [...Buffer.from(text.trim(), 'base64')]
      case 'Nil':
        return null
      case 'SS':
        throw new ClixmlError('SecureString values (exported credentials) are not supported by csxmpp: they can only be decrypted by the Windows account that exported them.')
      case 'Ref':
        return this.#objects.get(element.attributes.RefId ?? '') ?? null
      case 'Obj':
        return this.#object(element)
      default:
        return text
    }
  }

  #typeNamesOf(element: Element): string[] {
    const tn = element.children.find((c) => c.name === 'TN')
    if (tn) {
      const names = tn.children.filter((c) => c.name === 'T').map((t) => decodeClixmlString(t.text))
      this.#typeNames.set(tn.attributes.RefId ?? '', names)
      return names
    }
    const ref = element.children.find((c) => c.name === 'TNRef')
    return ref ? (this.#typeNames.get(ref.attributes.RefId ?? '') ?? []) : []
  }

  #object(element: Element): unknown {
    const typeNames = this.#typeNamesOf(element)
    const shown = element.children.find((c) => c.name === 'ToString')
    const toString = shown ? decodeClixmlString(shown.text) : undefined
    const content = element.children.find((c) => !OBJECT_PARTS.has(c.name))
    const bags = element.children.filter((c) => c.name === 'Props' || c.name === 'MS')
    let result: unknown
    if (typeNames.some((t) => t.replace(/^Deserialized\./, '') === 'System.Enum')) {
      const fullName = (typeNames[0] ?? '').replace(/^Deserialized\./, '')
      result = new PSEnumValue({fullName, names: [toString ?? '']}, toString ?? '')
    } else if (content && LIST_ELEMENTS.has(content.name)) result = content.children.map((c) => this.value(c))
    else if (content?.name === 'DCT') result = this.#dictionary(content)
    else if (content) result = this.value(content) // an extended primitive: its notes are dropped
    else if (bags.length > 0) result = this.#propertyBag(typeNames, bags)
    else result = toString ?? null // An Obj with only TN and ToString is its string (DECISION §12.3).
    const refId = element.attributes.RefId
    if (refId !== undefined) this.#objects.set(refId, result)
    if (refId !== undefined && toString !== undefined) this.#toStrings.set(refId, toString)
    return result
  }

  #dictionary(dictionary: Element): PSHashtable {
    const table = new PSHashtable()
    for (const entry of dictionary.children.filter((c) => c.name === 'En')) {
      const key = entry.children.find((c) => c.attributes.N === 'Key')
      const value = entry.children.find((c) => c.attributes.N === 'Value')
      table.set(toPSString(key ? this.value(key) : null), value ? this.value(value) : null)
    }
    return table
  }

  /** #shownText is the ToString of a property given as an `Obj`, or as a `Ref` to one. */
  #shownText(child: Element): string | undefined {
    if (child.name === 'Ref') return this.#toStrings.get(child.attributes.RefId ?? '')
    const shown = child.name === 'Obj' ? child.children.find((c) => c.name === 'ToString') : undefined
    return shown ? decodeClixmlString(shown.text) : undefined
  }

  #propertyBag(typeNames: readonly string[], bags: readonly Element[]): PSObject {
    const object = new PSObject(typeNames.map((t) => (t.startsWith('Deserialized.') ? t : `Deserialized.${t}`)))
    const kind = Object.keys(LYNC_SCALARS).find((k) => typeNames.some((t) => t.replace(/^Deserialized\./, '').replace(/#.*$/, '').endsWith(`.${k}`)))
    const scalars = kind ? LYNC_SCALARS[kind]! : []
    for (const bag of bags) {
      for (const child of bag.children) {
        const name = decodeClixmlString(child.attributes.N ?? '')
        const value = this.value(child)
        // A Lync export may serialize a string, identity or enum property as an object: read its ToString (§12.5).
        const shown = this.#shownText(child)
        const scalar = scalars.includes(name) && !(value instanceof PSEnumValue) && shown !== undefined
        object.addProperty(name, scalar ? shown : value)
      }
    }
    return object
  }
}

/** readClixml reads a Clixml file's bytes into one value per child of `Objs`. */
export function readClixml(bytes: Uint8Array): unknown[] {
  const root = parse(decode(bytes))
  const reader = new ClixmlReader()
  return root.children.map((child) => reader.value(child))
}
