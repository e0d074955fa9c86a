import type {PathSegment} from './problem.js'

/**
 * Finds a member name given twice in one JSON object. RFC 8259 §4 only says names SHOULD be unique
 * and leaves the outcome to the parser; JSON.parse keeps the last one, so a hand-edited store naming
 * a partner twice silently lost the first (issue 12). csxmpp refuses it as an invalid store instead.
 * The texts given here are ones JSON.parse has accepted, so the scans need not check the grammar.
 */

/** DuplicateKey is a member named again: the path of its object, the name, and the offsets of both names' opening quotes. */
export interface DuplicateKey {
  readonly object: readonly PathSegment[]
  readonly key: string
  readonly first: number
  readonly again: number
}

const BACKSLASH = 0x5c
const COLON = 0x3a
/** RFC 8259 §2 whitespace. */
const WHITESPACE: ReadonlySet<number> = new Set([0x20, 0x09, 0x0a, 0x0d])

/**
 * firstDuplicateKey returns the first member of text named a second time in its object, or null.
 * value is JSON.parse(text): when it holds as many members as the text names, no name was given
 * twice, and the cost is one pass over the text without building any string (the common case).
 */
export function firstDuplicateKey(text: string, value: unknown): DuplicateKey | null {
  return memberCount(value) === namedMembers(text) ? null : locateDuplicate(text)
}

/** memberCount counts the members of every object in a parsed value; without recursion, whatever the depth. */
function memberCount(value: unknown): number {
  let count = 0
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const next = pending.pop()
    if (next === null || typeof next !== 'object') continue
    if (Array.isArray(next)) {
      for (const child of next) pending.push(child)
      continue
    }
    // for…in sees own keys only here (JSON.parse makes plain objects), and walks faster than Object.keys and Object.values.
    for (const key in next) {
      count++
      pending.push((next as Record<string, unknown>)[key])
    }
  }
  return count
}

/** namedMembers counts the names in text. */
function namedMembers(text: string): number {
  let count = 0
  for (let open = text.indexOf('"'); open >= 0; ) {
    const end = stringEnd(text, open)
    if (isName(text, end)) count++
    open = text.indexOf('"', end)
  }
  return count
}

/** Container is an object being scanned (its names so far, and the current one) or an array (its current index). */
type Container = {names: Map<string, number>; name: string} | {index: number}

/** locateDuplicate scans text keeping each open object's names, and stops at the first one seen before. */
function locateDuplicate(text: string): DuplicateKey | null {
  const open: Container[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    const top = open.at(-1)
    if (c === '"') {
      const end = stringEnd(text, i)
      if (top && 'names' in top && isName(text, end)) {
        const raw = text.slice(i + 1, end - 1)
        const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw
        const first = top.names.get(name)
        if (first !== undefined) return {object: open.slice(0, -1).map(segment), key: name, first, again: i}
        top.names.set(name, i)
        top.name = name
      }
      i = end - 1
    } else if (c === '{') open.push({names: new Map(), name: ''})
    else if (c === '[') open.push({index: 0})
    else if (c === '}' || c === ']') open.pop()
    else if (c === ',' && top && 'index' in top) top.index++
  }
  return null
}

function segment(container: Container): PathSegment {
  return 'names' in container ? container.name : container.index
}

/** isName tells whether the string ending before end is a member's name: a colon follows it (RFC 8259 §4). */
function isName(text: string, end: number): boolean {
  let at = end
  while (WHITESPACE.has(text.charCodeAt(at))) at++
  return text.charCodeAt(at) === COLON
}

/** stringEnd returns the offset after the string whose opening quote is at open. */
function stringEnd(text: string, open: number): number {
  for (let at = text.indexOf('"', open + 1); ; at = text.indexOf('"', at + 1)) {
    let backslashes = 0
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return at + 1
  }
}
