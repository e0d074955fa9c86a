import assert from 'node:assert/strict'
import {readFileSync, readdirSync} from 'node:fs'
import {test} from 'node:test'
import {partnerObject} from '../../src/cmdlets/xmpp-allowed-partner/object.js'
import {ClixmlError, readClixml} from '../../src/format/clixml-read.js'
import {writeClixml} from '../../src/format/clixml-write.js'
import {PSEnumValue, PSHashtable, PSObject} from '../../src/values/objects.js'
import {GMAIL} from '../helpers/lync-records.js'

// powershell.md §12.1–§12.5: Import-Clixml's reader, including Lync 2013 exports.

process.env.TZ = 'Europe/Berlin'

const NS = 'http://schemas.microsoft.com/powershell/2004/04'
const objs = (body: string) => `<Objs Version="1.1.0.1" xmlns="${NS}">${body}</Objs>`
const read = (body: string) => readClixml(Buffer.from(objs(body)))
const XMPP = 'Microsoft.Rtc.Management.WritableConfig.Settings.XmppFederation'
const ROOT_ERROR = `Element 'Objs' with namespace name '${NS}' was not found.`

function throwsClixml(run: () => unknown, message: string): void {
  assert.throws(run, (error: unknown) => error instanceof ClixmlError && error.message === message)
}

function plain(value: unknown): Record<string, unknown> {
  assert.ok(value instanceof PSObject)
  return Object.fromEntries(value.properties().map(([name, v]) => [name, v instanceof PSEnumValue ? v.name : v]))
}

test('§12.2: every primitive element reads as its import value', () => {
  const values = read(
    '<S>a</S><B>true</B><B>false</B><I32>-5</I32><I16>7</I16><SB>-1</SB><By>255</By><U16>65535</U16><U32>4294967295</U32>' +
      '<I64>-9007199254740991</I64><U64>18446744073709551615</U64><Db>1.5</Db><Db>1E+20</Db><Db>INF</Db><Db>-INF</Db><Sg>0.5</Sg><D>12.25</D>' +
      '<C>65</C><G>6f1a9f3e-25c4-4c2e-9b3b-0d4c2f7a1b11</G><URI>http://contoso.com/</URI><Version>1.2.3.4</Version>' +
      '<SBK>$a + 1</SBK><XD>&lt;a /&gt;</XD><BA>AQID</BA><Nil />',
  )
  assert.deepEqual(values, [
    'a', true, false, -5, 7, -1, 255, 65535, 4294967295, -9007199254740991, 18446744073709551615, 1.5, 1e20, Infinity, -Infinity, 0.5, 12.25,
    'A', '6f1a9f3e-25c4-4c2e-9b3b-0d4c2f7a1b11', 'http://contoso.com/', '1.2.3.4', '$a + 1', '<a />', [1, 2, 3], null,
  ])
  assert.ok(Number.isNaN(read('<Db>NaN</Db>')[0]))
})

test('§12.2: DT keeps the instant whatever the offset; TS reads xs:duration', () => {
  const [withOffset, utc, local, span] = read('<DT>2013-02-21T10:15:00.1234567+01:00</DT><DT>2013-02-21T09:15:00Z</DT><DT>2013-02-21T10:15:00</DT><TS>P1DT2H30M15.5S</TS>')
  assert.equal((withOffset as Date).getTime(), Date.UTC(2013, 1, 21, 9, 15, 0, 123))
  assert.equal((utc as Date).getTime(), Date.UTC(2013, 1, 21, 9, 15, 0))
  assert.equal((local as Date).getTime(), Date.UTC(2013, 1, 21, 9, 15, 0))
  assert.equal((span as {ticks: number}).ticks, ((26 * 60 + 30) * 60 + 15.5) * 10_000_000)
})

test('strings keep their white space, CDATA and _xHHHH_ escapes', () => {
  assert.deepEqual(read('<S>  two  spaces </S><S><![CDATA[<raw> & ]]></S><S>a_x000D__x000a_b</S><S></S>'), ['  two  spaces ', '<raw> & ', 'a\r\nb', ''])
})

test('§12.3: TNRef and Ref are resolved', () => {
  const [first, second, again] = read(
    '<Obj RefId="0"><TN RefId="0"><T>Contoso.Thing</T><T>System.Object</T></TN><ToString>x</ToString><MS><S N="Name">one</S></MS></Obj>' +
      '<Obj RefId="1"><TNRef RefId="0" /><MS><S N="Name">two</S></MS></Obj>' +
      '<Ref RefId="0" />',
  )
  assert.deepEqual((second as PSObject).typeNames, ['Deserialized.Contoso.Thing', 'Deserialized.System.Object'])
  assert.equal(again, first)
  assert.deepEqual(plain(first), {Name: 'one'})
})

test('§12.3: Props then MS become properties in document order; Deserialized. names are not doubled', () => {
  const [object] = read(
    '<Obj RefId="0"><TN RefId="0"><T>Deserialized.Contoso.Thing</T><T>Deserialized.System.Object</T></TN>' +
      '<Props><I32 N="A">1</I32><S N="B">b</S></Props><MS><B N="C">true</B></MS></Obj>',
  )
  assert.deepEqual((object as PSObject).typeNames, ['Deserialized.Contoso.Thing', 'Deserialized.System.Object'])
  assert.deepEqual(plain(object), {A: 1, B: 'b', C: true})
})

test('§12.3: lists, dictionaries, enums, TN+ToString objects and extended primitives', () => {
  const tn = (id: number, ...names: string[]) => `<TN RefId="${id}">${names.map((n) => `<T>${n}</T>`).join('')}</TN>`
  const values = read(
    `<Obj RefId="0">${tn(0, 'System.Collections.ArrayList', 'System.Object')}<LST><I32>1</I32><Nil /></LST></Obj>` +
      `<Obj RefId="1">${tn(1, 'System.Collections.Generic.Stack`1', 'System.Object')}<STK><S>a</S></STK></Obj>` +
      `<Obj RefId="2">${tn(2, 'System.Collections.Queue', 'System.Object')}<QUE /></Obj>` +
      `<Obj RefId="3">${tn(3, 'Contoso.Items', 'System.Object')}<IE><S>x</S></IE><Props><I32 N="Count">1</I32></Props></Obj>` +
      `<Obj RefId="4">${tn(4, 'System.Collections.Hashtable', 'System.Object')}<DCT><En><S N="Key">k</S><Obj N="Value" RefId="5"><TNRef RefId="0" /><LST /></Obj></En></DCT></Obj>` +
      `<Obj RefId="6">${tn(5, `${XMPP}.PartnerType`, 'System.Enum', 'System.ValueType', 'System.Object')}<ToString>Federated</ToString><I32>0</I32></Obj>` +
      `<Obj RefId="7">${tn(6, 'Microsoft.Rtc.Management.Xds.XdsIdentity', 'System.Object')}<ToString>Tag:FedPic</ToString></Obj>` +
      `<Obj RefId="8">${tn(7, 'System.String', 'System.Object')}<ToString>abc</ToString><S>abc</S><MS><I32 N="Extra">1</I32></MS></Obj>`,
  )
  assert.deepEqual(values.slice(0, 4), [[1, null], ['a'], [], ['x']])
  assert.ok(values[4] instanceof PSHashtable)
  assert.deepEqual(values[4].entries(), [['k', []]])
  assert.ok(values[5] instanceof PSEnumValue)
  assert.deepEqual([values[5].type, values[5].name], [{fullName: `${XMPP}.PartnerType`, names: ['Federated']}, 'Federated'])
  assert.deepEqual(values.slice(6), ['Tag:FedPic', 'abc'])
})

test('a re-exported deserialized enum (Deserialized. type names) is still an enum of the live type name', () => {
  const [value] = read(`<Obj RefId="0"><TN RefId="0"><T>Deserialized.${XMPP}.TlsNegotiation</T><T>Deserialized.System.Enum</T></TN><ToString>Optional</ToString><I32>1</I32></Obj>`)
  assert.ok(value instanceof PSEnumValue)
  assert.deepEqual([value.type.fullName, value.name], [`${XMPP}.TlsNegotiation`, 'Optional'])
})

test('§12.1: a root other than Objs in the PowerShell namespace is refused with PowerShell’s message', () => {
  for (const text of ['<Objects />', '<Objs Version="1.1.0.1"><S>a</S></Objs>', '<Objs xmlns="urn:other" />', `<x:Objs xmlns:x="urn:other" />`, `<objs xmlns="${NS}" />`]) {
    throwsClixml(() => readClixml(Buffer.from(text)), ROOT_ERROR)
  }
})

test('§12.2: a SecureString is refused with csxmpp’s message', () => {
  throwsClixml(
    () => read('<Obj RefId="0"><MS><SS N="Password">01000000d08c9ddf0115d1118c7a00c04fc297eb</SS></MS></Obj>'),
    'SecureString values (exported credentials) are not supported by csxmpp: they can only be decrypted by the Windows account that exported them.',
  )
})

test('malformed XML is a ClixmlError with the XML parser’s message (line:column: what)', () => {
  throwsClixml(() => readClixml(Buffer.from(`<Objs xmlns="${NS}"><S>a</S>`)), '1:70: unclosed tag: Objs')
  throwsClixml(() => readClixml(Buffer.from(`<Objs xmlns="${NS}">\n<S>a</B></Objs>`)), '2:8: unexpected close tag.')
  throwsClixml(() => readClixml(Buffer.from('')), '1:0: document must contain a root element.')
})

const TEXT = `<?xml version="1.0" encoding="utf-16"?>\r\n${objs('\r\n  <S>Müller – 東京 😀</S>\r\n')}`
const ENCODINGS: ReadonlyArray<[string, Uint8Array]> = [
  ['UTF-16 LE with BOM (Windows PowerShell 5.1)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
  ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()])],
  ['UTF-16 LE without BOM', Buffer.from(TEXT, 'utf16le')],
  ['UTF-16 BE without BOM', Buffer.from(TEXT, 'utf16le').swap16()],
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT.replace('utf-16', 'utf-8'))])],
  ['UTF-8 without declaration', Buffer.from(objs('<S>Müller – 東京 😀</S>'))],
]

for (const [what, bytes] of ENCODINGS) {
  test(`encoding: ${what}`, () => {
    assert.deepEqual(readClixml(bytes), ['Müller – 東京 😀'])
  })
}

test('encoding: an 8-bit encoding named by the XML declaration', () => {
  // Byte 0xA4 is € in ISO-8859-15 (¤ in ISO-8859-1); the file is not valid UTF-8.
  const bytes = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-15"?>${objs('<S>M\u00fcller \u00a4</S>')}`, 'latin1')
  assert.deepEqual(readClixml(bytes), ['Müller €'])
})


/** A partner as a Lync 2013 server exports it (§12.5): identity objects, extra base types and members, Refs. */
const LYNC_GMAIL = objs(`
  <Obj RefId="0">
    <TN RefId="0">
      <T>${XMPP}.XmppAllowedPartner#Decorated</T>
      <T>${XMPP}.XmppAllowedPartner</T>
      <T>Microsoft.Rtc.Management.Xds.XdsConfigurationObject</T>
      <T>System.Object</T>
    </TN>
    <ToString>gmail.com</ToString>
    <Props>
      <Nil N="XsAnyElements" />
      <Obj N="Identity" RefId="1">
        <TN RefId="1">
          <T>Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity</T>
          <T>Microsoft.Rtc.Management.Xds.XdsIdentity</T>
          <T>System.Object</T>
        </TN>
        <ToString>gmail.com</ToString>
        <Props>
          <S N="ScopeClass">Global</S>
          <S N="Name">gmail.com</S>
        </Props>
      </Obj>
      <Ref N="Domain" RefId="1" />
      <Obj N="TlsNegotiation" RefId="2">
        <TN RefId="2"><T>${XMPP}.TlsNegotiation</T><T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN>
        <ToString>NotSupported</ToString>
        <I32>2</I32>
      </Obj>
      <Obj N="SaslNegotiation" RefId="3">
        <TN RefId="3"><T>${XMPP}.SaslNegotiation</T><T>System.Object</T></TN>
        <ToString>NotSupported</ToString>
        <I32>2</I32>
      </Obj>
      <B N="SupportDialbackNegotiation">true</B>
      <Obj N="AdditionalDomains" RefId="4">
        <TN RefId="4"><T>System.Collections.ArrayList</T><T>System.Object</T></TN>
        <IE>
          <S>googlemail.com</S>
        </IE>
      </Obj>
      <Nil N="ProxyFqdn" />
      <Obj N="Description" RefId="5">
        <TN RefId="5"><T>System.String</T><T>System.Object</T></TN>
        <ToString>Google Talk</ToString>
        <S>Google Talk</S>
        <MS><S N="Note">an extended string</S></MS>
      </Obj>
      <Obj N="PartnerType" RefId="6">
        <TN RefId="6"><T>${XMPP}.PartnerType</T><T>System.ValueType</T></TN>
        <ToString>PublicUnverified</ToString>
        <Props><I32 N="value__">2</I32></Props>
      </Obj>
      <U32 N="ConnectionLimit">20</U32>
      <B N="EnableKeepAlive">false</B>
      <Ref N="Anchor" RefId="1" />
    </Props>
  </Obj>`)

test('§12.5: a Lync-server-style export reads to the values csxmpp’s own export reads to', () => {
  const [lync] = readClixml(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LYNC_GMAIL.replaceAll('\n', '\r\n'), 'utf16le')]))
  const [ours] = readClixml(Buffer.from(writeClixml([partnerObject(GMAIL)])))
  const known = Object.keys(plain(ours))
  const lyncValues = plain(lync)
  assert.deepEqual(Object.fromEntries(known.map((k) => [k, lyncValues[k]])), plain(ours))
  // Unknown members stay on the object (rule 3); a Ref to an identity object outside the A3 scalars stays an object.
  assert.equal(lyncValues.XsAnyElements, null)
  assert.deepEqual((lyncValues.Anchor as PSObject).typeNames[0], 'Deserialized.Microsoft.Rtc.Management.Xds.XdsGlobalRelativeIdentity')
})

test('§12.5 rule 2 applies only to recognised Lync types', () => {
  const [object] = read(
    '<Obj RefId="0"><TN RefId="0"><T>Contoso.Partner</T></TN><Props><Obj N="Identity" RefId="1"><TN RefId="1"><T>Contoso.Id</T></TN><ToString>x</ToString><Props><S N="Name">x</S></Props></Obj></Props></Obj>',
  )
  assert.ok((object as PSObject).get('Identity') instanceof PSObject)
})

const EXAMPLES = new URL('../../examples/lync2013/', import.meta.url)
const exampleObjects = (name: string) => readClixml(readFileSync(new URL(name, EXAMPLES))) as PSObject[]

test('examples/lync2013: every .xml file reads to recognised Lync objects with string identities', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.xml'))
  assert.deepEqual(files.sort(), ['gateway.xml', 'partners.xml', 'policies.xml'])
  for (const file of files) {
    for (const object of exampleObjects(file)) {
      assert.ok(object.typeNames[0]?.startsWith('Deserialized.Microsoft.Rtc.Management.WritableConfig.'), file)
      assert.equal(typeof object.get('Identity'), 'string', file)
    }
  }
})

test('examples/lync2013/partners.xml: identities, enums, lists and nulls', () => {
  const partners = exampleObjects('partners.xml')
  assert.deepEqual(partners.map((p) => p.get('Identity')), ['gmail.com', 'jabber.org', 'fabrikam.com'])
  const [gmail, , fabrikam] = partners.map(plain)
  assert.deepEqual(
    [gmail!.TlsNegotiation, gmail!.SaslNegotiation, gmail!.SupportDialbackNegotiation, gmail!.AdditionalDomains, gmail!.ProxyFqdn, gmail!.Description, gmail!.PartnerType, gmail!.ConnectionLimit, gmail!.EnableKeepAlive],
    ['NotSupported', 'NotSupported', true, ['googlemail.com'], null, 'Google Talk', 'PublicUnverified', 20, false],
  )
  assert.deepEqual([fabrikam!.AdditionalDomains, fabrikam!.ProxyFqdn, fabrikam!.PartnerType, fabrikam!.ConnectionLimit], [['chat.fabrikam.com', 'eu.fabrikam.com'], 'xmpp.fabrikam.com', 'Federated', 50])
  assert.ok(partners[0]!.get('TlsNegotiation') instanceof PSEnumValue)
})

test('examples/lync2013/policies.xml and gateway.xml: key values', () => {
  const policies = exampleObjects('policies.xml').map(plain)
  assert.deepEqual(policies.map((p) => [p.Identity, p.EnableFederationAccess, p.EnableXmppAccess, p.Description]), [
    ['Global', false, false, null],
    ['Site:Redmond', true, true, 'Redmond pool users'],
    ['Tag:FedPic', true, true, null],
  ])
  const [gateway] = exampleObjects('gateway.xml').map(plain)
  assert.deepEqual([gateway!.Identity, gateway!.ConnectionLimit, gateway!.PartnerConnectionLimit, gateway!.KeepAliveInterval, gateway!.DialbackPassphrase], ['Global', 1200, 50, 600, null])
})
