import {generateKeyPairSync, randomBytes} from 'node:crypto'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import forge from 'node-forge'

/**
 * A throw-away CA per test run and the server certificates of the federation tests, good and bad
 * (interop README §3): RSA keys made by Node (forge's pure-JS RSA takes seconds), certificates built
 * with node-forge, which can also set the validity dates an expired certificate needs.
 */

/** CertificateVariant is a good certificate or one of the failures of interop README §7. */
export type CertificateVariant = 'valid' | 'self-signed' | 'wrong-name' | 'expired'

/** IssuedCertificate is a certificate and its key, as files (mode 0600) and as PEM text. */
export interface IssuedCertificate {
  readonly certFile: string
  readonly keyFile: string
  readonly cert: string
  readonly key: string
}

/** Pki is a CA that writes its certificate to caFile and issues domain certificates into its directory. */
export interface Pki {
  readonly caFile: string
  issue(domain: string, variant?: CertificateVariant): Promise<IssuedCertificate>
}

const DAY = 24 * 3600_000

function newKey(): {pem: string; key: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey} {
  const pem = generateKeyPairSync('rsa', {modulusLength: 2048}).privateKey.export({type: 'pkcs8', format: 'pem'}).toString()
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey
  return {pem, key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e)}
}

function build(commonName: string, publicKey: forge.pki.PublicKey, from: number, to: number, extensions: object[]): forge.pki.Certificate {
  const cert = forge.pki.createCertificate()
  cert.publicKey = publicKey
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`
  cert.validity.notBefore = new Date(from)
  cert.validity.notAfter = new Date(to)
  cert.setSubject([{name: 'commonName', value: commonName}])
  cert.setExtensions(extensions)
  return cert
}

/** makePki creates the CA in dir. */
export async function makePki(dir: string): Promise<Pki> {
  const ca = newKey()
  const caCert = build('csxmpp test CA', ca.publicKey, Date.now() - DAY, Date.now() + 30 * DAY, [
    {name: 'basicConstraints', cA: true, critical: true},
    {name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true},
  ])
  caCert.setIssuer(caCert.subject.attributes)
  caCert.sign(ca.key, forge.md.sha256.create())
  const caFile = join(dir, 'ca.pem')
  await writeFile(caFile, forge.pki.certificateToPem(caCert))
  let issued = 0
  return {
    caFile,
    async issue(domain, variant = 'valid') {
      const leaf = newKey()
      const names = variant === 'wrong-name' ? ['wrong.test'] : [domain, `*.${domain}`]
      const expired = variant === 'expired'
      const cert = build(names[0]!, leaf.publicKey, Date.now() - (expired ? 30 : 1) * DAY, Date.now() + (expired ? -DAY : 30 * DAY), [
        {name: 'basicConstraints', cA: false},
        {name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true},
        // Both usages, so that peers insisting on clientAuth accept it (interop README §3).
        {name: 'extKeyUsage', serverAuth: true, clientAuth: true},
        {name: 'subjectAltName', altNames: names.map((value) => ({type: 2, value}))},
      ])
      if (variant === 'self-signed') {
        cert.setIssuer(cert.subject.attributes)
        cert.sign(leaf.key, forge.md.sha256.create())
      } else {
        cert.setIssuer(caCert.subject.attributes)
        cert.sign(ca.key, forge.md.sha256.create())
      }
      const pem = forge.pki.certificateToPem(cert)
      const base = join(dir, `${domain}.${variant}.${++issued}`)
      await writeFile(`${base}.crt`, pem, {mode: 0o600})
      await writeFile(`${base}.key`, leaf.pem, {mode: 0o600})
      return {certFile: `${base}.crt`, keyFile: `${base}.key`, cert: pem, key: leaf.pem}
    },
  }
}
