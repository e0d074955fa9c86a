import {appendFileSync, writeFileSync} from 'node:fs'
import {ErrorRecord} from '../../errors.js'
import {formatErrorRecord, formatOutput} from '../../format/index.js'
import {toPSString} from '../../values/convert.js'
import type * as A from '../ast.js'
import {scriptPath} from './paths.js'
import type {Emit, Frame} from './frame.js'
import type {Maybe} from './maybe.js'
import {HANDLED, type Interpreter} from './interpreter.js'

/**
 * Redirections of a command or expression (powershell.md §6): `> file` and `>> file` write the
 * formatted success output as Out-File does (width 120), `2> file` the error records as displayed,
 * `2>&1` merges errors into the success output, and `$null` as target discards.
 */

/** Redirected is a command's view of its streams once its redirections are open. */
export interface Redirected {
  readonly frame: Frame
  readonly emit: Emit
  /** run runs part of the command; a statement-terminating error goes where `2>` says, then still ends the statement. */
  run(body: () => Maybe<void>): Maybe<void>
  /** guard is run for a synchronous step, such as binding. */
  guard<T>(step: () => T): T
  /** close writes the redirected output to its file. */
  close(): Maybe<void>
}

/** NONE is the view of a command without redirections: everything passes straight through. */
function none(frame: Frame, downstream: Emit): Redirected {
  return {frame, emit: downstream, run: (body) => body(), guard: (step) => step(), close: () => undefined}
}

interface FileTarget {
  readonly path: string | undefined
  readonly append: boolean
}

async function fileTarget(interp: Interpreter, redirection: A.RedirectionAst, frame: Frame): Promise<FileTarget> {
  const value = redirection.target ? await interp.evaluate(redirection.target, frame) : null
  return {path: value === null ? undefined : scriptPath(toPSString(value)), append: redirection.append}
}

function writeTarget(target: FileTarget, text: string): void {
  if (target.path === undefined) return
  if (target.append) appendFileSync(target.path, text)
  else writeFileSync(target.path, text)
}

/** openRedirections applies a command's redirections to its frame and output. */
export function openRedirections(interp: Interpreter, redirections: readonly A.RedirectionAst[], frame: Frame, downstream: Emit): Maybe<Redirected> {
  return redirections.length === 0 ? none(frame, downstream) : open(interp, redirections, frame, downstream)
}

async function open(interp: Interpreter, redirections: readonly A.RedirectionAst[], frame: Frame, downstream: Emit): Promise<Redirected> {
  let emit = downstream
  let errorFrame = frame
  const output: unknown[] = []
  let outputTarget: FileTarget | undefined
  let errorTarget: FileTarget | undefined
  let errorText = ''
  for (const redirection of redirections) {
    if (redirection.stream === 'output') {
      outputTarget = await fileTarget(interp, redirection, frame)
      emit = async (value) => void output.push(value)
    } else if (!redirection.target) {
      errorFrame = {...errorFrame, writeError: (record) => void downstream(record)}
    } else {
      const target = await fileTarget(interp, redirection, frame)
      errorTarget = target
      errorFrame = {...errorFrame, writeError: (record) => void (errorText += formatErrorRecord(record))}
    }
  }
  const redirectsErrors = errorFrame !== frame
  /** handled writes a statement-terminating error where `2>` says; the statement still ends. */
  const handled = (error: unknown): unknown => {
    if (!(error instanceof ErrorRecord) || !redirectsErrors || HANDLED.has(error)) return error
    interp.runtime.recordError(error)
    errorFrame.writeError(error)
    HANDLED.add(error)
    return error
  }
  return {
    frame: errorFrame,
    emit,
    async run(body) {
      try {
        await body()
      } catch (error) {
        throw handled(error)
      }
    },
    guard(step) {
      try {
        return step()
      } catch (error) {
        throw handled(error)
      }
    },
    async close() {
      if (outputTarget) writeTarget(outputTarget, formatOutput(output, {width: 120}))
      if (errorTarget) writeTarget(errorTarget, errorText)
    },
  }
}
