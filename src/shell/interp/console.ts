import type {PromptChoice, ShellConsole} from '../host.js'

/**
 * RuntimeConsole is the console as a run sees it (powershell.md §1.8): the host's console, plus what
 * the run itself keeps on it — the one Write-Progress line on stderr, which any other output erases
 * first, and a running transcript, which gets a copy of everything written, without escape sequences.
 */

/** TranscriptSink receives the text of both streams while a transcript runs (§9, Start-Transcript). */
export interface TranscriptSink {
  append(text: string): void
  /** end closes the transcript when the run ends (no output, §9). */
  end(): void
}

const ERASE_LINE = '\r\u001B[2K'
/** CSI sequences: colours (SGR), erasing, cursor moves. */
const ESCAPES = /\u001B\[[0-9;?]*[A-Za-z]/g

export class RuntimeConsole implements ShellConsole {
  /** The transcript being written, if any. */
  transcript: TranscriptSink | undefined
  #progressShown = false

  constructor(readonly inner: ShellConsole) {}

  out(text: string): void {
    this.#eraseProgress()
    this.inner.out(text)
    this.transcript?.append(text.replace(ESCAPES, ''))
  }

  err(text: string): void {
    this.#eraseProgress()
    this.inner.err(text)
    this.transcript?.append(text.replace(ESCAPES, ''))
  }

  get color(): boolean {
    return this.inner.color
  }

  get width(): number {
    return this.inner.width
  }

  get interactive(): boolean {
    return this.inner.interactive
  }

  get terminal(): {readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean} {
    return this.inner.terminal ?? {stdin: false, stdout: false, stderr: false}
  }

  get noColor(): boolean {
    return this.inner.noColor ?? false
  }

  get nonInteractive(): boolean {
    return this.inner.nonInteractive ?? false
  }

  /** outColor tells whether stdout gets colours: a terminal and NO_COLOR unset (§1.8, Write-Host). */
  get outColor(): boolean {
    return this.terminal.stdout && !this.noColor
  }

  prompt(caption: string, message: string, choices: readonly PromptChoice[], defaultKey: string): Promise<string | undefined> {
    return this.inner.prompt(caption, message, choices, defaultKey)
  }

  async readPassword(prompt: string): Promise<string | undefined> {
    return this.inner.readPassword?.(prompt)
  }

  /** readLine asks at the terminal; a transcript gets the prompt and the answer, but never a secret. */
  async readLine(prompt: string, secret: boolean): Promise<string | undefined> {
    this.#eraseProgress()
    const answer = await this.inner.readLine?.(prompt, secret)
    this.transcript?.append(`${prompt}${secret ? '' : (answer ?? '')}\n`)
    return answer
  }

  /** showProgress draws the Write-Progress line on stderr in place of the previous one (§9). */
  showProgress(line: string): void {
    this.inner.err(`${ERASE_LINE}${line}`)
    this.#progressShown = true
  }

  /** eraseProgress removes the progress line (`Write-Progress -Completed`, other output, the end of the run). */
  #eraseProgress(): void {
    if (!this.#progressShown) return
    this.#progressShown = false
    this.inner.err(ERASE_LINE)
  }

  hideProgress(): void {
    this.#eraseProgress()
  }

  /** close ends what the run left open: the progress line and a running transcript. */
  close(): void {
    this.#eraseProgress()
    this.transcript?.end()
    this.transcript = undefined
  }
}
