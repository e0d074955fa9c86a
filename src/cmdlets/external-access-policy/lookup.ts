import type {ExternalAccessPolicyRecord, StoreDocument} from '../../../store/index.js'
import type {CmdletContext} from '../definition.js'
import {invalidIdentity, notFound, type NotFoundVerb, wildcardNotAllowed} from '../errors.js'
import {type PolicyIdentity, hasWildcard, parsePolicyIdentity} from '../identity.js'

/** parsePolicyArgument parses a typed policy identity, writing the A6.2 error when it is refused. */
export function parsePolicyArgument(ctx: CmdletContext, typed: string): PolicyIdentity | undefined {
  if (hasWildcard(typed)) {
    ctx.writeError(wildcardNotAllowed(ctx.cmdlet, typed))
    return undefined
  }
  const parsed = parsePolicyIdentity(typed)
  if (!parsed.ok) {
    ctx.writeError(invalidIdentity(ctx.cmdlet, typed, 'policy name', parsed.reason))
    return undefined
  }
  return parsed.value
}

/** findPolicy finds an existing policy, writing the not-found error for the given verb. */
export function findPolicy(
  ctx: CmdletContext<StoreDocument>,
  typed: string,
  verb: NotFoundVerb,
): ExternalAccessPolicyRecord | undefined {
  const identity = parsePolicyArgument(ctx, typed)
  if (!identity) return undefined
  const record = ctx.store.document.externalAccessPolicies[identity.key]
  if (!record) ctx.writeError(notFound(ctx.cmdlet, verb, 'ExternalAccessPolicy', identity.identity))
  return record
}

/** usersGranted counts the users holding a per-user policy (by name without Tag:). */
export function usersGranted(document: StoreDocument, policyName: string): string[] {
  const lower = policyName.toLowerCase()
  return Object.keys(document.users).filter((k) => document.users[k]!.ExternalAccessPolicy?.toLowerCase() === lower)
}
