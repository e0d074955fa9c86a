/**
 * Finds where a JSON text first breaks the grammar (RFC 8259). V8's JSON.parse only sometimes says
 * where ("Unexpected token 'x', "…" is not valid JSON" has no position), and an administrator
 * fixing a hand-edited store needs a line and column. The scan is iterative, so a deeply nested
 * file cannot overflow the stack.
 */

const WHITESPACE = new Set([' ', '\t', '\n', '\r'])
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'])

type Expect = 'value' | 'valueOrClose' | 'keyOrClose' | 'key' | 'colon' | 'commaOrClose' | 'end'

/** jsonSyntaxErrorOffset returns the UTF-16 offset of the first grammar error in text, or -1 if it is valid JSON. */
export function jsonSyntaxErrorOffset(text: string): number {
  const open: string[] = []
  let expect: Expect = 'value'
  let i = 0
  const afterValue = (): Expect => (open.length === 0 ? 'end' : 'commaOrClose')
  for (;;) {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++
    if (i >= text.length) return expect === 'end' ? -1 : text.length
    const c = text[i]!
    switch (expect) {
      case 'end':
        return i
      case 'colon':
        if (c !== ':') return i
        i++
        expect = 'value'
        break
      case 'commaOrClose':
        if (c === ',') {
          i++
          expect = open.at(-1) === '{' ? 'key' : 'value'
        } else if ((c === '}' && open.at(-1) === '{') || (c === ']' && open.at(-1) === '[')) {
          open.pop()
          i++
          expect = afterValue()
        } else return i
        break
      case 'keyOrClose':
      case 'key':
        if (c === '}' && expect === 'keyOrClose') {
          open.pop()
          i++
          expect = afterValue()
        } else if (c === '"') {
          const end = scanString(text, i)
          if (end < 0) return -end - 1
          i = end
          expect = 'colon'
        } else return i
        break
      case 'valueOrClose':
      case 'value': {
        if (c === ']' && expect === 'valueOrClose') {
          open.pop()
          i++
          expect = afterValue()
        } else if (c === '{' || c === '[') {
          open.push(c)
          i++
          expect = c === '{' ? 'keyOrClose' : 'valueOrClose'
        } else {
          const end = c === '"' ? scanString(text, i) : c === '-' || (c >= '0' && c <= '9') ? scanNumber(text, i) : scanLiteral(text, i)
          if (end < 0) return -end - 1
          i = end
          expect = afterValue()
        }
        break
      }
    }
  }
}

// The scanners return the offset after the token, or -(offset of the error) - 1.
const fail = (offset: number): number => -offset - 1

function scanString(text: string, start: number): number {
  let i = start + 1
  for (;;) {
    if (i >= text.length) return fail(text.length)
    const c = text[i]!
    if (c === '"') return i + 1
    if (c < ' ') return fail(i)
    if (c === '\\') {
      const e = text[i + 1]
      if (e === undefined) return fail(text.length)
      if (e === 'u') {
        for (let k = 2; k < 6; k++) {
          if (i + k >= text.length) return fail(text.length)
          if (!/[0-9A-Fa-f]/.test(text[i + k]!)) return fail(i + k)
        }
        i += 6
      } else if (ESCAPES.has(e)) i += 2
      else return fail(i + 1)
    } else i++
  }
}

function digits(text: string, i: number): number {
  while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++
  return i
}

function scanNumber(text: string, start: number): number {
  let i = start
  if (text[i] === '-') i++
  if (i >= text.length) return fail(text.length)
  if (text[i] === '0') i++
  else if (text[i]! >= '1' && text[i]! <= '9') i = digits(text, i)
  else return fail(i)
  if (text[i] === '.') {
    const end = digits(text, i + 1)
    if (end === i + 1) return fail(Math.min(end, text.length))
    i = end
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++
    if (text[i] === '+' || text[i] === '-') i++
    const end = digits(text, i)
    if (end === i) return fail(Math.min(end, text.length))
    i = end
  }
  return i
}

function scanLiteral(text: string, start: number): number {
  const word = ['true', 'false', 'null'].find((w) => w[0] === text[start])
  if (!word) return fail(start)
  for (let k = 1; k < word.length; k++) {
    if (start + k >= text.length) return fail(text.length)
    if (text[start + k] !== word[k]) return fail(start + k)
  }
  return start + word.length
}
