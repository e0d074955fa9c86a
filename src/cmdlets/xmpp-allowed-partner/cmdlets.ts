import type {StoreDocument, XmppAllowedPartnerRecord} from '../../../store/index.js'
import type {CmdletContext, CmdletDefinition} from '../definition.js'
import {alreadyExists, notFound, type NotFoundVerb} from '../errors.js'
import {instanceIdentity, instanceOf, readSettings} from '../instance.js'
import {TYPE_NAMES} from '../lync-types.js'
import {writeListing} from '../ordering.js'
import {FILTER, FORCE, IN_MEMORY, LOCAL_STORE, instanceParameter} from '../shared-parameters.js'
import {parseDomainArgument} from '../sip-domain.js'
import {deletePartner, putPartner} from './domains.js'
import {PARTNER_SETTINGS, newPartnerRecord, partnerIdentityParameter, partnerObject} from './object.js'
import {applyPartnerSettings, matrixNotice, rowOf, validatePartner} from './settings.js'

/** Get-, New-, Set- and Remove-CsXmppAllowedPartner (cmdlets.md A4.2, B3). */

type Context = CmdletContext<StoreDocument>
const NOUN = 'XmppAllowedPartner'
const OUTPUT = TYPE_NAMES.XmppAllowedPartner[0]

function findPartner(ctx: Context, typed: string, verb: NotFoundVerb): XmppAllowedPartnerRecord | undefined {
  const domain = parseDomainArgument(ctx, typed)
  if (domain === undefined) return undefined
  const record = ctx.store.document.xmppAllowedPartners[domain]
  if (!record) ctx.writeError(notFound(ctx.cmdlet, verb, NOUN, domain))
  return record
}

/**
 * commitPartner validates the resulting partner, asks ShouldProcess, stores it and writes the matrix
 * notice (after the commit, never under -WhatIf: A6.3). The notice is written when the partner is
 * created or its row changed, so a Set- that keeps the row stays quiet (A5.1). Returns the partner stored.
 */
async function commitPartner(ctx: Context, base: XmppAllowedPartnerRecord, settings: ReadonlyMap<string, unknown>): Promise<XmppAllowedPartnerRecord | undefined> {
  const record = applyPartnerSettings(ctx.cmdlet, base, settings)
  if (record instanceof Error) return void ctx.writeError(record)
  const stored = ctx.store.document.xmppAllowedPartners[base.Identity]
  const invalid = validatePartner(ctx.cmdlet, ctx.store.document, record, stored)
  if (invalid) return void ctx.writeError(invalid)
  if (ctx.get<boolean>('InMemory')) return record
  if (!(await ctx.shouldProcess(record.Identity))) return undefined
  putPartner(ctx.store.document, record, stored)
  ctx.store.markChanged()
  const notice = !stored || rowOf(stored) !== rowOf(record) ? matrixNotice(record) : undefined
  if (notice?.verbose) ctx.writeVerbose(notice.text)
  else if (notice) ctx.writeWarning(notice.text)
  return record
}

/** GET_PARTNER is Get-CsXmppAllowedPartner. */
export const GET_PARTNER: CmdletDefinition<StoreDocument> = {
  name: 'Get-CsXmppAllowedPartner',
  synopsis: 'Returns the XMPP federation partners.',
  description:
    'Returns every allowed XMPP partner sorted by domain, the partner named by -Identity, or the partners whose Identity ' +
    'matches -Filter. Only these domains may exchange messages with your users.',
  parameterSets: ['Identity', 'Filter'],
  defaultParameterSet: 'Identity',
  unsupportedParameters: ['Tenant'],
  parameters: [
    partnerIdentityParameter({Identity: {position: 0}}, "The partner's primary domain, e.g. fabrikam.com. Wildcards are not allowed; use -Filter."),
    FILTER,
    LOCAL_STORE,
  ],
  outputType: OUTPUT,
  examples: [
    {code: 'Get-CsXmppAllowedPartner', remarks: 'Lists every allowed partner.'},
    {code: 'Get-CsXmppAllowedPartner -Identity "xmpp.contoso.com"', remarks: 'Returns the partner xmpp.contoso.com.'},
    {code: 'Get-CsXmppAllowedPartner -Filter "*.org"', remarks: 'Returns the partners whose domain ends in .org.'},
    {
      code: 'Get-CsXmppAllowedPartner | Where-Object {$_.SaslNegotiation -eq "Required"}',
      remarks: 'Returns the partners that require SASL.',
    },
  ],
  async process(ctx) {
    if (ctx.has('Identity')) {
      const record = findPartner(ctx, ctx.get<string>('Identity') ?? '', 'get')
      if (record) ctx.writeObject(partnerObject(record))
      return
    }
    writeListing(ctx, Object.values(ctx.store.document.xmppAllowedPartners), (r) => r.Identity, partnerObject)
  },
}

/** NEW_PARTNER is New-CsXmppAllowedPartner. */
export const NEW_PARTNER: CmdletDefinition<StoreDocument> = {
  name: 'New-CsXmppAllowedPartner',
  synopsis: 'Adds an XMPP federation partner.',
  description:
    'Allows the users of an XMPP domain (and its -AdditionalDomains) to exchange instant messages with your users. ' +
    'TlsNegotiation, SaslNegotiation and SupportDialbackNegotiation decide how streams with the partner are secured and ' +
    'authenticated; combinations that leave no authentication method are refused, and risky ones print a warning. The ' +
    'defaults (Required, Required, True) accept SASL over TLS only, and say so.',
  parameterSets: ['Identity', 'ParentAndRelativeKey'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  unsupportedParameters: ['Tenant'],
  parameters: [
    partnerIdentityParameter({Identity: {position: 0, mandatory: true}}, "The partner's primary domain, e.g. fabrikam.com."),
    {name: 'Domain', type: {kind: 'String'}, sets: {ParentAndRelativeKey: {mandatory: true}}, description: 'The same as -Identity; give one of them.'},
    ...PARTNER_SETTINGS,
    IN_MEMORY,
    FORCE,
  ],
  outputType: OUTPUT,
  examples: [
    {code: 'New-CsXmppAllowedPartner -Identity "contoso.com" -PartnerType "PublicVerified"', remarks: 'Adds contoso.com as a PublicVerified partner.'},
    {
      code: 'New-CsXmppAllowedPartner -Identity "fabrikam.com" -AdditionalDomains "research.fabrikam2.com"',
      remarks: 'Adds fabrikam.com and also allows its domain research.fabrikam2.com.',
    },
    {
      code: 'New-CsXmppAllowedPartner gmail.com -TlsNegotiation NotSupported -SaslNegotiation NotSupported -EnableKeepAlive $false -SupportDialbackNegotiation $true',
      remarks: 'Adds a partner that speaks only server dialback over TCP (the Lync 2013 Google Talk walk-through).',
    },
  ],
  async process(ctx) {
    const typed = ctx.parameterSet === 'ParentAndRelativeKey' ? ctx.get<string>('Domain') : ctx.get<string>('Identity')
    const domain = parseDomainArgument(ctx, typed ?? '')
    if (domain === undefined) return
    if (ctx.store.document.xmppAllowedPartners[domain]) return ctx.writeError(alreadyExists(ctx.cmdlet, NOUN, domain))
    const settings = readSettings(ctx, PARTNER_SETTINGS, undefined)
    if (settings instanceof Error) return ctx.writeError(settings)
    const record = await commitPartner(ctx, newPartnerRecord(domain), settings)
    if (record) ctx.writeObject(partnerObject(record))
  },
}

/** SET_PARTNER is Set-CsXmppAllowedPartner. */
export const SET_PARTNER: CmdletDefinition<StoreDocument> = {
  name: 'Set-CsXmppAllowedPartner',
  synopsis: 'Changes an XMPP federation partner.',
  description:
    'Changes the partner named by -Identity, or the partner object passed to -Instance. The result is validated as a ' +
    'whole (domains, their uniqueness, ranges, the negotiation matrix). An -Instance whose partner does not exist yet is ' +
    'created, so New- -InMemory objects and Import-Clixml exports of a Lync server can be committed.',
  parameterSets: ['Identity', 'Instance'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  unsupportedParameters: ['Tenant'],
  parameters: [
    partnerIdentityParameter({Identity: {position: 0, mandatory: true}}, "The partner's primary domain."),
    instanceParameter(NOUN),
    ...PARTNER_SETTINGS,
    FORCE,
  ],
  examples: [
    {code: 'Set-CsXmppAllowedPartner -Identity "contoso.com" -SupportDialbackNegotiation $False', remarks: 'Turns dialback off for contoso.com.'},
    {code: 'Get-CsXmppAllowedPartner | Set-CsXmppAllowedPartner -SaslNegotiation "Required"', remarks: 'Makes SASL required for every partner.'},
    {
      code: 'Set-CsXmppAllowedPartner -Identity "contoso.com" -AdditionalDomains @{Add="na.contoso.com"}',
      remarks: 'Adds na.contoso.com to the additional domains and keeps the others.',
    },
    {code: 'Set-CsXmppAllowedPartner -Identity "contoso.com" -AdditionalDomains @{Remove="europe.contoso.com"}', remarks: 'Removes one additional domain.'},
    {code: 'Set-CsXmppAllowedPartner -Identity "contoso.com" -AdditionalDomains $Null', remarks: 'Clears the additional domains.'},
  ],
  async process(ctx) {
    let base: XmppAllowedPartnerRecord | undefined
    const instance = ctx.parameterSet === 'Instance' ? instanceOf(ctx, NOUN) : undefined
    if (ctx.parameterSet === 'Instance') {
      const domain = instance && parseDomainArgument(ctx, instanceIdentity(instance))
      if (domain === undefined) return
      // COMPAT(lync): upsert (A7 DECISION): a missing partner is created with New-'s defaults.
      base = ctx.store.document.xmppAllowedPartners[domain] ?? newPartnerRecord(domain)
    } else {
      base = findPartner(ctx, ctx.get<string>('Identity') ?? '', 'set')
    }
    if (!base) return
    const settings = readSettings(ctx, PARTNER_SETTINGS, instance)
    if (settings instanceof Error) return ctx.writeError(settings)
    await commitPartner(ctx, base, settings)
  },
}

/** REMOVE_PARTNER is Remove-CsXmppAllowedPartner. */
export const REMOVE_PARTNER: CmdletDefinition<StoreDocument> = {
  name: 'Remove-CsXmppAllowedPartner',
  synopsis: 'Removes an XMPP federation partner.',
  description: 'Deletes the partner: its users can no longer exchange messages with yours, and a running gateway closes its streams.',
  parameterSets: ['Identity'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  unsupportedParameters: ['Tenant'],
  parameters: [
    partnerIdentityParameter({Identity: {position: 0, mandatory: true, fromPipelineByPropertyName: true}}, "The partner's primary domain."),
    FORCE,
  ],
  examples: [
    {code: 'Remove-CsXmppAllowedPartner -Identity "contoso.com"', remarks: 'Deletes partner contoso.com.'},
    {code: 'Get-CsXmppAllowedPartner | Remove-CsXmppAllowedPartner', remarks: 'Deletes every partner, which turns XMPP federation off.'},
    {
      code: 'Get-CsXmppAllowedPartner | Where-Object {$_.PartnerType -eq "PublicUnverified"} | Remove-CsXmppAllowedPartner',
      remarks: 'Deletes every PublicUnverified partner.',
    },
  ],
  async process(ctx) {
    const record = findPartner(ctx, ctx.get<string>('Identity') ?? '', 'remove')
    if (!record || !(await ctx.shouldProcess(record.Identity))) return
    deletePartner(ctx.store.document, record.Identity)
    ctx.store.markChanged()
  },
}
