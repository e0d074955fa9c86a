/**
 * The input budget of one XML stream (issue 12): every character a peer sends belongs to one span,
 * and each span has a limit, from the stream's first byte on. The parser holds at most the span it
 * is in (saxes keeps an unfinished attribute, name, comment or run of text whole until it ends), so
 * bounding the spans bounds what one connection can make the gateway hold, before authentication
 * and after it.
 *
 * Counts are in characters as decoded (UTF-16 code units, saxes's `position`): what the parser holds.
 * UTF-8 needs at least one byte per code unit, so a span over N units is also over N bytes, and the
 * refusal texts say bytes, which is what a peer can check.
 */

/** Span is a part of the stream the budget counts on its own. */
export type Span =
  /** From the stream's first byte to the end of its header: the prologue (XML declaration, whitespace) and `<stream:stream …>`. */
  | 'header'
  /** Between two top-level elements: whitespace keep-alives (RFC 6120 §4.6.1) and the start of the next element's name. */
  | 'between'
  /** One top-level element, from its name to its end tag. */
  | 'stanza'

/** InputLimits are the largest spans, in bytes. */
export type InputLimits = Readonly<Record<Span, number>>

const REFUSALS: Readonly<Record<Span, (limit: number) => string>> = {
  header: (limit) => `no complete stream header within ${limit} bytes`,
  between: (limit) => `more than ${limit} bytes between two stanzas`,
  stanza: (limit) => `a stanza exceeds ${limit} bytes`,
}

export class InputBudget {
  readonly #limits: InputLimits
  #span: Span = 'header'
  #start = 0

  constructor(limits: InputLimits) {
    this.#limits = limits
  }

  /** begin starts counting a span at a stream position (after checking the one it ends with overrun). */
  begin(span: Span, position: number): void {
    this.#span = span
    this.#start = position
  }

  /** overrun is the refusal text when the current span has grown past its limit at this position, else undefined. */
  overrun(position: number): string | undefined {
    const limit = this.#limits[this.#span]
    return position - this.#start > limit ? REFUSALS[this.#span](limit) : undefined
  }
}
