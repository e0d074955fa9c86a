/**
 * The characters XML 1.0 can hold (https://www.w3.org/TR/xml/#charsets, production [2] Char):
 * tab, line feed, carriage return, and U+0020 onwards except the surrogates and the noncharacters
 * U+FFFE and U+FFFF. Not even a character reference may name the others (well-formedness
 * constraint "Legal Character", §4.1), so text holding one cannot be written into a stream at all:
 * a partner's parser ends the stream with `<not-well-formed/>` (RFC 6120 §4.9.3.13), and with it
 * every message queued behind. Whatever the gateway writes toward XMPP passes through here first.
 */

// Production [2] Char, negated; with the u flag a lone surrogate is one code point, outside every range.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
const NOT_XML_CHARS = new RegExp(NOT_XML_CHAR.source, 'gu')

/** ForbiddenCharacter is the first character of a text that XML 1.0 cannot hold. */
export interface ForbiddenCharacter {
  /** A C0 control (U+0000–U+001F but tab, LF, CR): in SIP a syntax error too (RFC 3261 §25.1 TEXT-UTF8 excludes CTLs). */
  readonly control: boolean
  /** What it is, for a reason phrase or a log line: `control character U+0001`, `noncharacter U+FFFE`. */
  readonly description: string
}

/** forbiddenXmlCharacter finds the first character of text that XML 1.0 forbids, or undefined when there is none. */
export function forbiddenXmlCharacter(text: string): ForbiddenCharacter | undefined {
  const found = NOT_XML_CHAR.exec(text)
  if (!found) return undefined
  const code = found[0].codePointAt(0)!
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  if (code < 0x20) return {control: true, description: `control character ${hex}`}
  return {control: false, description: code >= 0xd800 && code <= 0xdfff ? `unpaired surrogate ${hex}` : `noncharacter ${hex}`}
}

/**
 * asXmlText replaces each character XML 1.0 forbids with U+FFFD REPLACEMENT CHARACTER, for text the
 * gateway only passes along and cannot refuse any more (a SIP reason phrase copied into an error's
 * `<text/>`, RFC 7247 §6).
 */
export function asXmlText(text: string): string {
  return NOT_XML_CHAR.test(text) ? text.replace(NOT_XML_CHARS, '\uFFFD') : text
}
