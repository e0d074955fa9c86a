import type {StoreDocument, UserRecord} from '../../../store/index.js'
import type {ParameterDefinition} from '../../binding/parameter.js'
import {PSObject} from '../../values/objects.js'
import {compileParameterWildcard} from '../../values/wildcard-errors.js'
import {IDENTITY_TYPES, TYPE_NAMES} from '../lync-types.js'

/** The User object of csxmpp's minimal CsUser (cmdlets.md A9.1) and how users are found (A2.4). */

/** userObject builds the object Get-CsUser and -PassThru write. */
export function userObject(record: UserRecord): PSObject {
  return new PSObject(TYPE_NAMES.User)
    .addProperty('Identity', record.DisplayName, {readOnly: true})
    .addProperty('SipAddress', record.SipAddress, {type: {kind: 'String'}})
    .addProperty('DisplayName', record.DisplayName, {type: {kind: 'String'}})
    .addProperty('Enabled', record.Enabled, {type: {kind: 'Boolean'}})
    .addProperty('RegistrarPool', record.RegistrarPool, {type: {kind: 'String'}})
    .addProperty('Site', record.Site, {type: {kind: 'String'}})
    .addProperty('ExternalAccessPolicy', record.ExternalAccessPolicy, {readOnly: true})
}

/** userIdentityParameter is -Identity of the user cmdlets: a UserIdParameter; user objects bind by SIP address. */
export function userIdentityParameter(sets: ParameterDefinition['sets'], description: string): ParameterDefinition {
  return {
    name: 'Identity',
    type: {kind: 'Identity', fullName: IDENTITY_TYPES.UserIdParameter, objectTypes: TYPE_NAMES.User.slice(0, 1), objectProperty: 'SipAddress'},
    sets,
    acceptsWildcards: true,
    description,
  }
}

/** sipKey is the store key of a typed SIP address: without `sip:`, lower case. */
export function sipKey(typed: string): string {
  return typed.trim().replace(/^sip:/i, '').toLowerCase()
}

/**
 * findUsers finds users by SIP address (with or without sip:), then by display name, then by a
 * `*` wildcard over display name or SIP address (cmdlets.md A2.4). Keys are returned sorted.
 */
export function findUsers(cmdlet: string, document: StoreDocument, typed: string): string[] {
  const users = document.users
  const key = sipKey(typed)
  if (users[key]) return [key]
  const keys = Object.keys(users).sort()
  const byName = keys.filter((k) => users[k]!.DisplayName.toLowerCase() === typed.trim().toLowerCase())
  if (byName.length > 0 || !/[*?]/.test(typed)) return byName
  const pattern = compileParameterWildcard(cmdlet, typed.trim())
  return keys.filter((k) => pattern.matches(users[k]!.DisplayName) || pattern.matches(users[k]!.SipAddress) || pattern.matches(k))
}
