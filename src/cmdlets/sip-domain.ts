import type {SipDomainRecord, StoreDocument} from '../../store/index.js'
import type {ParameterDefinition} from '../binding/parameter.js'
import {PSObject} from '../values/objects.js'
import type {CmdletContext, CmdletDefinition} from './definition.js'
import {alreadyExists, domainInUse, invalidIdentity, notFound, type NotFoundVerb, sipDomainInUse, wildcardNotAllowed} from './errors.js'
import {hasWildcard, parseDomain} from './identity.js'
import {IDENTITY_TYPES, TYPE_NAMES} from './lync-types.js'
import {writeListing} from './ordering.js'
import {partnerOwning} from './xmpp-allowed-partner/domains.js'
import {FILTER, FORCE} from './shared-parameters.js'

/** New-, Get-, Set- and Remove-CsSipDomain: the domains the gateway serves (cmdlets.md A9.2). */

type Context = CmdletContext<StoreDocument>

function identity(sets: ParameterDefinition['sets'], description: string): ParameterDefinition {
  return {
    name: 'Identity',
    type: {kind: 'Identity', fullName: IDENTITY_TYPES.XdsGlobalRelativeIdentity, objectTypes: TYPE_NAMES.SipDomain.slice(0, 1)},
    sets,
    description,
  }
}

function sipDomainObject(record: SipDomainRecord): PSObject {
  return new PSObject(TYPE_NAMES.SipDomain)
    .addProperty('Identity', record.Identity, {readOnly: true})
    .addProperty('Name', record.Identity, {readOnly: true})
    .addProperty('IsDefault', record.IsDefault, {type: {kind: 'Boolean'}})
}

/** parseDomainArgument reads a typed domain, writing the wildcard or bad-name error. */
export function parseDomainArgument(ctx: CmdletContext, typed: string): string | undefined {
  if (hasWildcard(typed)) return void ctx.writeError(wildcardNotAllowed(ctx.cmdlet, typed))
  const parsed = parseDomain(typed)
  if (!parsed.ok) return void ctx.writeError(invalidIdentity(ctx.cmdlet, typed, 'domain name', parsed.reason))
  return parsed.value
}

function findDomain(ctx: Context, verb: NotFoundVerb): SipDomainRecord | undefined {
  const domain = parseDomainArgument(ctx, ctx.get<string>('Identity') ?? '')
  if (domain === undefined) return undefined
  const record = ctx.store.document.sipDomains[domain]
  if (!record) ctx.writeError(notFound(ctx.cmdlet, verb, 'SipDomain', domain))
  return record
}

function makeDefault(document: StoreDocument, domain: string): void {
  for (const record of Object.values(document.sipDomains)) record.IsDefault = record.Identity === domain
}

const IS_DEFAULT: ParameterDefinition = {
  name: 'IsDefault',
  type: {kind: 'Boolean'},
  description: 'Makes this the default SIP domain. The first domain created is the default.',
}

/** NEW_SIP_DOMAIN is New-CsSipDomain. */
export const NEW_SIP_DOMAIN: CmdletDefinition<StoreDocument> = {
  name: 'New-CsSipDomain',
  synopsis: 'Adds a SIP domain served by the gateway.',
  description: 'Adds a domain whose users the gateway serves; it is also the XMPP domain partners see. The first domain is the default.',
  parameterSets: ['Identity'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  parameters: [identity({Identity: {position: 0, mandatory: true}}, 'The domain, e.g. litwareinc.com.'), IS_DEFAULT],
  examples: [
    {code: 'New-CsSipDomain -Identity litwareinc.com', remarks: 'Adds litwareinc.com.'},
    {code: 'New-CsSipDomain fabrikam.com -IsDefault $true', remarks: 'Adds fabrikam.com and makes it the default domain.'},
  ],
  async process(ctx) {
    const document = ctx.store.document
    const domain = parseDomainArgument(ctx, ctx.get<string>('Identity') ?? '')
    if (domain === undefined) return
    if (document.sipDomains[domain]) return ctx.writeError(alreadyExists(ctx.cmdlet, 'SipDomain', domain))
    const owner = partnerOwning(document, domain)
    if (owner !== undefined) return ctx.writeError(domainInUse(ctx.cmdlet, domain, owner))
    if (!(await ctx.shouldProcess(domain))) return
    const first = Object.keys(document.sipDomains).length === 0
    document.sipDomains[domain] = {Identity: domain, IsDefault: first}
    if (ctx.get<boolean>('IsDefault')) makeDefault(document, domain)
    ctx.store.markChanged()
  },
}

/** GET_SIP_DOMAIN is Get-CsSipDomain. */
export const GET_SIP_DOMAIN: CmdletDefinition<StoreDocument> = {
  name: 'Get-CsSipDomain',
  synopsis: 'Returns the SIP domains served by the gateway.',
  description: 'Returns every SIP domain sorted by name, the one named by -Identity, or those matching -Filter.',
  parameterSets: ['Identity', 'Filter'],
  defaultParameterSet: 'Identity',
  parameters: [identity({Identity: {position: 0}}, 'The domain to return.'), FILTER],
  outputType: TYPE_NAMES.SipDomain[0],
  examples: [
    {code: 'Get-CsSipDomain', remarks: 'Returns every SIP domain.'},
    {code: 'Get-CsSipDomain -Filter *.com', remarks: 'Returns the SIP domains ending in .com.'},
  ],
  async process(ctx) {
    if (ctx.has('Identity')) {
      const record = findDomain(ctx, 'get')
      if (record) ctx.writeObject(sipDomainObject(record))
      return
    }
    writeListing(ctx, Object.values(ctx.store.document.sipDomains), (r) => r.Identity, sipDomainObject)
  },
}

/** SET_SIP_DOMAIN is Set-CsSipDomain. */
export const SET_SIP_DOMAIN: CmdletDefinition<StoreDocument> = {
  name: 'Set-CsSipDomain',
  synopsis: 'Makes a SIP domain the default.',
  description: 'With -IsDefault $true, makes the domain the default SIP domain; the previous default stops being one.',
  parameterSets: ['Identity'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  parameters: [identity({Identity: {position: 0, mandatory: true}}, 'The domain to change.'), IS_DEFAULT],
  examples: [
    {code: 'Set-CsSipDomain -Identity fabrikam.com -IsDefault $True', remarks: 'Makes fabrikam.com the default domain.'},
    {code: 'Set-CsSipDomain fabrikam.com -IsDefault $True -WhatIf', remarks: 'Shows which domain would become the default, changing nothing.'},
  ],
  async process(ctx) {
    const record = findDomain(ctx, 'set')
    if (!record || !(await ctx.shouldProcess(record.Identity))) return
    if (ctx.get<boolean>('IsDefault') && !record.IsDefault) {
      makeDefault(ctx.store.document, record.Identity)
      ctx.store.markChanged()
    } else if (ctx.get<boolean>('IsDefault') === false && record.IsDefault) {
      ctx.writeWarning(`"${record.Identity}" stays the default SIP domain: make another domain the default with Set-CsSipDomain -IsDefault $true.`)
    }
  },
}

/** REMOVE_SIP_DOMAIN is Remove-CsSipDomain. */
export const REMOVE_SIP_DOMAIN: CmdletDefinition<StoreDocument> = {
  name: 'Remove-CsSipDomain',
  synopsis: 'Removes a SIP domain that no user has an address in.',
  description: 'Refused while users have SIP addresses in the domain, and for the default domain while other domains exist.',
  parameterSets: ['Identity'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  parameters: [identity({Identity: {position: 0, mandatory: true, fromPipelineByPropertyName: true}}, 'The domain to remove.'), FORCE],
  examples: [
    {code: 'Remove-CsSipDomain -Identity fabrikam.com', remarks: 'Removes fabrikam.com.'},
    {
      code: 'Get-CsSipDomain -Filter *.test | Remove-CsSipDomain',
      remarks: 'Removes the SIP domains ending in .test that hold no users; the default one is refused while others remain.',
    },
  ],
  async process(ctx) {
    const record = findDomain(ctx, 'remove')
    if (!record) return
    const document = ctx.store.document
    const users = Object.keys(document.users).filter((k) => k.endsWith(`@${record.Identity}`)).length
    const others = Object.keys(document.sipDomains).length > 1
    if (users > 0 || (record.IsDefault && others)) return ctx.writeError(sipDomainInUse(ctx.cmdlet, record.Identity, users))
    if (!(await ctx.shouldProcess(record.Identity))) return
    delete document.sipDomains[record.Identity]
    ctx.store.markChanged()
  },
}
