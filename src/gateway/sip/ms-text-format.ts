/**
 * The `Ms-Text-Format` header: the first message of a session, carried inside the INVITE
 * (presence.md P10.1, P10.2, P10.3; COMPAT(lync): [MS-SIPRE], which defines it, could not be read,
 * so the shape is the one of the Skype for Business capture of P10.8 and of pidgin-sipe):
 * `{type}; charset=UTF-8[; msgr=…]; ms-body={base64 of the UTF-8 text}`. Reading never throws: a
 * value the gateway cannot show is a refusal, and the caller repeats nothing (P10.2: no
 * `Supported: ms-text-format`, so the caller sends the message again inside the dialog).
 */

/** MAX_MS_TEXT_FORMAT_CHARS bounds the header value read; framing already bounds the message, this bounds the work on one header. */
export const MAX_MS_TEXT_FORMAT_CHARS = 16 * 1024
/** MAX_EMBEDDED_FIRST_MESSAGE_BYTES: a longer first message is not embedded in the gateway's INVITE (P10.3, DECISION: small INVITEs). */
export const MAX_EMBEDDED_FIRST_MESSAGE_BYTES = 1000

/** FirstMessage is a first message the gateway can deliver to XMPP: its text, and the type it came as. */
export interface FirstMessage {
  readonly type: 'text/plain' | 'text/html'
  readonly text: string
}

export type FirstMessageRefusalReason = 'too-long' | 'no-body' | 'bad-type' | 'bad-charset' | 'bad-base64' | 'not-utf8'

/** FirstMessageRefusal is why a first message is not delivered (for the debug log; nothing is answered for it). */
export interface FirstMessageRefusal {
  readonly refused: FirstMessageRefusalReason
  readonly text: string
}

export const isFirstMessageRefusal = (value: FirstMessage | FirstMessageRefusal): value is FirstMessageRefusal => 'refused' in value

// RFC 4648 §4 base64 with its padding; Lync writes it whole, so anything else is refused, not repaired.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const UTF8 = new TextDecoder('utf-8', {fatal: true})
const PARAMETER = /^([^=]*?)[ \t]*=[ \t]*(.*)$/

/**
 * readMsTextFormat reads the header's value (P10.2): the media type, then `;`-separated parameters
 * (names any case, blanks around `;` and `=` allowed, `msgr` ignored). The charset must be UTF-8
 * when given; the text is strict base64 of strict UTF-8; `text/html` loses its tags and has its
 * entities decoded. Any other type (`text/rtf`, `text/x-msmsgsinvite`) is refused.
 */
export function readMsTextFormat(value: string): FirstMessage | FirstMessageRefusal {
  if (value.length > MAX_MS_TEXT_FORMAT_CHARS) return refusal('too-long', `an Ms-Text-Format value over ${MAX_MS_TEXT_FORMAT_CHARS} bytes`)
  const [typeText, ...parameterTexts] = value.split(';')
  const type = typeText!.trim().toLowerCase()
  if (type !== 'text/plain' && type !== 'text/html') return refusal('bad-type', `the first message is ${type || 'untyped'}, not text/plain or text/html`)
  const parameters = new Map<string, string>()
  for (const text of parameterTexts) {
    const m = PARAMETER.exec(text.trim())
    if (m) parameters.set(m[1]!.toLowerCase(), m[2]!.trim())
  }
  const charset = parameters.get('charset')
  if (charset !== undefined && !/^"?utf-8"?$/i.test(charset)) return refusal('bad-charset', `the first message's charset is ${charset}, not UTF-8`)
  const body = parameters.get('ms-body')
  if (body === undefined || body === '') return refusal('no-body', 'Ms-Text-Format has no ms-body')
  if (!BASE64.test(body)) return refusal('bad-base64', 'ms-body is not base64')
  let text: string
  try {
    text = UTF8.decode(Buffer.from(body, 'base64'))
  } catch {
    return refusal('not-utf8', 'ms-body is not UTF-8')
  }
  return {type, text: type === 'text/html' ? htmlAsText(text) : text}
}

/**
 * writeMsTextFormat is the header of the gateway's INVITE (P10.3), or undefined when the text is over
 * 1,000 bytes of UTF-8 and follows as the first in-dialog MESSAGE instead.
 */
export function writeMsTextFormat(text: string): string | undefined {
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.byteLength > MAX_EMBEDDED_FIRST_MESSAGE_BYTES) return undefined
  return `text/plain; charset=UTF-8; ms-body=${bytes.toString('base64')}`
}

function refusal(refused: FirstMessageRefusalReason, text: string): FirstMessageRefusal {
  return {refused, text}
}

// `[^<>]` keeps the scan linear on hostile input (a run of `<` without `>`).
const TAG = /<[^<>]*>/g
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/g
const NAMED: Readonly<Record<string, string>> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0'}

/**
 * htmlAsText is P10.2's "tags removed, entities decoded": character references and the XML entities
 * (plus `&nbsp;`, which Lync's HTML uses); an unknown entity or a reference to no character stays as written.
 */
function htmlAsText(html: string): string {
  return html.replace(TAG, '').replace(ENTITY, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name]!
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16)
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole
  })
}
