import type {CmdletContext} from './definition.js'
import {notFound, type NotFoundVerb, wildcardNotAllowed} from './errors.js'
import {hasWildcard} from './identity.js'
import type {LyncNoun} from './lync-types.js'

/**
 * isGlobal checks the typed Identity of a settings object of which only Global exists (cmdlets.md
 * A2.3, A11.1): a wildcard or any other name is this object's error, written here.
 */
export function isGlobal(ctx: CmdletContext, typed: string, verb: NotFoundVerb, noun: LyncNoun): boolean {
  if (hasWildcard(typed)) ctx.writeError(wildcardNotAllowed(ctx.cmdlet, typed))
  else if (typed.trim().toLowerCase() !== 'global') ctx.writeError(notFound(ctx.cmdlet, verb, noun, typed))
  else return true
  return false
}
