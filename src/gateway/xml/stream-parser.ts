import {StringDecoder} from 'node:string_decoder'
import {Element} from '@xmpp/xml'
import {SaxesParser, type SaxesTagNS} from 'saxes'

/**
 * The incoming XMPP stream parser (RFC 6120 §4, §11): strict XML from saxes (notes/stack.md §5.2:
 * ltx silently accepts what RFC 6120 forbids), restricted XML enforced, whitespace keep-alives between
 * stanzas dropped, UTF-8 characters split across TCP segments decoded whole, and a stanza size and
 * depth limit so that a peer cannot grow the gateway's memory. Each violation ends the stream with
 * the RFC 6120 §4.9.3 condition to send back.
 */

/** NS_STREAM is the stream namespace of RFC 6120 §4.8.1. */
export const NS_STREAM = 'http://etherx.jabber.org/streams'

/** StreamErrorCondition is the stream error the parser asks the session to send (RFC 6120 §4.9.3). */
export type StreamErrorCondition = 'not-well-formed' | 'restricted-xml' | 'policy-violation' | 'invalid-namespace' | 'bad-format'

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
}

export class XmppStreamParser {
  readonly #handlers: StreamParserHandlers
  readonly #maxStanzaBytes: number
  readonly #maxDepth: number
  #decoder = new StringDecoder('utf8')
  #parser!: SaxesParser<{xmlns: true}>
  #header: Element | undefined
  #open: Element[] = []
  #bytes = 0
  #failed = false
  /**
   * Stanzas completed by the current write. saxes closes the open elements before it reports a
   * mismatched end tag, so stanzas are handed on only once the whole chunk parsed cleanly.
   */
  #completed: Element[] = []

  constructor(handlers: StreamParserHandlers, limits: StreamParserLimits = {}) {
    this.#handlers = handlers
    this.#maxStanzaBytes = limits.maxStanzaBytes ?? 256 * 1024
    this.#maxDepth = limits.maxDepth ?? 32
    this.reset()
  }

  /** reset starts a new stream on the same connection: after STARTTLS and after SASL success (RFC 6120 §5.4.3.3, §6.4.6). */
  reset(): void {
    this.#decoder = new StringDecoder('utf8')
    this.#header = undefined
    this.#open = []
    this.#bytes = 0
    const parser = new SaxesParser({xmlns: true, position: false})
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

  /** write feeds bytes as they arrive from the socket. */
  write(chunk: Buffer): void {
    if (this.#failed) return
    const text = this.#decoder.write(chunk)
    // Whitespace keep-alives between stanzas do not count toward the next stanza's size.
    const counted = this.#header !== undefined && (this.#open.length > 0 || text.trim() !== '')
    if (counted && this.#overLimit(chunk.length)) return
    try {
      this.#parser.write(text)
    } catch (error) {
      // saxes reports through the error handler, which throws; anything else is ours.
      if (!this.#failed) throw error
    }
    // The chunk that carried the header may also have begun a stanza: count it whole (a few hundred bytes too many at most).
    if (!counted && this.#open.length > 0 && this.#overLimit(chunk.length)) return
    const completed = this.#completed
    this.#completed = []
    if (!this.#failed) for (const stanza of completed) this.#handlers.stanza(stanza)
  }

  /** #overLimit adds bytes to the current stanza and reports the violation when it grows past the limit. */
  #overLimit(bytes: number): boolean {
    this.#bytes += bytes
    if (this.#bytes <= this.#maxStanzaBytes) return false
    this.#report('policy-violation', `a stanza exceeds ${this.#maxStanzaBytes} bytes`)
    return true
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

  #openTag(tag: SaxesTagNS): void {
    const attrs: Record<string, string> = {}
    for (const attribute of Object.values(tag.attributes)) attrs[attribute.name] = attribute.value
    if (!this.#header) {
      if (tag.local !== 'stream' || tag.uri !== NS_STREAM) this.#fail('invalid-namespace', `the stream header must be <stream> in ${NS_STREAM}`)
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
      this.#bytes = 0
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
