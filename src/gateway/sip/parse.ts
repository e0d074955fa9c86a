import type {SipHeaders, SipMessage} from 'sip'
import {HEADER_FIELDS} from './header-fields.js'

/**
 * The reader of SIP messages (RFC 3261 §7): the start line, the header fields, the body. It gives the
 * `sip` package's message objects (sip.d.ts) but replaces its parser, whose cost grew with the square
 * of a header it could not read (issue 12; header-fields.ts says why). Every step here looks at each
 * character a bounded number of times. Size limits are the framing's (framing.ts): this reads
 * whatever it is given, in time linear in its length. Text is latin1, one character per byte.
 */

// RFC 3261 §7.3.3: the compact forms of header names.
const COMPACT: Readonly<Record<string, string>> = {
  c: 'content-type', e: 'content-encoding', f: 'from', i: 'call-id', k: 'supported', l: 'content-length', m: 'contact', s: 'subject', t: 'to', v: 'via',
}
const STATUS_LINE = /SIP\/(\d+\.\d+)[ \t]+(\d+)[ \t]*/y
// RFC 3261 §25.1: Method = token; the version may be spaced as the `sip` package allowed (`SIP / 2.0`).
const REQUEST_LINE = /([\w\-.!%*+`'~]+)[ \t](\S+)[ \t]SIP[ \t]*\/[ \t]*(\d+\.\d+)/y
const LEADING_WHITESPACE = /[ \t\r\n]*/y
const FOLD = /\r\n[ \t]+/g

/**
 * parseMessage reads one message: leading blank lines are skipped (RFC 3261 §7.5), the header block
 * ends at the first empty line, and the body is Content-Length bytes of what follows (all of it when
 * there is no Content-Length, as over UDP). Undefined when it is not a message: no empty line, a
 * start line that is neither a request nor a response, a header line without a name and a colon, or
 * a body shorter than its Content-Length (§18.3: discarded).
 */
export function parseMessage(text: string): SipMessage | undefined {
  LEADING_WHITESPACE.lastIndex = 0
  LEADING_WHITESPACE.exec(text)
  const start = LEADING_WHITESPACE.lastIndex
  const end = text.indexOf('\r\n\r\n', start)
  if (end < 0) return undefined
  const lineEnd = text.indexOf('\r\n', start)
  const message = startLine(text.slice(start, lineEnd))
  const headers = message && headerBlock(text.slice(lineEnd + 2, end + 2))
  if (!message || !headers) return undefined
  const body = text.slice(end + 4)
  const length = headers['content-length']
  if (typeof length === 'number' && !Number.isNaN(length)) {
    if (length > body.length) return undefined
    return {...message, headers, content: body.slice(0, length)}
  }
  return {...message, headers, content: body}
}

/** isComplete tells whether a message has a status or a method and the headers every message must (RFC 3261 §8.1.1: Via, Call-ID, To, From, CSeq). */
export function isComplete(m: SipMessage | undefined): m is SipMessage {
  const h = m?.headers
  return !!m && (!!m.method || (m.status ?? 0) >= 100) && !!h && Array.isArray(h.via) && h.via.length > 0 && !!h['call-id'] && !!h.to && !!h.from && !!h.cseq
}

/** startLine reads a Status-Line or a Request-Line (RFC 3261 §7.1, §7.2); a lone CR or LF in it makes it neither. */
function startLine(line: string): Omit<SipMessage, 'headers'> | undefined {
  if (line === '' || line.includes('\r') || line.includes('\n')) return undefined
  STATUS_LINE.lastIndex = 0
  const status = STATUS_LINE.exec(line)
  if (status) return {version: status[1]!, status: Number(status[2]), reason: line.slice(STATUS_LINE.lastIndex)}
  REQUEST_LINE.lastIndex = 0
  const request = REQUEST_LINE.exec(line)
  if (request) return {method: request[1]!, uri: request[2]!, version: request[3]!}
  return undefined
}

/**
 * headerBlock reads the header fields (each line ending in CRLF): a line beginning with a blank
 * continues the one before (RFC 3261 §7.3.1 folding, read as one space). Names are lower-case long
 * names; a structured value that does not parse leaves that line out.
 */
function headerBlock(block: string): SipHeaders | undefined {
  const headers: Record<string, unknown> = {}
  for (let from = 0; from < block.length; ) {
    let to = block.indexOf('\r\n', from)
    while (block[to + 2] === ' ' || block[to + 2] === '\t') to = block.indexOf('\r\n', to + 2)
    const line = block.slice(from, to)
    from = to + 2
    const colon = line.indexOf(':')
    const name = colon < 0 ? '' : line.slice(0, colon).trimEnd().toLowerCase()
    if (name === '' || /[ \t\r\n]/.test(name)) return undefined
    const long = COMPACT[name] ?? name
    const value = line.slice(colon + 1).replace(FOLD, ' ').replace(/^[ \t]+/, '')
    const field = HEADER_FIELDS[long]
    const parsed = field ? field(value, headers[long]) : typeof headers[long] === 'string' ? `${headers[long] as string},${value}` : value
    if (parsed !== undefined) headers[long] = parsed
  }
  return headers as SipHeaders
}
