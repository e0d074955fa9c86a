import assert from 'node:assert/strict'
import {test} from 'node:test'
import {run, runAll, tmpStore} from '../helpers/csxmpp.js'

/** csxmpp's minimal users and SIP domains (cmdlets.md A2.4, A9.1, A9.2), from bash. */

const SETUP = [
  ['New-CsSipDomain', 'litwareinc.com'],
  ['New-CsSipDomain', 'fabrikam.com'],
  ['Enable-CsUser', 'Ken Myer', '-SipAddress', 'sip:kenmyer@litwareinc.com', '-Site', 'Redmond'],
  ['Enable-CsUser', 'Pilar Ackerman', '-SipAddress', 'pilar@litwareinc.com'],
  ['Enable-CsUser', 'Anne Smith', '-SipAddress', 'anne@fabrikam.com'],
  ['New-CsExternalAccessPolicy', 'FedPic'],
  ['Grant-CsExternalAccessPolicy', 'Ken Myer', 'FedPic'],
]

const names = (stdout: string) => stdout.match(/^Identity +: (.*)$/gm)?.map((l) => l.replace(/^Identity +: /, '')) ?? []
const err = (cmdlet: string, message: string, category: string, id: string) =>
  `${cmdlet} : ${message}\n    + CategoryInfo          : ${category}\n    + FullyQualifiedErrorId : ${id},${cmdlet}\n`

const CASES: Array<{name: string; argv: string[]; identities?: string[]; stderr?: string; code?: number; check?: (s: any) => void}> = [
  {name: 'all users, sorted by display name', argv: ['Get-CsUser'], identities: ['Anne Smith', 'Ken Myer', 'Pilar Ackerman']},
  {name: 'by SIP address without sip:, any case', argv: ['Get-CsUser', 'KENMYER@litwareinc.com'], identities: ['Ken Myer']},
  {name: 'by display name', argv: ['Get-CsUser', 'pilar ackerman'], identities: ['Pilar Ackerman']},
  {name: 'a * wildcard over display names', argv: ['Get-CsUser', '* Smith'], identities: ['Anne Smith']},
  {name: 'a pattern matching nothing is not an error', argv: ['Get-CsUser', '*nobody*'], identities: []},
  {name: 'filter block: no per-user policy', argv: ['Get-CsUser', '-Filter', '{ExternalAccessPolicy -eq $null}'], identities: ['Anne Smith', 'Pilar Ackerman']},
  {
    name: 'filter text with -and and -like',
    argv: ['Get-CsUser', '-Filter', "Enabled -eq $true -and SipAddress -like '*@litwareinc.com'"],
    identities: ['Ken Myer', 'Pilar Ackerman'],
  },
  {
    name: 'an unsupported filter',
    argv: ['Get-CsUser', '-Filter', '{$_.Enabled}'],
    stderr: err('Get-CsUser', 'The filter {$_.Enabled} is not supported by csxmpp: only Property -op Value comparisons joined by -and/-or are.', 'InvalidArgument: ({$_.Enabled}:String) [Get-CsUser], ArgumentException', 'FilterNotSupported'),
    code: 1,
  },
  {
    name: 'a SIP address outside the SIP domains',
    argv: ['Enable-CsUser', 'Eve', '-SipAddress', 'eve@example.org'],
    stderr: err('Enable-CsUser', '"eve@example.org" is not a valid SIP address: its domain is not a SIP domain of this deployment.', 'InvalidArgument: (eve@example.org:String) [Enable-CsUser], ArgumentException', 'InvalidIdentity'),
    code: 1,
  },
  {
    name: 'a SIP address already in use',
    argv: ['Enable-CsUser', 'Ken M', '-SipAddress', 'KenMyer@LitwareInc.com'],
    stderr: err('Enable-CsUser', 'Cannot create "User" "sip:KenMyer@litwareinc.com" because it already exists.', 'ResourceExists: (sip:KenMyer@litwareinc.com:String) [Enable-CsUser], InvalidOperationException', 'ItemAlreadyExists'),
    code: 1,
  },
  {name: 'Grant with a wildcard assigns to every match', argv: ['Grant-CsExternalAccessPolicy', '*@litwareinc.com', 'FedPic'], check: (s) => assert.equal(s.users['pilar@litwareinc.com'].ExternalAccessPolicy, 'FedPic')},
  {name: 'Grant -PolicyName $null unassigns', argv: ['Grant-CsExternalAccessPolicy', 'Ken Myer', '-PolicyName', '$null'], check: (s) => assert.equal(s.users['kenmyer@litwareinc.com'].ExternalAccessPolicy, null)},
  {
    name: 'Grant of a missing per-user policy',
    argv: ['Grant-CsExternalAccessPolicy', 'Ken Myer', 'Nope'],
    stderr: err('Grant-CsExternalAccessPolicy', 'Cannot grant "ExternalAccessPolicy" "Tag:Nope" because it does not exist.', 'ObjectNotFound: (Tag:Nope:String) [Grant-CsExternalAccessPolicy], ItemNotFoundException', 'ItemNotFound'),
    code: 1,
  },
  {
    name: 'Grant to a missing user',
    argv: ['Grant-CsExternalAccessPolicy', 'Nobody', 'FedPic'],
    stderr: err('Grant-CsExternalAccessPolicy', 'Cannot grant "User" "Nobody" because it does not exist.', 'ObjectNotFound: (Nobody:String) [Grant-CsExternalAccessPolicy], ItemNotFoundException', 'ItemNotFound'),
    code: 1,
  },
  {
    name: 'Set-CsUser moves a SIP address and disables',
    argv: ['Set-CsUser', 'Anne Smith', '-SipAddress', 'anne.smith@litwareinc.com', '-Enabled', '$false'],
    check: (s) => assert.deepEqual([s.users['anne@fabrikam.com'], s.users['anne.smith@litwareinc.com'].Enabled], [undefined, false]),
  },
  {name: 'Disable-CsUser removes the user', argv: ['Disable-CsUser', 'sip:pilar@litwareinc.com'], check: (s) => assert.equal(s.users['pilar@litwareinc.com'], undefined)},
  {name: 'the first SIP domain is the default', argv: ['Get-CsSipDomain', '--json'], check: (s) => assert.deepEqual([s.sipDomains['litwareinc.com'].IsDefault, s.sipDomains['fabrikam.com'].IsDefault], [true, false])},
  {name: 'Set-CsSipDomain moves the default', argv: ['Set-CsSipDomain', 'fabrikam.com', '-IsDefault', '$true'], check: (s) => assert.deepEqual([s.sipDomains['litwareinc.com'].IsDefault, s.sipDomains['fabrikam.com'].IsDefault], [false, true])},
  {
    name: 'a SIP domain with users cannot be removed',
    argv: ['Remove-CsSipDomain', 'fabrikam.com'],
    stderr: err('Remove-CsSipDomain', 'Cannot remove "SipDomain" "fabrikam.com": 1 user(s) have SIP addresses in it.', 'InvalidOperation: (fabrikam.com:String) [Remove-CsSipDomain], InvalidOperationException', 'SipDomainInUse'),
    code: 1,
  },
  {
    name: 'a further SIP domain is not the default',
    argv: ['New-CsSipDomain', 'jabber.org'],
    stderr: '',
    code: 0,
    check: (s) => assert.equal(s.sipDomains['jabber.org'].IsDefault, false),
  },
]

for (const c of CASES) {
  test(`users and domains: ${c.name}`, async () => {
    const store = tmpStore()
    try {
      await runAll(store, SETUP)
      const before = store.bytes()
      const result = await run(store, c.argv.filter((a) => a !== '--json'))
      assert.deepEqual([result.code, result.stderr], [c.code ?? 0, c.stderr ?? ''])
      if (c.identities) assert.deepEqual(names(result.stdout), c.identities)
      if (c.check) c.check(store.json())
      if ((c.code ?? 0) !== 0) assert.equal(store.bytes(), before)
    } finally {
      store.cleanup()
    }
  })
}

test('a SIP domain owned by an XMPP partner is refused', async () => {
  const store = tmpStore()
  try {
    await runAll(store, [['New-CsXmppAllowedPartner', 'jabber.org', '-SaslNegotiation', 'NotSupported', '-AdditionalDomains', 'conference.jabber.org']])
    const result = await run(store, ['New-CsSipDomain', 'conference.jabber.org'])
    assert.equal(result.stderr.split('\n')[0], 'New-CsSipDomain : The domain "conference.jabber.org" already belongs to XMPP partner "jabber.org".')
    assert.equal(result.code, 1)
  } finally {
    store.cleanup()
  }
})
