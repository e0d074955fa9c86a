import assert from 'node:assert/strict'
import {test} from 'node:test'
import {LYNC_CMDLETS, findCmdlet} from '../../src/cmdlets/index.js'
import {commandTable} from '../../src/help/command-table.js'
import {formatHelp, syntaxLines} from '../../src/help/get-help.js'

const partner = findCmdlet('New-CsXmppAllowedPartner')!

test('SYNTAX: one line per parameter set, positional Identity bracketed, enums listed, ending in [<CommonParameters>]', () => {
  assert.deepEqual(syntaxLines(partner), [
    'New-CsXmppAllowedPartner [-Identity] <XdsGlobalRelativeIdentity> [-TlsNegotiation {Required | Optional | NotSupported}] [-SaslNegotiation {Required | Optional | NotSupported}] [-SupportDialbackNegotiation <Boolean>] [-AdditionalDomains <PSListModifier>] [-ProxyFqdn <String>] [-Description <String>] [-PartnerType {Federated | PublicVerified | PublicUnverified}] [-ConnectionLimit <UInt32>] [-EnableKeepAlive <Boolean>] [-InMemory] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]',
    'New-CsXmppAllowedPartner -Domain <String> [-TlsNegotiation {Required | Optional | NotSupported}] [-SaslNegotiation {Required | Optional | NotSupported}] [-SupportDialbackNegotiation <Boolean>] [-AdditionalDomains <PSListModifier>] [-ProxyFqdn <String>] [-Description <String>] [-PartnerType {Federated | PublicVerified | PublicUnverified}] [-ConnectionLimit <UInt32>] [-EnableKeepAlive <Boolean>] [-InMemory] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]',
  ])
})

test('-Parameter view: the parameter block with its attributes (A4.4: type, default, range, pipeline)', () => {
  assert.equal(
    formatHelp(partner, {kind: 'parameter', name: 'ConnectionLimit'}),
    [
      '    -ConnectionLimit <UInt32>',
      "        The most simultaneous streams with this partner; the gateway's PartnerConnectionLimit also",
      '        applies. Range: 1 to 1000000. Default: 20.',
      '',
      '        Required?                    false',
      '        Position?                    named',
      '        Default value                20',
      '        Accept pipeline input?       False',
      '        Accept wildcard characters?  false',
      '',
      '',
    ].join('\n'),
  )
})

test('a pipeline parameter says how it binds', () => {
  const text = formatHelp(findCmdlet('Remove-CsXmppAllowedPartner')!, {kind: 'full'})
  assert.match(text, /\n        Accept pipeline input\?       True \(ByPropertyName\)\n/)
  assert.match(text, /\n        Position\?                    1\n/)
})

test('-Examples view: name, synopsis and every example', () => {
  const text = formatHelp(partner, {kind: 'examples'})
  assert.match(text, /^NAME\n    New-CsXmppAllowedPartner\n\nSYNOPSIS\n    Adds an XMPP federation partner\.\n\n\nEXAMPLES\n/)
  assert.equal(text.match(/-------------------------- Example \d --------------------------/g)?.length, partner.examples.length)
  assert.doesNotMatch(text, /PARAMETERS/)
})

test('every cmdlet has a one-sentence synopsis, a description, described parameters and at least two examples (A4.4)', () => {
  const short = LYNC_CMDLETS.filter(
    (c) => !/^[^.]+\.$/.test(c.synopsis) || c.description.length < 40 || c.examples.length < 2 || c.parameters.some((p) => p.description.length < 10),
  )
  assert.deepEqual(short.map((c) => c.name), [])
})

test('the Get-Command table has fixed widths', () => {
  assert.equal(
    commandTable([findCmdlet('Get-CsUser')!], '1.2.3'),
    '\nCommandType     Name                                               Version    Source\n-----------     ----                                               -------    ------\nCmdlet          Get-CsUser                                         1.2.3      Lync\n\n',
  )
})
