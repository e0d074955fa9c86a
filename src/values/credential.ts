import {dotNetTypeName, toPSString} from './convert.js'
import {PSObject} from './objects.js'
import {runtimeError} from './runtime-errors.js'
import {PSSecureString, SECURE_STRING_TYPE} from './secure-string.js'

/**
 * System.Management.Automation.PSCredential (powershell.md §4.5, §9 Credentials): a user name and a
 * SecureString. Its view is the generic table, so the password shows as its type name (C97).
 */

export const CREDENTIAL_TYPE = 'System.Management.Automation.PSCredential'

/** credential makes a PSCredential; both properties are read-only, as in .NET. */
export function credential(userName: string | null, password: PSSecureString | null): PSObject {
  return new PSObject([CREDENTIAL_TYPE, 'System.Object'])
    .addProperty('UserName', userName, {readOnly: true})
    .addProperty('Password', password, {readOnly: true})
}

/** isCredential tells a PSCredential from other values. */
export function isCredential(value: unknown): value is PSObject {
  return value instanceof PSObject && value.isA(CREDENTIAL_TYPE)
}

/**
 * constructCredential is the constructor PSCredential(userName, password), as `[pscredential]::new`
 * and New-Object call it: two arguments, the second a SecureString (PS's overload and argument errors).
 */
export function constructCredential(args: readonly unknown[]): PSObject {
  if (args.length !== 2) {
    throw runtimeError(`Cannot find an overload for "PSCredential" and the argument count: "${args.length}".`, 'MethodCountCouldNotFindBest', 'NotSpecified', 'MethodException')
  }
  const [user, password] = args
  if (!(password instanceof PSSecureString)) {
    const text = toPSString(password)
    throw runtimeError(
      `Cannot convert argument "password", with value: "${text}", for "PSCredential" to type "${SECURE_STRING_TYPE}": "Cannot convert the "${text}" value of type "${dotNetTypeName(password)}" to type "${SECURE_STRING_TYPE}"."`,
      'MethodArgumentConversionInvalidCastArgument',
      'NotSpecified',
      'MethodException',
    )
  }
  return credential(toPSString(user), password)
}
