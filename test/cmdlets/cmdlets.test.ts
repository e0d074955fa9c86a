import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {test} from 'node:test'
import {STORE_P, run, runAll, tmpStore} from '../helpers/csxmpp.js'

/**
 * The Lync cmdlets from bash, in-process: each case starts from store F (fresh) or P (powershell.md
 * §15), runs one command line, and compares stdout, stderr and the exit code exactly. `unchanged`
 * cases also assert that the store file is byte-for-byte what it was before.
 */

interface Case {
  name: string
  store?: 'F' | 'P'
  setup?: ReadonlyArray<readonly string[]>
  argv: readonly string[]
  stdout?: string
  /** The Identity lines of the output, in order. */
  identities?: string[]
  stderr?: string
  code: number
  unchanged?: boolean
}

const err = (cmdlet: string, message: string, category: string, errorId: string) =>
  `${cmdlet} : ${message}\n    + CategoryInfo          : ${category}\n    + FullyQualifiedErrorId : ${errorId},${cmdlet}\n`

const POLICY_GLOBAL = `
Identity                          : Global
Description                       :
EnableFederationAccess            : False
EnableXmppAccess                  : False
EnablePublicCloudAccess           : False
EnablePublicCloudAudioVideoAccess : False
EnableOutsideAccess               : False

`

const GATEWAY_DEFAULTS = `
Identity                      : Global
ConnectionLimit               : 1000
PartnerConnectionLimit        : 20
KeepAliveInterval             : 300
StreamEstablishmentTimeout    : 60
StreamInactivityTimeout       : 600
SubscriptionRefreshInterval   : 28800
DialbackPassphrase            :
EnableLoggingAllMessageBodies : False

`

const partner = (p: Record<string, string>) => `
Identity                   : ${p.id}
Domain                     : ${p.id}
TlsNegotiation             : ${p.tls ?? 'Required'}
SaslNegotiation            : ${p.sasl ?? 'Required'}
SupportDialbackNegotiation : ${p.dialback ?? 'True'}
AdditionalDomains          : ${p.domains ?? '{}'}
ProxyFqdn                  :${p.proxy ? ` ${p.proxy}` : ''}
Description                :${p.description ? ` ${p.description}` : ''}
PartnerType                : ${p.type ?? 'PublicUnverified'}
ConnectionLimit            : ${p.limit ?? '20'}
EnableKeepAlive            : ${p.keepAlive ?? 'True'}

`

const CASES: Case[] = [
  // Fresh-deployment defaults (A3).
  {name: 'fresh global policy (C33, B2.0 sample output)', argv: ['Get-CsExternalAccessPolicy'], stdout: POLICY_GLOBAL, code: 0},
  {name: 'fresh gateway settings (A3.3 defaults)', argv: ['Get-CsXmppGatewayConfiguration'], stdout: GATEWAY_DEFAULTS, code: 0},
  {name: 'no partners on a fresh store', argv: ['Get-CsXmppAllowedPartner'], stdout: '', code: 0},
  {name: 'no SIP domains on a fresh store', argv: ['Get-CsSipDomain'], stdout: '', code: 0},
  {name: 'no users on a fresh store', argv: ['Get-CsUser'], stdout: '', code: 0},
  {
    name: 'New- defaults are matrix row 1: created silently (A3.2, A5.1)',
    argv: ['New-CsXmppAllowedPartner', 'x.example'],
    stdout: partner({id: 'x.example'}),
    code: 0,
  },
  // Lync documentation examples (B2–B4).
  {
    name: 'B3.2 example 1',
    argv: ['New-CsXmppAllowedPartner', '-Identity', 'contoso.com', '-PartnerType', 'PublicVerified'],
    stdout: partner({id: 'contoso.com', type: 'PublicVerified'}),
    code: 0,
  },
  {
    name: 'B3.2 example 2',
    argv: ['New-CsXmppAllowedPartner', '-Identity', 'fabrikam.com', '-AdditionalDomains', 'research.fabrikam2.com'],
    stdout: partner({id: 'fabrikam.com', domains: '{research.fabrikam2.com}'}),
    code: 0,
  },
  {
    name: 'B3.2 Google Talk walk-through (row 17, silent)',
    argv: ['New-CsXmppAllowedPartner', 'gmail.com', '-TlsNegotiation', 'NotSupported', '-SaslNegotiation', 'NotSupported', '-EnableKeepAlive', '$false', '-SupportDialbackNegotiation', '$true'],
    stdout: partner({id: 'gmail.com', tls: 'NotSupported', sasl: 'NotSupported', keepAlive: 'False'}),
    code: 0,
  },
  {
    name: 'B3.3 example: -AdditionalDomains @{Add=…} keeps the others',
    setup: [['New-CsXmppAllowedPartner', 'contoso.com', '-AdditionalDomains', 'europe.contoso.com', '-SaslNegotiation', 'Optional']],
    argv: ['Set-CsXmppAllowedPartner', '-Identity', 'contoso.com', '-AdditionalDomains', '@{Add="na.contoso.com"}'],
    code: 0,
  },
  {
    name: 'B3.1 example: -Filter "*.org"',
    setup: [
      ['New-CsXmppAllowedPartner', 'jabber.org', '-SaslNegotiation', 'NotSupported'],
      ['New-CsXmppAllowedPartner', 'jabber.com', '-SaslNegotiation', 'NotSupported'],
    ],
    argv: ['Get-CsXmppAllowedPartner', '-Filter', '*.org'],
    stdout: partner({id: 'jabber.org', sasl: 'NotSupported'}),
    code: 0,
  },
  {
    name: 'B2.1 example: -Filter tag:*',
    setup: [['New-CsExternalAccessPolicy', 'FedPic'], ['New-CsExternalAccessPolicy', 'site:Redmond']],
    argv: ['Get-CsExternalAccessPolicy', '-Filter', 'tag:*'],
    stdout: POLICY_GLOBAL.replace('Global', 'Tag:FedPic'),
    code: 0,
  },
  {
    name: 'B2.4: removing Global resets it, with the warning',
    setup: [['Set-CsExternalAccessPolicy', '-EnableXmppAccess', '$true']],
    argv: ['Remove-CsExternalAccessPolicy', '-Identity', 'global'],
    stderr:
      'WARNING: Global configuration for "ExternalAccessPolicy" cannot be removed. Instead of removing it, the Global configuration for "ExternalAccessPolicy" has been reset to the default value.\n',
    code: 0,
  },
  {name: 'B4.2 example', argv: ['Set-CsXmppGatewayConfiguration', '-Identity', 'global', '-ConnectionLimit', '1200'], code: 0},
  {
    name: 'policies sort Global, Site:, Tag:, each by name ignoring case',
    setup: [['New-CsExternalAccessPolicy', 'Zeta'], ['New-CsExternalAccessPolicy', 'site:b'], ['New-CsExternalAccessPolicy', 'alpha'], ['New-CsExternalAccessPolicy', 'beta']],
    argv: ['Get-CsExternalAccessPolicy'],
    identities: ['Global', 'Site:b', 'Tag:alpha', 'Tag:beta', 'Tag:Zeta'],
    code: 0,
  },
  // What-if (A6.4).
  {
    name: 'WhatIf prints and changes nothing',
    store: 'P',
    argv: ['Remove-CsXmppAllowedPartner', 'a.example', '-WhatIf'],
    stdout: 'What if: Performing the operation "Remove-CsXmppAllowedPartner" on target "a.example".\n',
    code: 0,
    unchanged: true,
  },
  {
    name: 'WhatIf on a warning row prints no warning',
    argv: ['New-CsXmppAllowedPartner', 'x.example', '-WhatIf'],
    stdout: 'What if: Performing the operation "New-CsXmppAllowedPartner" on target "x.example".\n',
    code: 0,
    unchanged: true,
  },
  {
    name: 'WhatIf still reports a missing target',
    argv: ['Remove-CsXmppAllowedPartner', 'nope.example', '-WhatIf'],
    stderr: err('Remove-CsXmppAllowedPartner', 'Cannot remove "XmppAllowedPartner" "nope.example" because it does not exist.', 'ObjectNotFound: (nope.example:String) [Remove-CsXmppAllowedPartner], ItemNotFoundException', 'ItemNotFound'),
    code: 1,
    unchanged: true,
  },
  {
    name: '-Confirm without a terminal never blocks',
    store: 'P',
    argv: ['Remove-CsXmppAllowedPartner', 'a.example', '-Confirm'],
    stderr: err('Remove-CsXmppAllowedPartner', 'PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.', 'InvalidOperation: (:) [Remove-CsXmppAllowedPartner], PSInvalidOperationException', 'HostPromptNotAvailable'),
    code: 1,
    unchanged: true,
  },
  // Bad input of every kind: one clear error, the store byte-for-byte unchanged.
  {
    name: 'bad enum',
    store: 'P',
    argv: ['Set-CsXmppAllowedPartner', 'a.example', '-TlsNegotiation', 'Sometimes'],
    stderr: err(
      'Set-CsXmppAllowedPartner',
      'Cannot bind parameter \'TlsNegotiation\'. Cannot convert value "Sometimes" to type "Microsoft.Rtc.Management.WritableConfig.Settings.XmppFederation.TlsNegotiation". Error: "Unable to match the identifier name Sometimes to a valid enumerator name. Specify one of the following enumerator names and try again: Required, Optional, NotSupported"',
      'InvalidArgument: (:) [Set-CsXmppAllowedPartner], ParameterBindingException',
      'CannotConvertArgumentNoMessage',
    ),
    code: 2,
    unchanged: true,
  },
  {
    name: 'out-of-range number',
    store: 'P',
    argv: ['Set-CsXmppGatewayConfiguration', '-StreamEstablishmentTimeout', '3601'],
    stderr: err(
      'Set-CsXmppGatewayConfiguration',
      "Cannot validate argument on parameter 'StreamEstablishmentTimeout'. The 3601 argument is greater than the maximum allowed range of 3600. Supply an argument that is less than or equal to 3600 and then try the command again.",
      'InvalidData: (:) [Set-CsXmppGatewayConfiguration], ParameterBindingValidationException',
      'ParameterArgumentValidationError',
    ),
    code: 2,
    unchanged: true,
  },
  {
    name: 'malformed domain',
    store: 'P',
    argv: ['New-CsXmppAllowedPartner', 'bad_domain.example'],
    stderr: err('New-CsXmppAllowedPartner', '"bad_domain.example" is not a valid domain name: it contains "_".', 'InvalidArgument: (bad_domain.example:String) [New-CsXmppAllowedPartner], ArgumentException', 'InvalidIdentity'),
    code: 1,
    unchanged: true,
  },
  {
    name: 'malformed additional domain',
    store: 'P',
    argv: ['Set-CsXmppAllowedPartner', 'a.example', '-AdditionalDomains', '@{Add="localhost"}'],
    stderr: err('Set-CsXmppAllowedPartner', '"localhost" is not a valid domain name: it has a single label.', 'InvalidArgument: (localhost:String) [Set-CsXmppAllowedPartner], ArgumentException', 'InvalidIdentity'),
    code: 1,
    unchanged: true,
  },
  {
    name: 'wildcard in Identity',
    store: 'P',
    argv: ['Get-CsXmppAllowedPartner', '*.example'],
    stderr: err('Get-CsXmppAllowedPartner', 'Wildcard characters are not allowed in Identity "*.example". Use -Filter instead.', 'InvalidArgument: (*.example:String) [Get-CsXmppAllowedPartner], ArgumentException', 'WildcardNotAllowed'),
    code: 1,
    unchanged: true,
  },
  {
    name: 'duplicate identity (any case)',
    store: 'P',
    argv: ['New-CsXmppAllowedPartner', 'A.Example', '-SaslNegotiation', 'NotSupported'],
    stderr: err('New-CsXmppAllowedPartner', 'Cannot create "XmppAllowedPartner" "a.example" because it already exists.', 'ResourceExists: (a.example:String) [New-CsXmppAllowedPartner], InvalidOperationException', 'ItemAlreadyExists'),
    code: 1,
    unchanged: true,
  },
  {
    name: 'duplicate policy identity keeps its first case',
    setup: [['New-CsExternalAccessPolicy', 'FedPic']],
    argv: ['New-CsExternalAccessPolicy', 'tag:FEDPIC'],
    stderr: err('New-CsExternalAccessPolicy', 'Cannot create "ExternalAccessPolicy" "Tag:FEDPIC" because it already exists.', 'ResourceExists: (Tag:FEDPIC:String) [New-CsExternalAccessPolicy], InvalidOperationException', 'ItemAlreadyExists'),
    code: 1,
    unchanged: true,
  },
  {
    name: 'a domain already owned by another partner',
    store: 'P',
    argv: ['Set-CsXmppAllowedPartner', 'a.example', '-AdditionalDomains', 'b.example'],
    stderr: err('Set-CsXmppAllowedPartner', 'The domain "b.example" already belongs to XMPP partner "b.example".', 'InvalidArgument: (b.example:String) [Set-CsXmppAllowedPartner], ArgumentException', 'DomainInUse'),
    code: 1,
    unchanged: true,
  },
  {
    name: "a new partner's domain is another partner's additional domain",
    store: 'P',
    setup: [['Set-CsXmppAllowedPartner', 'a.example', '-AdditionalDomains', 'na.a.example']],
    argv: ['New-CsXmppAllowedPartner', 'NA.a.example', '-SaslNegotiation', 'NotSupported'],
    stderr: err('New-CsXmppAllowedPartner', 'The domain "na.a.example" already belongs to XMPP partner "a.example".', 'InvalidArgument: (na.a.example:String) [New-CsXmppAllowedPartner], ArgumentException', 'DomainInUse'),
    code: 1,
    unchanged: true,
  },
  {
    name: 'a partner domain that is a SIP domain',
    setup: [['New-CsSipDomain', 'litwareinc.com']],
    argv: ['New-CsXmppAllowedPartner', 'x.example', '-AdditionalDomains', 'litwareinc.com', '-SaslNegotiation', 'NotSupported'],
    stderr: err('New-CsXmppAllowedPartner', 'The domain "litwareinc.com" is a SIP domain of this deployment.', 'InvalidArgument: (litwareinc.com:String) [New-CsXmppAllowedPartner], ArgumentException', 'DomainInUse'),
    code: 1,
    unchanged: true,
  },
  {
    name: 'missing identity',
    store: 'P',
    argv: ['Set-CsXmppAllowedPartner', 'nope.example', '-EnableKeepAlive', '$false'],
    stderr: err('Set-CsXmppAllowedPartner', 'Cannot set "XmppAllowedPartner" "nope.example" because it does not exist.', 'ObjectNotFound: (nope.example:String) [Set-CsXmppAllowedPartner], ItemNotFoundException', 'ItemNotFound'),
    code: 1,
    unchanged: true,
  },
  {
    name: 'invalid matrix row, judged on the resulting partner (A5.1, row 14)',
    store: 'P',
    argv: ['Set-CsXmppAllowedPartner', 'a.example', '-SupportDialbackNegotiation', '$false'],
    stderr: err(
      'Set-CsXmppAllowedPartner',
      'Not a valid configuration for "a.example": with SaslNegotiation NotSupported and SupportDialbackNegotiation False no authentication method is left. Allow SASL or dialback.',
      'InvalidArgument: (a.example:String) [Set-CsXmppAllowedPartner], ArgumentException',
      'InvalidNegotiationSettings',
    ),
    code: 1,
    unchanged: true,
  },
  {
    name: 'invalid matrix row 6',
    argv: ['New-CsXmppAllowedPartner', 'x.example', '-TlsNegotiation', 'NotSupported', '-SupportDialbackNegotiation', 'false'],
    stderr: err(
      'New-CsXmppAllowedPartner',
      'Not a valid configuration for "x.example": SASL needs TLS, and with TlsNegotiation NotSupported and SupportDialbackNegotiation False no authentication method is left. Allow TLS or dialback.',
      'InvalidArgument: (x.example:String) [New-CsXmppAllowedPartner], ArgumentException',
      'InvalidNegotiationSettings',
    ),
    code: 1,
    unchanged: true,
  },
  {
    name: 'limits are checked on the resulting settings',
    argv: ['Set-CsXmppGatewayConfiguration', '-ConnectionLimit', '10'],
    stderr: err('Set-CsXmppGatewayConfiguration', 'PartnerConnectionLimit (20) cannot be greater than ConnectionLimit (10).', 'InvalidArgument: (Global:String) [Set-CsXmppGatewayConfiguration], ArgumentException', 'InvalidConnectionLimits'),
    code: 1,
    unchanged: true,
  },
  {
    name: 'global cannot be created',
    argv: ['New-CsExternalAccessPolicy', 'Global'],
    stderr: err(
      'New-CsExternalAccessPolicy',
      'Cannot create "ExternalAccessPolicy" "Global": the global policy always exists. Use Set-CsExternalAccessPolicy to change it.',
      'InvalidOperation: (Global:String) [New-CsExternalAccessPolicy], InvalidOperationException',
      'GlobalCannotBeCreated',
    ),
    code: 1,
    unchanged: true,
  },
  {
    name: 'unknown cmdlet',
    argv: ['Get-CsBar'],
    stderr:
      "Get-CsBar : The term 'Get-CsBar' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\n    + CategoryInfo          : ObjectNotFound: (Get-CsBar:String) [], CommandNotFoundException\n    + FullyQualifiedErrorId : CommandNotFoundException\n",
    code: 2,
    unchanged: true,
  },
  {
    name: 'unknown parameter',
    store: 'P',
    argv: ['Remove-CsXmppAllowedPartner', 'a.example', '-Bogus'],
    stderr: err('Remove-CsXmppAllowedPartner', "A parameter cannot be found that matches parameter name 'Bogus'.", 'InvalidArgument: (:) [Remove-CsXmppAllowedPartner], ParameterBindingException', 'NamedParameterNotFound'),
    code: 2,
    unchanged: true,
  },
  {
    name: 'Grant of a site policy',
    setup: [['New-CsExternalAccessPolicy', 'site:Redmond']],
    argv: ['Grant-CsExternalAccessPolicy', 'Ken Myer', 'site:Redmond'],
    stderr: err(
      'Grant-CsExternalAccessPolicy',
      'Only per-user policies can be granted. "Site:Redmond" applies automatically to the users of site Redmond.',
      'InvalidArgument: (Site:Redmond:String) [Grant-CsExternalAccessPolicy], ArgumentException',
      'NotAPerUserPolicy',
    ),
    code: 1,
    unchanged: true,
  },
]

for (const c of CASES) {
  test(`cmdlet: ${c.name}`, async () => {
    const store = tmpStore()
    try {
      await runAll(store, [...(c.store === 'P' ? STORE_P : []), ...(c.setup ?? [])])
      const before = store.bytes()
      const json = c.argv.includes('--json')
      const result = await run(store, c.argv.filter((a) => a !== '--json'), {json})
      if (c.stdout !== undefined) assert.equal(result.stdout, c.stdout)
      if (c.identities) assert.deepEqual(result.stdout.match(/^Identity +: .*$/gm)?.map((l) => l.replace(/^Identity +: /, '')), c.identities)
      assert.equal(result.stderr, c.stderr ?? '')
      assert.equal(result.code, c.code)
      if (c.unchanged) assert.equal(store.bytes(), before)
      else if (!c.argv[0]!.startsWith('Get-')) assert.notEqual(store.bytes(), before)
    } finally {
      store.cleanup()
    }
  })
}

test('a corrupt store file is never overwritten, and the error names file and JSON path', async () => {
  const store = tmpStore()
  try {
    await runAll(store, STORE_P)
    const corrupt = store.bytes()!.replace('"TlsNegotiation": "Required"', '"TlsNegotiation": "required"')
    writeFileSync(store.path, corrupt)
    const result = await run(store, ['Set-CsXmppAllowedPartner', 'b.example', '-EnableKeepAlive', '$false'])
    assert.equal(
      result.stderr,
      err(
        'Set-CsXmppAllowedPartner',
        `The configuration store ${store.path} is not valid: $.xmppAllowedPartners['a.example'].TlsNegotiation: "required" is not one of Required, Optional, NotSupported. It was not changed.`,
        `ReadError: (${store.path}:String) [Set-CsXmppAllowedPartner], IOException`,
        'StoreInvalid',
      ),
    )
    assert.equal(result.code, 1)
    assert.equal(store.bytes(), corrupt)
  } finally {
    store.cleanup()
  }
})
