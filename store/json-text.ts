import {firstDuplicateKey} from './json-duplicates.js'
import {jsonSyntaxErrorOffset} from './json-syntax.js'
import {type StoreProblem, storeProblem} from './problem.js'

/** JsonTextResult is a parsed value, or the problem that kept the text from parsing. */
export type JsonTextResult = {ok: true; value: unknown} | {ok: false; problem: StoreProblem}

/**
 * parseJsonText parses a store file's text; a syntax error becomes `not valid JSON (line L, column C:
 * <V8's message without its position>)`, a name given twice in one object (which JSON.parse would
 * silently take the last of) `the key '<name>' appears more than once (line L, column C and line L,
 * column C)` at the path of the member.
 */
export function parseJsonText(text: string): JsonTextResult {
  // A leading byte-order mark is ignored: editors on other systems add one, and RFC 8259 allows it.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    return {ok: false, problem: storeProblem([], `not valid JSON (${position(body, syntaxErrorOffset(body, error.message))}: ${parserMessage(error.message)})`)}
  }
  const duplicate = firstDuplicateKey(body, value)
  if (!duplicate) return {ok: true, value}
  const where = `${position(body, duplicate.first)} and ${position(body, duplicate.again)}`
  return {ok: false, problem: storeProblem([...duplicate.object, duplicate.key], `the key '${duplicate.key}' appears more than once (${where})`)}
}

function syntaxErrorOffset(text: string, message: string): number {
  const found = jsonSyntaxErrorOffset(text)
  if (found >= 0) return found
  // Our scanner and V8 disagree (should not happen): trust V8's position when it gives one.
  const reported = /at position (\d+)/.exec(message)
  return reported ? Number(reported[1]) : text.length
}

/** parserMessage removes the position part of a V8 JSON.parse message, and escapes control characters in it. */
function parserMessage(message: string): string {
  const bare = message
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/ at position \d+.*$/s, '')
    .replace(/ in JSON$/, '')
  // V8 quotes an unexpected newline literally; keep the message on one line.
  return bare.replace(/[\u0000-\u001f\u2028\u2029\uFEFF]/g, (c) => NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

const NAMED_ESCAPES: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'}

/** position writes an offset as `line L, column C`, both 1-based, the column counted in characters. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  let line = 1
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++
  return `line ${line}, column ${[...before.slice(lineStart)].length + 1}`
}
