import {createRequire} from 'node:module'

/**
 * nodeCrypto is node:crypto, loaded on first use. A static import would load it (about twenty
 * internal modules) on every start of csxmpp, while only the certificate cmdlets and
 * Set-CsUserSipCredential need it (cold start, README; scripts/startup-path.mjs keeps it lazy).
 */
let loaded: typeof import('node:crypto') | undefined

export function nodeCrypto(): typeof import('node:crypto') {
  loaded ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')
  return loaded
}
