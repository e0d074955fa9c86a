import {generateKeyPairSync, randomBytes} from 'node:crypto'
import forge from 'node-forge'

/**
 * A throw-away CA and the certificates it signs, for the TLS tests (interop/README.md §3): keys
 * are made natively (forge's pure-JS RSA takes seconds), certificates are built with node-forge.
 */

/** Pem is a key and its certificate as PEM text. */
export interface Pem {
  readonly key: string
  readonly cert: string
}

function newKey(): {pem: string; forgeKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey} {
  const {privateKey} = generateKeyPairSync('rsa', {modulusLength: 2048})
  const pem = privateKey.export({type: 'pkcs8', format: 'pem'}).toString()
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey
  return {pem, forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e)}
}

function certificate(subject: string, publicKey: forge.pki.rsa.PublicKey, extensions: object[]): forge.pki.Certificate {
  const cert = forge.pki.createCertificate()
  cert.publicKey = publicKey
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`
  cert.validity.notBefore = new Date(Date.now() - 60_000)
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000)
  cert.setSubject([{name: 'commonName', value: subject}])
  cert.setExtensions(extensions)
  return cert
}

/** TestCa signs leaf certificates. */
export interface TestCa extends Pem {
  /** issue makes a certificate for server and client use naming these DNS names and IP addresses. */
  issue(names: {dns?: string[]; ip?: string[]}): Pem
}

/** makeCa makes a CA valid for a day. */
export function makeCa(): TestCa {
  const ca = newKey()
  const caCert = certificate('csxmpp SIP test CA', ca.publicKey, [{name: 'basicConstraints', cA: true, critical: true}, {name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true}])
  caCert.setIssuer(caCert.subject.attributes)
  caCert.sign(ca.forgeKey, forge.md.sha256.create())
  return {
    key: ca.pem,
    cert: forge.pki.certificateToPem(caCert),
    issue({dns = [], ip = []}) {
      const leaf = newKey()
      const altNames = [...dns.map((value) => ({type: 2, value})), ...ip.map((value) => ({type: 7, ip: value}))]
      const cert = certificate(dns[0] ?? ip[0] ?? 'leaf', leaf.publicKey, [
        {name: 'basicConstraints', cA: false},
        {name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true},
        {name: 'extKeyUsage', serverAuth: true, clientAuth: true},
        {name: 'subjectAltName', altNames},
      ])
      cert.setIssuer(caCert.subject.attributes)
      cert.sign(ca.forgeKey, forge.md.sha256.create())
      return {key: leaf.pem, cert: forge.pki.certificateToPem(cert)}
    },
  }
}
