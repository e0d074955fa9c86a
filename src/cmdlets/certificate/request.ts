import {unlink, writeFile} from 'node:fs/promises'
import {domainToASCII} from 'node:url'
import type {StoreDocument} from '../../../store/index.js'
import type {CmdletContext, CmdletDefinition} from '../definition.js'
import {cannotWriteFile, fileProblem, invalidIdentity, noDomainName, requestKind, validateSet} from '../errors.js'
import {parseDomain} from '../identity.js'
import {TYPE_NAMES} from '../lync-types.js'
import {nodeCrypto} from '../node-crypto.js'
import {compareIdentity} from '../ordering.js'
import {type KeyPairPem, certificationRequest, selfSignedCertificate} from './forge.js'
import {CHAIN_PREFIX, keyFilePrefix} from './key-files.js'
import {certificateObject, certificateRecord, certificates, typeParameter} from './object.js'
import {certificateFacts, publicKeyId} from './x509.js'

/** Request-CsCertificate (cmdlets.md A9.3): a new key, and a PKCS#10 request or a self-signed certificate. */

type Context = CmdletContext<StoreDocument>

/** KEY_SIZES is the ValidateSet of -KeySize (A9.3). */
const KEY_SIZES = [2048, 3072, 4096] as const

/** REQUEST_CERTIFICATE is Request-CsCertificate. */
export const REQUEST_CERTIFICATE: CmdletDefinition<StoreDocument> = {
  name: 'Request-CsCertificate',
  synopsis: 'Makes a private key and a certificate request, or a self-signed certificate, for the XMPP gateway.',
  description:
    'Makes a new RSA key in the key directory. With -Output it writes a PKCS#10 certificate request (CSR) naming the ' +
    'domains as subject alternative names, for a certification authority to sign; import the certificate it issues with ' +
    'Import-CsCertificate, which finds the key by itself. With -SelfSigned it makes a certificate valid for one year ' +
    'instead, stores it and writes it. Assign a certificate to the gateway with Set-CsCertificate.',
  parameterSets: ['New'],
  defaultParameterSet: 'New',
  supportsShouldProcess: true,
  unsupportedParameters: ['CA', 'CaAccount', 'CaPassword', 'Online', 'Template'],
  parameters: [
    {name: 'New', type: {kind: 'Switch'}, sets: {New: {mandatory: true}}, description: 'Makes a new key; the only kind of request csxmpp makes.'},
    typeParameter({New: {mandatory: true}}, 'The role of the certificate: XmppServer, the XMPP gateway.'),
    {
      name: 'DomainName',
      type: {kind: 'StringArray'},
      defaultValue: 'every SIP domain, the default one first',
      description: 'The subject alternative names, as a list or one comma-separated string; *.domain covers one label. The first is also the subject CN.',
    },
    {name: 'FriendlyName', type: {kind: 'String'}, description: 'A name for the certificate, kept in the store (self-signed certificates).'},
    {name: 'KeySize', type: {kind: 'UInt32'}, defaultValue: '2048', description: 'The RSA key size in bits: 2048, 3072 or 4096.'},
    {name: 'Output', type: {kind: 'String'}, description: 'The file the certificate request (CSR, PEM) is written to.'},
    {name: 'SelfSigned', type: {kind: 'Switch'}, description: 'Makes a self-signed certificate instead of a request (csxmpp).'},
  ],
  outputType: TYPE_NAMES.Certificate[0],
  examples: [
    {
      code: 'Request-CsCertificate -New -Type XmppServer -DomainName litwareinc.com,*.litwareinc.com -Output xmpp.csr',
      remarks: 'Writes a request for litwareinc.com and its subdomains to xmpp.csr; the key stays in the key directory.',
    },
    {
      code: 'Request-CsCertificate -New -Type XmppServer -SelfSigned | Set-CsCertificate -Type XmppServer',
      remarks: 'Makes a self-signed certificate for every SIP domain and assigns it to the gateway.',
    },
  ],
  async process(ctx) {
    const bits = ctx.get<number>('KeySize') ?? 2048
    if (!(KEY_SIZES as readonly number[]).includes(bits)) throw validateSet(ctx.cmdlet, 'KeySize', bits, KEY_SIZES)
    const output = ctx.get<string>('Output') ?? undefined
    const selfSigned = ctx.get<boolean>('SelfSigned') ?? false
    if ((output === undefined) === !selfSigned) return ctx.writeError(requestKind(ctx.cmdlet, selfSigned))
    const domains = requestedDomains(ctx)
    if (!domains || !(await ctx.shouldProcess(domains.join(', ')))) return
    const keys = newKeyPair(bits)
    if (output === undefined) await writeSelfSigned(ctx, keys, domains)
    else await writeRequest(ctx, keys, domains, output)
  },
}

function newKeyPair(bits: number): KeyPairPem {
  // Node makes the key natively; forge's pure-JavaScript generator is ten times slower (stack.md 4.1).
  return nodeCrypto().generateKeyPairSync('rsa', {
    modulusLength: bits,
    privateKeyEncoding: {type: 'pkcs8', format: 'pem'},
    publicKeyEncoding: {type: 'spki', format: 'pem'},
  })
}

/**
 * requestedDomains reads -DomainName as A-label DNS names (what a SAN holds), `*.` allowed in front,
 * duplicates dropped; without it, every SIP domain with the default first (it becomes the CN).
 */
function requestedDomains(ctx: Context): string[] | undefined {
  const given = ctx.get<string[]>('DomainName')
  if (given === undefined || given === null) {
    const domains = Object.values(ctx.store.document.sipDomains)
      .sort((a, b) => Number(b.IsDefault) - Number(a.IsDefault) || compareIdentity(a.Identity, b.Identity))
      .map((record) => domainToASCII(record.Identity))
    if (domains.length === 0) return void ctx.writeError(noDomainName(ctx.cmdlet))
    return domains
  }
  const domains = new Set<string>()
  for (const typed of given.flatMap((entry) => entry.split(',')).map((entry) => entry.trim())) {
    const wildcard = typed.startsWith('*.')
    const parsed = parseDomain(wildcard ? typed.slice(2) : typed)
    if (!parsed.ok) return void ctx.writeError(invalidIdentity(ctx.cmdlet, typed, 'domain name', parsed.reason))
    domains.add(`${wildcard ? '*.' : ''}${domainToASCII(parsed.value)}`)
  }
  return [...domains]
}

/** writeSelfSigned stores a self-signed certificate with its key and writes its object. */
async function writeSelfSigned(ctx: Context, keys: KeyPairPem, domains: readonly string[]): Promise<void> {
  const pem = await selfSignedCertificate(keys, domains, new Date())
  const facts = certificateFacts(new (nodeCrypto().X509Certificate)(pem))
  const keyFile = await ctx.store.writeSecret(keyFilePrefix(facts.publicKeyId), keys.privateKey)
  const chainFile = await ctx.store.writeSecret(CHAIN_PREFIX, pem)
  const record = certificateRecord(facts, {chainFile, keyFile}, ctx.get<string>('FriendlyName') ?? null)
  ctx.store.document.certificates = {...certificates(ctx.store.document), [record.Thumbprint]: record}
  ctx.store.markChanged()
  ctx.writeObject(certificateObject(record))
}

/**
 * writeRequest writes the CSR to -Output, then keeps the key as a pending key (key-files.ts). The
 * CSR goes first because it is the step a user's mistake can fail (a wrong folder); if the key
 * cannot be kept after all, the CSR is taken back, so that no one sends a request for a lost key.
 */
async function writeRequest(ctx: Context, keys: KeyPairPem, domains: readonly string[], output: string): Promise<void> {
  const csr = await certificationRequest(keys, domains)
  try {
    await writeFile(output, csr)
  } catch (error) {
    return ctx.writeError(cannotWriteFile(ctx.cmdlet, output, fileProblem(error)))
  }
  try {
    const name = await ctx.store.writeSecret(keyFilePrefix(publicKeyId(nodeCrypto().createPublicKey(keys.publicKey))), keys.privateKey)
    ctx.writeVerbose(`The private key of the request is ${name} in the key directory; Import-CsCertificate finds it.`)
  } catch (error) {
    await unlink(output).catch(() => undefined)
    throw error
  }
}
