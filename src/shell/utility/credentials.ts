import {toPSString} from '../../values/convert.js'
import {constructCredential} from '../../values/credential.js'
import {notSupportedError} from '../../values/runtime-errors.js'
import {PSSecureString} from '../../values/secure-string.js'
import {enumerate} from '../interp/interpreter.js'
import {type UtilityCommand, signature} from './command.js'
import {param} from './parameters.js'

/**
 * ConvertTo-SecureString and New-Object's PSCredential (powershell.md §9, Credentials). A SecureString
 * never shows its characters, so no script can print a password.
 */

const convertToSecureString: UtilityCommand = {
  signature: signature(
    'ConvertTo-SecureString',
    [param('String', 'string', {position: 0, mandatory: true, pipe: true}), param('AsPlainText', 'switch'), param('Force', 'switch')],
    ['SecureKey', 'Key'],
  ),
  module: 'Microsoft.PowerShell.Security',
  synopsis: 'Makes a SecureString from plain text (-AsPlainText).',
  start: (ctx) => ({
    async process(values) {
      // DECISION (pwsh 7): -AsPlainText works without -Force, which 5.1 scripts always pass anyway.
      if (values.get('AsPlainText') !== true) {
        throw notSupportedError('ConvertTo-SecureString without -AsPlainText (a Windows-protected string) is not supported by csxmpp.', 'ConvertTo-SecureString')
      }
      await ctx.emit(new PSSecureString(toPSString(values.get('String') ?? null)))
    },
  }),
}

/** PSCREDENTIAL_TYPE_NAME matches New-Object's PSCredential type names (§9, New-Object). */
export const PSCREDENTIAL_TYPE_NAME = /^(system\.management\.automation\.)?pscredential$/i

/** newCredential is `New-Object PSCredential($user, $secure)` (or -ArgumentList). */
export function newCredential(argumentList: unknown): unknown {
  return constructCredential(enumerate(argumentList ?? null))
}

export const CREDENTIAL_COMMANDS: readonly UtilityCommand[] = [convertToSecureString]
