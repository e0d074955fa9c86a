import {jsonSyntaxErrorOffset} from './json-syntax.js'
import {type StoreProblem, storeProblem} from './problem.js'

/** JsonTextResult is a parsed value, or the problem that kept the text from parsing. */
export type JsonTextResult = {ok: true; value: unknown} | {ok: false; problem: StoreProblem}

/** parseJsonText parses a store file's text; a syntax error becomes `not valid JSON (line L, column C: <V8's message without its position>)`. */
export function parseJsonText(text: string): JsonTextResult {
  // A leading byte-order mark is ignored: editors on other systems add one, and RFC 8259 allows it.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  try {
    return {ok: true, value: JSON.parse(body)}
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    const {line, column} = lineAndColumn(body, syntaxErrorOffset(body, error.message))
    return {ok: false, problem: storeProblem([], `not valid JSON (line ${line}, column ${column}: ${parserMessage(error.message)})`)}
  }
}

function syntaxErrorOffset(text: string, message: string): number {
  const found = jsonSyntaxErrorOffset(text)
  if (found >= 0) return found
  // Our scanner and V8 disagree (should not happen): trust V8's position when it gives one.
  const position = /at position (\d+)/.exec(message)
  return position ? Number(position[1]) : text.length
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

/** lineAndColumn converts an offset to a 1-based line and a 1-based column counted in characters. */
function lineAndColumn(text: string, offset: number): {line: number; column: number} {
  const before = text.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  let line = 1
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++
  return {line, column: [...before.slice(lineStart)].length + 1}
}
