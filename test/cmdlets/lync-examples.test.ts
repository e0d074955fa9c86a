import assert from 'node:assert/strict'
import {test} from 'node:test'
import {runAll, tmpStore} from '../helpers/csxmpp.js'

/**
 * The Lync 2013 documentation's own examples (cmdlets.md B2–B4) that need no pipeline, typed as a
 * bash user would (PowerShell's `$True` quoted as '$True'). Each must succeed and have its documented
 * effect on the store. Pipeline examples belong to the management shell's tests.
 */

type Store = any
interface Example {
  setup?: string[][]
  argv: string[]
  stderr?: string
  check: (store: Store, stdout: string) => void
}

const partner = (id: string, extra: string[] = []) => ['New-CsXmppAllowedPartner', id, '-SaslNegotiation', 'Optional', ...extra]
const user = [['New-CsSipDomain', 'litwareinc.com'], ['Enable-CsUser', 'Ken Myer', '-SipAddress', 'sip:kenmyer@litwareinc.com']]

const EXAMPLES: Record<string, Example> = {
  'Get-CsExternalAccessPolicy': {argv: ['Get-CsExternalAccessPolicy'], check: (_s, out) => assert.match(out, /^\nIdentity {26}: Global\n/)},
  'Get-CsExternalAccessPolicy -Identity site:Redmond': {
    setup: [['New-CsExternalAccessPolicy', 'site:Redmond']],
    argv: ['Get-CsExternalAccessPolicy', '-Identity', 'site:Redmond'],
    check: (_s, out) => assert.match(out, /^\nIdentity {26}: Site:Redmond\n/),
  },
  'Get-CsExternalAccessPolicy -Filter tag:*': {
    setup: [['New-CsExternalAccessPolicy', 'FedPic'], ['New-CsExternalAccessPolicy', 'site:Redmond']],
    argv: ['Get-CsExternalAccessPolicy', '-Filter', 'tag:*'],
    check: (_s, out) => assert.deepEqual(out.match(/^Identity +: .*$/gm), ['Identity                          : Tag:FedPic']),
  },
  'New-CsExternalAccessPolicy -Identity site:Redmond -EnableFederationAccess $True -EnableOutsideAccess $True': {
    argv: ['New-CsExternalAccessPolicy', '-Identity', 'site:Redmond', '-EnableFederationAccess', '$True', '-EnableOutsideAccess', '$True'],
    check: (s) => assert.deepEqual(s.externalAccessPolicies['site:redmond'], {
      Identity: 'Site:Redmond', Description: null, EnableFederationAccess: true, EnableXmppAccess: false,
      EnablePublicCloudAccess: false, EnablePublicCloudAudioVideoAccess: false, EnableOutsideAccess: true,
    }),
  },
  'New-CsExternalAccessPolicy -Identity site:Redmond -EnableFederationAccess $true -EnableXmppAccess $true': {
    argv: ['New-CsExternalAccessPolicy', '-Identity', 'site:Redmond', '-EnableFederationAccess', '$true', '-EnableXmppAccess', '$true'],
    check: (s) => assert.equal(s.externalAccessPolicies['site:redmond'].EnableXmppAccess, true),
  },
  'New-CsExternalAccessPolicy -Identity FedPic -EnableFederationAccess $true -EnablePublicCloudAccess $true': {
    argv: ['New-CsExternalAccessPolicy', '-Identity', 'FedPic', '-EnableFederationAccess', '$true', '-EnablePublicCloudAccess', '$true'],
    check: (s) => assert.deepEqual([s.externalAccessPolicies['tag:fedpic'].Identity, s.externalAccessPolicies['tag:fedpic'].EnablePublicCloudAccess], ['Tag:FedPic', true]),
  },
  'Set-CsExternalAccessPolicy -Identity RedmondExternalAccessPolicy -EnableFederationAccess $True': {
    setup: [['New-CsExternalAccessPolicy', 'RedmondExternalAccessPolicy']],
    argv: ['Set-CsExternalAccessPolicy', '-Identity', 'RedmondExternalAccessPolicy', '-EnableFederationAccess', '$True'],
    check: (s) => assert.equal(s.externalAccessPolicies['tag:redmondexternalaccesspolicy'].EnableFederationAccess, true),
  },
  'Set-CsExternalAccessPolicy -Identity global -EnableFederationAccess $true -EnableXmppAccess $true': {
    argv: ['Set-CsExternalAccessPolicy', '-Identity', 'global', '-EnableFederationAccess', '$true', '-EnableXmppAccess', '$true'],
    check: (s) => assert.deepEqual([s.externalAccessPolicies.global.EnableFederationAccess, s.externalAccessPolicies.global.EnableXmppAccess], [true, true]),
  },
  'Set-CsExternalAccessPolicy -Identity FedPic -EnableXmppAccess $true': {
    setup: [['New-CsExternalAccessPolicy', 'FedPic']],
    argv: ['Set-CsExternalAccessPolicy', '-Identity', 'FedPic', '-EnableXmppAccess', '$true'],
    check: (s) => assert.equal(s.externalAccessPolicies['tag:fedpic'].EnableXmppAccess, true),
  },
  'Remove-CsExternalAccessPolicy -Identity site:Redmond': {
    setup: [['New-CsExternalAccessPolicy', 'site:Redmond']],
    argv: ['Remove-CsExternalAccessPolicy', '-Identity', 'site:Redmond'],
    check: (s) => assert.deepEqual(Object.keys(s.externalAccessPolicies), ['global']),
  },
  'Remove-CsExternalAccessPolicy -Identity EAPUserPolicySetXMPP': {
    setup: [['New-CsExternalAccessPolicy', 'EAPUserPolicySetXMPP']],
    argv: ['Remove-CsExternalAccessPolicy', '-Identity', 'EAPUserPolicySetXMPP'],
    check: (s) => assert.deepEqual(Object.keys(s.externalAccessPolicies), ['global']),
  },
  'Remove-CsExternalAccessPolicy -Identity global': {
    setup: [['Set-CsExternalAccessPolicy', '-EnableXmppAccess', '$true', '-Description', 'x']],
    argv: ['Remove-CsExternalAccessPolicy', '-Identity', 'global'],
    stderr:
      'WARNING: Global configuration for "ExternalAccessPolicy" cannot be removed. Instead of removing it, the Global configuration for "ExternalAccessPolicy" has been reset to the default value.\n',
    check: (s) => assert.deepEqual([s.externalAccessPolicies.global.EnableXmppAccess, s.externalAccessPolicies.global.Description], [false, null]),
  },
  'Grant-CsExternalAccessPolicy -Identity "Ken Myer" -PolicyName RedmondAccessPolicy': {
    setup: [...user, ['New-CsExternalAccessPolicy', 'RedmondAccessPolicy']],
    argv: ['Grant-CsExternalAccessPolicy', '-Identity', 'Ken Myer', '-PolicyName', 'RedmondAccessPolicy'],
    check: (s) => assert.equal(s.users['kenmyer@litwareinc.com'].ExternalAccessPolicy, 'RedmondAccessPolicy'),
  },
  'Get-CsXmppAllowedPartner -Identity "xmpp.contoso.com"': {
    setup: [partner('xmpp.contoso.com'), partner('fabrikam.com')],
    argv: ['Get-CsXmppAllowedPartner', '-Identity', 'xmpp.contoso.com'],
    check: (_s, out) => assert.deepEqual(out.match(/^Identity +: .*$/gm), ['Identity                   : xmpp.contoso.com']),
  },
  'Set-CsXmppAllowedPartner -Identity "contoso.com" -SupportDialbackNegotiation $False': {
    setup: [['New-CsXmppAllowedPartner', 'contoso.com']],
    argv: ['Set-CsXmppAllowedPartner', '-Identity', 'contoso.com', '-SupportDialbackNegotiation', '$False'],
    check: (s) => assert.equal(s.xmppAllowedPartners['contoso.com'].SupportDialbackNegotiation, false),
  },
  'Set-CsXmppAllowedPartner -Identity "contoso.com" -AdditionalDomains @{Add="na.contoso.com"}': {
    setup: [partner('contoso.com', ['-AdditionalDomains', 'europe.contoso.com'])],
    argv: ['Set-CsXmppAllowedPartner', '-Identity', 'contoso.com', '-AdditionalDomains', '@{Add="na.contoso.com"}'],
    check: (s) => assert.deepEqual(s.xmppAllowedPartners['contoso.com'].AdditionalDomains, ['europe.contoso.com', 'na.contoso.com']),
  },
  'Set-CsXmppAllowedPartner -Identity "contoso.com" -AdditionalDomains @{Remove="europe.contoso.com"}': {
    setup: [partner('contoso.com', ['-AdditionalDomains', 'europe.contoso.com,na.contoso.com'])],
    argv: ['Set-CsXmppAllowedPartner', '-Identity', 'contoso.com', '-AdditionalDomains', '@{Remove="europe.contoso.com"}'],
    check: (s) => assert.deepEqual(s.xmppAllowedPartners['contoso.com'].AdditionalDomains, ['na.contoso.com']),
  },
  'Set-CsXmppAllowedPartner -Identity "contoso.com" -AdditionalDomains $Null': {
    setup: [partner('contoso.com', ['-AdditionalDomains', 'europe.contoso.com,na.contoso.com'])],
    argv: ['Set-CsXmppAllowedPartner', '-Identity', 'contoso.com', '-AdditionalDomains', '$Null'],
    check: (s) => assert.deepEqual(s.xmppAllowedPartners['contoso.com'].AdditionalDomains, []),
  },
  'Remove-CsXmppAllowedPartner -Identity "contoso.com"': {
    setup: [partner('contoso.com'), partner('fabrikam.com')],
    argv: ['Remove-CsXmppAllowedPartner', '-Identity', 'contoso.com'],
    check: (s) => assert.deepEqual(Object.keys(s.xmppAllowedPartners), ['fabrikam.com']),
  },
  'Get-CsXmppGatewayConfiguration': {argv: ['Get-CsXmppGatewayConfiguration'], check: (_s, out) => assert.match(out, /\nConnectionLimit {15}: 1000\n/)},
  'Set-CsXmppGatewayConfiguration -Identity "global" -ConnectionLimit 1200': {
    argv: ['Set-CsXmppGatewayConfiguration', '-Identity', 'global', '-ConnectionLimit', '1200'],
    check: (s) => assert.equal(s.xmppGatewayConfiguration.ConnectionLimit, 1200),
  },
}

for (const [name, example] of Object.entries(EXAMPLES)) {
  test(`Lync example: ${name}`, async () => {
    const store = tmpStore()
    try {
      await runAll(store, example.setup ?? [])
      const result = await runAll(store, [example.argv])
      assert.deepEqual([result.code, result.stderr], [0, example.stderr ?? ''])
      example.check(store.bytes() === undefined ? undefined : store.json(), result.stdout)
    } finally {
      store.cleanup()
    }
  })
}
