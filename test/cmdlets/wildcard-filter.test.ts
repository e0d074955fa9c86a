import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {run, runAll, tmpStore} from '../helpers/csxmpp.js'

/**
 * The Lync cmdlets' wildcards from bash (powershell.md §5.3, §7.7): -Filter of the Get- cmdlets and
 * user identities, with hyphenated domains; an invalid pattern is the cmdlet's record, exit 1.
 */

const store = tmpStore()
before(() =>
  runAll(store, [
    ['New-CsXmppAllowedPartner', 'fabrikam-im.example', '-SaslNegotiation', 'NotSupported'],
    ['New-CsXmppAllowedPartner', 'my-xmpp.example', '-SaslNegotiation', 'NotSupported'],
    ['New-CsXmppAllowedPartner', 'myxmpp.example', '-SaslNegotiation', 'NotSupported'],
    ['New-CsSipDomain', 'litware-inc.com'],
    ['Enable-CsUser', 'Ken Myer', '-SipAddress', 'sip:ken-myer@litware-inc.com'],
    ['Enable-CsUser', 'Pilar Ackerman', '-SipAddress', 'pilar@litware-inc.com'],
    ['New-CsExternalAccessPolicy', 'site:Redmond-1'],
  ]),
)
after(() => store.cleanup())

const identities = (stdout: string) => stdout.match(/^Identity +: (.*)$/gm)?.map((l) => l.replace(/^Identity +: /, '')) ?? []

const invalid = (cmdlet: string, pattern: string) =>
  `${cmdlet} : The specified wildcard character pattern is not valid: ${pattern}\n` +
  `    + CategoryInfo          : InvalidArgument: (:) [${cmdlet}], WildcardPatternException\n` +
  `    + FullyQualifiedErrorId : WildcardPattern_Invalid,${cmdlet}\n`

// [argv, identities written, stderr]; a non-empty stderr means exit 1.
const ROWS: ReadonlyArray<[string[], string[], string]> = [
  [['Get-CsXmppAllowedPartner', '-Filter', '*my-*'], ['my-xmpp.example'], ''],
  [['Get-CsXmppAllowedPartner', '-Filter', '*-IM.EXAMPLE'], ['fabrikam-im.example'], ''],
  [['Get-CsXmppAllowedPartner', '-Filter', 'my[-x]*'], ['my-xmpp.example', 'myxmpp.example'], ''],
  [['Get-CsXmppAllowedPartner', '-Filter', '[f-m]*-*'], ['fabrikam-im.example', 'my-xmpp.example'], ''],
  [['Get-CsXmppAllowedPartner', '-Filter', 'my-xmpp.exampl'], [], ''],
  [['Get-CsXmppAllowedPartner', '-Filter', 'a['], [], invalid('Get-CsXmppAllowedPartner', 'a[')],
  [['Get-CsXmppAllowedPartner', '-Filter', '[z-a]*'], [], invalid('Get-CsXmppAllowedPartner', '[z-a]*')],
  [['Get-CsExternalAccessPolicy', '-Filter', 'site:*-1'], ['Site:Redmond-1'], ''],
  [['Get-CsExternalAccessPolicy', '-Filter', 'site:['], [], invalid('Get-CsExternalAccessPolicy', 'site:[')],
  [['Get-CsSipDomain', '-Filter', '*-inc.*'], ['litware-inc.com'], ''],
  [['Get-CsSipDomain', '-Filter', '[]'], [], invalid('Get-CsSipDomain', '[]')],
  [['Get-CsXmppGatewayConfiguration', '-Filter', 'G['], [], invalid('Get-CsXmppGatewayConfiguration', 'G[')],
  [['Get-CsUser', '*-myer@*'], ['Ken Myer'], ''],
  [['Get-CsUser', '*[-myer@*'], [], invalid('Get-CsUser', '*[-myer@*')],
  [['Get-CsUser', '-Filter', "{SipAddress -like 'sip:*-MYER@*'}"], ['Ken Myer'], ''],
  [['Get-CsUser', '-Filter', "{SipAddress -like 'sip:[*'}"], [], invalid('Get-CsUser', 'sip:[*')],
]

for (const [argv, written, stderr] of ROWS) {
  test(`wildcards from bash: ${argv.join(' ')}`, async () => {
    const result = await run(store, argv)
    assert.deepEqual([result.stderr, result.code], [stderr, stderr ? 1 : 0])
    assert.deepEqual(identities(result.stdout), written)
  })
}
