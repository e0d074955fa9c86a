import type {KeyObject, X509Certificate} from 'node:crypto'
import {readFile, readdir} from 'node:fs/promises'
import {join} from 'node:path'
import type {CertificateRecord} from '../../../store/index.js'
import {nodeCrypto} from '../node-crypto.js'
import {belongsTo} from './x509.js'

/**
 * The certificate files in the key directory (cmdlets.md A9.3, A10), written through the store
 * session's writeSecret (mode 0600, directory 0700, removed again when the change is not committed).
 * writeSecret names a file `<prefix>-<32 random hex>.secret`:
 * - `xmpp-chain-….secret`: a certificate chain, PEM, leaf first;
 * - `xmpp-key-<publicKeyId>-….secret`: a private key, PKCS#8 PEM. A key that no certificate names
 *   yet is a request's pending key (Request-CsCertificate -Output); the public key id in the name
 *   lets Import-CsCertificate find it for the certificate a CA issued for that request.
 */

/** CHAIN_PREFIX is the writeSecret prefix of chain files. */
export const CHAIN_PREFIX = 'xmpp-chain'

/** keyFilePrefix is the writeSecret prefix of the key file of a public key (x509.ts publicKeyId). */
export function keyFilePrefix(publicKeyId: string): string {
  return `xmpp-key-${publicKeyId}`
}

/**
 * findKeyFile returns the name of a key file in the key directory that holds the private key of
 * certificate, or undefined. The name only narrows the search; the key itself is checked.
 */
export async function findKeyFile(keyDirectory: string, certificate: X509Certificate, publicKeyId: string): Promise<string | undefined> {
  const prefix = `${keyFilePrefix(publicKeyId)}-`
  for (const name of (await listDirectory(keyDirectory)).filter((n) => n.startsWith(prefix) && n.endsWith('.secret')).sort()) {
    let key: KeyObject
    try {
      key = nodeCrypto().createPrivateKey(await readFile(join(keyDirectory, name), 'utf8'))
    } catch {
      continue // not a readable key (a hand-placed file): it cannot be the one
    }
    if (belongsTo(certificate, key)) return name
  }
  return undefined
}

async function listDirectory(directory: string): Promise<string[]> {
  try {
    return await readdir(directory)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** filesToRemove lists the files of a certificate being deleted: its chain, and its key unless another certificate shares it. */
export function filesToRemove(record: CertificateRecord, others: readonly CertificateRecord[]): string[] {
  const shared = others.some((other) => other.Thumbprint !== record.Thumbprint && other.keyFile === record.keyFile)
  return shared ? [record.chainFile] : [record.chainFile, record.keyFile]
}
