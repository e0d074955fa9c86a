import type {KeyObject, X509Certificate} from 'node:crypto'
import {nodeCrypto} from '../node-crypto.js'
import {readPkcs12} from './forge.js'
import {belongsTo, pemCertificates} from './x509.js'

/**
 * What Import-CsCertificate reads from -Path (cmdlets.md A9.3): a PEM chain, leaf first, perhaps
 * with its private key; a single DER certificate; or a PKCS#12 (PFX) file with -Password. Nothing
 * here judges validity (dates, names, issuer): the gateway decides that when it uses the certificate.
 */

/** CertificateSource is a certificate chain, leaf first, with the private keys found beside it. */
export interface CertificateSource {
  readonly chain: X509Certificate[]
  readonly privateKeys: KeyObject[]
  readonly friendlyName: string | null
}

/** SourceProblem is why a file gave no certificate, worded for the "Cannot read a certificate" error. */
export class SourceProblem extends Error {}

// PKCS#8 encrypted, or OpenSSL's traditional encrypted RSA key.
const ENCRYPTED_PEM_KEY = /-----BEGIN (?:ENCRYPTED PRIVATE KEY|RSA PRIVATE KEY-----\r?\nProc-Type: 4,ENCRYPTED)/
const PEM_PRIVATE_KEY = /-----BEGIN ((?:ENCRYPTED |RSA |EC )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/g

/** readCertificateSource reads a certificate file's bytes; it throws SourceProblem when they hold no certificate. */
export async function readCertificateSource(bytes: Buffer, password: string | undefined): Promise<CertificateSource> {
  const text = bytes.toString('latin1')
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    const chain = pemCertificates(text).map((pem) => new (nodeCrypto().X509Certificate)(pem))
    const privateKeys = (text.match(PEM_PRIVATE_KEY) ?? []).map((pem) => readPrivateKey(pem, password))
    return {chain, privateKeys, friendlyName: null}
  }
  const der = derCertificate(bytes)
  if (der) return {chain: [der], privateKeys: [], friendlyName: null}
  return pkcs12Source(bytes, password)
}

/** readPrivateKey reads a PEM private key, encrypted ones with password; it throws SourceProblem. */
export function readPrivateKey(pem: string | Buffer, password: string | undefined): KeyObject {
  try {
    return nodeCrypto().createPrivateKey({key: pem, format: 'pem', ...(password === undefined ? {} : {passphrase: password})})
  } catch {
    // OpenSSL's reasons (a missing or wrong passphrase, no key) vary between key formats; the file tells them apart.
    if (!ENCRYPTED_PEM_KEY.test(pem.toString())) throw new SourceProblem('it holds no PEM private key')
    throw new SourceProblem(password === undefined ? 'the key is encrypted: give its -Password' : 'the key is encrypted and -Password is wrong')
  }
}

function derCertificate(bytes: Buffer): X509Certificate | undefined {
  try {
    return new (nodeCrypto().X509Certificate)(bytes)
  } catch {
    return undefined
  }
}

async function pkcs12Source(bytes: Buffer, password: string | undefined): Promise<CertificateSource> {
  let contents: Awaited<ReturnType<typeof readPkcs12>>
  try {
    contents = await readPkcs12(bytes, password ?? '')
  } catch (error) {
    // forge says "PKCS#12 MAC could not be verified. Invalid password?" or "… wrong password?".
    if (!/password/i.test(String((error as Error).message))) throw new SourceProblem('it is not a PEM certificate chain, a DER certificate or a PKCS#12 file')
    throw new SourceProblem(password === undefined ? 'it is a PKCS#12 file protected by a password: give -Password' : 'the PKCS#12 password is wrong')
  }
  const certificates = contents.certificates.map((der) => new (nodeCrypto().X509Certificate)(der))
  if (certificates.length === 0) throw new SourceProblem('the PKCS#12 file holds no certificate')
  const privateKeys = contents.privateKeys.map((pem) => nodeCrypto().createPrivateKey(pem))
  return {chain: leafFirst(certificates, privateKeys), privateKeys, friendlyName: contents.friendlyName}
}

/**
 * leafFirst orders a PKCS#12 file's certificates, whose order no standard fixes: the one a key in
 * the file belongs to (else one that issued none of the others), then each one's issuer in turn;
 * certificates outside that chain are left out.
 */
function leafFirst(certificates: readonly X509Certificate[], keys: readonly KeyObject[]): X509Certificate[] {
  const issuesAnother = (c: X509Certificate) => certificates.some((other) => other !== c && other.checkIssued(c))
  const leaf =
    certificates.find((c) => keys.some((key) => belongsTo(c, key))) ?? certificates.find((c) => !issuesAnother(c)) ?? certificates[0]!
  const chain = [leaf]
  for (;;) {
    const last = chain[chain.length - 1]!
    const issuer = certificates.find((c) => !chain.includes(c) && last.checkIssued(c))
    if (!issuer) return chain
    chain.push(issuer)
  }
}
