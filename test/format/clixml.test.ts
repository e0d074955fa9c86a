import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import type {ExternalAccessPolicyRecord, XmppAllowedPartnerRecord} from '../../store/index.js'
import {toEnum} from '../../src/binding/convert.js'
import {policyObject} from '../../src/cmdlets/external-access-policy/object.js'
import {SECRET_MASK, TLS_NEGOTIATION, TYPE_NAMES} from '../../src/cmdlets/lync-types.js'
import {partnerObject} from '../../src/cmdlets/xmpp-allowed-partner/object.js'
import {readClixml} from '../../src/format/clixml-read.js'
import {writeClixml} from '../../src/format/clixml-write.js'
import {PSArrayList, PSEnumValue, PSHashtable, PSList, PSObject, PSTimeSpan} from '../../src/values/objects.js'
import {GMAIL} from '../helpers/lync-records.js'

// powershell.md §12: Export-Clixml's writer, and what Import-Clixml makes of its output.

process.env.TZ = 'Europe/Berlin' // DateTime is local time (§4.1); a fixed zone makes the offsets known.

const HEAD = '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">'
const golden = (name: string) => readFileSync(new URL(`../golden/clixml/${name}`, import.meta.url), 'utf8')
const roundTrip = (values: unknown[], depth?: number) => readClixml(Buffer.from(writeClixml(values, depth === undefined ? {} : {depth})))
const document = (...lines: string[]) => [HEAD, ...lines, '</Objs>'].join('\n')

const CONTOSO: XmppAllowedPartnerRecord = {
  ...GMAIL,
  Identity: 'jabber.contoso.com',
  TlsNegotiation: 'Required',
  SaslNegotiation: 'Optional',
  AdditionalDomains: [],
  ProxyFqdn: 'xmpp.contoso.com:5269',
  Description: 'Contoso <XCP> & friends',
  PartnerType: 'Federated',
  ConnectionLimit: 1000000,
  EnableKeepAlive: true,
}
const FEDPIC: ExternalAccessPolicyRecord = {
  Identity: 'Tag:FedPic',
  Description: null,
  EnableFederationAccess: true,
  EnableXmppAccess: true,
  EnablePublicCloudAccess: true,
  EnablePublicCloudAudioVideoAccess: false,
  EnableOutsideAccess: false,
}

/** gatewayObject is built as Get-CsXmppGatewayConfiguration builds it (cmdlets.md A3.3). */
function gatewayObject(passphrase: string | null): PSObject {
  const object = new PSObject(TYPE_NAMES.XmppGatewaySettings).addProperty('Identity', 'Global', {readOnly: true})
  const limits: Array<[string, number]> = [['ConnectionLimit', 1000], ['PartnerConnectionLimit', 20], ['KeepAliveInterval', 300], ['StreamEstablishmentTimeout', 60], ['StreamInactivityTimeout', 600], ['SubscriptionRefreshInterval', 28800]]
  for (const [name, value] of limits) object.addProperty(name, value, {type: {kind: 'UInt32'}})
  object.addProperty('DialbackPassphrase', passphrase, {type: {kind: 'String'}})
  return object.addProperty('EnableLoggingAllMessageBodies', false, {type: {kind: 'Boolean'}})
}

/** plain lists an object's properties with enums as their names, for comparisons. */
function plain(value: unknown): Record<string, unknown> {
  assert.ok(value instanceof PSObject)
  return Object.fromEntries(value.properties().map(([name, v]) => [name, v instanceof PSEnumValue ? v.name : v]))
}

function expectedPartner(record: XmppAllowedPartnerRecord): Record<string, unknown> {
  const {Identity, ...rest} = record
  return {Identity, Domain: Identity, ...rest}
}

test('§12.7: one XmppAllowedPartner is written byte for byte', () => {
  assert.equal(writeClixml([partnerObject(GMAIL)]), golden('gmail.xml'))
})

test('§12.8: one ExternalAccessPolicy is written byte for byte', () => {
  assert.equal(writeClixml([policyObject(FEDPIC)]), golden('fedpic.xml'))
})

test('§12.7: a second partner continues the Obj RefIds and refers to the five TN lists by TNRef', () => {
  const text = writeClixml([partnerObject(GMAIL), partnerObject(CONTOSO)])
  const second = text.slice(text.indexOf('  <Obj RefId="5">'))
  assert.deepEqual([...text.matchAll(/<Obj[^>]* RefId="(\d+)"/g)].map((m) => m[1]), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
  assert.deepEqual([...second.matchAll(/<TNRef RefId="(\d+)" \/>/g)].map((m) => m[1]), ['0', '1', '2', '3', '4'])
  assert.equal([...text.matchAll(/<TN RefId/g)].length, 5)
  assert.ok(second.includes('      <Obj N="AdditionalDomains" RefId="8">\n        <TNRef RefId="3" />\n        <LST />\n      </Obj>'))
  assert.ok(second.includes('<S N="Description">Contoso &lt;XCP&gt; &amp; friends</S>'))
  assert.ok(second.includes('<U32 N="ConnectionLimit">1000000</U32>'))
})

test('§12.8: an empty description is an empty S, and reads back as ""', () => {
  const text = writeClixml([policyObject({...FEDPIC, Description: ''})])
  assert.ok(text.includes('\n      <S N="Description"></S>\n'))
  assert.equal((readClixml(Buffer.from(text))[0] as PSObject).get('Description'), '')
})

test('the document ends with </Objs> and no newline; an empty document is the root alone', () => {
  assert.ok(writeClixml([1]).endsWith('\n</Objs>'))
  assert.equal(writeClixml([]), `${HEAD}\n</Objs>`)
})

test('partners and policies read back as deserialized objects with the same values', () => {
  const [gmail, contoso, policy] = roundTrip([partnerObject(GMAIL), partnerObject(CONTOSO), policyObject(FEDPIC)])
  assert.deepEqual(plain(gmail), expectedPartner(GMAIL))
  assert.deepEqual(plain(contoso), expectedPartner(CONTOSO))
  assert.deepEqual(plain(policy), FEDPIC)
  assert.deepEqual((gmail as PSObject).typeNames, TYPE_NAMES.XmppAllowedPartner.map((t) => `Deserialized.${t}`))
  assert.deepEqual((policy as PSObject).typeNames, TYPE_NAMES.ExternalAccessPolicy.map((t) => `Deserialized.${t}`))
})

test('a deserialized enum binds to the live enum by name (binding toEnum)', () => {
  const tls = (roundTrip([partnerObject(CONTOSO)])[0] as PSObject).get('TlsNegotiation')
  assert.ok(tls instanceof PSEnumValue)
  assert.deepEqual([tls.type.fullName, tls.name], [TLS_NEGOTIATION.fullName, 'Required'])
  const bound = toEnum(tls, TLS_NEGOTIATION)
  assert.equal(bound.type, TLS_NEGOTIATION)
  assert.equal(bound.name, 'Required')
  const other = new PSEnumValue({fullName: 'Other.Enum', names: ['Required']}, 'Required')
  assert.throws(() => toEnum(other, TLS_NEGOTIATION), /Cannot convert value "Required" to type "Microsoft\.Rtc\.Management\.WritableConfig\.Settings\.XmppFederation\.TlsNegotiation"/)
})

test('a deserialized partner is written again with its Deserialized. names, ToString and Props', () => {
  const again = writeClixml(roundTrip([partnerObject(GMAIL)]))
  const lines = again.split('\n')
  assert.deepEqual(lines.slice(3, 6).map((l) => l.trim()), [
    '<T>Deserialized.Microsoft.Rtc.Management.WritableConfig.Settings.XmppFederation.XmppAllowedPartner#Decorated</T>',
    '<T>Deserialized.Microsoft.Rtc.Management.WritableConfig.Settings.XmppFederation.XmppAllowedPartner</T>',
    '<T>Deserialized.System.Object</T>',
  ])
  assert.deepEqual(lines.slice(7, 10), ['    <ToString>gmail.com</ToString>', '    <Props>', '      <S N="Identity">gmail.com</S>'])
  assert.deepEqual(plain(readClixml(Buffer.from(again))[0]), expectedPartner(GMAIL))
})

test('XmppGatewaySettings: UInt32 limits as U32, the passphrase masked or Nil (A3.3)', () => {
  const text = writeClixml([gatewayObject(SECRET_MASK)])
  const props = text.split('\n').slice(7, 18).map((l) => l.trim())
  assert.deepEqual(props, [
    '<Props>',
    '<S N="Identity">Global</S>',
    '<U32 N="ConnectionLimit">1000</U32>',
    '<U32 N="PartnerConnectionLimit">20</U32>',
    '<U32 N="KeepAliveInterval">300</U32>',
    '<U32 N="StreamEstablishmentTimeout">60</U32>',
    '<U32 N="StreamInactivityTimeout">600</U32>',
    '<U32 N="SubscriptionRefreshInterval">28800</U32>',
    '<S N="DialbackPassphrase">********</S>',
    '<B N="EnableLoggingAllMessageBodies">false</B>',
    '</Props>',
  ])
  assert.ok(writeClixml([gatewayObject(null)]).includes('\n      <Nil N="DialbackPassphrase" />\n'))
  assert.deepEqual(plain(roundTrip([gatewayObject(SECRET_MASK)])[0]), plain(gatewayObject(SECRET_MASK)))
})

test('an enum property holding a name as a string is still written as the enum (§12.6)', () => {
  const partner = partnerObject(GMAIL)
  partner.set('PartnerType', 'federated')
  assert.ok(writeClixml([partner]).includes('<ToString>Federated</ToString>\n        <I32>0</I32>'))
})

test('PSCustomObject: its type names, members in MS, no ToString; nested ones share the TN', () => {
  const inner = new PSObject(['System.Management.Automation.PSCustomObject', 'System.Object']).addProperty('A', null)
  const outer = new PSObject(['System.Management.Automation.PSCustomObject', 'System.Object']).addProperty('Name', 'x').addProperty('Count', 3).addProperty('Nested', inner)
  assert.equal(
    writeClixml([outer, new PSObject([])]),
    document(
      '  <Obj RefId="0">',
      '    <TN RefId="0">',
      '      <T>System.Management.Automation.PSCustomObject</T>',
      '      <T>System.Object</T>',
      '    </TN>',
      '    <MS>',
      '      <S N="Name">x</S>',
      '      <I32 N="Count">3</I32>',
      '      <Obj N="Nested" RefId="1">',
      '        <TNRef RefId="0" />',
      '        <MS>',
      '          <Nil N="A" />',
      '        </MS>',
      '      </Obj>',
      '    </MS>',
      '  </Obj>',
      '  <Obj RefId="2">',
      '    <TNRef RefId="0" />',
      '  </Obj>',
    ),
  )
  const [read] = roundTrip([outer])
  assert.deepEqual((read as PSObject).typeNames, ['Deserialized.System.Management.Automation.PSCustomObject', 'Deserialized.System.Object'])
  assert.deepEqual(plain((read as PSObject).get('Nested')), {A: null})
  assert.equal((read as PSObject).get('Count'), 3)
})

test('Select-Object output keeps its Selected. type names and is written with MS', () => {
  const selected = new PSObject(['Selected.Microsoft.Rtc.Management.WritableConfig.Settings.XmppFederation.XmppAllowedPartner#Decorated', 'System.Management.Automation.PSCustomObject', 'System.Object'])
  selected.addProperty('Identity', 'gmail.com')
  const lines = writeClixml([selected]).split('\n')
  assert.equal(lines[3], '      <T>Selected.Microsoft.Rtc.Management.WritableConfig.Settings.XmppFederation.XmppAllowedPartner#Decorated</T>')
  assert.deepEqual(lines.slice(7, 10), ['    <MS>', '      <S N="Identity">gmail.com</S>', '    </MS>'])
})

test('Hashtable: DCT with En entries in insertion order; reads back as a hashtable', () => {
  const table = new PSHashtable()
  table.set('b', 1)
  table.set('A', 'x')
  const text = writeClixml([table])
  assert.equal(
    text,
    document(
      '  <Obj RefId="0">',
      '    <TN RefId="0">',
      '      <T>System.Collections.Hashtable</T>',
      '      <T>System.Object</T>',
      '    </TN>',
      '    <DCT>',
      '      <En>',
      '        <S N="Key">b</S>',
      '        <I32 N="Value">1</I32>',
      '      </En>',
      '      <En>',
      '        <S N="Key">A</S>',
      '        <S N="Value">x</S>',
      '      </En>',
      '    </DCT>',
      '  </Obj>',
    ),
  )
  const [read] = readClixml(Buffer.from(text))
  assert.ok(read instanceof PSHashtable)
  assert.deepEqual(read.entries(), [['b', 1], ['A', 'x']])
})

test('lists: Object[], List<String> and ArrayList type names, LST items, <LST /> when empty', () => {
  const text = writeClixml([[1, 'a', []], PSList.listOf(['x']), PSArrayList.from([true])])
  const tn = [...text.matchAll(/<T>([^<]*)<\/T>/g)].map((m) => m[1])
  assert.deepEqual(tn, [
    'System.Object[]',
    'System.Array',
    'System.Object',
    'System.Collections.Generic.List`1[[System.String, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]',
    'System.Object',
    'System.Collections.ArrayList',
    'System.Object',
  ])
  assert.ok(text.includes('      <Obj RefId="1">\n        <TNRef RefId="0" />\n        <LST />\n      </Obj>'))
  assert.deepEqual(readClixml(Buffer.from(text)), [[1, 'a', []], ['x'], [true]])
})

const SCALARS: ReadonlyArray<[unknown, string]> = [
  [null, '<Nil />'],
  ['', '<S></S>'],
  [true, '<B>true</B>'],
  [2147483647, '<I32>2147483647</I32>'],
  [-2147483649, '<I64>-2147483649</I64>'],
  [2 ** 53, '<I64>9007199254740992</I64>'],
  [1.5, '<Db>1.5</Db>'],
  [0.0001, '<Db>0.0001</Db>'],
  [Infinity, '<Db>INF</Db>'],
  [-Infinity, '<Db>-INF</Db>'],
  [Number.NaN, '<Db>NaN</Db>'],
  [new PSEnumValue(TLS_NEGOTIATION, 'Optional'), '<Obj RefId="0">'],
  [{isScriptBlock: true, text: ' $_.Identity -like "*.com" '}, '<SBK> $_.Identity -like "*.com" </SBK>'],
]

for (const [value, element] of SCALARS) {
  test(`a top-level value is written as ${element}`, () => {
    assert.equal(writeClixml([value]).split('\n')[1], `  ${element}`)
  })
}

test('numbers read back as written', () => {
  const values = [2147483647, -2147483649, 1.5, 1e20, 2 ** 64, 1e-7, Infinity, -Infinity]
  assert.deepEqual(roundTrip(values), values)
  assert.ok(Number.isNaN(roundTrip([Number.NaN])[0]))
})

const DATES: ReadonlyArray<[Date, string]> = [
  [new Date(2013, 1, 21, 10, 15, 0, 123), '2013-02-21T10:15:00.123+01:00'],
  [new Date(2013, 6, 1, 8, 0, 0, 0), '2013-07-01T08:00:00+02:00'],
  [new Date(2013, 6, 1, 8, 0, 5, 500), '2013-07-01T08:00:05.5+02:00'],
]

for (const [date, text] of DATES) {
  test(`DateTime ${text}: the round-trip form with the local offset, trailing zeros dropped as XmlConvert does`, () => {
    assert.equal(writeClixml([date]).split('\n')[1], `  <DT>${text}</DT>`)
    assert.equal((roundTrip([date])[0] as Date).getTime(), date.getTime())
  })
}

const SPANS: ReadonlyArray<[number, string]> = [
  [8 * 36_000_000_000, 'PT8H'],
  [25_361_946, 'PT2.5361946S'],
  [864_000_000_000 + 90_000_000_000, 'P1DT2H30M'],
  [0, 'PT0S'],
  [-3_000_000_000, '-PT5M'],
  [864_000_000_000, 'P1D'],
  [1, 'PT0.0000001S'],
  [905_000_000, 'PT1M30.5S'],
]

for (const [ticks, text] of SPANS) {
  test(`TimeSpan of ${ticks} ticks is ${text} and reads back`, () => {
    assert.equal(writeClixml([new PSTimeSpan(ticks)]).split('\n')[1], `  <TS>${text}</TS>`)
    assert.equal((roundTrip([new PSTimeSpan(ticks)])[0] as PSTimeSpan).ticks, ticks)
  })
}

test('strings and property names needing _xHHHH_ survive the round trip', () => {
  const text = 'Line 1\r\nLine 2\t_x0041_ <&> "q" 😀'
  const object = new PSObject([]).addProperty('odd\nname', text)
  const written = writeClixml([object, text])
  assert.ok(written.includes('<S N="odd_x000A_name">Line 1_x000D__x000A_Line 2_x0009__x005F_x0041_ &lt;&amp;&gt; "q" 😀</S>'))
  const [read, top] = readClixml(Buffer.from(written))
  assert.deepEqual(plain(read), {'odd\nname': text})
  assert.equal(top, text)
})

test('-Depth 1: a partner’s enums become strings; lists are still expanded (PowerShell counts only adapted properties)', () => {
  const text = writeClixml([partnerObject(GMAIL)], {depth: 1})
  assert.ok(text.includes('\n      <S N="TlsNegotiation">NotSupported</S>\n'))
  assert.ok(text.includes('\n      <S N="PartnerType">PublicUnverified</S>\n'))
  assert.ok(text.includes('        <LST>\n          <S>googlemail.com</S>\n        </LST>'))
})

test('-Depth: PSCustomObject members and list items cost no level; adapted properties do (COMPAT(powershell))', () => {
  const custom = (name: string, value: unknown) => new PSObject(['System.Management.Automation.PSCustomObject', 'System.Object']).addProperty(name, value)
  const deep = custom('a', custom('b', custom('c', custom('d', 1))))
  assert.deepEqual(plain(plain(plain(plain(roundTrip([deep], 1)[0]).a).b).c), {d: 1})
  const table = new PSHashtable()
  table.set('partner', partnerObject(GMAIL))
  assert.ok(writeClixml([[table]], {depth: 2}).includes('<ToString>NotSupported</ToString>'))
  const holder = new PSObject(['Deserialized.Contoso.Report', 'Deserialized.System.Object']).addProperty('Inner', custom('a', 1))
  assert.ok(writeClixml([holder], {depth: 1}).includes('\n      <S N="Inner">@{a=1}</S>\n'))
  assert.equal(writeClixml([partnerObject(GMAIL)], {depth: 0}).split('\n')[1], '  <S>gmail.com</S>')
})
