import {join} from 'node:path'
import {StateLockedError, StoreInvalidError, StoreLockedError, StoreUnsafeError} from '../../store/index.js'
import {ErrorRecord, bindingError, cmdletError} from '../errors.js'
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

/** storeUnsafe: other users could change the store's files (issue 12; statement-terminating like the A6.2 store errors). */
export function storeUnsafe(cmdlet: string, error: StoreUnsafeError): ErrorRecord {
  return cmdletError(cmdlet, {message: error.message, errorId: 'StoreUnsafe', category: 'SecurityError', reason: 'SecurityException', targetObject: error.path})
}

/** gatewayAlreadyRunning: Start-CsXmppGateway's preflight found another gateway on the store (A15.2); the target is the admin socket (A14.1). */
export function gatewayAlreadyRunning(cmdlet: string, storePath: string, error: StateLockedError): ErrorRecord {
  return cmdletError(cmdlet, {
    message: `Another csxmpp gateway (pid ${error.pid ?? 'unknown'}) is already running on the store ${storePath}; stop it first.`,
    errorId: 'GatewayAlreadyRunning',
    category: 'ResourceBusy',
    reason: 'InvalidOperationException',
    targetObject: join(error.stateDirectory, 'gateway.sock'),
  })
}

/** storeErrorRecord turns the store's own errors (store/errors.ts) into the cmdlet's error records; any other error is returned as it is. */
export function storeErrorRecord(error: unknown, cmdlet: string, path: string): unknown {
  if (error instanceof StoreInvalidError) return storeInvalid(cmdlet, path, error.jsonPath, error.problem)
  if (error instanceof StoreLockedError) return storeLocked(cmdlet, path, error.pid)
  if (error instanceof StoreUnsafeError) return storeUnsafe(cmdlet, error)
  if (error instanceof StateLockedError) return gatewayAlreadyRunning(cmdlet, path, error)
  return error
}

// ---- certificates (cmdlets.md A9.3) and SIP credentials (A9.1): csxmpp's own rows, in A6.2's wording ----

/** validateSet: a value outside a parameter's ValidateSet (a binding error, A6.1), e.g. -KeySize 1024. */
export function validateSet(cmdlet: string, parameter: string, value: unknown, set: readonly unknown[]): ErrorRecord {
  return bindingError(
    cmdlet,
    'ParameterArgumentValidationError',
    `Cannot validate argument on parameter '${parameter}'. The argument "${String(value)}" does not belong to the set "${set.join(',')}" ` +
      'specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.',
    'InvalidData',
    'ParameterBindingValidationException',
  )
}

/** certificateInUse: Remove-CsCertificate -Thumbprint of the assigned certificate. */
export function certificateInUse(cmdlet: string, thumbprint: string): ErrorRecord {
  return invalidOperation(
    cmdlet,
    'CertificateInUse',
    `Cannot remove "Certificate" "${thumbprint}": it is assigned to XmppServer. Assign another certificate with Set-CsCertificate, or unassign it with Remove-CsCertificate -Type XmppServer, first.`,
    thumbprint,
  )
}

/** noDomainName: Request-CsCertificate without -DomainName in a deployment without SIP domains. */
export function noDomainName(cmdlet: string): ErrorRecord {
  return invalidOperation(
    cmdlet,
    'NoDomainName',
    'Cannot request a certificate: there is no SIP domain to name in it. Give -DomainName, or add a SIP domain with New-CsSipDomain first.',
    'XmppServer',
  )
}

/** requestKind: Request-CsCertificate needs exactly one of -Output and -SelfSigned (csxmpp has no online CA). */
export function requestKind(cmdlet: string, both: boolean): ErrorRecord {
  const message = both
    ? '-Output and -SelfSigned cannot be used together: a request (CSR) is for a certification authority to sign, a self-signed certificate needs none.'
    : 'Give -Output to write a certificate request (CSR) for a certification authority, or -SelfSigned to make a self-signed certificate.'
  return invalidArgument(cmdlet, 'RequestKindNotGiven', message, 'XmppServer')
}

/** unreadableFile: a certificate or key file that cannot be read or holds nothing usable. */
export function unreadableFile(cmdlet: string, what: 'certificate' | 'private key', path: string, reason: string): ErrorRecord {
  return cmdletError(cmdlet, {
    message: `Cannot read a ${what} from "${path}": ${reason}.`,
    errorId: what === 'certificate' ? 'InvalidCertificateFile' : 'InvalidPrivateKeyFile',
    category: 'InvalidData',
    reason: 'InvalidDataException',
    targetObject: path,
  })
}

/** privateKeyNotFound: Import-CsCertificate found no key for the certificate anywhere. */
export function privateKeyNotFound(cmdlet: string, thumbprint: string): ErrorRecord {
  return cmdletError(cmdlet, {
    message:
      `No private key was found for certificate "${thumbprint}". Give it with -PrivateKeyPath or inside the PEM or PKCS#12 file; ` +
      'the key of a request made with Request-CsCertificate -Output is found without either.',
    errorId: 'PrivateKeyNotFound',
    category: 'ObjectNotFound',
    reason: 'ItemNotFoundException',
    targetObject: thumbprint,
  })
}

/** privateKeyMismatch: the key given with the certificate belongs to another certificate. */
export function privateKeyMismatch(cmdlet: string, thumbprint: string, source: string): ErrorRecord {
  return invalidArgument(cmdlet, 'PrivateKeyMismatch', `The private key in "${source}" does not belong to certificate "${thumbprint}".`, thumbprint)
}

/** noPassword: Set-CsUserSipCredential without -Password and with no password typed or piped, or an empty one. */
export function noPassword(cmdlet: string, user: string): ErrorRecord {
  return invalidArgument(
    cmdlet,
    'PasswordNotGiven',
    `No password was given for "${user}". Give -Password, type it at the prompt, or pipe it on standard input; use -Clear to remove the credential.`,
    user,
  )
}

/** cannotWriteFile: a file the user named (the CSR of Request-CsCertificate -Output) could not be written. */
export function cannotWriteFile(cmdlet: string, path: string, reason: string): ErrorRecord {
  return cmdletError(cmdlet, {
    message: `Cannot write "${path}": ${reason}.`,
    errorId: 'CannotWriteFile',
    category: 'WriteError',
    reason: 'IOException',
    targetObject: path,
  })
}

/** fileProblem words a file system error for the messages above, without Node's error codes and paths. */
export function fileProblem(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'the file or its folder does not exist'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'it is a folder'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}
