import type forgeModule from 'node-forge'
import {nodeCrypto} from '../node-crypto.js'

/**
 * What node-forge does for csxmpp: build self-signed certificates and PKCS#10 requests, and open
 * PKCS#12 files, none of which Node's crypto can (stack.md 4.2). Keys come from Node. forge costs
 * about 33 ms to load (stack.md 1.6), so it is imported here, on first use, and nowhere at start-up.
 */

type Forge = typeof forgeModule

async function loadForge(): Promise<Forge> {
  return (await import('node-forge')).default
}

/** KeyPairPem is a key pair as PEM: PKCS#8 private key and SPKI public key. */
export interface KeyPairPem {
  readonly privateKey: string
  readonly publicKey: string
}

/** subjectAltName builds the extension; A-label DNS names, wildcards included (stack.md 4.2). */
function subjectAltName(domains: readonly string[]) {
  return {name: 'subjectAltName', altNames: domains.map((value) => ({type: 2, value}))}
}

/**
 * selfSignedCertificate makes the certificate of `Request-CsCertificate -SelfSigned` (cmdlets.md
 * A9.3): CN the first domain, every domain a SAN, valid one year from now, not a CA, usable as TLS
 * server and, for SASL EXTERNAL on outgoing streams, as TLS client (stack.md 4.2). Returns PEM.
 */
export async function selfSignedCertificate(keys: KeyPairPem, domains: readonly string[], now: Date): Promise<string> {
  const forge = await loadForge()
  const certificate = forge.pki.createCertificate()
  certificate.publicKey = forge.pki.publicKeyFromPem(keys.publicKey)
  // 16 random bytes with the top bit clear: a positive INTEGER of at most 20 octets (RFC 5280 4.1.2.2).
  const serial = nodeCrypto().randomBytes(16)
  serial[0]! &= 0x7f
  certificate.serialNumber = serial.toString('hex')
  certificate.validity.notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000)
  const notAfter = new Date(certificate.validity.notBefore)
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 1)
  certificate.validity.notAfter = notAfter
  const name = [{name: 'commonName', value: domains[0]!}]
  certificate.setSubject(name)
  certificate.setIssuer(name)
  certificate.setExtensions([
    {name: 'basicConstraints', cA: false, critical: true},
    {name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true},
    {name: 'extKeyUsage', serverAuth: true, clientAuth: true},
    subjectAltName(domains),
    {name: 'subjectKeyIdentifier'},
  ])
  certificate.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create())
  return forge.pki.certificateToPem(certificate)
}

/**
 * certificationRequest makes the PKCS#10 request of `Request-CsCertificate -Output`: CN the first
 * domain, and the SANs in an extensionRequest attribute, which is where CAs look for them. Returns PEM.
 */
export async function certificationRequest(keys: KeyPairPem, domains: readonly string[]): Promise<string> {
  const forge = await loadForge()
  const request = forge.pki.createCertificationRequest()
  request.publicKey = forge.pki.publicKeyFromPem(keys.publicKey)
  request.setSubject([{name: 'commonName', value: domains[0]!}])
  request.setAttributes([
    {
      name: 'extensionRequest',
      extensions: [subjectAltName(domains), {name: 'extKeyUsage', serverAuth: true, clientAuth: true}],
    },
  ])
  request.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create())
  return forge.pki.certificationRequestToPem(request)
}

/** Pkcs12Contents are the certificates (DER) and private keys (PKCS#8 PEM) of a PKCS#12 file. */
export interface Pkcs12Contents {
  readonly certificates: Buffer[]
  readonly privateKeys: string[]
  /** The first friendlyName attribute of any bag, the name Windows shows. */
  readonly friendlyName: string | null
}

/** readPkcs12 opens a PKCS#12 (PFX) file; it throws when the file is damaged or the password wrong. */
export async function readPkcs12(der: Buffer, password: string): Promise<Pkcs12Contents> {
  const forge = await loadForge()
  const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), password)
  const certificates: Buffer[] = []
  const privateKeys: string[] = []
  let friendlyName: string | null = null
  const {pki, asn1} = forge
  for (const bag of pfx.safeContents.flatMap((contents) => contents.safeBags)) {
    friendlyName ??= (bag.attributes?.friendlyName?.[0] as string | undefined) ?? null
    if (bag.type === pki.oids.certBag) {
      // forge keeps the certificate it could not parse (a non-RSA key) as ASN.1 only.
      const structure = bag.cert ? pki.certificateToAsn1(bag.cert) : bag.asn1
      certificates.push(Buffer.from(asn1.toDer(structure).getBytes(), 'binary'))
    } else if (bag.type === pki.oids.keyBag || bag.type === pki.oids.pkcs8ShroudedKeyBag) {
      const info = bag.key ? pki.wrapRsaPrivateKey(pki.privateKeyToAsn1(bag.key)) : bag.asn1
      privateKeys.push(pki.privateKeyInfoToPem(info))
    }
  }
  return {certificates, privateKeys, friendlyName}
}
