/**
 * Message framing on SIP stream transports (RFC 3261 §18.3): a message ends after its headers and
 * Content-Length bytes of body; CRLFs between messages are keep-alives (RFC 5626 §3.5.1). The limits
 * apply to each message, not to what is buffered: a peer that pipelines many small messages in one
 * TCP segment (any busy proxy) is no flood (the `sip` package's stream parser took it for one).
 *
 * A message over the limits is not a reason to drop a connection that other transactions share
 * (issue 12: one oversized 200 OK failed twenty delivered messages). Its bytes are skipped as they
 * come, never buffered, and what the transaction layer needs to answer it or to fail the request it
 * answers is kept: the start line and the first line of Via, From, To, Call-ID and CSeq when it is
 * short, and the Content-Length. Only a header block that goes on past a hard cap without ending, or a body
 * announced beyond it, ends the connection: no message boundary can be found there any more.
 *
 * Text is latin1, one character per byte. Each byte is looked at a bounded number of times however
 * the stream is cut (a header block dripping one byte per segment is not searched again each time).
 */

/** FramingLimits bound one message. */
export interface FramingLimits {
  /** A longer header block makes the message oversized. */
  readonly maxHeaderBytes: number
  /** A longer body makes the message oversized. */
  readonly maxContentBytes: number
  /** A header block still without its end past this, or a longer body, is a flood. */
  readonly maxSkipBytes: number
}

/** FramerEvents receive what the framer finds; `why` says which limit a message broke. */
export interface FramerEvents {
  /** message gets a whole message within the limits. */
  message(text: string): void
  /** oversized gets, once the last byte of a message over the limits is skipped, its start line and kept header lines as a header block (without Content-Length). */
  oversized(head: string, why: 'header' | 'content'): void
  /** flood is called once, when no message boundary can be found any more; the framer ignores all later input. */
  flood(why: 'header' | 'content'): void
}

const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\d+)[ \t]*\r?$/im
const KEPT = /^(via|v|from|f|to|t|call-id|i|cseq)[ \t]*:/i
// RFC 3261 §7.3.3 compact forms of the kept names.
const LONG_NAMES: Readonly<Record<string, string>> = {v: 'via', f: 'from', t: 'to', i: 'call-id'}
// Long enough for any real Via, From or To; a longer line is skipped like the rest.
const KEPT_LINE_BYTES = 2048

/**
 * HeadKeeper reads a header block as it streams past, line by line (CRLF; a lone LF is part of a
 * line), keeping the start line, the first line of each header a transaction is found by (the first
 * Via is the top one), if short, and the Content-Length. A folded continuation (a line starting with
 * a blank, RFC 3261 §7.3.1) drops the line it continues rather than keep half of it. It holds at most
 * six lines of KEPT_LINE_BYTES, whatever the block holds.
 */
class HeadKeeper {
  readonly #lines: string[] = []
  readonly #seen = new Set<string>()
  #contentLength = 0
  #line = ''
  #lineBytes = 0
  #previous = ''
  #lastKept = false
  /** bytes counts what was read. */
  bytes = 0

  /** feed reads text from `from`; it returns the index just past the empty line that ends the block, or -1 when it read everything. */
  feed(text: string, from: number): number {
    for (let p = from; p < text.length; ) {
      const lf = text.indexOf('\n', p)
      const stop = lf < 0 ? text.length : lf + 1
      if (this.#line.length <= KEPT_LINE_BYTES + 1) this.#line += text.slice(p, Math.min(stop, p + KEPT_LINE_BYTES + 2 - this.#line.length))
      this.#lineBytes += stop - p
      this.bytes += stop - p
      const crlf = lf >= 0 && (lf > p ? text[lf - 1] : this.#previous) === '\r'
      this.#previous = text[stop - 1]!
      p = stop
      if (crlf && this.#endLine()) return p
    }
    return -1
  }

  /** head is the kept lines as a header block. */
  head(): string {
    return `${this.#lines.join('\r\n')}\r\n\r\n`
  }

  /** contentLength is the Content-Length of the block, 0 without one (or with one too long to read). */
  contentLength(): number {
    return this.#contentLength
  }

  /** #endLine takes the line just ended; true when it was the empty line. */
  #endLine(): boolean {
    const whole = this.#lineBytes <= KEPT_LINE_BYTES + 2
    const line = this.#line.slice(0, -2)
    const empty = this.#line === '\r\n'
    this.#line = ''
    this.#lineBytes = 0
    if (empty) return true
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (this.#lastKept) this.#lines.pop()
      return (this.#lastKept = false)
    }
    const length = whole ? CONTENT_LENGTH.exec(line) : null
    if (length) this.#contentLength = Number(length[1])
    // The start line is always the first line, if only as a blank one when it was too long to keep.
    if (this.#lines.length === 0) {
      this.#lastKept = whole
      this.#lines.push(whole ? line : '')
      return false
    }
    const name = KEPT.exec(line)?.[1]?.toLowerCase()
    const long = name === undefined ? undefined : (LONG_NAMES[name] ?? name)
    this.#lastKept = whole && long !== undefined && !this.#seen.has(long)
    if (long !== undefined) this.#seen.add(long)
    if (this.#lastKept) this.#lines.push(line)
    return false
  }
}

/** Skipping is a message over the limits being skipped: its header block until it ends, then `body` more bytes. */
interface Skipping {
  readonly keeper: HeadKeeper
  readonly why: 'header' | 'content'
  body?: number
}

/**
 * StreamFramer frames one stream. The message being read is kept as its pieces, their length, its
 * last 3 characters (the end of a header block may straddle two pieces), where its header block
 * ends (-1: not yet) and its body's length; a message over the limits is a Skipping instead.
 */
class StreamFramer {
  #pieces: string[] = []
  #bytes = 0
  #tail = ''
  #headerEnd = -1
  #length = 0
  #skipping: Skipping | undefined
  #flooded = false

  constructor(
    readonly events: FramerEvents,
    readonly limits: FramingLimits,
  ) {}

  push(data: string): void {
    // A message being skipped whose body is all skipped is complete even when no byte follows it.
    for (let p = 0; !this.#flooded && (p < data.length || this.#skipping?.body === 0); ) {
      p = this.#skipping ? this.#skip(data, p, this.#skipping) : this.#read(data, p)
    }
  }

  #flood(why: 'header' | 'content'): void {
    this.#flooded = true
    this.#pieces = []
    this.events.flood(why)
  }

  #reset(): void {
    this.#pieces = []
    this.#bytes = 0
    this.#tail = ''
    this.#headerEnd = -1
  }

  /** #startSkipping makes the message read so far, `text`, one being skipped; body is its length once its header block has ended. */
  #startSkipping(text: string, why: 'header' | 'content', body?: number): void {
    const keeper = new HeadKeeper()
    keeper.feed(text, 0)
    this.#skipping = {keeper, why, ...(body === undefined ? {} : {body})}
    this.#reset()
  }

  /** #skip consumes data from p for the message being skipped; it returns where the next message starts. */
  #skip(data: string, p: number, s: Skipping): number {
    if (s.body === undefined) {
      const end = s.keeper.feed(data, p)
      if (end < 0) {
        if (s.keeper.bytes > this.limits.maxSkipBytes) this.#flood('header')
        return data.length
      }
      s.body = s.keeper.contentLength()
      p = end
    }
    if (s.body > this.limits.maxSkipBytes) {
      this.#flood('content')
      return data.length
    }
    const taken = Math.min(s.body, data.length - p)
    s.body -= taken
    if (s.body > 0) return data.length
    this.#skipping = undefined
    this.events.oversized(s.keeper.head(), s.why)
    return p + taken
  }

  /** #headerBlockEnd finds, from p, the end of the header block (the index just past CRLFCRLF), or -1. */
  #headerBlockEnd(data: string, p: number): number {
    const joint = (this.#tail + data.slice(p, p + 3)).indexOf('\r\n\r\n')
    if (joint >= 0) return p + joint + 4 - this.#tail.length
    const end = data.indexOf('\r\n\r\n', p)
    return end < 0 ? -1 : end + 4
  }

  /** #read consumes data from p for the message being read; it returns where it stopped. */
  #read(data: string, p: number): number {
    if (this.#bytes === 0) {
      // Keep-alive line ends between messages.
      while (p < data.length && (data[p] === '\r' || data[p] === '\n')) p++
      if (p === data.length) return p
    }
    if (this.#headerEnd < 0) {
      const found = this.#headerBlockEnd(data, p)
      if (found < 0 && this.#bytes + data.length - p > this.limits.maxHeaderBytes + 3) {
        this.#startSkipping(this.#pieces.join('') + data.slice(p), 'header')
        return data.length
      }
      if (found >= 0 && this.#checkHeader(data, p, found)) return found
    }
    return this.#take(data, p)
  }

  /** #checkHeader reads the ended header block's Content-Length; true when the message is over the limits (then it is being skipped). */
  #checkHeader(data: string, p: number, found: number): boolean {
    this.#headerEnd = this.#bytes + found - p
    const head = this.#pieces.join('') + data.slice(p, found)
    this.#length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0)
    const why = this.#headerEnd > this.limits.maxHeaderBytes + 4 ? 'header' : this.#length > this.limits.maxContentBytes ? 'content' : undefined
    if (why) this.#startSkipping(head, why, this.#length)
    return why !== undefined
  }

  /** #take keeps what of data from p belongs to the message, and hands the message on once whole; it returns where it stopped. */
  #take(data: string, p: number): number {
    const needed = this.#headerEnd < 0 ? data.length - p : Math.min(data.length - p, this.#headerEnd + this.#length - this.#bytes)
    const piece = data.slice(p, p + needed)
    this.#pieces.push(piece)
    this.#bytes += needed
    this.#tail = (this.#tail + piece).slice(-3)
    if (this.#headerEnd < 0 || this.#bytes < this.#headerEnd + this.#length) return data.length
    const text = this.#pieces.join('')
    this.#reset()
    this.events.message(text)
    return p + needed
  }
}

/**
 * sipFramer returns a stream's data handler: each whole message goes to events.message, each
 * oversized one to events.oversized once skipped, and a flood to events.flood (after which all input
 * is ignored).
 */
export function sipFramer(events: FramerEvents, limits: FramingLimits): (data: string) => void {
  const framer = new StreamFramer(events, limits)
  return (data) => framer.push(data)
}

/** Datagram is what one UDP datagram holds: a message within the limits, or the head of one over them. */
export type Datagram = {readonly message: string} | {readonly oversized: string; readonly why: 'header' | 'content'}

const KEEP_ALIVES = /[\r\n]*/y

/** frameDatagram checks a datagram against the limits before anyone parses it (RFC 3261 §18.3: the body is the rest of the datagram). */
export function frameDatagram(text: string, limits: Pick<FramingLimits, 'maxHeaderBytes' | 'maxContentBytes'>): Datagram {
  KEEP_ALIVES.lastIndex = 0
  KEEP_ALIVES.exec(text)
  const start = KEEP_ALIVES.lastIndex
  const end = text.indexOf('\r\n\r\n', start)
  const header = (end < 0 ? text.length : end) - start
  const body = end < 0 ? 0 : text.length - end - 4
  if (header <= limits.maxHeaderBytes && body <= limits.maxContentBytes) return {message: text}
  const keeper = new HeadKeeper()
  keeper.feed(text.slice(start, end < 0 ? text.length : end + 4), 0)
  return {oversized: keeper.head(), why: header > limits.maxHeaderBytes ? 'header' : 'content'}
}
