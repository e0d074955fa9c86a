import {TextDecoder} from 'node:util'
import {Element} from '@xmpp/xml'
import {SaxesParser, type SaxesTagNS, type XMLDecl} from 'saxes'
import {InputBudget} from './input-budget.js'

/**
 * The incoming XMPP stream parser (RFC 6120 §4, §11): strict XML 1.0 from saxes (notes/stack.md §5.2:
 * ltx silently accepts what RFC 6120 forbids), restricted XML enforced, whitespace keep-alives between
 * stanzas dropped, strict UTF-8 with characters split across TCP segments decoded whole, and an input
 * budget (input-budget.ts) that counts every byte from the first one, so that a peer cannot grow the
 * gateway's memory: the header, the gaps between stanzas and each stanza have a limit, and so does
 * nesting. Each violation ends the stream with the RFC 6120 §4.9.3 condition to send back.
 */

/** NS_STREAM is the stream namespace of RFC 6120 §4.8.1. */
export const NS_STREAM = 'http://etherx.jabber.org/streams'

/**
 * StreamErrorCondition is a stream error the stream asks the session to send (RFC 6120 §4.9.3):
 * the parser's, for the peer's input, and `internal-server-error` for a failure of the gateway's own.
 */
export type StreamErrorCondition =
  | 'not-well-formed'
  | 'restricted-xml'
  | 'policy-violation'
  | 'invalid-namespace'
  | 'bad-format'
  | 'unsupported-encoding'
  | 'internal-server-error'

/** StreamParserEvents are what the parser reports, in order. */
export interface StreamParserHandlers {
  /** The `<stream:stream>` header, with its attributes (from, to, version, xmlns, xmlns:db …). */
  streamStart(header: Element): void
  /** One complete top-level element: a stanza, stream features, a dialback or SASL element. */
  stanza(stanza: Element): void
  /** `</stream:stream>`. */
  streamEnd(): void
  /** A violation: the session sends this stream error and closes. Nothing is reported after it. */
  error(condition: StreamErrorCondition, text: string): void
}

/** StreamParserLimits bound what one peer can make the gateway hold. */
export interface StreamParserLimits {
  /** Bytes of one top-level element; RFC 6120 §13.12 asks for a limit of at least 10,000. Default 256 KiB. */
  readonly maxStanzaBytes?: number
  /** Nesting below the stream header. Default 32. */
  readonly maxDepth?: number
  /** Bytes from the stream's first byte to the end of its header; a real header is a few hundred. Default 8 KiB. */
  readonly maxHeaderBytes?: number
  /**
   * Bytes between two stanzas. Whitespace keep-alives are a byte every minute or so, and a stream
   * without stanzas is closed after StreamInactivityTimeout; this only stops a flood. Default 256 KiB.
   */
  readonly maxBetweenStanzasBytes?: number
}

/** XmppStreamParser reads one XML stream from the bytes of one connection, and starts over on reset. */
export class XmppStreamParser {
  readonly #handlers: StreamParserHandlers
  readonly #maxDepth: number
  readonly #limits: {header: number; between: number; stanza: number}
  #decoder!: TextDecoder
  #budget!: InputBudget
  #parser!: SaxesParser<{xmlns: true}>
  /** Characters given to saxes since the stream began: its `position` is right only inside its handlers. */
  #fed = 0
  #header: Element | undefined
  #open: Element[] = []
  #failed = false
  /**
   * Stanzas completed by the current write. saxes closes the open elements before it reports a
   * mismatched end tag, so stanzas are handed on only once the whole chunk parsed cleanly.
   */
  #completed: Element[] = []

  constructor(handlers: StreamParserHandlers, limits: StreamParserLimits = {}) {
    this.#handlers = handlers
    this.#maxDepth = limits.maxDepth ?? 32
    this.#limits = {header: limits.maxHeaderBytes ?? 8 * 1024, between: limits.maxBetweenStanzasBytes ?? 256 * 1024, stanza: limits.maxStanzaBytes ?? 256 * 1024}
    this.reset()
  }

  /** reset starts a new stream on the same connection: after STARTTLS and after SASL success (RFC 6120 §5.4.3.3, §6.4.6). */
  reset(): void {
    // RFC 6120 §11.6: UTF-8 only. Fatal: a malformed sequence is refused, never turned into U+FFFD and
    // forwarded; streaming: a character split across TCP segments waits for its last byte.
    this.#decoder = new TextDecoder('utf-8', {fatal: true})
    this.#budget = new InputBudget(this.#limits)
    this.#fed = 0
    this.#header = undefined
    this.#open = []
    // RFC 6120 §11.8: XMPP is XML 1.0, whatever the declaration says; XML 1.1 would allow `&#1;`.
    const parser = new SaxesParser({xmlns: true, position: false, defaultXMLVersion: '1.0', forceXMLVersion: true})
    parser.on('xmldecl', (declaration) => this.#declaration(declaration))
    parser.on('opentagstart', () => this.#elementStart())
    parser.on('opentag', (tag) => this.#openTag(tag))
    parser.on('closetag', () => this.#closeTag())
    parser.on('text', (text) => this.#text(text))
    parser.on('cdata', (text) => this.#text(text))
    parser.on('comment', () => this.#fail('restricted-xml', 'comments are not allowed in XMPP (RFC 6120 §11.1)'))
    parser.on('processinginstruction', () => this.#fail('restricted-xml', 'processing instructions are not allowed in XMPP (RFC 6120 §11.1)'))
    parser.on('doctype', () => this.#fail('restricted-xml', 'a DTD is not allowed in XMPP (RFC 6120 §11.1)'))
    parser.on('error', (error) => this.#fail('not-well-formed', error.message))
    this.#parser = parser
  }

  /**
   * write feeds bytes as they arrive from the socket. A violation is reported to the handlers; any
   * other exception (a handler's, or the parser's own) stops the parser for good and is thrown to the
   * caller, whose connection it is.
   */
  write(chunk: Buffer): void {
    if (this.#failed) return
    try {
      this.#parse(chunk)
    } catch (error) {
      if (error instanceof StreamParserStopped) return
      this.#failed = true
      throw error
    }
  }

  #parse(chunk: Buffer): void {
    const text = this.#decode(chunk)
    if (text === undefined) return
    const parser = this.#parser
    parser.write(text)
    // Checked after each chunk as well as at each boundary: a span that has not ended yet is what saxes
    // holds. A handler that restarted the stream meanwhile (reset) began the count afresh.
    if (parser === this.#parser) this.#check((this.#fed += text.length))
    const completed = this.#completed
    this.#completed = []
    for (const stanza of completed) {
      if (this.#failed) return
      this.#handlers.stanza(stanza)
    }
  }

  #decode(chunk: Buffer): string | undefined {
    try {
      return this.#decoder.decode(chunk, {stream: true})
    } catch {
      // RFC 6120 §4.9.3.22: "…improperly encoded the stream (e.g., by violating the rules of the [UTF-8] encoding)".
      this.#report('unsupported-encoding', 'the stream is not valid UTF-8 (RFC 6120 §11.6)')
      return undefined
    }
  }

  /** #check reports the violation when the current span has grown past its limit; true when it did. */
  #check(position: number): boolean {
    const overrun = this.#budget.overrun(position)
    if (overrun !== undefined) this.#report('policy-violation', overrun)
    return overrun !== undefined
  }

  /** #boundary ends a span inside saxes: the one ending is checked, then the next one is counted from here. */
  #boundary(next: 'between' | 'stanza'): void {
    const position = this.#parser.position
    if (this.#check(position)) throw new StreamParserStopped()
    this.#budget.begin(next, position)
  }

  /** #report reports the first violation; nothing is reported after it. */
  #report(condition: StreamErrorCondition, text: string): void {
    if (this.#failed) return
    this.#failed = true
    this.#handlers.error(condition, text)
  }

  /** #fail reports a violation from inside saxes and unwinds it. */
  #fail(condition: StreamErrorCondition, text: string): never {
    this.#report(condition, text)
    throw new StreamParserStopped()
  }

  /** #declaration refuses an XML declaration naming another encoding than UTF-8 (RFC 6120 §11.6). */
  #declaration(declaration: XMLDecl): void {
    const encoding = declaration.encoding
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) this.#fail('unsupported-encoding', `the stream must be UTF-8, not ${encoding} (RFC 6120 §11.6)`)
  }

  /** #elementStart sees an element's name complete: at the top level, a stanza begins and the gap before it ends. */
  #elementStart(): void {
    if (this.#header && this.#open.length === 0) this.#boundary('stanza')
  }

  #openTag(tag: SaxesTagNS): void {
    const attrs: Record<string, string> = {}
    for (const attribute of Object.values(tag.attributes)) attrs[attribute.name] = attribute.value
    if (!this.#header) {
      if (tag.local !== 'stream' || tag.uri !== NS_STREAM) this.#fail('invalid-namespace', `the stream header must be <stream> in ${NS_STREAM}`)
      this.#boundary('between')
      this.#header = new Element(tag.name, attrs)
      this.#handlers.streamStart(this.#header)
      return
    }
    if (this.#open.length >= this.#maxDepth) this.#fail('policy-violation', `elements nested deeper than ${this.#maxDepth}`)
    const element = new Element(tag.name, attrs)
    const parent = this.#open.at(-1)
    if (parent) parent.cnode(element)
    // A stanza keeps the header as parent, so prefixes declared there (xmlns:db) resolve.
    else element.parent = this.#header
    this.#open.push(element)
  }

  #closeTag(): void {
    const element = this.#open.pop()
    if (!element) {
      for (const stanza of this.#completed.splice(0)) this.#handlers.stanza(stanza)
      this.#handlers.streamEnd()
      return
    }
    if (this.#open.length === 0) {
      this.#boundary('between')
      this.#completed.push(element)
    }
  }

  #text(text: string): void {
    const parent = this.#open.at(-1)
    if (parent) parent.t(text)
    // Between stanzas only whitespace keep-alives may appear (RFC 6120 §4.6.1); they are dropped.
    else if (text.trim() !== '') this.#fail('bad-format', 'character data between stanzas')
  }
}

/** StreamParserStopped unwinds saxes after a violation; the parser ignores everything afterwards. */
class StreamParserStopped extends Error {}
