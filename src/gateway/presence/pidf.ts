import {TextDecoder} from 'node:util'
import xml, {escapeXML, type Element} from '@xmpp/xml'
import {SaxesParser, type SaxesTagNS, type XMLDecl} from 'saxes'
import {asXmlText} from '../xml-text.js'

/**
 * PIDF (RFC 3863) with RPID (RFC 4480) activities and RFC 8048's `<show xmlns='jabber:client'>`, as
 * bytes: reading untrusted documents into plain records, and writing the gateway's own documents
 * byte for byte (presence.md P5.2). What the records mean (the P5.1 table) is mapping.ts's business.
 */

export const NS_PIDF = 'urn:ietf:params:xml:ns:pidf'
export const NS_DM = 'urn:ietf:params:xml:ns:pidf:data-model'
export const NS_RPID = 'urn:ietf:params:xml:ns:pidf:rpid'
export const NS_JABBER_CLIENT = 'jabber:client'
const NS_XML = 'http://www.w3.org/XML/1998/namespace'

/** The largest PIDF body in a PUBLISH: presence.md P4.4 check 10 (16 KiB); readPidf's default. */
export const MAX_PUBLISH_PIDF_BYTES = 16 * 1024
/** The largest PIDF body in a NOTIFY to the gateway: presence.md P4.3, P9 row 7 (64 KiB; an aggregate of several publications). */
export const MAX_NOTIFY_PIDF_BYTES = 64 * 1024
/** The deepest nesting read (presence.md P5.2 rule 1). */
export const MAX_PIDF_DEPTH = 32

/** PidfNote is a `<note>` with its language: its own xml:lang, an ancestor's, else the body's Content-Language. */
export interface PidfNote {
  readonly text: string
  readonly lang?: string
}

/** PidfTuple is one `<tuple>`, reduced to what the P5.1 table reads. */
export interface PidfTuple {
  readonly id: string
  /** `<status><basic>` as written, trimmed (baresip sends `?` and `unknown` too). */
  readonly basic: string
  /** RFC 8048's `<show xmlns='jabber:client'>` inside `<status>`, trimmed, unvalidated. */
  readonly show?: string
  /** Local names of the RPID activities anywhere inside the tuple, in document order. */
  readonly activities: readonly string[]
  readonly notes: readonly PidfNote[]
  /** The `<contact priority>` qvalue, 0…1, when present and valid. */
  readonly priority?: number
}

/** PidfPerson is a `<dm:person>` (or a `<person>` in the PIDF namespace, as Kamailio's pua_xmpp writes it). */
export interface PidfPerson {
  readonly activities: readonly string[]
  readonly notes: readonly PidfNote[]
}

export interface PidfDocument {
  readonly entity: string
  readonly tuples: readonly PidfTuple[]
  readonly persons: readonly PidfPerson[]
  /** `<note>` children of `<presence>` itself. */
  readonly notes: readonly PidfNote[]
}

export type PidfErrorReason = 'too-large' | 'not-utf8' | 'not-well-formed' | 'restricted-xml' | 'too-deep' | 'not-pidf'

/** PidfError is why a body is not read: returned, never thrown (a PUBLISH answers `400 Bad Request (PIDF)`, P4.4). */
export class PidfError {
  constructor(
    readonly reason: PidfErrorReason,
    readonly text: string,
  ) {}
}

/** Node is the small tree a document is read into before its records are taken out (at most 16 KiB of it). */
interface Node {
  readonly uri: string
  readonly local: string
  readonly attributes: Readonly<Record<string, string>>
  readonly lang: string | undefined
  readonly children: Node[]
  text: string
}

/** Stop unwinds saxes after the first refusal. */
class Stop extends Error {}

/** ReadPidfOptions are what the SIP request around a body says. */
export interface ReadPidfOptions {
  /** The body's `Content-Language` (P5.1 row 10): the language of notes without xml:lang. */
  readonly contentLanguage?: string
  /** The size limit of the method that carried the body; default MAX_PUBLISH_PIDF_BYTES. */
  readonly maxBytes?: number
}

/**
 * readPidf reads a PIDF body (presence.md P5.2 rule 1, P9 row 7): strict UTF-8 XML 1.0, namespace-aware
 * with any prefixes, no DTD (so no entity but the five predefined ones), no processing instructions,
 * nesting at most 32, bounded size. Unknown elements are skipped. `too-large` is the caller's `413`,
 * every other PidfError its `400 Bad Request (PIDF)`.
 */
export function readPidf(body: Uint8Array | string, options: ReadPidfOptions = {}): PidfDocument | PidfError {
  const maxBytes = options.maxBytes ?? MAX_PUBLISH_PIDF_BYTES
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength
  if (size > maxBytes) return new PidfError('too-large', `a PIDF document over ${maxBytes} bytes`)
  let text: string
  try {
    text = typeof body === 'string' ? body : new TextDecoder('utf-8', {fatal: true}).decode(body)
  } catch {
    return new PidfError('not-utf8', 'the PIDF document is not valid UTF-8')
  }
  const root = parseTree(text, options.contentLanguage || undefined)
  if (root instanceof PidfError) return root
  if (root.uri !== NS_PIDF || root.local !== 'presence') {
    return new PidfError('not-pidf', `not a PIDF document: the root element is {${root.uri}}${root.local}`)
  }
  return {
    entity: root.attributes.entity ?? '',
    tuples: childrenOf(root, NS_PIDF, 'tuple').map(readTuple),
    persons: root.children.filter((node) => node.local === 'person' && (node.uri === NS_DM || node.uri === NS_PIDF)).map(readPerson),
    notes: notesOf(root, NS_PIDF),
  }
}

function parseTree(text: string, contentLanguage: string | undefined): Node | PidfError {
  let failure: PidfError | undefined
  let root: Node | undefined
  const open: Node[] = []
  const fail = (reason: PidfErrorReason, message: string): never => {
    failure ??= new PidfError(reason, message)
    throw new Stop()
  }
  const parser = new SaxesParser({xmlns: true, position: false, defaultXMLVersion: '1.0', forceXMLVersion: true})
  parser.on('xmldecl', (declaration: XMLDecl) => {
    const encoding = declaration.encoding
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) fail('not-utf8', `the PIDF document must be UTF-8, not ${encoding}`)
  })
  parser.on('doctype', () => fail('restricted-xml', 'a DTD is not allowed in a PIDF document'))
  parser.on('processinginstruction', () => fail('restricted-xml', 'processing instructions are not allowed in a PIDF document'))
  parser.on('error', (error) => fail('not-well-formed', error.message))
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (open.length >= MAX_PIDF_DEPTH) fail('too-deep', `elements nested deeper than ${MAX_PIDF_DEPTH}`)
    const parent = open.at(-1)
    const node = newNode(tag, parent?.lang ?? contentLanguage)
    if (parent) parent.children.push(node)
    else root = node
    open.push(node)
  })
  parser.on('closetag', () => void open.pop())
  parser.on('text', (chunk) => appendText(open.at(-1), chunk))
  parser.on('cdata', (chunk) => appendText(open.at(-1), chunk))
  try {
    parser.write(text).close()
  } catch (error) {
    if (!(error instanceof Stop)) throw error
  }
  // A body without a root element is saxes's error ('document must contain a root element.').
  return failure ?? root!
}

function newNode(tag: SaxesTagNS, inheritedLang: string | undefined): Node {
  const attributes: Record<string, string> = {}
  let lang = inheritedLang
  for (const attribute of Object.values(tag.attributes)) {
    // An empty xml:lang is taken as absent (XML 1.0 §2.12 makes it "no language"; RFC 8048 has no use for that).
    if (attribute.uri === NS_XML && attribute.local === 'lang') lang = attribute.value || inheritedLang
    else if (attribute.uri === '') attributes[attribute.local] = attribute.value
  }
  return {uri: tag.uri, local: tag.local, attributes, lang, children: [], text: ''}
}

function appendText(node: Node | undefined, chunk: string): void {
  // Text outside the root is only whitespace (saxes refuses the rest).
  if (node) node.text += chunk
}

function childrenOf(node: Node, uri: string, local: string): Node[] {
  return node.children.filter((child) => child.uri === uri && child.local === local)
}

function notesOf(node: Node, uri: string): PidfNote[] {
  return childrenOf(node, uri, 'note').map((note) => (note.lang === undefined ? {text: note.text.trim()} : {text: note.text.trim(), lang: note.lang}))
}

/** activitiesOf lists the RPID activities (RFC 4480 §3.2) under every `<rpid:activities>` below node. */
function activitiesOf(node: Node): string[] {
  if (node.uri === NS_RPID && node.local === 'activities') return node.children.filter((child) => child.uri === NS_RPID).map((child) => child.local)
  return node.children.flatMap(activitiesOf)
}

function readTuple(tuple: Node): PidfTuple {
  const status = childrenOf(tuple, NS_PIDF, 'status')[0]
  const basic = status && childrenOf(status, NS_PIDF, 'basic')[0]
  const show = status && childrenOf(status, NS_JABBER_CLIENT, 'show')[0]
  const contact = childrenOf(tuple, NS_PIDF, 'contact')[0]
  const priority = contact && qvalue(contact.attributes.priority)
  return {
    id: tuple.attributes.id ?? '',
    basic: basic ? basic.text.trim() : '',
    ...(show ? {show: show.text.trim()} : {}),
    activities: activitiesOf(tuple),
    notes: notesOf(tuple, NS_PIDF),
    ...(priority === undefined ? {} : {priority}),
  }
}

function readPerson(person: Node): PidfPerson {
  return {activities: activitiesOf(person), notes: notesOf(person, NS_DM)}
}

/** qvalue reads RFC 3863's `priority` (RFC 3261 qvalue: 0 to 1, at most three decimals). */
function qvalue(text: string | undefined): number | undefined {
  if (text === undefined || !/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(text.trim())) return undefined
  return Number(text.trim())
}

/** PidfTupleOut is one tuple the gateway writes (presence.md P5.2). */
export interface PidfTupleOut {
  readonly id: string
  readonly basic: 'open' | 'closed'
  readonly show?: string
  /** The contact URI and its qvalue as written (`0.394`), if any. */
  readonly contact?: {readonly uri: string; readonly priority?: string}
  readonly note?: PidfNote
}

/**
 * writePidfDocument writes the P5.2 document exactly: the declaration, `<presence>` with the `dm` and
 * `rpid` prefixes (baresip 1.0 finds `<rpid:busy/>` by regular expression, not by namespace), one
 * tuple per line group, and one `<dm:person>` with the RPID activity when there is one.
 */
export function writePidfDocument(entity: string, tuples: readonly PidfTupleOut[], activity?: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<presence xmlns="${NS_PIDF}"`,
    `    xmlns:dm="${NS_DM}"`,
    `    xmlns:rpid="${NS_RPID}"`,
    `    entity="${escapeXML(asXmlText(entity))}">`,
    ...tuples.flatMap(tupleLines),
  ]
  if (activity !== undefined) lines.push(`  ${xml('dm:person', {id: 'p1'}, xml('rpid:activities', {}, xml(`rpid:${activity}`))).toString()}`)
  lines.push('</presence>')
  return lines.join('\n')
}

function tupleLines(tuple: PidfTupleOut): string[] {
  const status = xml('status', {}, xml('basic', {}, tuple.basic))
  if (tuple.show !== undefined) status.cnode(xml('show', {xmlns: NS_JABBER_CLIENT}, tuple.show))
  const children: Element[] = [status]
  if (tuple.contact) {
    const {uri, priority} = tuple.contact
    children.push(xml('contact', priority === undefined ? {} : {priority}, asXmlText(uri)))
  }
  if (tuple.note) children.push(xml('note', tuple.note.lang === undefined ? {} : {'xml:lang': tuple.note.lang}, asXmlText(tuple.note.text)))
  return [`  <tuple id="${escapeXML(tuple.id)}">`, ...children.map((child) => `    ${child.toString()}`), '  </tuple>']
}
