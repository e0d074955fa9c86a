import type {StringPart} from './tokens.js'

/**
 * PartsBuilder collects the parts of an expandable string, here-string or generic token as the scanner
 * reads them (powershell.md §2.6, §2.7): text, variables and `$( … )`, merging adjacent text.
 */
export class PartsBuilder {
  readonly #parts: StringPart[] = []

  text(text: string): void {
    const last = this.#parts.at(-1)
    if (last?.kind === 'text') this.#parts[this.#parts.length - 1] = {kind: 'text', text: last.text + text}
    else this.#parts.push({kind: 'text', text})
  }

  push(part: StringPart): void {
    if (part.kind === 'text') this.text(part.text)
    else this.#parts.push(part)
  }

  plainText(): string {
    return this.#parts.map((p) => (p.kind === 'text' ? p.text : '')).join('')
  }

  done(): StringPart[] {
    return this.#parts
  }
}
