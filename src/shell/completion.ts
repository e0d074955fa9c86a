import {readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {allParameters} from '../binding/binder.js'
import {aliasEntries} from './interp/aliases.js'
import type {ShellSession} from './session.js'
import {UTILITY_COMMANDS} from './utility/index.js'

/**
 * Tab completion of the interactive shell (powershell.md §1.6): command names in command position,
 * parameter names after `-`, enum values after an enum parameter, variables after `$`, and file
 * paths in a -Path/-FilePath/-LiteralPath value. Candidates keep their canonical casing.
 */

const PATH_PARAMETERS = new Set(['path', 'filepath', 'literalpath'])

/** Completion is the candidates for the word being typed, and that word. */
export interface Completion {
  readonly candidates: string[]
  readonly word: string
}

function matching(candidates: Iterable<string>, word: string): string[] {
  const prefix = word.toLowerCase()
  return [...new Set(candidates)].filter((c) => c.toLowerCase().startsWith(prefix)).sort((a, b) => a.localeCompare(b, 'en'))
}

function commandNames(session: ShellSession): string[] {
  return [
    ...session.runtime.host.commands().map((c) => c.signature.name),
    ...[...UTILITY_COMMANDS.values()].map((c) => c.signature.name),
    ...session.scope.functionNames(),
    ...aliasEntries().map(([alias]) => alias),
  ]
}

function filePaths(word: string): string[] {
  const unquoted = word.replace(/^['"]/, '')
  const directory = unquoted.includes('/') ? unquoted.slice(0, unquoted.lastIndexOf('/') + 1) : ''
  try {
    return readdirSync(path.resolve(directory || '.')).map((name) => {
      const full = directory + name
      return statSync(path.resolve(full)).isDirectory() ? `${full}/` : full
    })
  } catch {
    return []
  }
}

/** complete computes the completion of a line typed up to the cursor. */
export function complete(session: ShellSession, line: string): Completion {
  const word = /[^\s|;(){}]*$/.exec(line)![0]
  const before = line.slice(0, line.length - word.length)
  if (word.startsWith('$')) return {word, candidates: matching(session.scope.variableNames().map((n) => `$${n}`), word)}
  const element = before.split(/[|;({]/).pop()!.trimStart()
  if (element.trim() === '' || /^[&.]\s*$/.test(element)) return {word, candidates: matching(commandNames(session), word)}
  const commandName = element.split(/\s+/)[0]!
  const resolved = session.runner.resolveName(commandName, session.scope)
  const signature = resolved?.kind === 'host' || resolved?.kind === 'utility' ? resolved.command.signature : undefined
  if (!signature) return {word, candidates: []}
  if (word.startsWith('-')) return {word, candidates: matching(allParameters(signature).map((p) => `-${p.name}`), word)}
  const previous = /-([\p{L}_]+)\s+$/u.exec(before)?.[1]
  const parameter = previous ? allParameters(signature).find((p) => p.name.toLowerCase().startsWith(previous.toLowerCase())) : undefined
  if (parameter?.type.kind === 'Enum') return {word, candidates: matching(parameter.type.enum.names, word)}
  if (parameter && PATH_PARAMETERS.has(parameter.name.toLowerCase())) return {word, candidates: matching(filePaths(word), word)}
  return {word, candidates: []}
}
