import {ErrorRecord, cmdletError} from '../errors.js'
import type {LyncNoun} from './lync-types.js'

/**
 * The cmdlet error catalogue of cmdlets.md A6.2: one factory per row, so that every cmdlet raises
 * the same texts, categories and FullyQualifiedErrorIds.
 */

/** NotFoundVerb is the verb that goes into `Cannot <verb> "<Type>" "<Id>"…`. */
export type NotFoundVerb = 'get' | 'set' | 'remove' | 'grant' | 'disable'

/** notFound: `Cannot <verb> "<Type>" "<Id>" because it does not exist.` */
export function notFound(cmdlet: string, verb: NotFoundVerb, noun: LyncNoun, id: string): ErrorRecord {
  return cmdletError(cmdlet, {
    message: `Cannot ${verb} "${noun}" "${id}" because it does not exist.`,
    errorId: 'ItemNotFound',
    category: 'ObjectNotFound',
    reason: 'ItemNotFoundException',
    targetObject: id,
  })
}

/** alreadyExists: `Cannot create "<Type>" "<Id>" because it already exists.` */
export function alreadyExists(cmdlet: string, noun: LyncNoun, id: string): ErrorRecord {
  return cmdletError(cmdlet, {
    message: `Cannot create "${noun}" "${id}" because it already exists.`,
    errorId: 'ItemAlreadyExists',
    category: 'ResourceExists',
    reason: 'InvalidOperationException',
    targetObject: id,
  })
}

function invalidArgument(cmdlet: string, errorId: string, message: string, target: string): ErrorRecord {
  return cmdletError(cmdlet, {message, errorId, category: 'InvalidArgument', reason: 'ArgumentException', targetObject: target})
}

function invalidOperation(cmdlet: string, errorId: string, message: string, target: string): ErrorRecord {
  return cmdletError(cmdlet, {message, errorId, category: 'InvalidOperation', reason: 'InvalidOperationException', targetObject: target})
}

/** globalCannotBeCreated: New-CsExternalAccessPolicy -Identity Global. */
export function globalCannotBeCreated(cmdlet: string): ErrorRecord {
  return invalidOperation(
    cmdlet,
    'GlobalCannotBeCreated',
    'Cannot create "ExternalAccessPolicy" "Global": the global policy always exists. Use Set-CsExternalAccessPolicy to change it.',
    'Global',
  )
}

/** notAPerUserPolicy: Grant- of the global or a site policy. */
export function notAPerUserPolicy(cmdlet: string, identity: string, siteName?: string): ErrorRecord {
  const detail =
    siteName === undefined
      ? '"Global" applies to every user without a per-user or site policy; use -PolicyName $null to unassign.'
      : `"${identity}" applies automatically to the users of site ${siteName}.`
  return invalidArgument(cmdlet, 'NotAPerUserPolicy', `Only per-user policies can be granted. ${detail}`, identity)
}

/** wildcardNotAllowed: `*` or `?` in an -Identity that takes none. */
export function wildcardNotAllowed(cmdlet: string, typed: string): ErrorRecord {
  return invalidArgument(cmdlet, 'WildcardNotAllowed', `Wildcard characters are not allowed in Identity "${typed}". Use -Filter instead.`, typed)
}

/** NameKind is what a bad name was supposed to be. */
export type NameKind = 'policy name' | 'domain name' | 'host name' | 'SIP address'

/** invalidIdentity: `"<typed>" is not a valid <kind>: <reason>.` */
export function invalidIdentity(cmdlet: string, typed: string, kind: NameKind, reason: string): ErrorRecord {
  return invalidArgument(cmdlet, 'InvalidIdentity', `"${typed}" is not a valid ${kind}: ${reason}.`, typed)
}

/** domainInUse: a domain already belongs to another partner, or is a SIP domain. */
export function domainInUse(cmdlet: string, domain: string, otherPartner?: string): ErrorRecord {
  const message =
    otherPartner === undefined
      ? `The domain "${domain}" is a SIP domain of this deployment.`
      : `The domain "${domain}" already belongs to XMPP partner "${otherPartner}".`
  return invalidArgument(cmdlet, 'DomainInUse', message, domain)
}

/** tooManyDomains: more than 1000 additional domains. */
export function tooManyDomains(cmdlet: string, id: string, count: number): ErrorRecord {
  return invalidArgument(cmdlet, 'TooManyDomains', `XMPP partner "${id}" would have ${count} additional domains; at most 1000 are allowed.`, id)
}

/** sipDomainInUse: a SIP domain still holding users, or the default one while others exist. */
export function sipDomainInUse(cmdlet: string, id: string, users: number): ErrorRecord {
  const detail = users > 0 ? `${users} user(s) have SIP addresses in it.` : 'it is the default SIP domain. Make another domain the default first.'
  return invalidOperation(cmdlet, 'SipDomainInUse', `Cannot remove "SipDomain" "${id}": ${detail}`, id)
}

/** invalidNegotiation: a partner on an invalid matrix row (A5.1). */
export function invalidNegotiation(cmdlet: string, id: string, tlsNotSupported: boolean): ErrorRecord {
  const message = tlsNotSupported
    ? `Not a valid configuration for "${id}": SASL needs TLS, and with TlsNegotiation NotSupported and SupportDialbackNegotiation False no authentication method is left. Allow TLS or dialback.`
    : `Not a valid configuration for "${id}": with SaslNegotiation NotSupported and SupportDialbackNegotiation False no authentication method is left. Allow SASL or dialback.`
  return invalidArgument(cmdlet, 'InvalidNegotiationSettings', message, id)
}

/** invalidConnectionLimits: PartnerConnectionLimit above ConnectionLimit. */
export function invalidConnectionLimits(cmdlet: string, partnerLimit: number, limit: number): ErrorRecord {
  return invalidArgument(
    cmdlet,
    'InvalidConnectionLimits',
    `PartnerConnectionLimit (${partnerLimit}) cannot be greater than ConnectionLimit (${limit}).`,
    'Global',
  )
}

/** policyInUse: removing a granted per-user policy without a terminal and without -Force. */
export function policyInUse(cmdlet: string, id: string, users: number): ErrorRecord {
  return invalidOperation(
    cmdlet,
    'PolicyInUse',
    `The policy "${id}" is assigned to ${users} user(s). Grant them another policy first, or use -Force to remove it and clear those assignments.`,
    id,
  )
}

/** wrongInstanceType: -Instance got an object of another type. */
export function wrongInstanceType(cmdlet: string, noun: LyncNoun, instance: unknown, typeName: string): ErrorRecord {
  return cmdletError(cmdlet, {
    message: `The object passed to -Instance is not a ${noun} (its type is ${typeName}).`,
    errorId: 'WrongInstanceType',
    category: 'InvalidArgument',
    reason: 'ArgumentException',
    targetObject: instance,
  })
}

/** hostPromptNotAvailable: -Confirm without a terminal (powershell.md §7.8). */
export function hostPromptNotAvailable(cmdlet: string): ErrorRecord {
  return cmdletError(cmdlet, {
    message: 'PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.',
    errorId: 'HostPromptNotAvailable',
    category: 'InvalidOperation',
    reason: 'PSInvalidOperationException',
  })
}

/** storeInvalid: the store file fails validation (statement-terminating). */
export function storeInvalid(cmdlet: string, path: string, jsonPath: string, problem: string): ErrorRecord {
  return cmdletError(cmdlet, {
    message: `The configuration store ${path} is not valid: ${jsonPath}: ${problem}. It was not changed.`,
    errorId: 'StoreInvalid',
    category: 'ReadError',
    reason: 'IOException',
    targetObject: path,
  })
}

/** storeLocked: another process held the store lock for the whole wait (statement-terminating). */
export function storeLocked(cmdlet: string, path: string, pid: number | null): ErrorRecord {
  return cmdletError(cmdlet, {
    message: `The configuration store ${path} is locked by another process (pid ${pid ?? 'unknown'}) and did not become free within 10 seconds.`,
    errorId: 'StoreLocked',
    category: 'WriteError',
    reason: 'IOException',
    targetObject: path,
  })
}
