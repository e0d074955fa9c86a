import type {StoreDocument} from '../../../store/index.js'
import type {CmdletContext, CmdletDefinition} from '../definition.js'
import {certificateInUse, notFound, type NotFoundVerb} from '../errors.js'
import {TYPE_NAMES} from '../lync-types.js'
import {compareIdentity} from '../ordering.js'
import {filesToRemove} from './key-files.js'
import {assignedCertificate, certificateKey, certificateObject, certificates, thumbprintParameter, typeParameter, uncoveredSipDomains} from './object.js'

/** Set-, Get- and Remove-CsCertificate (cmdlets.md A9.3): which stored certificate the gateway presents. */

type Context = CmdletContext<StoreDocument>

const TYPE_HELP = 'XmppServer, the certificate the XMPP gateway presents to partners.'

/** findByThumbprint looks -Thumbprint up, writing the not-found error when it is not stored. */
function findByThumbprint(ctx: Context, verb: NotFoundVerb) {
  const typed = ctx.get<string>('Thumbprint') ?? ''
  const record = certificates(ctx.store.document)[certificateKey(typed)]
  if (!record) ctx.writeError(notFound(ctx.cmdlet, verb, 'Certificate', typed))
  return record
}

/** SET_CERTIFICATE is Set-CsCertificate. */
export const SET_CERTIFICATE: CmdletDefinition<StoreDocument> = {
  name: 'Set-CsCertificate',
  synopsis: 'Assigns a stored certificate to the XMPP gateway.',
  description:
    'Makes the certificate with this thumbprint the one the gateway presents; a running gateway uses it for new ' +
    'connections without a restart. Warns for every SIP domain its subject alternative names do not cover, because ' +
    'partners refuse the certificate for those domains.',
  parameterSets: ['Type'],
  defaultParameterSet: 'Type',
  supportsShouldProcess: true,
  unsupportedParameters: ['EffectiveDate', 'Roll', 'Report'],
  parameters: [
    typeParameter({Type: {mandatory: true}}, `The role to assign: ${TYPE_HELP}`),
    thumbprintParameter({Type: {mandatory: true, fromPipelineByPropertyName: true}}, 'The thumbprint of a stored certificate (Get-CsCertificate).'),
  ],
  examples: [
    {code: 'Set-CsCertificate -Type XmppServer -Thumbprint D543D5D2A1F4A0F35D1D31B0C6F2DC24E8D2C5FA', remarks: 'Assigns that certificate to the gateway.'},
    {code: 'Import-CsCertificate -Path xmpp.pem -Type XmppServer | Set-CsCertificate -Type XmppServer', remarks: 'Stores a certificate and assigns it.'},
  ],
  async process(ctx) {
    const record = findByThumbprint(ctx, 'set')
    if (!record || !(await ctx.shouldProcess(record.Thumbprint))) return
    if (record.Use !== 'XmppServer') {
      const previous = assignedCertificate(ctx.store.document)
      if (previous) previous.Use = null
      record.Use = 'XmppServer'
      ctx.store.markChanged()
    }
    for (const domain of uncoveredSipDomains(ctx.store.document, record)) {
      ctx.writeWarning(`The certificate "${record.Thumbprint}" does not cover SIP domain "${domain}": partners will refuse it for that domain.`)
    }
  },
}

/** GET_CERTIFICATE is Get-CsCertificate. */
export const GET_CERTIFICATE: CmdletDefinition<StoreDocument> = {
  name: 'Get-CsCertificate',
  synopsis: 'Returns the certificates stored for the XMPP gateway.',
  description:
    'Returns every stored certificate sorted by thumbprint, the one assigned to the gateway (-Type XmppServer), or the one ' +
    'with a thumbprint. Use is XmppServer for the assigned certificate and empty for the others.',
  parameterSets: ['Type'],
  defaultParameterSet: 'Type',
  parameters: [typeParameter({Type: {}}, `Returns only the certificate assigned to this role: ${TYPE_HELP}`), thumbprintParameter({Type: {}}, 'The thumbprint of the certificate to return.')],
  outputType: TYPE_NAMES.Certificate[0],
  examples: [
    {code: 'Get-CsCertificate', remarks: 'Returns every stored certificate.'},
    {code: 'Get-CsCertificate -Type XmppServer | Select-Object Thumbprint, NotAfter, AlternativeNames', remarks: "Shows when the gateway's certificate expires and which names it covers."},
  ],
  async process(ctx) {
    if (ctx.has('Thumbprint')) {
      const record = findByThumbprint(ctx, 'get')
      if (record && (!ctx.has('Type') || record.Use === 'XmppServer')) ctx.writeObject(certificateObject(record))
      return
    }
    const records = Object.values(certificates(ctx.store.document)).filter((record) => !ctx.has('Type') || record.Use === 'XmppServer')
    for (const record of records.sort((a, b) => compareIdentity(a.Thumbprint, b.Thumbprint))) ctx.writeObject(certificateObject(record))
  },
}

/** REMOVE_CERTIFICATE is Remove-CsCertificate. */
export const REMOVE_CERTIFICATE: CmdletDefinition<StoreDocument> = {
  name: 'Remove-CsCertificate',
  synopsis: 'Unassigns the gateway certificate, or deletes a stored certificate.',
  description:
    'With -Type XmppServer the gateway stops using its certificate, which stays stored. With -Thumbprint an unassigned ' +
    'certificate is deleted with its chain and private key files; the assigned one is refused until it is unassigned.',
  parameterSets: ['Type', 'Thumbprint'],
  defaultParameterSet: 'Type',
  supportsShouldProcess: true,
  unsupportedParameters: ['Previous', 'Report'],
  parameters: [
    typeParameter({Type: {mandatory: true}}, `The role to unassign: ${TYPE_HELP}`),
    thumbprintParameter({Thumbprint: {mandatory: true, fromPipelineByPropertyName: true}}, 'The thumbprint of an unassigned certificate to delete.'),
  ],
  examples: [
    {code: 'Remove-CsCertificate -Type XmppServer', remarks: 'Stops the gateway from presenting its certificate.'},
    {code: 'Get-CsCertificate | Where-Object {$_.NotAfter -lt (Get-Date)} | Remove-CsCertificate', remarks: 'Deletes the expired certificates that are not assigned.'},
  ],
  async process(ctx) {
    const document = ctx.store.document
    if (ctx.parameterSet === 'Type') {
      const record = assignedCertificate(document)
      if (!record) return ctx.writeError(notFound(ctx.cmdlet, 'remove', 'Certificate', 'XmppServer'))
      if (!(await ctx.shouldProcess('XmppServer'))) return
      record.Use = null
      return ctx.store.markChanged()
    }
    const record = findByThumbprint(ctx, 'remove')
    if (!record) return
    if (record.Use !== null) return ctx.writeError(certificateInUse(ctx.cmdlet, record.Thumbprint))
    if (!(await ctx.shouldProcess(record.Thumbprint))) return
    const all = certificates(document)
    delete all[record.Thumbprint]
    document.certificates = all
    // The files go only once the store no longer names them (store/secrets.ts).
    for (const file of filesToRemove(record, Object.values(all))) ctx.store.removeSecretAfterCommit(file)
    ctx.store.markChanged()
  },
}
