import {unlink} from 'node:fs/promises'
import {join} from 'node:path'
import {makePrivateDirectory, writePrivateFile} from '../../../store/index.js'
import {nodeCrypto} from '../node-crypto.js'

/**
 * SIP digest credentials (cmdlets.md A9.1): for each user with a password, only the digest HA1
 * (RFC 2617 3.2.2.2, MD5 without `-sess`) is kept, in a file of the key directory (A10), never in the
 * store JSON.
 *
 * The file of a user is `<keyDirectory>/sip-digest/<user key>`, where the user key is the user's
 * store key: the SIP address without `sip:`, lower case (`alice@contoso.com`). It holds the 32
 * lower-case hex digits of HA1 and a newline, mode 0600 (the folder 0700). The embedded registrar
 * reads it from there; a user without the file has no SIP credential.
 */

// The key directory's folder of HA1 files.
const SIP_DIGEST_FOLDER = 'sip-digest'

/**
 * sipDigestHa1 is HA1 = MD5(`user:realm:password`), lower-case hex (RFC 2617 3.2.2.2). csxmpp calls it
 * with the user part of the SIP address as it is stored (its case kept) and the realm the SIP
 * address's domain (canonical: lower case, U-label); strings are hashed as UTF-8.
 */
export function sipDigestHa1(user: string, realm: string, password: string): string {
  return nodeCrypto().createHash('md5').update(`${user}:${realm}:${password}`, 'utf8').digest('hex')
}

/** sipDigestFileName is the HA1 file of a user key, relative to the key directory: `sip-digest/<user key>`. */
export function sipDigestFileName(userKey: string): string {
  // User keys cannot hold '/' or be '.' or '..' (they contain '@'; store/patterns.ts USER_KEY_PATTERN).
  return join(SIP_DIGEST_FOLDER, userKey)
}

/** sipAddressParts splits a stored `sip:user@domain` into the HA1 user and realm. */
export function sipAddressParts(sipAddress: string): {user: string; realm: string} {
  const address = sipAddress.replace(/^sip:/i, '')
  const at = address.lastIndexOf('@')
  return {user: address.slice(0, at), realm: address.slice(at + 1)}
}

/** writeSipDigest stores a user's HA1, replacing any earlier one in one step (write a 0600 temporary file, rename). */
export async function writeSipDigest(keyDirectory: string, userKey: string, ha1: string): Promise<void> {
  for (const folder of [keyDirectory, join(keyDirectory, SIP_DIGEST_FOLDER)]) await makePrivateDirectory(folder)
  await writePrivateFile(join(keyDirectory, sipDigestFileName(userKey)), `${ha1}\n`)
}

/** removeSipDigest deletes a user's HA1 file and tells whether there was one. */
export async function removeSipDigest(keyDirectory: string, userKey: string): Promise<boolean> {
  try {
    await unlink(join(keyDirectory, sipDigestFileName(userKey)))
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}
