import {readFileSync} from 'node:fs'
import {isatty} from 'node:tty'
import {findCmdlet, LYNC_CMDLETS} from '../cmdlets/index.js'
import {ErrorRecord} from '../errors.js'
import {formatErrorRecord, jsonErrorLine} from '../format/index.js'
import {type Invocation, parseInvocation, splitCmdletArgs} from './invocation.js'
import {DEFAULT_PREFERENCES} from '../cmdlets/context.js'
import {processConsole, runCmdletFromArgv, unknownCommand} from '../host/argv-mode.js'

/**
 * The csxmpp executable (powershell.md §1.1). Every mode runs here. What only some modes need is
 * imported when they run (cold start, README; scripts/startup-path.mjs): the language for scripts,
 * the shell and utility cmdlets, oclif (through the runner) for help. A Lync cmdlet run loads neither.
 */

/** Runner runs oclif with an argv; bin/run.js passes one that loads oclif and binds it to the package root. */
export type OclifRunner = (args: string[]) => Promise<void>


/** usageText is what `csxmpp --help` prints. */
export function usageText(): string {
  return [
    'csxmpp: the Lync Server 2013 XMPP federation cmdlets, on Linux.',
    '',
    'Usage:',
    '  csxmpp [host options] <Cmdlet> [-Parameter value ...] [--json]   run one cmdlet',
    '  csxmpp help <Cmdlet>                                             show a cmdlet\'s help (also <Cmdlet> -?)',
    '  csxmpp help                                                      list the cmdlets',
    '  csxmpp --version                                                 print the version',
    '',
    'Host options: -NonInteractive (never prompt), -WhatIf (change nothing), -NoProfile, -NoLogo,',
    '-ExecutionPolicy <any> (accepted and ignored).',
    '',
    'From bash, quote PowerShell values: -EnableXmppAccess \'$true\' (or true), -AdditionalDomains \'@{Add="a","b"}\'.',
    `Cmdlets: ${LYNC_CMDLETS.map((c) => c.name).join(', ')}.`,
    '',
  ].join('\n')
}

function fail(message: string): void {
  process.stderr.write(`csxmpp: ${message}\n`)
  process.exitCode = 2
}

async function runCmdlet(invocation: Extract<Invocation, {mode: 'cmdlet'}>, oclif: OclifRunner, root: URL): Promise<void> {
  const args = splitCmdletArgs(invocation.args)
  const definition = findCmdlet(invocation.name)
  if (!definition && !args.help && !args.unknown && !args.json && (await import('../shell/index.js')).findUtility(invocation.name)) {
    const {runUtilityFromArgv} = await import('../host/script-mode.js')
    process.exitCode = await runUtilityFromArgv(invocation.name, args.elements, scriptOptions(invocation.host, root))
    return
  }
  if (!definition) {
    const record = unknownCommand(invocation.name)
    process.stderr.write(args.json ? jsonErrorLine(record) : formatErrorRecord(record))
    process.exitCode = 2
    return
  }
  if (args.unknown) return fail(`unknown option '${args.unknown}'.`)
  if (args.help) return oclif([definition.name, '--help'])
  const {whatIf, nonInteractive} = invocation.host
  const preferences = {...DEFAULT_PREFERENCES, whatIf}
  process.exitCode = await runCmdletFromArgv(definition.name, args.elements, {console: processConsole(), json: args.json, preferences, nonInteractive, version: packageVersion(root)})
}

/** packageVersion reads csxmpp's version from package.json. */
function packageVersion(root: URL): string {
  return (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {version: string}).version
}

function scriptOptions(host: {whatIf: boolean; nonInteractive: boolean}, root: URL) {
  return {whatIf: host.whatIf, nonInteractive: host.nonInteractive, version: packageVersion(root)}
}

/**
 * main runs csxmpp with the given arguments; the exit code is left in process.exitCode. A JavaScript
 * exception that escapes csxmpp's own code is a bug (powershell.md §8.1): the last line of defence
 * turns it into one record without a stack trace and exit code 70.
 */
export async function main(argv: readonly string[], root: URL, oclif: OclifRunner): Promise<void> {
  try {
    await dispatch(argv, root, oclif)
  } catch (error) {
    process.stderr.write(formatErrorRecord(internalError(error)))
    process.exitCode = 70
  }
}

/** internalError is §8.1's record for an exception that escaped: no origin, category InternalError. */
export function internalError(error: unknown): ErrorRecord {
  const message = error instanceof Error ? error.message : String(error)
  return new ErrorRecord({message: `csxmpp internal error: ${message}`, errorId: 'CsxmppInternalError', category: 'NotSpecified', reason: 'InternalError'})
}

async function dispatch(argv: readonly string[], root: URL, oclif: OclifRunner): Promise<void> {
  const invocation = parseInvocation(argv, isatty(0))
  switch (invocation.mode) {
    case 'usage':
      process.stdout.write(usageText())
      return
    case 'version':
      process.stdout.write(`csxmpp ${packageVersion(root)}\n`)
      return
    case 'usage-error':
      return fail(invocation.message)
    case 'help':
      return oclif(invocation.name === undefined ? ['help'] : ['help', findCmdlet(invocation.name)?.name ?? invocation.name])
    case 'cmdlet':
      return runCmdlet(invocation, oclif, root)
    case 'shell':
      process.exitCode = await (await import('../host/interactive.js')).runShell(scriptOptions(invocation.host, root))
      return
    default:
      process.exitCode = await (await import('../host/script-mode.js')).runScript(invocation, scriptOptions(invocation.host, root))
  }
}
