import type {CommandIO, PromptChoice} from '../command-io.js'
import type {ErrorRecord} from '../errors.js'
import type {CommandSignature} from '../binding/parameter.js'

/**
 * A cmdlet definition is the single source of truth for a cmdlet: the binder, the oclif command,
 * the help text and the surface snapshot are all derived from it (ARCHITECTURE rule 7).
 */

/** CmdletExample is one help example: the command line and what it does. */
export interface CmdletExample {
  readonly code: string
  readonly remarks: string
}

/** StoreSession is a cmdlet's view of the store for one invocation (or one script statement). */
export interface StoreSession<Document = unknown> {
  /** The current document; for a changing cmdlet, the locked transaction's document. */
  readonly document: Document
  /** Whether changes may be made (false for Get- cmdlets). */
  readonly writable: boolean
  /**
   * The key directory (cmdlets.md A10), for files found by a fixed name rather than named by the
   * store: SIP digests, certificate requests' pending keys (A9.1, A9.3).
   */
  readonly keyDirectory: string
  /** The gateway's state directory (A10, presence.md P8.1), read by the admin view of presence subscriptions. */
  readonly stateDirectory: string
  /** markChanged records that the document was changed, so that it is written on commit. */
  markChanged(): void
  /** writeSecret stores a secret in the key directory and returns its file name. */
  writeSecret(prefix: string, value: string): Promise<string>
  /** removeSecretAfterCommit deletes a secret file once the change that dropped it is committed. */
  removeSecretAfterCommit(name: string): void
}

/** CmdletHost is what a cmdlet invocation writes to and asks (the argv host or the interpreter). */
export type CmdletHost = CommandIO
export type {PromptChoice}

/** CmdletContext is what a cmdlet's process step gets for one input object. */
export interface CmdletContext<Document = unknown> {
  readonly cmdlet: string
  readonly parameterSet: string
  readonly store: StoreSession<Document>
  /** has tells whether a parameter was bound (by name, position or pipeline). */
  has(name: string): boolean
  /** get returns a bound parameter's converted value. */
  get<T>(name: string): T | undefined
  writeObject(value: unknown): void
  writeError(record: ErrorRecord): void
  writeWarning(text: string): void
  writeVerbose(text: string): void
  /** shouldProcess applies -WhatIf and -Confirm to one target; true means go ahead (§7.8, A6.4). */
  shouldProcess(target: string): Promise<boolean>
  /** variable reads a variable of the caller's scope, $null when there is none (§7.7). */
  variable(name: string): unknown
  /** ask asks a yes/no question unless -Force; undefined when there is no terminal (A6.4). */
  ask(caption: string, message: string): Promise<boolean | undefined>
  /** readPassword reads a secret with no echo, or one line of stdin; undefined when there is neither (A9.1). */
  readPassword(prompt: string): Promise<string | undefined>
  /** runGateway runs the gateway in the foreground until SIGINT or SIGTERM (Start-CsXmppGateway, A9.4). */
  runGateway(request: GatewayRequest): Promise<void>
}

/** GatewayRequest is Start-CsXmppGateway's process parameters (cmdlets.md A9.4). */
export interface GatewayRequest {
  readonly listenAddress: string
  readonly port: number
  readonly directTlsPort: number | undefined
  readonly sipListenAddress: string
  readonly sipPort: number
  readonly sipTransport: 'tls' | 'tcp' | 'udp'
  readonly trustedSipHosts: readonly string[]
  readonly sipNextHop: string | undefined
  readonly logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent'
}

/**
 * CmdletServices are what a host lends the cmdlets that reach beyond the store. Running the gateway
 * is one: cmdlets and the gateway never import each other (ARCHITECTURE), so the host joins them.
 */
export interface CmdletServices {
  runGateway(request: GatewayRequest): Promise<void>
}

/** CmdletDefinition declares a cmdlet. */
export interface CmdletDefinition<Document = unknown> extends CommandSignature {
  readonly synopsis: string
  readonly description: string
  readonly examples: readonly CmdletExample[]
  /** The .NET type of what it writes, for help; absent when it writes nothing. */
  readonly outputType?: string
  /** Whether the cmdlet reads the store at all (a few never touch it). */
  readonly usesStore?: boolean
  process(ctx: CmdletContext<Document>): Promise<void>
}
