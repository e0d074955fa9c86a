// TEMPORARY stub written by the lead so the interpreter can be smoke-tested; the helper writing
// text encodings replaces this whole file (its brief owns src/values/text-encoding.ts).
export type TextEncodingName = 'utf8' | 'utf8BOM' | 'unicode' | 'bigendianunicode' | 'ascii'

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  return new TextDecoder('utf-8').decode(bytes)
}

export function encodeText(text: string, encoding: TextEncodingName): Uint8Array {
  void encoding
  return Buffer.from(text, 'utf8')
}

export function parseEncodingName(name: string): TextEncodingName | undefined {
  return name.toLowerCase() === 'utf8' ? 'utf8' : undefined
}
