import {randomUUID} from 'node:crypto'
import {makeResponse, stringifyUri, type NameAddr, type SipMessage} from 'sip'
import {reasonPhrase} from './errors.js'

/**
 * Helpers over the `sip` package's message objects: its strings hold one byte per character
 * (latin1), so text is converted from and to UTF-8 here, at the edge; and its makeResponse
 * leaves out the To tag a UAS must add (RFC 3261 §8.2.6.2).
 */

const UTF8 = new TextDecoder('utf-8', {fatal: true})
const ASCII = /^[\x00-\x7f]*$/

/** fromWire reads a latin1 byte string as UTF-8, or undefined when the bytes are not UTF-8. */
export function fromWire(bytes: string): string | undefined {
  // ASCII reads the same either way.
  if (ASCII.test(bytes)) return bytes
  try {
    return UTF8.decode(Buffer.from(bytes, 'latin1'))
  } catch {
    return undefined
  }
}

/** toWire writes text as UTF-8 bytes in a latin1 string, the form the `sip` codec counts and sends. */
export function toWire(text: string): string {
  return ASCII.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1')
}

/** textHeader is a header the codec keeps as a string (Subject, Content-Type, Expires …), undefined when absent. */
export function textHeader(message: SipMessage, name: string): string | undefined {
  const value = message.headers[name]
  return typeof value === 'string' ? value.trim() : undefined
}

/** uriOf is the URI of a From/To/Contact/Route value as a string. */
export function uriOf(nameAddr: NameAddr | undefined): string | undefined {
  return nameAddr === undefined ? undefined : stringifyUri(nameAddr.uri)
}

/**
 * newTag makes a From/To tag: 32 random bits or more, RFC 3261 §19.3. Taken from randomUUID, whose
 * entropy cache makes it several times cheaper per message than randomBytes (60 random bits here).
 */
export function newTag(): string {
  return randomUUID().replaceAll('-', '').slice(0, 16)
}

/** ResponseExtras are headers (lower-case names) added to a response; string values are text, written as UTF-8. */
export type ResponseExtras = Readonly<Record<string, unknown>>

/**
 * respond builds a response to a request: Via, From, Call-ID and CSeq copied (RFC 3261 §8.2.6.2),
 * To copied with a tag added when it has none, the reason phrase from RFC 3261 §21 unless given.
 */
export function respond(request: SipMessage, status: number, reason?: string, headers: ResponseExtras = {}): SipMessage {
  const to = request.headers.to
  const tagged = to.params.tag ? to : {...to, params: {...to.params, tag: newTag()}}
  // The reason phrase is one line of the status line, UTF-8 (RFC 3261 §25.1); a caller's text may not break it.
  const wire = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, typeof value === 'string' ? toWire(value) : value]))
  const response = makeResponse(request, status, toWire((reason ?? reasonPhrase(status)).replace(/[\r\n]+/g, ' ')), {headers: wire})
  response.headers.to = tagged
  return response
}
