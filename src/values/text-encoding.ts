/**
 * Text file encodings (powershell.md §9 Encodings): reading lets a BOM decide, else UTF-8, else
 * Windows-1252 (old ANSI exports); writing follows -Encoding with pwsh 7's meanings (DECISION:
 * UTF-8 without BOM by default, where Windows PowerShell 5.1 wrote UTF-16).
 */

/** TextEncodingName is a canonical -Encoding value. */
export type TextEncodingName = 'utf8' | 'utf8BOM' | 'unicode' | 'bigendianunicode' | 'ascii'

const NAMES: ReadonlyMap<string, TextEncodingName> = new Map([
  ['utf8', 'utf8'],
  ['utf8nobom', 'utf8'],
  ['default', 'utf8'],
  ['oem', 'utf8'],
  ['utf8bom', 'utf8BOM'],
  ['unicode', 'unicode'],
  ['bigendianunicode', 'bigendianunicode'],
  ['ascii', 'ascii'],
])

/** parseEncodingName reads an -Encoding value (any case); undefined when it is not one of §9's. */
export function parseEncodingName(name: string): TextEncodingName | undefined {
  return NAMES.get(name.toLowerCase())
}

function swapBytes(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length)
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1]!
    swapped[i + 1] = bytes[i]!
  }
  return swapped
}

/** Windows-1252's characters for 0x80–0x9F (Node's decoder gives the C1 controls instead); undefined bytes stay as they are. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

function decodeWindows1252(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte)
  return text
}

/** decodeText reads a text file's bytes: UTF-8/UTF-16 LE/UTF-16 BE by BOM, else UTF-8, else Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16le').decode(swapBytes(bytes.subarray(2)))
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(body)
  } catch {
    // COMPAT(windows): old ANSI exports from Windows PowerShell 5.1 are Windows-1252.
    return decodeWindows1252(body)
  }
}

/** encodeText writes text in an -Encoding; ascii turns every other character into `?`, as .NET does. */
export function encodeText(text: string, encoding: TextEncodingName): Uint8Array {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8')
    case 'utf8BOM':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
    case 'unicode':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    case 'bigendianunicode':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), swapBytes(Buffer.from(text, 'utf16le'))])
    case 'ascii':
      return Buffer.from(text.replace(/[^\x00-\x7f]/gu, '?'), 'latin1')
  }
}

/** bomEncoding names the encoding a file's byte order mark declares, if it has one (Add-Content keeps it, §9). */
export function bomEncoding(bytes: Uint8Array): TextEncodingName | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'unicode'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'bigendianunicode'
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8BOM'
  return undefined
}

/** encodeContinuation encodes text that continues a file: without the byte order mark encodeText would start with. */
export function encodeContinuation(text: string, encoding: TextEncodingName): Uint8Array {
  const bom = encoding === 'utf8BOM' ? 3 : encoding === 'unicode' || encoding === 'bigendianunicode' ? 2 : 0
  return encodeText(text, encoding).subarray(bom)
}
