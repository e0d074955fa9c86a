import {asciiDash} from '../values/typographic.js'

/**
 * Reads csxmpp's command line into an invocation (powershell.md §1.1): host options first, then the
 * first argument decides the mode. Pure: no I/O, so every rule is a table test.
 */

/** HostOptions are the options that may precede the mode selector (§1.7). */
export interface HostOptions {
  nonInteractive: boolean
  whatIf: boolean
}

/** Invocation is what csxmpp was asked to do. */
export type Invocation =
  | {mode: 'shell'; host: HostOptions}
  | {mode: 'stdin'; host: HostOptions}
  | {mode: 'command'; host: HostOptions; text: string}
  | {mode: 'file'; host: HostOptions; path: string; args: string[]}
  | {mode: 'usage' | 'version'}
  | {mode: 'help'; name?: string}
  | {mode: 'cmdlet'; host: HostOptions; name: string; args: string[]}
  | {mode: 'usage-error'; message: string}

const IGNORED = new Set(['-noprofile', '-nop', '-nologo', '-nol'])
const WITH_VALUE = new Set(['-executionpolicy', '-ep'])

/** parseInvocation applies the rules of §1.1 in order. */
export function parseInvocation(argv: readonly string[], stdinIsTerminal: boolean): Invocation {
  const host: HostOptions = {nonInteractive: false, whatIf: false}
  let i = 0
  for (; i < argv.length; i++) {
    const option = asciiDash(argv[i]!).toLowerCase()
    if (IGNORED.has(option)) continue
    if (WITH_VALUE.has(option)) {
      if (i + 1 >= argv.length) return {mode: 'usage-error', message: `${argv[i]} needs a value.`}
      i++
    } else if (option === '-noninteractive' || option === '-noni') host.nonInteractive = true
    else if (option === '-whatif') host.whatIf = true
    else break
  }
  const [first, ...rest] = argv.slice(i)
  if (first === undefined) return {mode: stdinIsTerminal ? 'shell' : 'stdin', host}
  // A typographic first dash counts as `-` (§1.1), but csxmpp's own `--help` and `--version` need ASCII.
  const lower = asciiDash(first).toLowerCase()
  if (lower === '-') return {mode: 'stdin', host}
  if (lower === '-command' || lower === '-c') {
    if (rest[0] === '-') return {mode: 'stdin', host}
    return {mode: 'command', host, text: rest.join(' ')}
  }
  if (lower === '-file' || lower === '-f') {
    if (rest.length === 0) return {mode: 'usage-error', message: '-File needs a script path.'}
    return {mode: 'file', host, path: rest[0]!, args: rest.slice(1)}
  }
  if (first.toLowerCase() === '--help' || ['-help', '-h', '-?'].includes(lower)) return {mode: 'usage'}
  if (first.toLowerCase() === '--version' || lower === '-version') return {mode: 'version'}
  if (lower === 'help' || lower === 'get-help') return rest[0] === undefined ? {mode: 'help'} : {mode: 'help', name: rest[0]}
  if (lower.endsWith('.ps1') || first.includes('/')) return {mode: 'file', host, path: first, args: rest}
  if (lower.startsWith('-')) return {mode: 'usage-error', message: `unknown option '${first}'. Run 'csxmpp --help' for usage.`}
  return {mode: 'cmdlet', host, name: first, args: rest}
}

/** CmdletArgs are a cmdlet's argv elements with csxmpp's own `--` options taken out (§1.2). */
export interface CmdletArgs {
  elements: string[]
  json: boolean
  help: boolean
  /** The first `--word` csxmpp does not know, if any. */
  unknown?: string
}

/** splitCmdletArgs takes --json, --help and -? out of a cmdlet's arguments. */
export function splitCmdletArgs(args: readonly string[]): CmdletArgs {
  const result: CmdletArgs = {elements: [], json: false, help: false}
  for (const arg of args) {
    if (arg === '--json') result.json = true
    else if (arg === '--help' || asciiDash(arg) === '-?') result.help = true
    else if (arg.startsWith('--') && arg.length > 2) result.unknown ??= arg
    else result.elements.push(arg)
  }
  return result
}
