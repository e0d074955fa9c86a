import assert from 'node:assert/strict'
import {test} from 'node:test'
import {bindArguments, checkMandatory, checkNotEmpty} from '../../src/binding/binder.js'
import type {ListModifier} from '../../src/binding/convert.js'
import {findCmdlet} from '../../src/cmdlets/index.js'
import {ErrorRecord} from '../../src/errors.js'
import {argvArguments} from '../../src/host/argv-arguments.js'
import {PSEnumValue} from '../../src/values/objects.js'

/** bind runs argv-mode binding and summarises the result (or the error) as plain data. */
function bind(cmdlet: string, argv: string[]): unknown {
  const definition = findCmdlet(cmdlet)!
  try {
    const result = bindArguments(definition, argvArguments(argv), {argv: true})
    const set = result.parameterSets[0]!
    checkMandatory(definition, set, new Set(result.values.keys()))
    checkNotEmpty(definition, set, result.values)
    const values = Object.fromEntries(
      [...result.values].map(([k, v]) => [k, v instanceof PSEnumValue ? `enum:${v.name}` : (v as ListModifier)]),
    )
    return {set, values}
  } catch (error) {
    assert.ok(error instanceof ErrorRecord, String(error))
    return {error: error.fullyQualifiedErrorId, message: error.message, binding: error.isBindingError}
  }
}

const CASES: Array<[string, string, string[], unknown]> = [
  [
    'case, prefixes and -Name:value (C1)',
    'Set-CsXmppGatewayConfiguration',
    ['-connectionlim', '1200', '-StreamInactivity:300'],
    {set: 'Identity', values: {ConnectionLimit: 1200, StreamInactivityTimeout: 300}},
  ],
  [
    "bash ate an unquoted $true (C2)",
    'Set-CsExternalAccessPolicy',
    ['-Identity', 'Global', '-EnableXmppAccess'],
    {
      error: 'MissingArgument,Set-CsExternalAccessPolicy',
      message:
        "Missing an argument for parameter 'EnableXmppAccess'. Specify a parameter of type 'System.Boolean' and try again. In bash, quote PowerShell values: -EnableXmppAccess '$true' or -EnableXmppAccess:'$false'.",
      binding: true,
    },
  ],
  [
    'an empty element where bash ate "$true"',
    'Set-CsExternalAccessPolicy',
    ['-EnableXmppAccess', '', '-Identity', 'Global'],
    {
      error: 'MissingArgument,Set-CsExternalAccessPolicy',
      message:
        "Missing an argument for parameter 'EnableXmppAccess'. Specify a parameter of type 'System.Boolean' and try again. In bash, quote PowerShell values: -EnableXmppAccess '$true' or -EnableXmppAccess:'$false'.",
      binding: true,
    },
  ],
  [
    'bash ate $false after a colon (C3)',
    'Remove-CsXmppAllowedPartner',
    ['a.example', '-Confirm:'],
    {
      error: 'MissingArgument,Remove-CsXmppAllowedPartner',
      message:
        "Missing an argument for parameter 'Confirm'. Specify a parameter of type 'System.Management.Automation.SwitchParameter' and try again. In bash, quote PowerShell values: -Confirm or -Confirm:'$false'.",
      binding: true,
    },
  ],
  [
    'quoted values and true/false words (C4)',
    'Set-CsXmppAllowedPartner',
    ['a.example', '-EnableKeepAlive', 'false', '-SupportDialbackNegotiation:$true'],
    {set: 'Identity', values: {Identity: 'a.example', EnableKeepAlive: false, SupportDialbackNegotiation: true}},
  ],
  [
    'ambiguous prefix, candidates in alphabetical order (C5)',
    'Set-CsXmppAllowedPartner',
    ['a.example', '-S', 'Optional'],
    {
      error: 'AmbiguousParameter,Set-CsXmppAllowedPartner',
      message: "Parameter cannot be processed because the parameter name 'S' is ambiguous. Possible matches include: -SaslNegotiation -SupportDialbackNegotiation.",
      binding: true,
    },
  ],
  [
    'unknown parameter (C6)',
    'Get-CsXmppAllowedPartner',
    ['-Bogus', '1'],
    {error: 'NamedParameterNotFound,Get-CsXmppAllowedPartner', message: "A parameter cannot be found that matches parameter name 'Bogus'.", binding: true},
  ],
  [
    'a hashtable brace-expanded by bash (C7)',
    'Set-CsXmppAllowedPartner',
    ['a.example', '-AdditionalDomains', '@Add=na.a.example', '@eu.a.example'],
    {
      error: 'BashExpandedValue,Set-CsXmppAllowedPartner',
      message:
        "Cannot bind parameter 'AdditionalDomains'. The value '@Add=na.a.example' is a hashtable that bash has brace-expanded. In bash, quote the whole value: -AdditionalDomains '@{Add=\"a\",\"b\"}'.",
      binding: true,
    },
  ],
  [
    'a quoted hashtable is a list modifier',
    'Set-CsXmppAllowedPartner',
    ['a.example', '-AdditionalDomains', '@{Add="na.a.example","eu.a.example"; Remove=x.example}'],
    {set: 'Identity', values: {Identity: 'a.example', AdditionalDomains: {add: ['na.a.example', 'eu.a.example'], remove: ['x.example']}}},
  ],
  [
    'a comma list replaces',
    'New-CsXmppAllowedPartner',
    ['x.example', '-AdditionalDomains', 'a.example, b.example'],
    {set: 'Identity', values: {Identity: 'x.example', AdditionalDomains: {replace: ['a.example', 'b.example'], add: [], remove: []}}},
  ],
  [
    'a comma in a single-valued parameter is kept',
    'Set-CsXmppAllowedPartner',
    ['a.example', '-Description', 'Partner: Fabrikam, Inc.'],
    {set: 'Identity', values: {Identity: 'a.example', Description: 'Partner: Fabrikam, Inc.'}},
  ],
  [
    'only literals inside @{…}',
    'Set-CsXmppAllowedPartner',
    ['a.example', '-AdditionalDomains', '@{Add=$x}'],
    {
      error: 'ArgvValueNotLiteral,Set-CsXmppAllowedPartner',
      message:
        "Cannot bind parameter 'AdditionalDomains'. The value '@{Add=$x}' cannot be read: only literal values are allowed in a bash argument (character 7). Use csxmpp -Command to evaluate expressions.",
      binding: true,
    },
  ],
  [
    'an invalid list-modifier key',
    'Set-CsXmppAllowedPartner',
    ['a.example', '-AdditionalDomains', '@{Foo=a.example}'],
    {
      error: 'InvalidListModifierKey,Set-CsXmppAllowedPartner',
      message: "Cannot bind parameter 'AdditionalDomains'. The hash table key 'Foo' is not valid for a list modifier; use Add, Remove or Replace.",
      binding: true,
    },
  ],
  [
    'Replace with Add',
    'Set-CsXmppAllowedPartner',
    ['a.example', '-AdditionalDomains', '@{Replace=a.example; Add=b.example}'],
    {error: 'InvalidListModifierKey,Set-CsXmppAllowedPartner', message: "Cannot bind parameter 'AdditionalDomains'. Replace cannot be combined with Add or Remove.", binding: true},
  ],
  [
    'enum values in any case are canonical (C8)',
    'Set-CsXmppAllowedPartner',
    ['b.example', '-TlsNeg:optional', '-Sasl', 'notsupported', '-PartnerType', 'federated'],
    {set: 'Identity', values: {Identity: 'b.example', TlsNegotiation: 'enum:Optional', SaslNegotiation: 'enum:NotSupported', PartnerType: 'enum:Federated'}},
  ],
  [
    'a bad enum value',
    'New-CsXmppAllowedPartner',
    ['x.example', '-PartnerType', 'Bogus'],
    {
      error: 'CannotConvertArgumentNoMessage,New-CsXmppAllowedPartner',
      message:
        'Cannot bind parameter \'PartnerType\'. Cannot convert value "Bogus" to type "Microsoft.Rtc.Management.WritableConfig.Settings.XmppFederation.PartnerType". Error: "Unable to match the identifier name Bogus to a valid enumerator name. Specify one of the following enumerator names and try again: Federated, PublicVerified, PublicUnverified"',
      binding: true,
    },
  ],
  [
    'a number that is not one',
    'Set-CsXmppGatewayConfiguration',
    ['-ConnectionLimit', 'abc'],
    {
      error: 'CannotConvertArgumentNoMessage,Set-CsXmppGatewayConfiguration',
      message: 'Cannot bind parameter \'ConnectionLimit\'. Cannot convert value "abc" to type "System.UInt32". Error: "Input string was not in a correct format."',
      binding: true,
    },
  ],
  [
    'a negative UInt32',
    'Set-CsXmppGatewayConfiguration',
    ['-ConnectionLimit', '-1'],
    {
      error: 'CannotConvertArgumentNoMessage,Set-CsXmppGatewayConfiguration',
      message: 'Cannot bind parameter \'ConnectionLimit\'. Cannot convert value "-1" to type "System.UInt32". Error: "Value was either too large or too small for a UInt32."',
      binding: true,
    },
  ],
  [
    'below ValidateRange',
    'Set-CsXmppGatewayConfiguration',
    ['-KeepAliveInterval', '5'],
    {
      error: 'ParameterArgumentValidationError,Set-CsXmppGatewayConfiguration',
      message:
        "Cannot validate argument on parameter 'KeepAliveInterval'. The 5 argument is less than the minimum allowed range of 10. Supply an argument that is greater than or equal to 10 and then try the command again.",
      binding: true,
    },
  ],
  [
    'above ValidateRange',
    'New-CsXmppAllowedPartner',
    ['x.example', '-ConnectionLimit', '1000001'],
    {
      error: 'ParameterArgumentValidationError,New-CsXmppAllowedPartner',
      message:
        "Cannot validate argument on parameter 'ConnectionLimit'. The 1000001 argument is greater than the maximum allowed range of 1000000. Supply an argument that is less than or equal to 1000000 and then try the command again.",
      binding: true,
    },
  ],
  [
    // cmdlets.md A3.3, A6.1 (2026-12): 1 to 1024 characters; a short one is a warning, not this error.
    'ValidateLength too long, counted in UTF-16 units',
    'Set-CsXmppGatewayConfiguration',
    ['-DialbackPassphrase', '\u{1F511}'.repeat(513)],
    {
      error: 'ParameterArgumentValidationError,Set-CsXmppGatewayConfiguration',
      message:
        'Cannot validate argument on parameter \'DialbackPassphrase\'. The character length of the 1026 argument is too long. Shorten the character length of the argument so it is fewer than or equal to "1024" characters, and then try the command again.',
      binding: true,
    },
  ],
  [
    'ValidateLength too long',
    'Set-CsExternalAccessPolicy',
    ['-Description', 'x'.repeat(1025)],
    {
      error: 'ParameterArgumentValidationError,Set-CsExternalAccessPolicy',
      message:
        'Cannot validate argument on parameter \'Description\'. The character length of the 1025 argument is too long. Shorten the character length of the argument so it is fewer than or equal to "1024" characters, and then try the command again.',
      binding: true,
    },
  ],
  [
    'a Boolean parameter refuses a string',
    'Set-CsXmppAllowedPartner',
    ['a.example', '-EnableKeepAlive', 'yes'],
    {
      error: 'ParameterArgumentTransformationError,Set-CsXmppAllowedPartner',
      message:
        'Cannot process argument transformation on parameter \'EnableKeepAlive\'. Cannot convert value "System.String" to type "System.Boolean". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.',
      binding: true,
    },
  ],
  [
    'an extra positional argument',
    'Remove-CsXmppAllowedPartner',
    ['a.example', 'extra'],
    {error: 'PositionalParameterNotFound,Remove-CsXmppAllowedPartner', message: "A positional parameter cannot be found that accepts argument 'extra'.", binding: true},
  ],
  [
    'a parameter given twice',
    'Remove-CsXmppAllowedPartner',
    ['-Identity', 'a.example', '-Id', 'b.example'],
    {
      error: 'ParameterAlreadyBound,Remove-CsXmppAllowedPartner',
      message:
        'Cannot bind parameter because parameter \'Identity\' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".',
      binding: true,
    },
  ],
  [
    'Identity and Domain together',
    'New-CsXmppAllowedPartner',
    ['-Identity', 'a.example', '-Domain', 'a.example'],
    {error: 'AmbiguousParameterSet,New-CsXmppAllowedPartner', message: 'Parameter set cannot be resolved using the specified named parameters.', binding: true},
  ],
  ['-Domain selects its set', 'New-CsXmppAllowedPartner', ['-Domain', 'a.example'], {set: 'ParentAndRelativeKey', values: {Domain: 'a.example'}}],
  [
    'a missing mandatory parameter',
    'Remove-CsXmppAllowedPartner',
    [],
    {error: 'MissingMandatoryParameter,Remove-CsXmppAllowedPartner', message: 'Cannot process command because of one or more missing mandatory parameters: Identity.', binding: true},
  ],
  [
    'a mandatory parameter refuses an empty string',
    'Remove-CsXmppAllowedPartner',
    ["''"],
    {
      error: 'ParameterArgumentValidationErrorEmptyStringNotAllowed,Remove-CsXmppAllowedPartner',
      message: "Cannot bind argument to parameter 'Identity' because it is an empty string.",
      binding: true,
    },
  ],
  [
    'an Online-only parameter (A1)',
    'Get-CsExternalAccessPolicy',
    ['-Tenant', '00000000-0000-0000-0000-000000000000'],
    {error: 'NotSupportedByCsxmpp,Get-CsExternalAccessPolicy', message: 'The parameter -Tenant of Get-CsExternalAccessPolicy is not supported by csxmpp.', binding: true},
  ],
  ['a common parameter alias', 'Remove-CsXmppAllowedPartner', ['a.example', '-ea', 'silentlycontinue', '-wi'], {set: 'Identity', values: {Identity: 'a.example', ErrorAction: 'enum:SilentlyContinue', WhatIf: true}}],
  ['a switch set explicitly', 'Remove-CsXmppAllowedPartner', ['a.example', '-Confirm:$false'], {set: 'Identity', values: {Identity: 'a.example', Confirm: false}}],
  ['Grant takes two positions', 'Grant-CsExternalAccessPolicy', ['Ken Myer', 'FedPic'], {set: 'Identity', values: {Identity: 'Ken Myer', PolicyName: 'FedPic'}}],
  ['$null in argv', 'Grant-CsExternalAccessPolicy', ['Ken Myer', '-PolicyName', '$null'], {set: 'Identity', values: {Identity: 'Ken Myer', PolicyName: null}}],
  // Typographic dashes and quotes pasted into bash (§1.2, §2.9; C84).
  [
    'typographic dashes start parameter tokens; typographic quotes are removed (C84)',
    'Set-CsXmppAllowedPartner',
    ['\u2013Identity', 'a.example', '\u2014EnableKeepAlive', 'false', '\u2015Desc:\u2018Migrated\u2019'],
    {set: 'Identity', values: {Identity: 'a.example', EnableKeepAlive: false, Description: 'Migrated'}},
  ],
  ...(
    [
      ['\u201ca b\u201d', 'a b'],
      ['\u201ex\u201c', 'x'],
      ["'mixed\u2019", 'mixed'],
      ['\u2018it\u2019\u2019s\u2019', 'it\u2019s'],
      ['"say ""hi""\u201d', 'say "hi"'],
      ['"say ""hi\u201d"', '"say ""hi\u201d"'],
      ['\u2018a\u201d', '\u2018a\u201d'],
      ['\u2018a\u2019b\u2019', '\u2018a\u2019b\u2019'],
      ['a\u2013b', 'a\u2013b'],
    ] as const
  ).map(([raw, value]): [string, string, string[], unknown] => [
    `the value ${raw} (quotes of one kind, in any combination, doubled means one)`,
    'Set-CsXmppAllowedPartner',
    ['a.example', '-Description', raw],
    {set: 'Identity', values: {Identity: 'a.example', Description: value}},
  ]),
  [
    'typographic quotes in a list and a hashtable',
    'Set-CsXmppAllowedPartner',
    ['a.example', '-AdditionalDomains', '@{Add=\u201cna.a.example\u201d,\u2018eu.a.example\u2019}'],
    {set: 'Identity', values: {Identity: 'a.example', AdditionalDomains: {add: ['na.a.example', 'eu.a.example'], remove: []}}},
  ],
  [
    'a typographic dash is the minus sign of a number (§1.2)',
    'Set-CsXmppGatewayConfiguration',
    ['-ConnectionLimit', '\u20135'],
    {
      error: 'CannotConvertArgumentNoMessage,Set-CsXmppGatewayConfiguration',
      message: 'Cannot bind parameter \'ConnectionLimit\'. Cannot convert value "-5" to type "System.UInt32". Error: "Value was either too large or too small for a UInt32."',
      binding: true,
    },
  ],
  // An integer literal for a Boolean or switch parameter is that number, converted by §7.3 (C85).
  [
    'a Boolean parameter takes 1 and 0 (C85)',
    'Set-CsExternalAccessPolicy',
    ['Global', '-EnableXmppAccess', '1', '-EnableFederationAccess', '0', '-EnableOutsideAccess:0x10', '-EnablePublicCloudAccess', '\u20131'],
    {set: 'Identity', values: {Identity: 'Global', EnableXmppAccess: true, EnableFederationAccess: false, EnableOutsideAccess: true, EnablePublicCloudAccess: true}},
  ],
  ['a switch takes 0 after a colon', 'Remove-CsXmppAllowedPartner', ['a.example', '-Confirm:0', '-WhatIf:1KB'], {set: 'Identity', values: {Identity: 'a.example', Confirm: false, WhatIf: true}}],
  [
    'only a complete integer literal is a number for a Boolean',
    'Set-CsExternalAccessPolicy',
    ['Global', '-EnableXmppAccess', '1.0'],
    {
      error: 'ParameterArgumentTransformationError,Set-CsExternalAccessPolicy',
      message:
        'Cannot process argument transformation on parameter \'EnableXmppAccess\'. Cannot convert value "System.String" to type "System.Boolean". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.',
      binding: true,
    },
  ],
]

for (const [name, cmdlet, argv, expected] of CASES) {
  test(`binder: ${name}`, () => assert.deepEqual(bind(cmdlet, argv), expected))
}
