import {closeSync, existsSync, openSync, writeSync} from 'node:fs'
import {hostname, homedir, release, type, userInfo} from 'node:os'
import path from 'node:path'
import {cmdletError} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {formatDateTime} from '../../values/dotnet-format.js'
import type {RuntimeConsole, TranscriptSink} from '../interp/console.js'
import {type UtilityCommand, signature} from './command.js'
import {param} from './parameters.js'
import {filePath} from './paths.js'

/**
 * Start-Transcript and Stop-Transcript (powershell.md §9): a copy of everything written to stdout and
 * stderr, without escape sequences (§1.8), in a UTF-8 file with LF line ends, between 5.1's header
 * and footer. One transcript at a time (DECISION); the end of the run stops it without output.
 */

const RULE = '**********************'

function timestamp(): string {
  return formatDateTime(new Date(), 'yyyyMMddHHmmss')
}

/** Transcript is an open transcript file. */
class Transcript implements TranscriptSink {
  constructor(
    readonly shownPath: string,
    readonly fd: number,
  ) {}

  append(text: string): void {
    writeSync(this.fd, text)
  }

  end(): void {
    this.append(`${RULE}\nWindows PowerShell transcript end\nEnd time: ${timestamp()}\n${RULE}\n`)
    closeSync(this.fd)
  }
}

function header(version: string): string {
  const login = `${hostname()}\\${userInfo().username}`
  const fields = [
    RULE, 'Windows PowerShell transcript start', `Start time: ${timestamp()}`, `Username: ${login}`, `RunAs User: ${login}`,
    `Machine: ${hostname()} (${type()} ${release()})`, 'Host Application: csxmpp', `Process ID: ${process.pid}`, 'PSVersion: 5.1',
    'PSEdition: Desktop', `CsxmppVersion: ${version}`, RULE,
  ]
  return `${fields.join('\n')}\n`
}

/** defaultPath is pwsh's `$HOME/PowerShell_transcript.<host>.<8 letters and digits>.<time>.txt`. */
function defaultPath(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  // globalThis.crypto, not node:crypto: a static import would load it at every start (scripts/startup-path.mjs).
  const random = [...globalThis.crypto.getRandomValues(new Uint8Array(8))].map((b) => letters[b % letters.length]).join('')
  return path.join(homedir(), `PowerShell_transcript.${hostname()}.${random}.${timestamp()}.txt`)
}

/** openTranscript opens the file (replacing it, or appending with -Append); errors end the statement. */
function openTranscript(full: string, values: ReadonlyMap<string, unknown>): number {
  if (values.get('NoClobber') === true && existsSync(full)) {
    throw cmdletError('Start-Transcript', {message: `File ${full} already exists and NoClobber was specified.`, errorId: 'NoClobber', category: 'ResourceExists', reason: 'IOException', targetObject: full})
  }
  try {
    return openSync(full, values.get('Append') === true ? 'a' : 'w')
  } catch {
    throw cmdletError('Start-Transcript', {message: `Could not find a part of the path '${full}'.`, errorId: 'CannotStartTranscription', category: 'InvalidOperation', reason: 'PSInvalidOperationException', targetObject: full})
  }
}

/** stopTranscript closes the running transcript; its path as it was shown, or undefined when none runs. */
function stopTranscript(console: RuntimeConsole): string | undefined {
  const running = console.transcript
  if (!(running instanceof Transcript)) return undefined
  console.transcript = undefined
  running.end()
  return running.shownPath
}

const startTranscript: UtilityCommand = {
  signature: signature(
    'Start-Transcript',
    [
      param('Path', 'string', {position: 0}),
      param('Append', 'switch'),
      param('Force', 'switch'),
      param('NoClobber', 'switch', {aliases: ['NoOverwrite']}),
      param('IncludeInvocationHeader', 'switch'),
      param('WhatIf', 'switch'),
      param('Confirm', 'switch'),
    ],
    ['LiteralPath', 'OutputDirectory'],
  ),
  module: 'Microsoft.PowerShell.Host',
  synopsis: 'Copies everything written to the console into a file.',
  start: (ctx) => ({
    async process(values) {
      const given = values.has('Path') ? toPSString(values.get('Path')) : undefined
      const full = given === undefined ? defaultPath() : filePath(given)
      const console = ctx.runtime.console
      if (values.get('WhatIf') === true) return console.out(`What if: Performing the operation "Start-Transcript" on target "${full}".\n`)
      stopTranscript(console)
      const fd = openTranscript(full, values)
      writeSync(fd, header(ctx.runtime.host.version))
      console.transcript = new Transcript(given ?? full, fd)
      await ctx.emit(`Transcript started, output file is ${given ?? full}`)
    },
  }),
}

const stopTranscriptCommand: UtilityCommand = {
  signature: signature('Stop-Transcript', []),
  module: 'Microsoft.PowerShell.Host',
  synopsis: 'Stops the transcript Start-Transcript started.',
  start: (ctx) => ({
    async process() {
      const stopped = stopTranscript(ctx.runtime.console)
      if (stopped === undefined) {
        throw cmdletError('Stop-Transcript', {
          message: 'An error occurred stopping transcription: The host is not currently transcribing.',
          errorId: 'InvalidOperation',
          category: 'InvalidOperation',
          reason: 'PSInvalidOperationException',
        })
      }
      await ctx.emit(`Transcript stopped, output file is ${stopped}`)
    },
  }),
}

export const TRANSCRIPT_COMMANDS: readonly UtilityCommand[] = [startTranscript, stopTranscriptCommand]
