import type {ErrorRecord} from './errors.js'

/**
 * What a running command writes to and asks, and the caller's preferences it runs under
 * (powershell.md §4.4, §7.5, §7.8). A leaf module like errors.ts: the cmdlets implement against it,
 * and both hosts (argv mode and the interpreter) provide it.
 */

/** ActionPreference is the value of -ErrorAction, -WarningAction and the preference variables. */
export type ActionPreference = 'Continue' | 'SilentlyContinue' | 'Stop' | 'Ignore'

/** Preferences are the caller's preference variables at the moment a command runs. */
export interface Preferences {
  readonly errorAction: ActionPreference
  readonly warningAction: ActionPreference
  readonly verbose: boolean
  readonly whatIf: boolean
  /** Whether every store change must be confirmed ($ConfirmPreference at Medium or lower). */
  readonly confirm: boolean
}

/** PromptChoice is one answer of a host prompt, e.g. `[Y] Yes`. */
export interface PromptChoice {
  readonly key: string
  readonly label: string
  readonly help: string
}

/** CommandIO is what one command invocation writes to and asks. */
export interface CommandIO {
  writeObject(value: unknown): void
  writeError(record: ErrorRecord): void
  /**
   * writeWarning passes a warning with its effective -WarningAction: Continue shows it, Stop turns it
   * into an error, SilentlyContinue only lets -WarningVariable keep it (§7.5, §8.3).
   */
  writeWarning(text: string, action: 'Continue' | 'Stop' | 'SilentlyContinue'): void
  writeVerbose(text: string): void
  writeWhatIf(text: string): void
  /** prompt asks on the terminal; undefined when there is no terminal (never block, §7.8). */
  prompt(caption: string, message: string, choices: readonly PromptChoice[], defaultKey: string): Promise<string | undefined>
  /**
   * readPassword reads a secret the user did not give as a parameter: a no-echo prompt on a terminal,
   * else one line of standard input; undefined when there is neither (cmdlets.md A9.1). Absent in
   * hosts that cannot read one.
   */
  readPassword?(prompt: string): Promise<string | undefined>
  /** readVariable reads a variable of the caller's scope (a Get-CsUser filter's `$x`, §7.7); absent in argv mode. */
  readVariable?(name: string): unknown
}
