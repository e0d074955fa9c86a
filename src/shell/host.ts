import type {HelpSource} from '../help/get-help.js'
import type {ActionPreference, CommandIO, Preferences, PromptChoice} from '../command-io.js'
import type {PSEnumType} from '../values/objects.js'
import type {LyncCatalogue} from '../help/lync-catalogue.js'

/**
 * What the interpreter needs from outside the language (ARCHITECTURE: the CommandHost pattern of
 * mvdan/sh's ExecHandlers). src/host wires it to the Lync cmdlet registry and the store; the
 * language itself knows nothing of XMPP or the store.
 */

export type {ActionPreference, CommandIO, Preferences, PromptChoice}

/** HostCommand is a command the host provides: a Lync cmdlet. */
export interface HostCommand {
  /** The cmdlet's parameters and help prose. */
  readonly signature: HelpSource
  /** The module Get-Command shows as Source (`Lync`). */
  readonly module: string
  /** Runs the cmdlet for one set of bound parameters (one input object). */
  invoke(values: ReadonlyMap<string, unknown>, parameterSet: string, io: CommandIO, preferences: Preferences): Promise<void>
}

/** CommandHost is everything the interpreter asks the host. */
export interface CommandHost {
  findCommand(name: string): HostCommand | undefined
  commands(): readonly HostCommand[]
  /** The Lync Server 2013 cmdlets, provided or not (§14.2); read lazily, on the first lookup. */
  readonly catalogue: LyncCatalogue
  /** resolveEnumType finds a Lync enum type by full name, for casts (§4.6). */
  resolveEnumType(fullName: string): PSEnumType | undefined
  /**
   * statement runs one top-level statement: the host batches the statement's store changes into one
   * commit when it completes (§7.9), so a loop of 10,000 cmdlet calls writes the store once.
   */
  statement<T>(run: () => Promise<T>): Promise<T>
  /** The csxmpp version, for $PSVersionTable and Get-Command. */
  readonly version: string
}

/** ShellConsole is where a run writes: stdout, stderr, and what it knows of the terminal. */
export interface ShellConsole {
  out(text: string): void
  err(text: string): void
  /** Whether stderr gets colours (a terminal and NO_COLOR unset). */
  readonly color: boolean
  /** The line width for tables (§10.6). */
  readonly width: number
  /** Whether prompts may be shown (a terminal and not -NonInteractive). */
  readonly interactive: boolean
  prompt(caption: string, message: string, choices: readonly PromptChoice[], defaultKey: string): Promise<string | undefined>
  /** readPassword reads a secret with no echo, or one line of stdin (CommandIO.readPassword). */
  readPassword?(prompt: string): Promise<string | undefined>
  /**
   * Which process streams are terminals (powershell.md §9: Write-Host colours and Clear-Host need
   * stdout, Write-Progress stderr, Read-Host and Get-Credential stdin). Absent: none is.
   */
  readonly terminal?: {readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean}
  /** Whether NO_COLOR is set, which turns off every colour (§1.8). */
  readonly noColor?: boolean
  /** The host option -NonInteractive (§1.7): Read-Host and Get-Credential never prompt. */
  readonly nonInteractive?: boolean
  /**
   * readLine shows a prompt and reads one line typed at the terminal (Read-Host, Get-Credential); the
   * prompt goes to stdout when it is a terminal, else to stderr, and a secret echoes `*` per
   * character. Undefined at the end of input.
   */
  readLine?(prompt: string, secret: boolean): Promise<string | undefined>
}
