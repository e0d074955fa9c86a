import type {StoreDocument} from '../../store/index.js'
import {GET_ACCESS_EDGE, SET_ACCESS_EDGE} from './access-edge-configuration/cmdlets.js'
import {GET_CERTIFICATE, REMOVE_CERTIFICATE, SET_CERTIFICATE} from './certificate/cmdlets.js'
import {IMPORT_CERTIFICATE} from './certificate/import.js'
import {REQUEST_CERTIFICATE} from './certificate/request.js'
import type {CmdletDefinition} from './definition.js'
import {START_GATEWAY} from './gateway-process.js'
import {compareIdentity} from './ordering.js'
import {GET_POLICY, NEW_POLICY, REMOVE_POLICY, SET_POLICY} from './external-access-policy/cmdlets.js'
import {GRANT_POLICY} from './external-access-policy/grant.js'
import {GET_PRESENCE_SUBSCRIPTION} from './presence-subscription.js'
import {GET_SIP_DOMAIN, NEW_SIP_DOMAIN, REMOVE_SIP_DOMAIN, SET_SIP_DOMAIN} from './sip-domain.js'
import {ENABLE_USER, GET_USER} from './user/cmdlets.js'
import {DISABLE_USER, SET_USER} from './user/set-disable.js'
import {SET_USER_SIP_CREDENTIAL} from './user/sip-credential.js'
import {GET_PARTNER, NEW_PARTNER, REMOVE_PARTNER, SET_PARTNER} from './xmpp-allowed-partner/cmdlets.js'
import {GET_GATEWAY, SET_GATEWAY} from './xmpp-gateway-configuration.js'

/** The cmdlet registry: every Lync cmdlet csxmpp provides, found by name in any case (ARCHITECTURE rule 8). */

/** LYNC_CMDLETS lists the Lync cmdlets, sorted by name (ordinally: the names are ASCII, and ICU's collator costs ~10 ms at start-up). */
export const LYNC_CMDLETS: readonly CmdletDefinition<StoreDocument>[] = [
  GET_POLICY,
  NEW_POLICY,
  SET_POLICY,
  REMOVE_POLICY,
  GRANT_POLICY,
  GET_PARTNER,
  NEW_PARTNER,
  SET_PARTNER,
  REMOVE_PARTNER,
  GET_GATEWAY,
  SET_GATEWAY,
  NEW_SIP_DOMAIN,
  GET_SIP_DOMAIN,
  SET_SIP_DOMAIN,
  REMOVE_SIP_DOMAIN,
  ENABLE_USER,
  GET_USER,
  SET_USER,
  DISABLE_USER,
  START_GATEWAY,
  GET_PRESENCE_SUBSCRIPTION,
  SET_USER_SIP_CREDENTIAL,
  REQUEST_CERTIFICATE,
  IMPORT_CERTIFICATE,
  SET_CERTIFICATE,
  GET_CERTIFICATE,
  REMOVE_CERTIFICATE,
  GET_ACCESS_EDGE,
  SET_ACCESS_EDGE,
].sort((a, b) => compareIdentity(a.name, b.name))

const BY_NAME = new Map(LYNC_CMDLETS.map((c) => [c.name.toLowerCase(), c]))

/** findCmdlet looks a cmdlet up by name, case-insensitively. */
export function findCmdlet(name: string): CmdletDefinition<StoreDocument> | undefined {
  return BY_NAME.get(name.toLowerCase())
}
