import type {KeyObject, X509Certificate} from 'node:crypto'
import {domainToASCII} from 'node:url'
import {nodeCrypto} from '../node-crypto.js'

/**
 * Reading certificates with Node's X509Certificate (stack.md 4.2: Node parses, forge only builds),
 * into the properties Get-CsCertificate shows (cmdlets.md A9.3).
 */

/** CertificateFacts are what csxmpp stores and shows of one certificate. */
export interface CertificateFacts {
  /** SHA-1 of the DER certificate, upper-case hex without separators (Windows' Thumbprint). */
  readonly thumbprint: string
  readonly subject: string
  readonly issuer: string
  readonly serialNumber: string
  /** ISO 8601 UTC. */
  readonly notBefore: string
  readonly notAfter: string
  /** The DNS names of subjectAltName, in certificate order. */
  readonly alternativeNames: string[]
  /** publicKeyId of the certificate's public key. */
  readonly publicKeyId: string
}

/** certificateFacts reads the stored properties of a certificate. */
export function certificateFacts(certificate: X509Certificate): CertificateFacts {
  return {
    thumbprint: certificate.fingerprint.replace(/:/g, '').toUpperCase(),
    subject: windowsName(certificate.subject),
    issuer: windowsName(certificate.issuer),
    serialNumber: certificate.serialNumber.toUpperCase(),
    // Node 20 has no validFromDate; its validFrom ("Jan  2 03:04:05 2025 GMT") is what Date parses.
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
    alternativeNames: dnsNames(certificate.subjectAltName),
    publicKeyId: publicKeyId(certificate.publicKey),
  }
}

/**
 * windowsName turns Node's distinguished name (one attribute a line, in DER order: `C=US\nCN=x`)
 * into the form Windows and Lync print: most specific first, comma separated (`CN=x, C=US`).
 */
function windowsName(name: string): string {
  return name.split('\n').reverse().join(', ')
}

// One subjectAltName entry as Node prints it: `DNS:a.example`, or a JSON-quoted value when it holds
// a comma or a quote (`DNS:"a, b"`), entries separated by ", ".
const SAN_ENTRY = /([A-Za-z][A-Za-z ]*):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/gy

/** dnsNames lists the DNS entries of Node's subjectAltName text; other kinds (IP, email, otherName) are left out. */
function dnsNames(subjectAltName: string | undefined): string[] {
  const names: string[] = []
  for (const match of (subjectAltName ?? '').matchAll(SAN_ENTRY)) {
    const value = match[2]!.startsWith('"') ? (JSON.parse(match[2]!) as string) : match[2]!
    if (match[1] === 'DNS') names.push(value)
  }
  return names
}

/** publicKeyId names a public key: lower-case hex SHA-1 of its DER SubjectPublicKeyInfo. */
export function publicKeyId(key: KeyObject): string {
  return nodeCrypto().createHash('sha1').update(key.export({type: 'spki', format: 'der'})).digest('hex')
}

/**
 * covers tells whether a certificate's DNS names cover a domain (RFC 6125 6.4.3 as TLS clients
 * apply it): the same name, or a `*.` wildcard standing for exactly one left-most label.
 */
export function covers(alternativeNames: readonly string[], domain: string): boolean {
  const name = (domainToASCII(domain) || domain).toLowerCase()
  return alternativeNames.some((san) => {
    const pattern = san.toLowerCase()
    if (!pattern.startsWith('*.')) return pattern === name
    const dot = name.indexOf('.')
    return dot > 0 && name.slice(dot) === pattern.slice(1)
  })
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** pemCertificates returns the PEM certificate blocks of a text, in file order. */
export function pemCertificates(text: string): string[] {
  return (text.match(PEM_CERTIFICATE) ?? []).map((block) => `${block}\n`)
}

/** belongsTo tells whether key is the private key of certificate; a key of another algorithm is not. */
export function belongsTo(certificate: X509Certificate, key: KeyObject): boolean {
  try {
    return certificate.checkPrivateKey(key)
  } catch {
    return false
  }
}
