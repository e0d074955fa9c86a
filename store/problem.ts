// Cmdlets print a StoreProblem inside the A6.2 "store unreadable" error, so its words are for an
// administrator who will open the file in an editor and fix it.

/** StoreProblem is the first thing wrong with a store file: where, as a JSONPath such as `$.xmppAllowedPartners['a.example'].TlsNegotiation`, and what. */
export interface StoreProblem {
  jsonPath: string
  problem: string
}

/** PathSegment is one step of a JSONPath: an object key or an array index. */
export type PathSegment = string | number

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** formatJsonPath writes segments as JSONPath: `$`, `.name` for identifier-like keys, `['key']` otherwise, `[n]` for indexes. */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  let text = '$'
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`
    else if (IDENTIFIER.test(segment)) text += `.${segment}`
    else text += `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
  }
  return text
}

/** storeProblem builds a StoreProblem from path segments and a message. */
export function storeProblem(segments: readonly PathSegment[], problem: string): StoreProblem {
  return {jsonPath: formatJsonPath(segments), problem}
}
