/**
 * The conformance examples of powershell.md §15, C1–C105, as data: each case's files, what it runs, and
 * its exact stdout, stderr and exit codes, copied verbatim from the spec (when the spec changes, copy the
 * changed text again rather than retyping it). conformance.test.ts runs them; README.md says how.
 *
 * Texts are `text` blocks, which read as in the spec's fences: the block starts on the line after the
 * opening backtick and every line ends with a newline. Inside a block, ${BT} stands for a backtick and
 * ${DOLLAR}{ for the two characters `${`; backslashes are literal (String.raw).
 */

/** Fixture names a file under test/conformance/files/, copied byte for byte into the case's directory. */
export interface Fixture {
  readonly fixture: string
}

/** ConformanceScript is one script file, run with `csxmpp -File <name>`. */
export interface ConformanceScript {
  readonly name: string
  readonly text: string
}

/** ConformanceCase is one example of §15; exactly one of script, scripts and bash is set. */
export interface ConformanceCase {
  readonly id: string
  readonly title: string
  /** F: a fresh store; P: store F plus the three partners of §15's header. */
  readonly store: 'F' | 'P'
  /** Files created in the working directory before the case runs (text is written as UTF-8). */
  readonly files: Readonly<Record<string, string | Fixture>>
  /** The script, saved as t.ps1 and run with `csxmpp -File t.ps1`. */
  readonly script?: string
  /** Scripts run one after the other (C59). */
  readonly scripts?: readonly ConformanceScript[]
  /** Bash command lines (the spec's `$ ` lines without the prompt), each run by bash with csxmpp a function. */
  readonly bash?: readonly string[]
  /** The outputs of all runs, concatenated in order. */
  readonly stdout: string
  readonly stderr: string
  /** One exit code per run. */
  readonly exit: readonly number[]
  /** The spec says the run leaves the store as it was. */
  readonly storeUnchanged?: boolean
}

/** text is String.raw for a block that starts on the line after its opening backtick. */
function text(strings: TemplateStringsArray, ...values: string[]): string {
  return String.raw(strings, ...values).replace(/^\n/, '')
}

/** fixture refers to a file under test/conformance/files/. */
function fixture(name: string): Fixture {
  return {fixture: name}
}

/** BT is PowerShell's escape character, which cannot appear bare in a template literal. */
const BT = '`'
/** DOLLAR keeps `${` in a text from starting a substitution. */
const DOLLAR = '$'

/** `add-partner.ps1` of C10. */
const ADD_PARTNER_PS1 = text`
param(
    [Parameter(Mandatory=$true)][string]$Domain,
    [string]$Type = "PublicUnverified",
    [switch]$NoKeepAlive
)
New-CsXmppAllowedPartner -Identity $Domain -PartnerType $Type -SaslNegotiation NotSupported -EnableKeepAlive (-not $NoKeepAlive) | Out-Null
$p = Get-CsXmppAllowedPartner $Domain
"$($p.Identity) $($p.PartnerType) keepalive=$($p.EnableKeepAlive)"
`

/** `partners.csv` of C27. */
const PARTNERS_CSV = text`
#TYPE Selected.System.Management.Automation.PSCustomObject
"Domain","Type"
"a.example","Federated"
"b.example","PublicVerified"
`

/** `p2.csv` of C29. */
const P2_CSV = text`
Domain,KeepAlive
k.example,False
`

/** `users.csv` of C68 (a `csvde`-style export), also read by C81. */
const USERS_CSV = text`
DisplayName,msRTCSIP-PrimaryUserAddress,msRTCSIP-UserEnabled
Ken Myer,sip:kenmyer@litwareinc.com,TRUE
`

/** CASES are C1–C105 in the order of §15. */
export const CASES: readonly ConformanceCase[] = [
  {
    id: 'C1',
    title: 'Case, prefixes, `-Name:value`.',
    store: 'F',
    files: {},
    bash: [
      String.raw`csxmpp set-csxmppgatewayconfiguration -connectionlim 1200 -StreamInactivity:300`,
      String.raw`csxmpp -c '$g = Get-CsXmppGatewayConfiguration; "$($g.ConnectionLimit) $($g.StreamInactivityTimeout)"'`,
    ],
    stdout: text`
1200 300
`,
    stderr: '',
    exit: [0, 0],
  },
  {
    id: 'C2',
    title: 'Bash ate an unquoted `$true`.',
    store: 'F',
    files: {},
    bash: [
      String.raw`csxmpp Set-CsExternalAccessPolicy -Identity Global -EnableXmppAccess $true`,
    ],
    stdout: '',
    stderr: text`
Set-CsExternalAccessPolicy : Missing an argument for parameter 'EnableXmppAccess'. Specify a parameter of type 'System.Boolean' and try again. In bash, quote PowerShell values: -EnableXmppAccess '$true' or -EnableXmppAccess:'$false'.
    + CategoryInfo          : InvalidArgument: (:) [Set-CsExternalAccessPolicy], ParameterBindingException
    + FullyQualifiedErrorId : MissingArgument,Set-CsExternalAccessPolicy
`,
    exit: [2],
  },
  {
    id: 'C3',
    title: 'Bash ate `$false` after a colon; the store is unchanged.',
    store: 'P',
    files: {},
    bash: [
      String.raw`csxmpp Remove-CsXmppAllowedPartner a.example -Confirm:$false`,
      String.raw`csxmpp -c '(Get-CsXmppAllowedPartner).Count'`,
    ],
    stdout: text`
3
`,
    stderr: text`
Remove-CsXmppAllowedPartner : Missing an argument for parameter 'Confirm'. Specify a parameter of type 'System.Management.Automation.SwitchParameter' and try again. In bash, quote PowerShell values: -Confirm or -Confirm:'$false'.
    + CategoryInfo          : InvalidArgument: (:) [Remove-CsXmppAllowedPartner], ParameterBindingException
    + FullyQualifiedErrorId : MissingArgument,Remove-CsXmppAllowedPartner
`,
    exit: [2, 0],
    storeUnchanged: true,
  },
  {
    id: 'C4',
    title: 'Quoted values and the `true`/`false` words.',
    store: 'P',
    files: {},
    bash: [
      String.raw`csxmpp Set-CsXmppAllowedPartner a.example -EnableKeepAlive false -SupportDialbackNegotiation:'$true'`,
      String.raw`csxmpp Set-CsExternalAccessPolicy Global -EnableFederationAccess '$true' -EnableXmppAccess TRUE`,
      String.raw`csxmpp -c '"$((Get-CsXmppAllowedPartner a.example).EnableKeepAlive) $((Get-CsExternalAccessPolicy Global).EnableXmppAccess)"'`,
    ],
    stdout: text`
False True
`,
    stderr: '',
    exit: [0, 0, 0],
  },
  {
    id: 'C5',
    title: 'Ambiguous prefix.',
    store: 'P',
    files: {},
    bash: [
      String.raw`csxmpp Set-CsXmppAllowedPartner a.example -S Optional`,
    ],
    stdout: '',
    stderr: text`
Set-CsXmppAllowedPartner : Parameter cannot be processed because the parameter name 'S' is ambiguous. Possible matches include: -SaslNegotiation -SupportDialbackNegotiation.
    + CategoryInfo          : InvalidArgument: (:) [Set-CsXmppAllowedPartner], ParameterBindingException
    + FullyQualifiedErrorId : AmbiguousParameter,Set-CsXmppAllowedPartner
`,
    exit: [2],
  },
  {
    id: 'C6',
    title: 'Unknown parameter, unknown cmdlet.',
    store: 'F',
    files: {},
    bash: [
      String.raw`csxmpp Get-CsXmppAllowedPartner -Bogus 1`,
      String.raw`csxmpp Get-CsBar`,
    ],
    stdout: '',
    stderr: text`
Get-CsXmppAllowedPartner : A parameter cannot be found that matches parameter name 'Bogus'.
    + CategoryInfo          : InvalidArgument: (:) [Get-CsXmppAllowedPartner], ParameterBindingException
    + FullyQualifiedErrorId : NamedParameterNotFound,Get-CsXmppAllowedPartner
Get-CsBar : The term 'Get-CsBar' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.
    + CategoryInfo          : ObjectNotFound: (Get-CsBar:String) [], CommandNotFoundException
    + FullyQualifiedErrorId : CommandNotFoundException
`,
    exit: [2, 2],
  },
  {
    id: 'C7',
    title: 'A hashtable brace-expanded by bash, then quoted.',
    store: 'P',
    files: {},
    bash: [
      String.raw`csxmpp Set-CsXmppAllowedPartner a.example -AdditionalDomains @{Add="na.a.example","eu.a.example"}`,
      String.raw`csxmpp Set-CsXmppAllowedPartner a.example -AdditionalDomains '@{Add="na.a.example","eu.a.example"}'`,
      String.raw`csxmpp -c '(Get-CsXmppAllowedPartner a.example).AdditionalDomains'`,
    ],
    stdout: text`
na.a.example
eu.a.example
`,
    stderr: text`
Set-CsXmppAllowedPartner : Cannot bind parameter 'AdditionalDomains'. The value '@Add=na.a.example' is a hashtable that bash has brace-expanded. In bash, quote the whole value: -AdditionalDomains '@{Add="a","b"}'.
    + CategoryInfo          : InvalidArgument: (:) [Set-CsXmppAllowedPartner], ParameterBindingException
    + FullyQualifiedErrorId : BashExpandedValue,Set-CsXmppAllowedPartner
`,
    exit: [2, 0, 0],
  },
  {
    id: 'C8',
    title: 'Enum values in any case are stored canonically.',
    store: 'P',
    files: {},
    bash: [
      String.raw`csxmpp Set-CsXmppAllowedPartner b.example -TlsNeg:optional -Sasl notsupported -PartnerType federated`,
      String.raw`csxmpp -c '$p = Get-CsXmppAllowedPartner b.example; "$($p.TlsNegotiation) $($p.SaslNegotiation) $($p.PartnerType)"'`,
    ],
    stdout: text`
Optional NotSupported Federated
`,
    stderr: '',
    exit: [0, 0],
  },
  {
    id: 'C9',
    title: '`--json`.',
    store: 'F',
    files: {},
    bash: [
      String.raw`csxmpp Set-CsExternalAccessPolicy -Identity Global -Description 'Default policy' -EnableFederationAccess '$true' -EnableXmppAccess '$true' --json`,
      String.raw`csxmpp Get-CsExternalAccessPolicy -Identity Global --json`,
    ],
    stdout: text`
[]
[
  {
    "Identity": "Global",
    "Description": "Default policy",
    "EnableFederationAccess": true,
    "EnableXmppAccess": true,
    "EnablePublicCloudAccess": false,
    "EnablePublicCloudAudioVideoAccess": false,
    "EnableOutsideAccess": false
  }
]
`,
    stderr: '',
    exit: [0, 0],
  },
  {
    id: 'C10',
    title: 'Script parameters: named, positional, switch; a path runs as `-File`.',
    store: 'F',
    files: {'add-partner.ps1': ADD_PARTNER_PS1},
    bash: [
      String.raw`csxmpp -File add-partner.ps1 -Domain d.example -NoKeepAlive`,
      String.raw`csxmpp ./add-partner.ps1 e.example federated`,
    ],
    stdout: text`
d.example PublicUnverified keepalive=False
e.example Federated keepalive=True
`,
    stderr: '',
    exit: [0, 0],
  },
  {
    id: 'C11',
    title: 'A missing mandatory script parameter.',
    store: 'F',
    files: {'add-partner.ps1': ADD_PARTNER_PS1},
    bash: [
      String.raw`csxmpp -File add-partner.ps1`,
    ],
    stdout: '',
    stderr: text`
add-partner.ps1 : Cannot process command because of one or more missing mandatory parameters: Domain.
    + CategoryInfo          : InvalidArgument: (:) [add-partner.ps1], ParameterBindingException
    + FullyQualifiedErrorId : MissingMandatoryParameter,add-partner.ps1
`,
    exit: [2],
  },
  {
    id: 'C12',
    title: 'Quoting and expansion.',
    store: 'F',
    files: {},
    script: text`
$d = "contoso.com"
'Partner $d'
"Partner $d"
"Upper: $($d.ToUpper())"
"Length: $d.Length"
"Length: $($d.Length)"
`,
    stdout: text`
Partner $d
Partner contoso.com
Upper: CONTOSO.COM
Length: contoso.com.Length
Length: 11
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C13',
    title: 'Escapes.',
    store: 'F',
    files: {},
    script: text`
"Cost: ${BT}$5, ""quoted"", back${BT}${BT}tick"
'It''s verbatim: $x ${BT}n'
"two${BT}nlines"
`,
    stdout: text`
Cost: $5, "quoted", back${BT}tick
It's verbatim: $x ${BT}n
two
lines
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C14',
    title: 'Here-strings.',
    store: 'F',
    files: {},
    script: text`
$name = "fabrikam.com"
$text = @"
Partner: $name
  Literal: ${BT}$name
"@
$text
@'
No $expansion here
'@
`,
    stdout: text`
Partner: fabrikam.com
  Literal: $name
No $expansion here
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C15',
    title: 'Numbers.',
    store: 'F',
    files: {},
    script: text`
1KB
5MB / 1KB
10 / 4
10 / 5
7 % 3
"5" + 5
5 + "5"
0x1F
2147483647 + 1
`,
    stdout: text`
1024
5120
2.5
2
1
55
10
31
2147483648
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C16',
    title: 'Comparison, filtering, case.',
    store: 'F',
    files: {},
    script: text`
$a = 1, 5, 10, 20
$a -gt 5
$a -contains 10
10 -in $a
"abc" -like "A*"
"abc" -clike "A*"
"Federated" -eq "federated"
"Federated" -ceq "federated"
[bool]"False"
`,
    stdout: text`
10
20
True
True
True
False
True
False
True
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C17',
    title: 'Regex, replace, split, join.',
    store: 'F',
    files: {},
    script: text`
if ("jabber.example.org" -match '^(?<host>[^.]+)\.(?<rest>.+)$') { $Matches.host; $Matches['rest'] }
"a.example.com" -replace '\.example\.com$', '.test'
"user@fabrikam.com" -replace '^(\w+)@(.+)$', '$2\$1'
("x.com, y.com,z.com" -split '\s*,\s*').Count
(1, 2, 3) -join "+"
-join ("a", "b")
`,
    stdout: text`
jabber
example.org
a.test
fabrikam.com\user
3
1+2+3
ab
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C18',
    title: 'Format operator.',
    store: 'F',
    files: {},
    script: text`
"{0,-12}|{1,5}|{2:N1}|{3:D4}" -f "contoso.com", 42, 3.14159, 7
"{0} has {1} partner(s)" -f "Global", 3
"{{literal}} {0}" -f 1
`,
    stdout: text`
contoso.com |   42|3.1|0007
Global has 3 partner(s)
{literal} 1
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C19',
    title: 'Arrays, `$null`, `.Count`, loops.',
    store: 'F',
    files: {},
    script: text`
$none = $null
$none.Count
"x".Count
@(1, 2, 3)[1]
$list = @()
foreach ($d in "x.example", "skip.example", "y.example", "z.example") {
    if ($d -like "skip*") { continue }
    if ($d -eq "z.example") { break }
    $list += $d
}
$list.Count
$list[-1]
foreach ($i in $none) { "never" }
for ($i = 0; $i -lt 2; $i++) { "i=$i" }
`,
    stdout: text`
0
1
2
2
y.example
i=0
i=1
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C20',
    title: 'Hashtables keep insertion order; keys ignore case.',
    store: 'F',
    files: {},
    script: text`
$h = @{ Add = "na.contoso.com", "eu.contoso.com"; Remove = "old.contoso.com" }
$h["add"].Count
$h.Keys -join ","
$h
`,
    stdout: text`
2
Add,Remove

Name                           Value
----                           -----
Add                            {na.contoso.com, eu.contoso.com}
Remove                         old.contoso.com

`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C21',
    title: 'PSListModifier.',
    store: 'P',
    files: {},
    script: text`
Set-CsXmppAllowedPartner a.example -AdditionalDomains "x.a.example"
Set-CsXmppAllowedPartner a.example -AdditionalDomains @{Add = "y.a.example", "z.a.example"}
Set-CsXmppAllowedPartner a.example -AdditionalDomains @{Remove = "x.a.example"}
(Get-CsXmppAllowedPartner a.example).AdditionalDomains
Set-CsXmppAllowedPartner a.example -AdditionalDomains $null
(Get-CsXmppAllowedPartner a.example).AdditionalDomains.Count
`,
    stdout: text`
y.a.example
z.a.example
0
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C22',
    title: 'Splatting.',
    store: 'F',
    files: {},
    script: text`
$p = @{ Identity = "s.example"; PartnerType = "Federated"; SaslNegotiation = "NotSupported" }
New-CsXmppAllowedPartner @p | Out-Null
(Get-CsXmppAllowedPartner s.example).PartnerType
`,
    stdout: text`
Federated
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C23',
    title: 'Functions return all their output.',
    store: 'P',
    files: {},
    script: text`
function Get-PartnerCount {
    param([string]$Type)
    $n = @(Get-CsXmppAllowedPartner | Where-Object { $_.PartnerType -eq $Type }).Count
    return $n
}
"Federated: $(Get-PartnerCount -Type Federated)"
"Verified: $(Get-PartnerCount PublicVerified)"
`,
    stdout: text`
Federated: 2
Verified: 1
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C24',
    title: 'ByValue: partner objects bind to `-Instance`.',
    store: 'P',
    files: {},
    script: text`
Get-CsXmppAllowedPartner | Set-CsXmppAllowedPartner -EnableKeepAlive $true
Get-CsXmppAllowedPartner | ForEach-Object { "$($_.Identity) $($_.EnableKeepAlive)" }
`,
    stdout: text`
a.example True
b.example True
c.example True
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C25',
    title: 'ByPropertyName: any object with an `Identity` property.',
    store: 'P',
    files: {},
    script: text`
[pscustomobject]@{ Identity = "b.example" } | Remove-CsXmppAllowedPartner -Confirm:$false
(Get-CsXmppAllowedPartner).Identity
`,
    stdout: text`
a.example
c.example
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C26',
    title: 'Input that binds to nothing.',
    store: 'P',
    files: {},
    script: text`
"just a string" | Remove-CsXmppAllowedPartner -Confirm:$false
`,
    stdout: '',
    stderr: text`
Remove-CsXmppAllowedPartner : The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.
At t.ps1:1 char:19
+ "just a string" | Remove-CsXmppAllowedPartner -Confirm:$false
+                   ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidArgument: (just a string:String) [Remove-CsXmppAllowedPartner], ParameterBindingException
    + FullyQualifiedErrorId : InputObjectNotBound,Remove-CsXmppAllowedPartner
`,
    exit: [1],
    storeUnchanged: true,
  },
  {
    id: 'C27',
    title: '`foreach` over Import-Csv, with a Windows PowerShell `#TYPE` line.',
    store: 'F',
    files: {'partners.csv': PARTNERS_CSV},
    script: text`
$rows = Import-Csv partners.csv
foreach ($r in $rows) {
    New-CsXmppAllowedPartner -Identity $r.Domain -PartnerType $r.Type -SaslNegotiation NotSupported | Out-Null
}
"{0} partners imported" -f $rows.Count
Get-CsXmppAllowedPartner | ForEach-Object { "$($_.Identity): $($_.PartnerType)" }
$rows[0].PSObject.TypeNames[0]
`,
    stdout: text`
2 partners imported
a.example: Federated
b.example: PublicVerified
CSV:Selected.System.Management.Automation.PSCustomObject
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C28',
    title: 'Import-Csv piped to ForEach-Object.',
    store: 'F',
    files: {'partners.csv': PARTNERS_CSV},
    script: text`
Import-Csv partners.csv | ForEach-Object { New-CsXmppAllowedPartner -Identity $_.Domain -PartnerType $_.Type -SaslNegotiation NotSupported } | Out-Null
(Get-CsXmppAllowedPartner | Measure-Object).Count
`,
    stdout: text`
2
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C29',
    title: 'CSV values are strings, and Boolean parameters refuse strings.',
    store: 'F',
    files: {'p2.csv': P2_CSV},
    script: text`
$row = Import-Csv p2.csv
New-CsXmppAllowedPartner $row.Domain -EnableKeepAlive $row.KeepAlive
New-CsXmppAllowedPartner $row.Domain -EnableKeepAlive ($row.KeepAlive -eq "True") -SaslNegotiation NotSupported | Out-Null
(Get-CsXmppAllowedPartner k.example).EnableKeepAlive
`,
    stdout: text`
False
`,
    stderr: text`
New-CsXmppAllowedPartner : Cannot process argument transformation on parameter 'EnableKeepAlive'. Cannot convert value "System.String" to type "System.Boolean". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.
At t.ps1:2 char:55
+ New-CsXmppAllowedPartner $row.Domain -EnableKeepAlive $row.KeepAlive
+                                                       ~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidData: (:) [New-CsXmppAllowedPartner], ParameterBindingArgumentTransformationException
    + FullyQualifiedErrorId : ParameterArgumentTransformationError,New-CsXmppAllowedPartner
`,
    exit: [1],
  },
  {
    id: 'C30',
    title: "Where-Object's simplified syntax, aliases, lower-case names.",
    store: 'P',
    files: {},
    script: text`
get-csxmppallowedpartner | ? PartnerType -eq federated | % Identity
Get-CsXmppAllowedPartner | Where-Object { -not $_.EnableKeepAlive } | ForEach-Object { $_.Identity }
Get-Command -Name *XmppAllowed* | ForEach-Object Name
`,
    stdout: text`
a.example
c.example
c.example
Get-CsXmppAllowedPartner
New-CsXmppAllowedPartner
Remove-CsXmppAllowedPartner
Set-CsXmppAllowedPartner
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C31',
    title: '`-Filter` is a wildcard string; a script block there is refused.',
    store: 'P',
    files: {},
    script: text`
(Get-CsXmppAllowedPartner -Filter "*.example").Count
Get-CsXmppAllowedPartner -Filter {Identity -like "a*"}
`,
    stdout: text`
3
`,
    stderr: text`
Get-CsXmppAllowedPartner : Cannot bind parameter 'Filter'. The -Filter of this cmdlet is a wildcard string matched against Identity (for example -Filter "*.org"); script block filters are only accepted by Get-CsUser.
At t.ps1:2 char:34
+ Get-CsXmppAllowedPartner -Filter {Identity -like "a*"}
+                                  ~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidArgument: (:) [Get-CsXmppAllowedPartner], ParameterBindingException
    + FullyQualifiedErrorId : ScriptBlockFilterNotSupported,Get-CsXmppAllowedPartner
`,
    exit: [1],
  },
  {
    id: 'C32',
    title: 'WhatIf changes nothing.',
    store: 'P',
    files: {},
    script: text`
$WhatIfPreference = $true
Remove-CsXmppAllowedPartner a.example
$WhatIfPreference = $false
(Get-CsXmppAllowedPartner | Measure-Object).Count
`,
    stdout: text`
What if: Performing the operation "Remove-CsXmppAllowedPartner" on target "a.example".
3
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C33',
    title: 'Default list view of a Lync object',
    store: 'F',
    files: {},
    script: text`
Get-CsExternalAccessPolicy
`,
    stdout: text`

Identity                          : Global
Description                       :
EnableFederationAccess            : False
EnableXmppAccess                  : False
EnablePublicCloudAccess           : False
EnablePublicCloudAudioVideoAccess : False
EnableOutsideAccess               : False

`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C34',
    title: 'Format-Table.',
    store: 'F',
    files: {},
    script: text`
New-CsExternalAccessPolicy -Identity FedPic -EnableFederationAccess $true -EnableXmppAccess $true | Out-Null
Get-CsExternalAccessPolicy | Format-Table Identity, EnableFederationAccess, EnableXmppAccess -AutoSize
`,
    stdout: text`

Identity   EnableFederationAccess EnableXmppAccess
--------   ---------------------- ----------------
Global     False                  False
Tag:FedPic True                   True

`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C35',
    title: 'Select-Object gives a table (at most 4 properties).',
    store: 'P',
    files: {},
    script: text`
Get-CsXmppAllowedPartner | Select-Object Identity, PartnerType, EnableKeepAlive
`,
    stdout: text`

Identity  PartnerType    EnableKeepAlive
--------  -----------    ---------------
a.example Federated      True
b.example PublicVerified True
c.example Federated      False

`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C36',
    title: 'Sort, First, ExpandProperty.',
    store: 'P',
    files: {},
    script: text`
Get-CsXmppAllowedPartner | Sort-Object Identity -Descending | Select-Object -First 2 -ExpandProperty Identity
`,
    stdout: text`
c.example
b.example
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C37',
    title: 'A calculated property in Format-List; the enumeration limit.',
    store: 'P',
    files: {},
    script: text`
Set-CsXmppAllowedPartner a.example -AdditionalDomains "d1.example", "d2.example", "d3.example", "d4.example", "d5.example"
Get-CsXmppAllowedPartner a.example | Select-Object Identity, @{n = "Count"; e = { $_.AdditionalDomains.Count }} | Format-List
Get-CsXmppAllowedPartner a.example | Format-List Identity, AdditionalDomains
`,
    stdout: text`

Identity : a.example
Count    : 5


Identity          : a.example
AdditionalDomains : {d1.example, d2.example, d3.example, d4.example...}

`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C38',
    title: 'Measure-Object and Group-Object views; each statement is its own block.',
    store: 'P',
    files: {},
    script: text`
Get-CsXmppAllowedPartner | Measure-Object
Get-CsXmppAllowedPartner | Group-Object PartnerType
`,
    stdout: text`

Count    : 3
Average  :
Sum      :
Maximum  :
Minimum  :
Property :


Count Name                      Group
----- ----                      -----
    2 Federated                 {a.example, c.example}
    1 PublicVerified            {b.example}

`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C39',
    title: 'Redirection; a table written to a file.',
    store: 'F',
    files: {},
    script: text`
Set-CsXmppGatewayConfiguration -ConnectionLimit abc 2>$null
"quiet: $?"
Get-CsXmppGatewayConfiguration | Select-Object Identity, ConnectionLimit > gw.txt
Get-Content gw.txt
`,
    stdout: text`
quiet: False

Identity ConnectionLimit
-------- ---------------
Global              1000

`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C40',
    title: 'ConvertTo-Json.',
    store: 'P',
    files: {},
    script: text`
Get-CsXmppAllowedPartner a.example | Select-Object Identity, PartnerType, EnableKeepAlive, AdditionalDomains | ConvertTo-Json
Get-CsXmppAllowedPartner | Select-Object -First 2 Identity | ConvertTo-Json -Compress
`,
    stdout: text`
{
  "Identity": "a.example",
  "PartnerType": "Federated",
  "EnableKeepAlive": true,
  "AdditionalDomains": []
}
[{"Identity":"a.example"},{"Identity":"b.example"}]
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C41',
    title: 'ConvertFrom-Json.',
    store: 'F',
    files: {},
    script: text`
$cfg = '{"partners":[{"domain":"a.example","type":"Federated"},{"domain":"b.example","type":"PublicVerified"}]}' | ConvertFrom-Json
$cfg.partners.Count
$cfg.partners | ForEach-Object { "$($_.domain)=$($_.type)" }
$cfg.partners[1].domain
`,
    stdout: text`
2
a.example=Federated
b.example=PublicVerified
b.example
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C42',
    title: 'Streams.',
    store: 'F',
    files: {},
    script: text`
Write-Output "to pipeline"
Write-Host "to host" -NoNewline
Write-Host " (same line)"
Write-Warning "check the partner certificate"
Write-Verbose "hidden"
$VerbosePreference = "Continue"
Write-Verbose "shown"
`,
    stdout: text`
to pipeline
to host (same line)
`,
    stderr: text`
WARNING: check the partner certificate
VERBOSE: shown
`,
    exit: [0],
  },
  {
    id: 'C43',
    title: 'Dates.',
    store: 'F',
    files: {},
    script: text`
Get-Date -Date "2013-02-21" -Format "dd.MM.yyyy"
(Get-Date -Date "2013-02-21T08:30:00").AddDays(1).ToString("yyyy-MM-dd HH:mm")
`,
    stdout: text`
21.02.2013
2013-02-22 08:30
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C44',
    title: 'A statement-terminating error; the script goes on; exit 1.',
    store: 'F',
    files: {},
    script: text`
Set-CsXmppGatewayConfiguration -ConnectionLimit abc
"after"
`,
    stdout: text`
after
`,
    stderr: text`
Set-CsXmppGatewayConfiguration : Cannot bind parameter 'ConnectionLimit'. Cannot convert value "abc" to type "System.UInt32". Error: "Input string was not in a correct format."
At t.ps1:1 char:49
+ Set-CsXmppGatewayConfiguration -ConnectionLimit abc
+                                                 ~~~
    + CategoryInfo          : InvalidArgument: (:) [Set-CsXmppGatewayConfiguration], ParameterBindingException
    + FullyQualifiedErrorId : CannotConvertArgumentNoMessage,Set-CsXmppGatewayConfiguration
`,
    exit: [1],
  },
  {
    id: 'C45',
    title: 'Write-Error in a function points at the call.',
    store: 'F',
    files: {},
    script: text`
function Add-Partner($Domain) {
    if (-not $Domain) { Write-Error "Domain is empty"; return }
    "adding $Domain"
}
Add-Partner ""
Add-Partner "x.example"
`,
    stdout: text`
adding x.example
`,
    stderr: text`
Add-Partner : Domain is empty
At t.ps1:5 char:1
+ Add-Partner ""
+ ~~~~~~~~~~~~~~
    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException
    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException,Add-Partner
`,
    exit: [1],
  },
  {
    id: 'C46',
    title: 'try catches statement-terminating errors; finally runs.',
    store: 'F',
    files: {},
    script: text`
try {
    Set-CsXmppGatewayConfiguration -ConnectionLimit abc
    "not reached"
} catch {
    "caught: $($_.FullyQualifiedErrorId)"
} finally {
    "finally"
}
`,
    stdout: text`
caught: CannotConvertArgumentNoMessage,Set-CsXmppGatewayConfiguration
finally
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C47',
    title: 'Non-terminating errors are not caught unless escalated.',
    store: 'F',
    files: {},
    script: text`
try { Write-Error "soft"; "still here" } catch { "caught 1" }
try { Write-Error "hard" -ErrorAction Stop; "not reached" } catch { "caught 2: $_" }
`,
    stdout: text`
still here
caught 2: hard
`,
    stderr: text`
Write-Error : soft
At t.ps1:1 char:7
+ try { Write-Error "soft"; "still here" } catch { "caught 1" }
+       ~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException
    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException
`,
    exit: [1],
  },
  {
    id: 'C48',
    title: "`$ErrorActionPreference = 'Stop'` ends the script at the first error.",
    store: 'F',
    files: {},
    script: text`
$ErrorActionPreference = "Stop"
Write-Error "Partner list is empty"
"not reached"
`,
    stdout: '',
    stderr: text`
Write-Error : Partner list is empty
At t.ps1:2 char:1
+ Write-Error "Partner list is empty"
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException
    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException
`,
    exit: [1],
  },
  {
    id: 'C49',
    title: 'SilentlyContinue: nothing shown, `$?` false, `$Error` filled, exit 0.',
    store: 'F',
    files: {},
    script: text`
Set-CsXmppAllowedPartner -Identity nope.example -EnableKeepAlive $false -ErrorAction SilentlyContinue
"ok=$?"
"errors=$($Error.Count)"
`,
    stdout: text`
ok=False
errors=1
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C50',
    title: 'throw.',
    store: 'F',
    files: {},
    script: text`
function Import-Partners($Path) {
    if (-not (Test-Path $Path)) { throw "Partner file '$Path' not found" }
}
Import-Partners missing.csv
"not reached"
`,
    stdout: '',
    stderr: text`
Partner file 'missing.csv' not found
At t.ps1:2 char:35
+     if (-not (Test-Path $Path)) { throw "Partner file '$Path' not found" }
+                                   ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : OperationStopped: (Partner file 'missing.csv' not found:String) [], RuntimeException
    + FullyQualifiedErrorId : Partner file 'missing.csv' not found
`,
    exit: [1],
  },
  {
    id: 'C51',
    title: 'Matrix warnings follow `-WarningAction`.',
    store: 'F',
    files: {},
    script: text`
New-CsXmppAllowedPartner v.example -TlsNegotiation Optional | Out-Null
New-CsXmppAllowedPartner w.example -TlsNegotiation Optional -WarningAction SilentlyContinue | Out-Null
(Get-CsXmppAllowedPartner).Identity
`,
    stdout: text`
v.example
w.example
`,
    stderr: text`
WARNING: SASL needs TLS, but TlsNegotiation is Optional for partner "v.example": if the partner does not negotiate TLS, SASL cannot be used and session negotiation may fail.
`,
    exit: [0],
  },
  {
    id: 'C52',
    title: '`exit N`.',
    store: 'F',
    files: {},
    script: text`
"partial"
exit 3
"not reached"
`,
    stdout: text`
partial
`,
    stderr: '',
    exit: [3],
  },
  {
    id: 'C53',
    title: 'A method outside the whitelist is a runtime error.',
    store: 'F',
    files: {},
    script: text`
"a.example".Normalize()
"after"
`,
    stdout: text`
after
`,
    stderr: text`
The method 'Normalize' of [System.String] is not supported by csxmpp.
At t.ps1:1 char:1
+ "a.example".Normalize()
+ ~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : NotImplemented: (Normalize:String) [], NotSupportedException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
`,
    exit: [1],
  },
  {
    id: 'C54',
    title: 'A syntax error: nothing runs',
    store: 'F',
    files: {},
    script: text`
New-CsXmppAllowedPartner -Identity first.example | Out-Null
Set-CsXmppGatewayConfiguration -ConnectionLimit 7
New-CsXmppAllowedPartner -Identity "unterminated.example
`,
    stdout: '',
    stderr: text`
At t.ps1:3 char:36
+ New-CsXmppAllowedPartner -Identity "unterminated.example
+                                    ~~~~~~~~~~~~~~~~~~~~~
The string is missing the terminator: ".
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : TerminatorExpectedAtEndOfString
`,
    exit: [1],
    storeUnchanged: true,
  },
  {
    id: 'C55',
    title: '`$name:` inside a string.',
    store: 'F',
    files: {},
    script: text`
$d = "a.example"
"Partner $d: added"
`,
    stdout: '',
    stderr: text`
At t.ps1:2 char:10
+ "Partner $d: added"
+          ~~~
Variable reference is not valid. ':' was not followed by a valid variable name character. Consider using ${DOLLAR}{} to delimit the name.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : InvalidVariableReferenceWithDrive
`,
    exit: [1],
  },
  {
    id: 'C56',
    title: 'A class is outside the subset; nothing runs.',
    store: 'F',
    files: {},
    script: text`
New-CsXmppAllowedPartner -Identity before-class.example | Out-Null
class Foo { [string]$Name }
`,
    stdout: '',
    stderr: text`
At t.ps1:2 char:1
+ class Foo { [string]$Name }
+ ~~~~~
Class definitions are not supported by csxmpp.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
1 unsupported construct or command found; nothing was run.
`,
    exit: [1],
    storeUnchanged: true,
  },
  {
    id: 'C57',
    title: 'Whitelisted .NET statics.',
    store: 'F',
    files: {},
    script: text`
[string]::IsNullOrEmpty("")
[math]::Round(2.567, 1)
[int]"42" + 1
[bool]::Parse("false")
`,
    stdout: text`
True
2.6
43
False
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C58',
    title: 'Any other .NET member.',
    store: 'F',
    files: {},
    script: text`
[System.IO.File]::ReadAllText("partners.csv")
`,
    stdout: '',
    stderr: text`
At t.ps1:1 char:1
+ [System.IO.File]::ReadAllText("partners.csv")
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
The .NET member [System.IO.File]::ReadAllText is not supported by csxmpp.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
1 unsupported construct or command found; nothing was run.
`,
    exit: [1],
  },
  {
    id: 'C59',
    title: 'Legacy headers run; other modules do not.',
    store: 'F',
    files: {},
    scripts: [
      {name: 't.ps1', text: text`
Import-Module Lync
Add-PSSnapin Microsoft.Rtc.Management
"ready"
`},
      {name: 'u.ps1', text: text`
Import-Module ActiveDirectory
`},
    ],
    stdout: text`
ready
`,
    stderr: text`
At u.ps1:1 char:1
+ Import-Module ActiveDirectory
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
Import-Module ActiveDirectory is not supported by csxmpp; only the Lync and SkypeForBusiness modules are known, and they need no import.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
1 unsupported construct or command found; nothing was run.
`,
    exit: [0, 1],
  },
  {
    id: 'C60',
    title: 'Remoting is refused, never run locally.',
    store: 'F',
    files: {},
    script: text`
$s = New-PSSession -ComputerName pool01.contoso.com
Import-PSSession $s
`,
    stdout: '',
    stderr: text`
At t.ps1:1 char:6
+ $s = New-PSSession -ComputerName pool01.contoso.com
+      ~~~~~~~~~~~~~
PowerShell remoting (New-PSSession) is not supported by csxmpp; csxmpp runs the Lync cmdlets locally, so remove the session lines.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
At t.ps1:2 char:1
+ Import-PSSession $s
+ ~~~~~~~~~~~~~~~~
PowerShell remoting (Import-PSSession) is not supported by csxmpp; csxmpp runs the Lync cmdlets locally, so remove the session lines.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
2 unsupported constructs or commands found; nothing was run.
`,
    exit: [1],
  },
  {
    id: 'C61',
    title: 'Clixml round trip through an empty store.',
    store: 'P',
    files: {},
    script: text`
Get-CsXmppAllowedPartner | Export-Clixml partners.xml
Get-CsXmppAllowedPartner | Remove-CsXmppAllowedPartner -Confirm:$false
(Get-CsXmppAllowedPartner | Measure-Object).Count
$in = Import-Clixml partners.xml
$in[0].PSObject.TypeNames[0]
$in | Set-CsXmppAllowedPartner
Get-CsXmppAllowedPartner | ForEach-Object { "$($_.Identity) $($_.PartnerType) $($_.EnableKeepAlive)" }
`,
    stdout: text`
0
Deserialized.Microsoft.Rtc.Management.WritableConfig.Settings.XmppFederation.XmppAllowedPartner#Decorated
a.example Federated True
b.example PublicVerified True
c.example Federated False
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C62',
    title: 'Importing a Lync export',
    store: 'F',
    files: {'gmail.xml': fixture('gmail.xml')},
    script: text`
Import-Clixml gmail.xml | Set-CsXmppAllowedPartner
Get-CsXmppAllowedPartner gmail.com | Format-List Identity, TlsNegotiation, SaslNegotiation, SupportDialbackNegotiation, AdditionalDomains, Description, PartnerType, EnableKeepAlive
`,
    stdout: text`

Identity                   : gmail.com
TlsNegotiation             : NotSupported
SaslNegotiation            : NotSupported
SupportDialbackNegotiation : True
AdditionalDomains          : {googlemail.com}
Description                : Google Talk
PartnerType                : PublicUnverified
EnableKeepAlive            : False

`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C63',
    title: 'Export-Csv writes a list as its type name, as PS does; join it yourself.',
    store: 'P',
    files: {},
    script: text`
Set-CsXmppAllowedPartner a.example -AdditionalDomains "x.a.example", "y.a.example"
Get-CsXmppAllowedPartner a.example | Select-Object Identity, AdditionalDomains | Export-Csv out.csv -NoTypeInformation
Get-CsXmppAllowedPartner a.example | Select-Object Identity, @{n = "AdditionalDomains"; e = { $_.AdditionalDomains -join ";" }} | Export-Csv out2.csv
Get-Content out.csv
Get-Content out2.csv
`,
    stdout: text`
"Identity","AdditionalDomains"
"a.example","System.Collections.Generic.List${BT}1[System.String]"
"Identity","AdditionalDomains"
"a.example","x.a.example;y.a.example"
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C64',
    title: 'Script from standard input.',
    store: 'F',
    files: {},
    bash: [
      String.raw`printf 'Get-CsExternalAccessPolicy | ForEach-Object Identity\n' | csxmpp`,
    ],
    stdout: text`
Global
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C65',
    title: 'Every character other than `*`, `?`, `[` and backtick is literal.',
    store: 'F',
    files: {},
    script: text`
'msRTCSIP-PrimaryUserAddress' -like 'msRTCSIP-*'
'fabrikam-im.example' -like '*-im.example'
'a.b' -like 'a?b'
'axb' -like 'a.b'
'c++ (beta) $1 ^x {y} a|b \d' -like 'c++ (beta) $1 ^x {y} a|b \d'
'x' -like 'x\'
'Ärger-Straße.example' -like 'ärger-*.EXAMPLE'
'' -like '*'
$null -like '*'
'x' -like ''
'domain]' -like 'domain]'
`,
    stdout: text`
True
True
True
False
True
False
True
True
True
False
True
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C66',
    title: 'Sets, ranges, escapes and case.',
    store: 'F',
    files: {},
    script: text`
'b.example' -like '[abc].example'
'd.example' -like '[abc].example'
'm1' -like '[a-z][0-9]'
'M1' -like '[a-z][0-9]'
'M1' -clike '[a-z][0-9]'
'-x' -like '[-+]x'
'+x' -like '[+-]x'
'!x' -like '[!a]x'
']x' -like '[]]x'
'*x' -like '${BT}*x'
'yx' -like '${BT}*x'
'a?' -like 'a${BT}?'
'[1]' -like '${BT}[1${BT}]'
'ABC' -notlike 'a*'
@('a-1', 'b-2', 'a-3') -like 'a-*'
`,
    stdout: text`
True
False
True
True
False
True
True
True
True
True
False
True
True
False
a-1
a-3
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C67',
    title: 'Hyphenated domains in `-Filter`, Where-Object and Get-Command.',
    store: 'F',
    files: {},
    script: text`
New-CsXmppAllowedPartner fabrikam-im.example -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner my-xmpp.example -SaslNegotiation NotSupported | Out-Null
New-CsXmppAllowedPartner myxmpp.example -SaslNegotiation NotSupported | Out-Null
(Get-CsXmppAllowedPartner -Filter '*my-*').Identity
Get-CsXmppAllowedPartner | Where-Object Identity -Like '*-*' | ForEach-Object Identity
Get-CsXmppAllowedPartner | Where-Object { $_.Identity -notlike '*-*' } | ForEach-Object Identity
Get-Command -Name '*-CsXmppAllowedPartner' | ForEach-Object Name
`,
    stdout: text`
my-xmpp.example
fabrikam-im.example
my-xmpp.example
myxmpp.example
Get-CsXmppAllowedPartner
New-CsXmppAllowedPartner
Remove-CsXmppAllowedPartner
Set-CsXmppAllowedPartner
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C68',
    title: 'Property names with a hyphen, selected by a wildcard.',
    store: 'F',
    files: {'users.csv': USERS_CSV},
    script: text`
Import-Csv users.csv | Select-Object 'msRTCSIP-*' | Format-List
`,
    stdout: text`

msRTCSIP-PrimaryUserAddress : sip:kenmyer@litwareinc.com
msRTCSIP-UserEnabled        : TRUE

`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C69',
    title: 'An invalid pattern is an error record, never a crash.',
    store: 'P',
    files: {},
    script: text`
"a" -like "[a"
Get-CsXmppAllowedPartner -Filter "a[" | Out-Null
"after"
`,
    stdout: text`
after
`,
    stderr: text`
The specified wildcard character pattern is not valid: [a
At t.ps1:1 char:1
+ "a" -like "[a"
+ ~~~~~~~~~~~~~~
    + CategoryInfo          : NotSpecified: (:) [], WildcardPatternException
    + FullyQualifiedErrorId : RuntimeException
Get-CsXmppAllowedPartner : The specified wildcard character pattern is not valid: a[
At t.ps1:2 char:1
+ Get-CsXmppAllowedPartner -Filter "a[" | Out-Null
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidArgument: (:) [Get-CsXmppAllowedPartner], WildcardPatternException
    + FullyQualifiedErrorId : WildcardPattern_Invalid,Get-CsXmppAllowedPartner
`,
    exit: [1],
  },
  {
    id: 'C70',
    title: 'Named parameters after the text; not a terminal, so no colours.',
    store: 'F',
    files: {},
    script: text`
Write-Host "5 partner(s) processed" -ForegroundColor Green
Write-Host "Step" 2 "of" 3 -ForegroundColor Yellow -BackgroundColor DarkBlue
Write-Host a b c -Separator ", "
Write-Host (1, 2, 3) -Separator "-"
Write-Host "no newline " -NoNewline -ForegroundColor Red
Write-Host "then this"
Write-Host -ForegroundColor 10 "ten is Green"
Write-Host hello -NoSuchParameter
Write-Host
Write-Host "hidden" -InformationAction Ignore
Write-Host "still shown" -InformationAction SilentlyContinue
`,
    stdout: text`
5 partner(s) processed
Step 2 of 3
a, b, c
1-2-3
no newline then this
ten is Green
hello -NoSuchParameter

still shown
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C71',
    title: 'An unknown colour name.',
    store: 'F',
    files: {},
    script: text`
Write-Host "x" -ForegroundColor Purple
"after"
`,
    stdout: text`
after
`,
    stderr: text`
Write-Host : Cannot bind parameter 'ForegroundColor'. Cannot convert value "Purple" to type "System.ConsoleColor". Error: "Unable to match the identifier name Purple to a valid enumerator name. Specify one of the following enumerator names and try again: Black, DarkBlue, DarkGreen, DarkCyan, DarkRed, DarkMagenta, DarkYellow, Gray, DarkGray, Blue, Green, Cyan, Red, Magenta, Yellow, White"
At t.ps1:1 char:33
+ Write-Host "x" -ForegroundColor Purple
+                                 ~~~~~~
    + CategoryInfo          : InvalidArgument: (:) [Write-Host], ParameterBindingException
    + FullyQualifiedErrorId : CannotConvertArgumentNoMessage,Write-Host
`,
    exit: [1],
  },
  {
    id: 'C72',
    title: 'Several clauses may run; `default`; values compare as strings.',
    store: 'F',
    files: {},
    script: text`
$level = "Warning"
switch ($level) {
    "Error"   { "red" }
    "warning" { "yellow" }
    { $_.Length -gt 5 } { "long name" }
    default   { "gray" }
}
switch (4) {
    1       { "one" }
    "4"     { "four as text" }
    4.0     { "four as number" }
    default { "other" }
}
$color = switch ("Info") { "Error" { "Red" } default { "Gray" } }
$color
`,
    stdout: text`
yellow
long name
four as text
four as number
Gray
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C73',
    title: 'An array is processed element by element; `break`, `continue`; `$null` and `@()`.',
    store: 'F',
    files: {},
    script: text`
switch (1, 4, -1, 3, "Hello", 2, 1) {
    { $_ -lt 0 }         { continue }
    { $_ -isnot [int] }  { break }
    { $_ % 2 }           { "$_ is Odd" }
    { -not ($_ % 2) }    { "$_ is Even" }
}
switch (@()) { default { "never" } }
switch ($null) { $null { "null matched" } default { "default" } }
`,
    stdout: text`
1 is Odd
4 is Even
3 is Odd
null matched
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C74',
    title: '`-Regex` and `$Matches`, `-Wildcard`, `-CaseSensitive`, `-Exact`.',
    store: 'F',
    files: {},
    script: text`
switch -Regex ("sip:ken@contoso.com", "user@fabrikam.com") {
    '^sip:([^@]+)@(.+)$' { "SIP user $($Matches[1]) at $($Matches[2])" }
    '@fabrikam\.com$'    { "fabrikam: $_" }
}
switch -Wildcard ("fabrikam-im.example") {
    "*-im.*" { "IM gateway" }
    "fab*"   { "Fabrikam" }
    "*.org"  { "org" }
}
switch -CaseSensitive ("Global") { "global" { "lower" } "Global" { "exact case" } }
switch -Exact ("a*") { "a*" { "literal star" } "ab" { "ab" } }
`,
    stdout: text`
SIP user ken at contoso.com
fabrikam: user@fabrikam.com
IM gateway
Fabrikam
exact case
literal star
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C75',
    title: '`break` and `continue` act on the switch, not on the loop; `$_` comes back.',
    store: 'F',
    files: {},
    script: text`
foreach ($d in "a.example", "skip.example") {
    switch -Wildcard ($d) {
        "skip*" { continue }
        "*"     { "partner $d" }
    }
    "checked $d"
}
foreach ($n in 1, 2) {
    switch ($n) { 1 { "one"; break } default { "not one" } }
    "after switch $n"
}
"x", "y" | ForEach-Object { switch ($_) { "x" { "matched x" } }; "item $_" }
`,
    stdout: text`
partner a.example
checked a.example
checked skip.example
one
after switch 1
not one
after switch 2
matched x
item x
item y
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C76',
    title: 'A switch on a Lync enum; inside it `$_` is the switch value.',
    store: 'P',
    files: {},
    script: text`
foreach ($p in Get-CsXmppAllowedPartner) {
    switch ($p.PartnerType) {
        "Federated"      { "$($p.Identity): federated ($_)" }
        "PublicVerified" { "$($p.Identity): verified" }
    }
}
`,
    stdout: text`
a.example: federated (Federated)
b.example: verified
c.example: federated (Federated)
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C77',
    title: 'Two `default` clauses are a parse error.',
    store: 'F',
    files: {},
    script: text`
switch ("a") {
    default { "one" }
    default { "two" }
}
`,
    stdout: '',
    stderr: text`
At t.ps1:3 char:5
+     default { "two" }
+     ~~~~~~~
A switch statement can have only one default clause.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : MultipleSwitchDefaultClauses
`,
    exit: [1],
  },
  {
    id: 'C78',
    title: '`switch -File` stays outside the subset.',
    store: 'F',
    files: {},
    script: text`
switch -File partners.txt { default { $_ } }
`,
    stdout: '',
    stderr: text`
At t.ps1:1 char:8
+ switch -File partners.txt { default { $_ } }
+        ~~~~~
switch -File is not supported by csxmpp; use switch (Get-Content <file>).
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
1 unsupported construct or command found; nothing was run.
`,
    exit: [1],
  },
  {
    id: 'C79',
    title: 'Compound arguments (§2.7).',
    store: 'F',
    files: {},
    script: text`
$d = "x"
function Show-Args { "$($args.Count): $($args -join '|')" }
Show-Args $d\eap.xml
Show-Args $d/eap.xml
Show-Args $d-old.xml
Show-Args ${DOLLAR}{d}y
Show-Args "$d"\eap.xml
Show-Args $d.Length\eap.xml
Show-Args $(1 + 1)\x
Show-Args pre$d.Length
$env:CSX_EXPORT = "exports"
Show-Args $env:CSX_EXPORT\eap.xml
`,
    stdout: text`
1: x\eap.xml
1: x/eap.xml
1: x-old.xml
1: xy
2: x|\eap.xml
2: 1|\eap.xml
2: 2|\x
1: prex.Length
1: exports\eap.xml
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C80',
    title: 'A Lync export script writes `$dir\\file.xml`.',
    store: 'P',
    files: {},
    script: text`
$CollectPath = "."
Get-CsXmppAllowedPartner | Export-Clixml $CollectPath\CsXmppAllowedPartner.xml
Get-CsExternalAccessPolicy | Export-Clixml -Path $CollectPath\CsExternalAccessPolicy.xml
(Import-Clixml $CollectPath\CsXmppAllowedPartner.xml).Count
Test-Path .\CsExternalAccessPolicy.xml
`,
    stdout: text`
3
True
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C81',
    title: 'Quoted and computed member names.',
    store: 'F',
    files: {'users.csv': USERS_CSV},
    script: text`
$u = Import-Csv users.csv
$u.'msRTCSIP-PrimaryUserAddress'
$u."DisplayName"
$attr = 'msRTCSIP-UserEnabled'
$u.$attr
$u.('Display' + 'Name').ToUpper()
"sip=$($u.'msRTCSIP-PrimaryUserAddress'.Substring(4))"
$h = @{}
$key = 'eu-west'
$h.$key = 1
$h.'eu-west' + 1
Write-Output $u."DisplayName"
`,
    stdout: text`
sip:kenmyer@litwareinc.com
Ken Myer
TRUE
KEN MYER
sip=kenmyer@litwareinc.com
2
Ken Myer
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C82',
    title: 'Commands copied from TechNet.',
    store: 'P',
    files: {},
    script: text`
Set-CsXmppAllowedPartner –Identity a.example —EnableKeepAlive $false
Get-CsXmppAllowedPartner ―Identity a.example | Select-Object –ExpandProperty EnableKeepAlive
if ((Get-CsXmppAllowedPartner).Count –eq 3) { “three partners” }
‘single’ + ‚low‘
„German quotes“
Write-Output ‘it’’s’
$n = 5 – 2
$n
`,
    stdout: text`
False
three partners
singlelow
German quotes
it’s
3
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C83',
    title: 'A typographic apostrophe ends a single-quoted string',
    store: 'F',
    files: {},
    script: text`
Write-Output 'don’t stop'
`,
    stdout: '',
    stderr: text`
At t.ps1:1 char:25
+ Write-Output 'don’t stop'
+                         ~
The string is missing the terminator: '.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : TerminatorExpectedAtEndOfString
`,
    exit: [1],
  },
  {
    id: 'C84',
    title: 'Typographic dashes and quotes from bash.',
    store: 'P',
    files: {},
    bash: [
      'csxmpp Set-CsXmppAllowedPartner –Identity a.example –EnableKeepAlive false –Description ‘Migrated’',
      'csxmpp –Command \'$p = Get-CsXmppAllowedPartner a.example; "$($p.EnableKeepAlive) $($p.Description)"\'',
    ],
    stdout: text`
False Migrated
`,
    stderr: '',
    exit: [0, 0],
  },
  {
    id: 'C85',
    title: 'From bash, a Boolean parameter takes `1` and `0`.',
    store: 'F',
    files: {},
    bash: [
      'csxmpp Set-CsExternalAccessPolicy Global -EnableXmppAccess 1 -EnableFederationAccess 0',
      'csxmpp -c \'$g = Get-CsExternalAccessPolicy Global; "$($g.EnableXmppAccess) $($g.EnableFederationAccess)"\'',
    ],
    stdout: text`
True False
`,
    stderr: '',
    exit: [0, 0],
  },
  {
    id: 'C86',
    title: 'An explicit `Position` makes the other parameters named-only.',
    store: 'F',
    files: {},
    script: text`
function pa {
    param([int]$x, [switch]$Quiet, [int]$y)
    "pa x=$x y=$y quiet=$Quiet"
}
function pb {
    param([Parameter(Position=0)][int]$x, [int]$y)
    "pb x=$x y=$y"
}
pa 2 3
pb 2 -y 3
pb 2 3
"after"
`,
    stdout: text`
pa x=2 y=3 quiet=False
pb x=2 y=3
after
`,
    stderr: text`
pb : A positional parameter cannot be found that accepts argument '3'.
At t.ps1:11 char:1
+ pb 2 3
+ ~~~~~~
    + CategoryInfo          : InvalidArgument: (:) [pb], ParameterBindingException
    + FullyQualifiedErrorId : PositionalParameterNotFound,pb
`,
    exit: [1],
  },
  {
    id: 'C87',
    title: '`PositionalBinding=$false`; a simple function keeps the rest in `$args`.',
    store: 'F',
    files: {},
    script: text`
function Set-Label {
    [CmdletBinding(PositionalBinding=$false)]
    param([string]$Name)
    "label=$Name"
}
function Show-Rest($First) { "first=$First rest=$($args -join ',')" }
Set-Label -Name gold
Show-Rest a b -c d
Set-Label gold
`,
    stdout: text`
label=gold
first=a rest=b,-c,d
`,
    stderr: text`
Set-Label : A positional parameter cannot be found that accepts argument 'gold'.
At t.ps1:9 char:1
+ Set-Label gold
+ ~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidArgument: (:) [Set-Label], ParameterBindingException
    + FullyQualifiedErrorId : PositionalParameterNotFound,Set-Label
`,
    exit: [1],
  },
  {
    id: 'C88',
    title: 'The same rule for a script\'s arguments from bash.',
    store: 'F',
    files: {'p.ps1': text`
param([Parameter(Position=0)][string]$Domain, [string]$Type = "Federated")
"$Domain $Type"
`},
    bash: [
      'csxmpp -File p.ps1 x.example -Type PublicVerified',
      'csxmpp -File p.ps1 x.example PublicVerified',
    ],
    stdout: text`
x.example PublicVerified
`,
    stderr: text`
p.ps1 : A positional parameter cannot be found that accepts argument 'PublicVerified'.
    + CategoryInfo          : InvalidArgument: (:) [p.ps1], ParameterBindingException
    + FullyQualifiedErrorId : PositionalParameterNotFound,p.ps1
`,
    exit: [0, 2],
  },
  {
    id: 'C89',
    title: 'New-Item, Add-Content, Get-Item, Remove-Item.',
    store: 'F',
    files: {},
    script: text`
New-Item -ItemType Directory -Path out | Out-Null
New-Item -Path out -Name partners.txt -ItemType File -Value "a.example" | Out-Null
Add-Content -Path out\partners.txt -Value "b.example", "c.example"
Get-Content out/partners.txt
(Get-Item out\partners.txt).Name
Test-Path out\partners.txt -PathType Leaf
Remove-Item out\partners.txt
Test-Path out\partners.txt
Remove-Item out -Recurse
Test-Path out
`,
    stdout: text`
a.exampleb.example
c.example
partners.txt
True
False
False
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C90',
    title: 'New-Item on an existing item, and `-Force`.',
    store: 'F',
    files: {},
    script: text`
New-Item a.txt -ItemType File -Value "one" | Out-Null
New-Item a.txt -ItemType File -Value "two" -ErrorAction SilentlyContinue | Out-Null
"$($Error[0].FullyQualifiedErrorId) $($Error[0].CategoryInfo.Category)"
New-Item a.txt -ItemType File -Value "two" -Force | Out-Null
Get-Content a.txt
New-Item d -ItemType Directory | Out-Null
New-Item d -ItemType Directory -ErrorAction SilentlyContinue | Out-Null
"$($Error[0].FullyQualifiedErrorId) $($Error[0].CategoryInfo.Category)"
(New-Item d -ItemType Directory -Force).Name
New-Item deep/er/x.txt -ItemType File -Force -Value "3" | Out-Null
Get-Content deep/er/x.txt
`,
    stdout: text`
NewItemIOError,New-Item WriteError
two
DirectoryExist,New-Item ResourceExists
d
3
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C91',
    title: 'Join-Path, Split-Path, Resolve-Path.',
    store: 'F',
    files: {},
    script: text`
Join-Path exports eap.xml
Join-Path "exports\" "\eap.xml"
Join-Path -Path a, b -ChildPath c.xml
Split-Path "exports/lync/eap.xml"
Split-Path "exports\lync\eap.xml" -Leaf
Split-Path -Path "exports\lync\eap.xml" -Parent
Split-Path "eap.xml"
New-Item -ItemType Directory exports | Out-Null
Set-Content exports/eap.xml "x"
Resolve-Path exports\eap.xml -Relative
(Resolve-Path exports/eap.xml).Path -like "*/exports/eap.xml"
`,
    stdout: text`
exports/eap.xml
exports/eap.xml
a/c.xml
b/c.xml
exports/lync
eap.xml
exports\lync

./exports/eap.xml
True
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C92',
    title: 'Copy-Item, Move-Item, Get-ChildItem.',
    store: 'F',
    files: {},
    script: text`
New-Item -ItemType Directory in, in/sub | Out-Null
Set-Content in/a.xml "1"
Set-Content in/b.txt "2"
Set-Content in/sub/c.xml "3"
Copy-Item in -Destination backup -Recurse
Copy-Item in/a.xml in/sub
Move-Item in/b.txt in/sub/b2.txt
Set-Content in/.hidden.xml "4"
Get-ChildItem in -Name
Get-ChildItem in -Filter *.xml -Recurse -Name
Get-ChildItem in/sub -File -Name
Get-ChildItem backup -Recurse -Name
(Get-ChildItem in -Force -Name).Count
`,
    stdout: text`
sub
a.xml
a.xml
sub/a.xml
sub/c.xml
a.xml
b2.txt
c.xml
sub
a.xml
b.txt
sub/c.xml
3
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C93',
    title: 'Add-Member.',
    store: 'F',
    files: {},
    script: text`
$o = [pscustomobject]@{ Identity = "a.example" }
$o | Add-Member -MemberType NoteProperty -Name Tier -Value Gold
Add-Member -InputObject $o -NotePropertyName Owner -NotePropertyValue ops
$o | Add-Member NoteProperty Region EU -PassThru | ForEach-Object Region
$o | Add-Member -NotePropertyName Tier -NotePropertyValue Silver -ErrorAction SilentlyContinue
"$($Error[0].FullyQualifiedErrorId): $($o.Tier)"
$Error[0].Exception.Message
$o | Add-Member -NotePropertyName Tier -NotePropertyValue Silver -Force
($o.PSObject.Properties | ForEach-Object Name) -join ","
$o.Tier
`,
    stdout: text`
EU
MemberAlreadyExists,Add-Member: Gold
Cannot add a member with the name "Tier" because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command.
Identity,Owner,Region,Tier
Silver
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C94',
    title: 'Compare-Object, the documentation\'s example.',
    store: 'F',
    files: {},
    script: text`
$ref = "dog", "squirrel", "bird"
$dif = "cat", "bird", "racoon"
Compare-Object -ReferenceObject $ref -DifferenceObject $dif
Compare-Object $ref $dif -IncludeEqual -ExcludeDifferent
`,
    stdout: text`

InputObject SideIndicator
----------- -------------
cat         =>
racoon      =>
dog         <=
squirrel    <=


InputObject SideIndicator
----------- -------------
bird        ==

`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C95',
    title: 'Compare-Object on Lync objects with `-Property`.',
    store: 'P',
    files: {},
    script: text`
$before = Get-CsXmppAllowedPartner
Remove-CsXmppAllowedPartner b.example -Confirm:$false
New-CsXmppAllowedPartner d.example -SaslNegotiation NotSupported | Out-Null
Compare-Object $before (Get-CsXmppAllowedPartner) -Property Identity
`,
    stdout: text`

Identity  SideIndicator
--------  -------------
d.example =>
b.example <=

`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C96',
    title: 'Read-Host and Get-Credential never wait without a terminal.',
    store: 'F',
    files: {'t.ps1': text`
$domain = Read-Host "Partner domain"
"domain=[$domain]"
$cred = Get-Credential
"cred=[$cred]"
`},
    bash: [
      'csxmpp -File t.ps1 < /dev/null',
    ],
    stdout: text`
domain=[]
cred=[]
`,
    stderr: text`
Read-Host : Read-Host cannot prompt because stdin is not a terminal. Pass the value as a script parameter instead.
At t.ps1:1 char:11
+ $domain = Read-Host "Partner domain"
+           ~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidOperation: (:) [Read-Host], PSInvalidOperationException
    + FullyQualifiedErrorId : InvalidOperation,Read-Host
Get-Credential : Get-Credential cannot prompt because stdin is not a terminal. Pass a PSCredential object instead.
At t.ps1:3 char:9
+ $cred = Get-Credential
+         ~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidOperation: (:) [Get-Credential], PSInvalidOperationException
    + FullyQualifiedErrorId : InvalidOperation,Get-Credential
`,
    exit: [1],
  },
  {
    id: 'C97',
    title: 'A credential never shows its password.',
    store: 'F',
    files: {},
    script: text`
$pw = ConvertTo-SecureString "S3cret!x" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential("CONTOSO\lyncadmin", $pw)
$cred
$cred.UserName
"$($cred.Password) $($cred.Password.Length)"
$cred -is [pscredential]
$cred.GetNetworkCredential()
`,
    stdout: text`

UserName          Password
--------          --------
CONTOSO\lyncadmin System.Security.SecureString

CONTOSO\lyncadmin
System.Security.SecureString 8
True
`,
    stderr: text`
The method 'GetNetworkCredential' of [System.Management.Automation.PSCredential] is not supported by csxmpp.
At t.ps1:7 char:1
+ $cred.GetNetworkCredential()
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : NotImplemented: (GetNetworkCredential:String) [], NotSupportedException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
`,
    exit: [1],
  },
  {
    id: 'C98',
    title: 'Debug, information and progress output; Clear-Host.',
    store: 'F',
    files: {},
    script: text`
Write-Debug "hidden"
$DebugPreference = "Continue"
Write-Debug "Exporting policies"
Write-Information "info hidden"
Write-Information "info shown" -InformationAction Continue
Write-Progress -Activity "Importing partners" -Status "1 of 3" -PercentComplete 33
Write-Progress -Activity "Importing partners" -Completed
Clear-Host
"done"
`,
    stdout: text`
info shown
done
`,
    stderr: text`
DEBUG: Exporting policies
`,
    exit: [0],
  },
  {
    id: 'C99',
    title: 'Get-Module: Lync is always there.',
    store: 'F',
    files: {},
    script: text`
if (-not (Get-Module -Name Lync)) { Import-Module Lync; "imported" }
(Get-Module -ListAvailable -Name Lync).Name
Get-Module -ListAvailable | Where-Object Name -like "Microsoft.PowerShell.*" | ForEach-Object Name
Get-Module -Name ActiveDirectory
"end"
`,
    stdout: text`
Lync
Microsoft.PowerShell.Host
Microsoft.PowerShell.Management
Microsoft.PowerShell.Security
Microsoft.PowerShell.Utility
end
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C100',
    title: '`$host`.',
    store: 'F',
    files: {},
    script: text`
$host.Name
$host.Version.Major
$host.UI.RawUI.WindowTitle = "Lync XMPP migration"
$host.UI.RawUI.WindowTitle
$host.UI.RawUI.ForegroundColor = "Green"
$host.UI.RawUI.ForegroundColor
$host.PrivateData.ErrorForegroundColor = "Yellow"
Write-Host "colours unchanged"
`,
    stdout: text`
ConsoleHost
5
Lync XMPP migration
Green
colours unchanged
`,
    stderr: '',
    exit: [0],
  },
  {
    id: 'C101',
    title: 'A transcript.',
    store: 'F',
    files: {},
    script: text`
Start-Transcript -Path run.log
"inside"
Write-Warning "careful"
Stop-Transcript
$log = Get-Content run.log
$log[0]
$log[1]
$log -contains "Transcript started, output file is run.log"
$log -contains "inside"
$log -contains "WARNING: careful"
$log -contains "Transcript stopped, output file is run.log"
$log[-3]
`,
    stdout: text`
Transcript started, output file is run.log
inside
Transcript stopped, output file is run.log
**********************
Windows PowerShell transcript start
True
True
True
False
Windows PowerShell transcript end
`,
    stderr: text`
WARNING: careful
`,
    exit: [0],
  },
  {
    id: 'C102',
    title: 'Stop-Transcript without a transcript.',
    store: 'F',
    files: {},
    script: text`
Stop-Transcript
"after"
`,
    stdout: text`
after
`,
    stderr: text`
Stop-Transcript : An error occurred stopping transcription: The host is not currently transcribing.
At t.ps1:1 char:1
+ Stop-Transcript
+ ~~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidOperation: (:) [Stop-Transcript], PSInvalidOperationException
    + FullyQualifiedErrorId : InvalidOperation,Stop-Transcript
`,
    exit: [1],
  },
  {
    id: 'C103',
    title: 'Three unsupported constructs and two Lync cmdlets csxmpp does not provide, reported together; the store is untouched.',
    store: 'F',
    files: {'t.ps1': text`
New-CsXmppAllowedPartner -Identity before.example -SaslNegotiation NotSupported | Out-Null
Get-CsPool | Select-Object Identity
do { $i++ } while ($i -lt 3)
Set-CsUser -Identity "Ken Myer" -EnterpriseVoiceEnabled $true
$mask = 5 -band 3
enable-cstopology
`},
    bash: [
      'csxmpp -File t.ps1',
      'csxmpp -c \'(Get-CsXmppAllowedPartner | Measure-Object).Count\'',
    ],
    stdout: text`
0
`,
    stderr: text`
At t.ps1:2 char:1
+ Get-CsPool | Select-Object Identity
+ ~~~~~~~~~~
The Lync Server cmdlet 'Get-CsPool' is not provided by csxmpp.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
At t.ps1:3 char:1
+ do { $i++ } while ($i -lt 3)
+ ~~
do loops are not supported by csxmpp; use while.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
At t.ps1:4 char:33
+ Set-CsUser -Identity "Ken Myer" -EnterpriseVoiceEnabled $true
+                                 ~~~~~~~~~~~~~~~~~~~~~~~
The parameter -EnterpriseVoiceEnabled of Set-CsUser is not supported by csxmpp.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
At t.ps1:5 char:11
+ $mask = 5 -band 3
+           ~~~~~
The '-band' operator is not supported by csxmpp.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
At t.ps1:6 char:1
+ enable-cstopology
+ ~~~~~~~~~~~~~~~~~
The Lync Server cmdlet 'Enable-CsTopology' is not provided by csxmpp.
    + CategoryInfo          : ParserError: (:) [], ParseException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
5 unsupported constructs or commands found; nothing was run.
`,
    exit: [1, 0],
    storeUnchanged: true,
  },
  {
    id: 'C104',
    title: 'A mistyped name fails when it runs; a computed catalogue name too.',
    store: 'F',
    files: {},
    script: text`
Get-CsXmppAlowedPartner
$name = "Get-CsSite"
& $name
"after"
`,
    stdout: text`
after
`,
    stderr: text`
Get-CsXmppAlowedPartner : The term 'Get-CsXmppAlowedPartner' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.
At t.ps1:1 char:1
+ Get-CsXmppAlowedPartner
+ ~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : ObjectNotFound: (Get-CsXmppAlowedPartner:String) [], CommandNotFoundException
    + FullyQualifiedErrorId : CommandNotFoundException
The Lync Server cmdlet 'Get-CsSite' is not provided by csxmpp.
At t.ps1:3 char:3
+ & $name
+   ~~~~~
    + CategoryInfo          : NotImplemented: (Get-CsSite:String) [], NotSupportedException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
`,
    exit: [1],
  },
  {
    id: 'C105',
    title: 'From bash, a catalogue name exits 2.',
    store: 'F',
    files: {},
    bash: [
      'csxmpp Get-CsPool',
      'csxmpp get-cssite -Identity Redmond',
    ],
    stdout: '',
    stderr: text`
The Lync Server cmdlet 'Get-CsPool' is not provided by csxmpp.
    + CategoryInfo          : NotImplemented: (Get-CsPool:String) [], NotSupportedException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
The Lync Server cmdlet 'Get-CsSite' is not provided by csxmpp.
    + CategoryInfo          : NotImplemented: (Get-CsSite:String) [], NotSupportedException
    + FullyQualifiedErrorId : NotSupportedByCsxmpp
`,
    exit: [2, 2],
  },
]

/**
 * PENDING lists the cases that do not pass yet, each with a short reason. They still run (as node:test
 * todo), so they are reported, not hidden; remove an id as soon as its case passes.
 */
export const PENDING: ReadonlyMap<string, string> = new Map<string, string>([
])
