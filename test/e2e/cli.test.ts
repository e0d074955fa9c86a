import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {STORE_P, runAll, spawnCsxmpp, tmpStore, type TempStore} from '../helpers/csxmpp.js'

/**
 * The real executable, spawned as bash would (powershell.md §15 "From bash"). Where the spec checks the
 * result with `csxmpp -c …` (the management shell, a later step), these cases read it back with --json.
 */

async function withStore(kind: 'F' | 'P', body: (store: TempStore) => Promise<void>): Promise<void> {
  const store = tmpStore()
  try {
    if (kind === 'P') await runAll(store, STORE_P)
    await body(store)
  } finally {
    store.cleanup()
  }
}

async function getJson(store: TempStore, argv: string[]): Promise<any[]> {
  const result = await spawnCsxmpp(store, [...argv, '--json'])
  assert.equal(result.code, 0, result.stderr)
  return JSON.parse(result.stdout)
}

test('C1: case, prefixes, -Name:value', () =>
  withStore('F', async (store) => {
    const set = await spawnCsxmpp(store, ['set-csxmppgatewayconfiguration', '-connectionlim', '1200', '-StreamInactivity:300'])
    assert.deepEqual(set, {stdout: '', stderr: '', code: 0})
    const [g] = await getJson(store, ['Get-CsXmppGatewayConfiguration'])
    assert.deepEqual([g.ConnectionLimit, g.StreamInactivityTimeout], [1200, 300])
  }))

test('C2: bash ate an unquoted $true', () =>
  withStore('F', async (store) => {
    const result = await spawnCsxmpp(store, ['Set-CsExternalAccessPolicy', '-Identity', 'Global', '-EnableXmppAccess'])
    assert.deepEqual(result, {
      stdout: '',
      stderr:
        "Set-CsExternalAccessPolicy : Missing an argument for parameter 'EnableXmppAccess'. Specify a parameter of type 'System.Boolean' and try again. In bash, quote PowerShell values: -EnableXmppAccess '$true' or -EnableXmppAccess:'$false'.\n" +
        '    + CategoryInfo          : InvalidArgument: (:) [Set-CsExternalAccessPolicy], ParameterBindingException\n' +
        '    + FullyQualifiedErrorId : MissingArgument,Set-CsExternalAccessPolicy\n',
      code: 2,
    })
    assert.equal(store.bytes(), undefined)
  }))

test('C3: bash ate $false after a colon; the store is unchanged', () =>
  withStore('P', async (store) => {
    const before = store.bytes()
    const result = await spawnCsxmpp(store, ['Remove-CsXmppAllowedPartner', 'a.example', '-Confirm:'])
    assert.equal(result.code, 2)
    assert.equal(
      result.stderr,
      "Remove-CsXmppAllowedPartner : Missing an argument for parameter 'Confirm'. Specify a parameter of type 'System.Management.Automation.SwitchParameter' and try again. In bash, quote PowerShell values: -Confirm or -Confirm:'$false'.\n" +
        '    + CategoryInfo          : InvalidArgument: (:) [Remove-CsXmppAllowedPartner], ParameterBindingException\n' +
        '    + FullyQualifiedErrorId : MissingArgument,Remove-CsXmppAllowedPartner\n',
    )
    assert.equal(store.bytes(), before)
    assert.equal((await getJson(store, ['Get-CsXmppAllowedPartner'])).length, 3)
  }))

test("C4: quoted values and the true/false words", () =>
  withStore('P', async (store) => {
    const a = await spawnCsxmpp(store, ['Set-CsXmppAllowedPartner', 'a.example', '-EnableKeepAlive', 'false', '-SupportDialbackNegotiation:$true'])
    const b = await spawnCsxmpp(store, ['Set-CsExternalAccessPolicy', 'Global', '-EnableFederationAccess', '$true', '-EnableXmppAccess', 'TRUE'])
    assert.deepEqual([a.code, a.stderr, b.code, b.stderr], [0, '', 0, ''])
    const [p] = await getJson(store, ['Get-CsXmppAllowedPartner', 'a.example'])
    const [g] = await getJson(store, ['Get-CsExternalAccessPolicy', 'Global'])
    assert.deepEqual([p.EnableKeepAlive, p.SupportDialbackNegotiation, g.EnableXmppAccess, g.EnableFederationAccess], [false, true, true, true])
  }))

test('C5/C6: ambiguous prefix, unknown parameter, unknown cmdlet exit 2', () =>
  withStore('P', async (store) => {
    const ambiguous = await spawnCsxmpp(store, ['Set-CsXmppAllowedPartner', 'a.example', '-S', 'Optional'])
    const bogus = await spawnCsxmpp(store, ['Get-CsXmppAllowedPartner', '-Bogus', '1'])
    const unknown = await spawnCsxmpp(store, ['Get-CsBar'])
    assert.deepEqual([ambiguous.code, bogus.code, unknown.code], [2, 2, 2])
    assert.match(ambiguous.stderr, /^Set-CsXmppAllowedPartner : Parameter cannot be processed because the parameter name 'S' is ambiguous\. Possible matches include: -SaslNegotiation -SupportDialbackNegotiation\.\n/)
    assert.match(bogus.stderr, /FullyQualifiedErrorId : NamedParameterNotFound,Get-CsXmppAllowedPartner\n$/)
    assert.equal(
      unknown.stderr,
      "Get-CsBar : The term 'Get-CsBar' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\n" +
        '    + CategoryInfo          : ObjectNotFound: (Get-CsBar:String) [], CommandNotFoundException\n' +
        '    + FullyQualifiedErrorId : CommandNotFoundException\n',
    )
  }))

test('C7: a hashtable brace-expanded by bash, then quoted', () =>
  withStore('P', async (store) => {
    const expanded = await spawnCsxmpp(store, ['Set-CsXmppAllowedPartner', 'a.example', '-AdditionalDomains', '@Add=na.a.example', '@eu.a.example'])
    assert.equal(expanded.code, 2)
    assert.match(expanded.stderr, /^Set-CsXmppAllowedPartner : Cannot bind parameter 'AdditionalDomains'\. The value '@Add=na\.a\.example' is a hashtable that bash has brace-expanded\./)
    const quoted = await spawnCsxmpp(store, ['Set-CsXmppAllowedPartner', 'a.example', '-AdditionalDomains', '@{Add="na.a.example","eu.a.example"}'])
    assert.deepEqual([quoted.code, quoted.stderr], [0, ''])
    const [p] = await getJson(store, ['Get-CsXmppAllowedPartner', 'a.example'])
    assert.deepEqual(p.AdditionalDomains, ['na.a.example', 'eu.a.example'])
  }))

test('C8: enum values in any case are stored canonically', () =>
  withStore('P', async (store) => {
    const set = await spawnCsxmpp(store, ['Set-CsXmppAllowedPartner', 'b.example', '-TlsNeg:optional', '-Sasl', 'notsupported', '-PartnerType', 'federated'])
    assert.equal(set.code, 0, set.stderr)
    assert.equal(store.json().xmppAllowedPartners['b.example'].TlsNegotiation, 'Optional')
    const [p] = await getJson(store, ['Get-CsXmppAllowedPartner', 'b.example'])
    assert.deepEqual([p.TlsNegotiation, p.SaslNegotiation, p.PartnerType], ['Optional', 'NotSupported', 'Federated'])
  }))

test('C9: --json', () =>
  withStore('F', async (store) => {
    const set = await spawnCsxmpp(store, ['Set-CsExternalAccessPolicy', '-Identity', 'Global', '-Description', 'Default policy', '-EnableFederationAccess', '$true', '-EnableXmppAccess', '$true', '--json'])
    const get = await spawnCsxmpp(store, ['Get-CsExternalAccessPolicy', '-Identity', 'Global', '--json'])
    assert.equal(
      set.stdout + get.stdout,
      '[]\n[\n  {\n    "Identity": "Global",\n    "Description": "Default policy",\n    "EnableFederationAccess": true,\n    "EnableXmppAccess": true,\n    "EnablePublicCloudAccess": false,\n    "EnablePublicCloudAudioVideoAccess": false,\n    "EnableOutsideAccess": false\n  }\n]\n',
    )
    assert.deepEqual([set.code, get.code], [0, 0])
  }))

test('--json errors are one JSON object per line on stderr', () =>
  withStore('F', async (store) => {
    const result = await spawnCsxmpp(store, ['Get-CsXmppAllowedPartner', 'nope.example', '--json'])
    assert.deepEqual(result, {
      stdout: '[]\n',
      stderr:
        '{"error":{"cmdlet":"Get-CsXmppAllowedPartner","message":"Cannot get \\"XmppAllowedPartner\\" \\"nope.example\\" because it does not exist.","category":"ObjectNotFound","fullyQualifiedErrorId":"ItemNotFound,Get-CsXmppAllowedPartner","targetObject":"nope.example"}}\n',
      code: 1,
    })
  }))

test('help: `help X`, `X -?` and `X --help` print the same Get-Help text', async () => {
  const viaHelp = await spawnCsxmpp(undefined, ['help', 'set-csxmppallowedpartner'])
  const viaQuestion = await spawnCsxmpp(undefined, ['Set-CsXmppAllowedPartner', '-?'])
  const viaFlag = await spawnCsxmpp(undefined, ['SET-CSXMPPALLOWEDPARTNER', '--help'])
  assert.equal(viaHelp.code, 0)
  assert.equal(viaQuestion.stdout, viaHelp.stdout)
  assert.equal(viaFlag.stdout, viaHelp.stdout)
  assert.match(viaHelp.stdout, /^NAME\n    Set-CsXmppAllowedPartner\n\nSYNOPSIS\n    Changes an XMPP federation partner\.\n/)
  assert.match(viaHelp.stdout, /\nSYNTAX\n    Set-CsXmppAllowedPartner \[-Identity\] <XdsGlobalRelativeIdentity> /)
  assert.match(viaHelp.stdout, /\n    -TlsNegotiation \{Required \| Optional \| NotSupported\}\n/)
  assert.match(viaHelp.stdout, /-------------------------- Example 1 --------------------------\n\n    Set-CsXmppAllowedPartner -Identity "contoso.com" -SupportDialbackNegotiation \$False\n/)
})

test('help: unknown name, the cmdlet list, usage, version, unknown options', async () => {
  const unknown = await spawnCsxmpp(undefined, ['help', 'Get-CsBar'])
  assert.equal(unknown.code, 1)
  assert.equal(unknown.stderr.split('\n')[0], 'Get-Help : Get-Help could not find Get-CsBar in a help file in this session.')
  const list = await spawnCsxmpp(undefined, ['help'])
  assert.match(list.stdout, /^\nCommandType     Name {47}Version    Source\n-----------     ----/)
  assert.match(list.stdout, /\nCmdlet          Set-CsXmppAllowedPartner {27}\d+\.\d+\.\d+ +Lync\n/)
  const usage = await spawnCsxmpp(undefined, ['--help'])
  assert.match(usage.stdout, /^csxmpp: the Lync Server 2013 XMPP federation cmdlets, on Linux\./)
  const version = await spawnCsxmpp(undefined, ['--version'])
  assert.match(version.stdout, /^csxmpp \d+\.\d+\.\d+\n$/)
  const option = await spawnCsxmpp(undefined, ['-Bogus'])
  assert.deepEqual(option, {stdout: '', stderr: "csxmpp: unknown option '-Bogus'. Run 'csxmpp --help' for usage.\n", code: 2})
  const word = await spawnCsxmpp(undefined, ['Get-CsUser', '--force'])
  assert.deepEqual(word, {stdout: '', stderr: "csxmpp: unknown option '--force'.\n", code: 2})
})

test('host option -WhatIf applies to the cmdlet', () =>
  withStore('P', async (store) => {
    const before = store.bytes()
    const result = await spawnCsxmpp(store, ['-WhatIf', 'Remove-CsXmppAllowedPartner', 'a.example'])
    assert.deepEqual(result, {stdout: 'What if: Performing the operation "Remove-CsXmppAllowedPartner" on target "a.example".\n', stderr: '', code: 0})
    assert.equal(store.bytes(), before)
  }))

test('-File arguments follow the argv rules: typographic dashes and quotes, an integer for a [bool] (§1.4, §2.9)', () =>
  withStore('F', async (store) => {
    writeFileSync(path.join(store.dir, 'p.ps1'), 'param([string]$Domain, [bool]$On, [switch]$Force, [int]$N)\n"$Domain $On $Force $N"\n')
    writeFileSync(path.join(store.dir, 'a.ps1'), '$args -join "|"\n')
    const bound = await spawnCsxmpp(store, ['\u2014File', 'p.ps1', '\u2013Domain', '\u2018x.example\u2019', '\u2013On', '0', '\u2013Force:1', '\u2013N', '\u20135'])
    assert.deepEqual(bound, {stdout: 'x.example False True -5\n', stderr: '', code: 0})
    // A script without a param() block gets its arguments as strings in $args.
    const rest = await spawnCsxmpp(store, ['-File', 'a.ps1', '\u2013x', '\u2018q\u2019', 'r'])
    assert.deepEqual(rest, {stdout: '-x|\u2018q\u2019|r\n', stderr: '', code: 0})
  }))
