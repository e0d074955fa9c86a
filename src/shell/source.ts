import {decodeText} from '../values/text-encoding.js'

/**
 * Script source text (powershell.md §1.4, §2.1): decoding a script file's bytes, and turning offsets
 * into the 1-based line and code-point column that error positions show.
 */

/** decodeScript reads a script file: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, else Windows-1252 (§1.4). */
export function decodeScript(bytes: Uint8Array): string {
  return decodeText(bytes)
}

/** Location is a 1-based line and a 1-based column counted in code points (a tab counts as one). */
export interface Location {
  line: number
  column: number
}

/** SourceText is a script's text with a line index, so positions are found without rescanning. */
export class SourceText {
  readonly #lineStarts: number[] = [0]

  /** name is what positions show: the path as given (`t.ps1`), or undefined for -Command, stdin and the REPL. */
  constructor(
    readonly text: string,
    readonly name?: string,
  ) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i)
      // Lines end at LF, CRLF or CR (§2.1).
      if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) this.#lineStarts.push(i + 1)
    }
  }

  /** locate converts a UTF-16 offset into a line and a code-point column. */
  locate(offset: number): Location {
    let low = 0
    let high = this.#lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.#lineStarts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    const start = this.#lineStarts[low]!
    return {line: low + 1, column: [...this.text.slice(start, offset)].length + 1}
  }

  /** lineText returns a line without its line break. */
  lineText(line: number): string {
    const start = this.#lineStarts[line - 1] ?? this.text.length
    const next = this.#lineStarts[line] ?? this.text.length
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '')
  }
}

/** Extent is a range of source text: the offending token, command or expression of an error. */
export interface Extent {
  readonly source: SourceText
  /** UTF-16 offsets, end exclusive. */
  readonly start: number
  readonly end: number
}

/**
 * positionLines are the `At …`, `+ <line>` and `+ ~~~` lines of an error record (powershell.md §11.1):
 * the line is echoed in full with tabs shown as one space; the tildes start under the extent's first
 * character and cover it up to the end of that line.
 */
export function positionLines(extent: Extent): string[] {
  const {source} = extent
  const {line, column} = source.locate(extent.start)
  const text = [...source.lineText(line).replaceAll('\t', ' ')]
  const end = extent.end > extent.start ? source.locate(extent.end) : {line, column: column + 1}
  const last = end.line === line ? end.column : text.length + 1
  const width = Math.max(1, Math.min(last, text.length + 1) - column)
  const where = source.name === undefined ? `At line:${line}` : `At ${source.name}:${line}`
  return [`${where} char:${column}`, `+ ${text.join('')}`, `+ ${' '.repeat(column - 1)}${'~'.repeat(width)}`]
}
