import type {KeyObject, X509Certificate} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import type {StoreDocument} from '../../../store/index.js'
import type {CmdletContext, CmdletDefinition} from '../definition.js'
import {alreadyExists, fileProblem, privateKeyMismatch, privateKeyNotFound, unreadableFile} from '../errors.js'
import {TYPE_NAMES} from '../lync-types.js'
import {type CertificateSource, SourceProblem, readCertificateSource, readPrivateKey} from './import-source.js'
import {CHAIN_PREFIX, findKeyFile, keyFilePrefix} from './key-files.js'
import {certificateObject, certificateRecord, certificates, typeParameter} from './object.js'
import {type CertificateFacts, belongsTo, certificateFacts} from './x509.js'

/** Import-CsCertificate (cmdlets.md A9.3): store a certificate chain issued elsewhere, with its private key. */

type Context = CmdletContext<StoreDocument>

/** KeyChoice is the private key found for a certificate: one to write, or a key file already in the key directory. */
type KeyChoice = {readonly key: KeyObject} | {readonly keyFile: string}

/** IMPORT_CERTIFICATE is Import-CsCertificate. */
export const IMPORT_CERTIFICATE: CmdletDefinition<StoreDocument> = {
  name: 'Import-CsCertificate',
  synopsis: 'Stores a certificate for the XMPP gateway, with its chain and private key.',
  description:
    'Reads a PEM certificate chain (leaf first), a DER certificate or a PKCS#12 file, and stores the chain and the private ' +
    'key in the key directory. The key is the one given with -PrivateKeyPath, the one inside the file, or the key csxmpp ' +
    'made for the request (Request-CsCertificate -Output). Expired certificates and names outside the SIP domains are ' +
    'accepted. The certificate is not used until Set-CsCertificate assigns it.',
  parameterSets: ['Path'],
  defaultParameterSet: 'Path',
  supportsShouldProcess: true,
  unsupportedParameters: ['PrivateKeyExportable', 'Report'],
  parameters: [
    {name: 'Path', type: {kind: 'String'}, sets: {Path: {mandatory: true}}, description: 'The certificate file: PEM chain, DER certificate, or PKCS#12 (.pfx).'},
    {name: 'Password', type: {kind: 'String'}, description: 'The password of the PKCS#12 file, or of an encrypted PEM private key.'},
    {name: 'PrivateKeyPath', type: {kind: 'String'}, description: 'A PEM private key file, when -Path holds none and csxmpp did not make the key (csxmpp).'},
    typeParameter({Path: {mandatory: true}}, 'The role the certificate is for: XmppServer, the XMPP gateway.'),
  ],
  outputType: TYPE_NAMES.Certificate[0],
  examples: [
    {code: 'Import-CsCertificate -Path xmpp-chain.pem -Type XmppServer', remarks: 'Stores the certificate a CA issued for a request made with Request-CsCertificate.'},
    {
      code: 'Import-CsCertificate -Path xmpp.pfx -Password "P@ssw0rd" -Type XmppServer | Set-CsCertificate -Type XmppServer',
      remarks: 'Stores the certificate and key of a PKCS#12 file and assigns it to the gateway.',
    },
  ],
  async process(ctx) {
    const path = ctx.get<string>('Path') ?? ''
    const password = ctx.get<string>('Password') ?? undefined
    const source = await readSource(ctx, path, password)
    if (!source) return
    const leaf = source.chain[0]!
    const facts = certificateFacts(leaf)
    if (certificates(ctx.store.document)[facts.thumbprint]) return ctx.writeError(alreadyExists(ctx.cmdlet, 'Certificate', facts.thumbprint))
    const choice = await chooseKey(ctx, source, leaf, facts, path, password)
    if (!choice || !(await ctx.shouldProcess(facts.thumbprint))) return
    const keyFile = 'keyFile' in choice ? choice.keyFile : await ctx.store.writeSecret(keyFilePrefix(facts.publicKeyId), exportKey(choice.key))
    const chainFile = await ctx.store.writeSecret(CHAIN_PREFIX, source.chain.map((c) => c.toString()).join(''))
    const record = certificateRecord(facts, {chainFile, keyFile}, source.friendlyName)
    ctx.store.document.certificates = {...certificates(ctx.store.document), [record.Thumbprint]: record}
    ctx.store.markChanged()
    ctx.writeObject(certificateObject(record))
  },
}

async function readSource(ctx: Context, path: string, password: string | undefined): Promise<CertificateSource | undefined> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    return void ctx.writeError(unreadableFile(ctx.cmdlet, 'certificate', path, fileProblem(error)))
  }
  try {
    return await readCertificateSource(bytes, password)
  } catch (error) {
    if (!(error instanceof SourceProblem)) throw error
    return void ctx.writeError(unreadableFile(ctx.cmdlet, 'certificate', path, error.message))
  }
}

/** chooseKey finds the private key: -PrivateKeyPath, else a key in the file, else a key csxmpp made (A9.3). */
async function chooseKey(
  ctx: Context,
  source: CertificateSource,
  leaf: X509Certificate,
  facts: CertificateFacts,
  path: string,
  password: string | undefined,
): Promise<KeyChoice | undefined> {
  const keyPath = ctx.get<string>('PrivateKeyPath') ?? undefined
  if (keyPath !== undefined) {
    const key = await readKeyFile(ctx, keyPath, password)
    if (!key) return undefined
    return belongsTo(leaf, key) ? {key} : void ctx.writeError(privateKeyMismatch(ctx.cmdlet, facts.thumbprint, keyPath))
  }
  if (source.privateKeys.length > 0) {
    const key = source.privateKeys.find((k) => belongsTo(leaf, k))
    return key ? {key} : void ctx.writeError(privateKeyMismatch(ctx.cmdlet, facts.thumbprint, path))
  }
  const keyFile = await findKeyFile(ctx.store.keyDirectory, leaf, facts.publicKeyId)
  return keyFile ? {keyFile} : void ctx.writeError(privateKeyNotFound(ctx.cmdlet, facts.thumbprint))
}

async function readKeyFile(ctx: Context, path: string, password: string | undefined): Promise<KeyObject | undefined> {
  try {
    return readPrivateKey(await readFile(path), password)
  } catch (error) {
    const reason = error instanceof SourceProblem ? error.message : fileProblem(error)
    return void ctx.writeError(unreadableFile(ctx.cmdlet, 'private key', path, reason))
  }
}

/** exportKey writes a key as unencrypted PKCS#8 PEM: the file's mode 0600 protects it, as it does every key (A10). */
function exportKey(key: KeyObject): string {
  return key.export({type: 'pkcs8', format: 'pem'}) as string
}
