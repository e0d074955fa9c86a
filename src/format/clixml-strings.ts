/**
 * String encoding inside Clixml (powershell.md §12.4): control characters, U+FFFE, U+FFFF and
 * unpaired surrogates become `_xHHHH_`, a `_` that would read as such an escape becomes `_x005F_`,
 * then the XML escapes apply.
 */

function hex(code: number): string {
  return `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`
}

/** encodeClixmlString encodes text for an element (or, with attribute, for an `N="…"` value). */
export function encodeClixmlString(text: string, attribute = false): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const high = code >= 0xd800 && code <= 0xdbff
    const low = code >= 0xdc00 && code <= 0xdfff
    if (high && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      out += text[i]! + text[i + 1]!
      i++
    } else if (code <= 0x1f || code === 0xfffe || code === 0xffff || high || low) out += hex(code)
    else if (text[i] === '_' && /^_x[0-9a-fA-F]{4}_/.test(text.slice(i))) out += hex(0x5f)
    else out += text[i]
  }
  out = out.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  return attribute ? out.replaceAll('"', '&quot;') : out
}

/** decodeClixmlString reverses the `_xHHHH_` escapes (the XML parser has undone the rest). */
export function decodeClixmlString(text: string): string {
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
}
