import {randomBytes} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {type DeepReadonly, type StoreDocument, makePrivateDirectory, readSecret, writePrivateFile} from '../../store/index.js'

/**
 * The secret dialback keys are derived from (XEP-0185): the DialbackPassphrase when one is set
 * (cmdlets.md A3.3), else a random 32-byte secret the gateway creates on its first start in the key
 * directory and keeps across restarts, so that keys it sent before a restart still verify.
 */

const GENERATED = 'dialback-generated.secret'

/** loadDialbackSecret reads the secret in force for a store document. */
export async function loadDialbackSecret(keyDirectory: string, document: DeepReadonly<StoreDocument>): Promise<string> {
  const passphrase = document.xmppGatewayConfiguration.DialbackPassphrase
  if (passphrase) return readSecret(keyDirectory, passphrase.secretFile)
  const file = join(keyDirectory, GENERATED)
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await makePrivateDirectory(keyDirectory)
  const secret = randomBytes(32).toString('hex')
  try {
    // Never replacing: two gateways starting at once on one store agree on the first secret written,
    // and the file appears whole (an empty one, left by a crash, would be an empty secret).
    await writePrivateFile(file, secret, {replace: false})
    return secret
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFile(file, 'utf8')
    throw error
  }
}
