import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {TYPE_NAMES} from '../../src/cmdlets/lync-types.js'
import {newPartnerRecord, partnerObject} from '../../src/cmdlets/xmpp-allowed-partner/object.js'
import {cmdletError} from '../../src/errors.js'
import {FORMAT_RECORD_MISUSE, FormatRecord} from '../../src/format/format-record.js'
import {formatOutput} from '../../src/format/index.js'
import {listLines} from '../../src/format/out-default.js'
import {PSHashtable, PSList, PSObject, PSTimeSpan} from '../../src/values/objects.js'
import type {PartnerType} from '../../store/types.js'

const CUSTOM = ['System.Management.Automation.PSCustomObject', 'System.Object']
const SELECTED_PARTNER = ['Selected.Microsoft.Rtc.Management.WritableConfig.Policy.XmppFederation.XmppAllowedPartner', ...CUSTOM]

/** object builds a PSObject with the given type names and properties in order. */
function object(typeNames: readonly string[], properties: Record<string, unknown>): PSObject {
  const result = new PSObject(typeNames)
  for (const [name, value] of Object.entries(properties)) result.addProperty(name, value)
  return result
}

function hashtable(entries: Record<string, unknown>): PSHashtable {
  const table = new PSHashtable()
  for (const [key, value] of Object.entries(entries)) table.set(key, value)
  return table
}

function partner(identity: string, partnerType: PartnerType, enableKeepAlive = true): PSObject {
  return partnerObject({...newPartnerRecord(identity), PartnerType: partnerType, EnableKeepAlive: enableKeepAlive})
}

/** text joins expected lines, each ending in LF, as formatOutput writes them. */
const text = (...lines: string[]) => lines.map((l) => `${l}\n`).join('')

describe('formatOutput: text values (§10.1)', () => {
  const cases: Array<[string, unknown[], string]> = [
    ['nothing', [], ''],
    ['strings one per line', ['a', 'b'], text('a', 'b')],
    ['a multi-line string gives its lines', ['one\r\ntwo\nthree'], text('one', 'two', 'three')],
    ['an empty string is an empty line', [''], text('')],
    ['trailing spaces removed', ['padded   '], text('padded')],
    ['numbers and Booleans', [42, 2.5, true, false], text('42', '2.5', 'True', 'False')],
    ['$null prints nothing', [null, 'x', null], text('x')],
    ['collections are enumerated', [['a', ['b', 'c']], PSList.listOf(['d'])], text('a', 'b', 'c', 'd')],
    ['DateTime long form with empty lines around', [new Date(2026, 10, 24, 19, 4, 5)], text('', 'Tuesday, November 24, 2026 7:04:05 PM', '')],
    ['Int64 and Double', [5_000_000_000, 0.1], text('5000000000', '0.1')],
  ]
  for (const [name, objects, expected] of cases) it(name, () => assert.equal(formatOutput(objects), expected))
})

describe('formatOutput: views (§10.2)', () => {
  it('shows a Lync object as a list of all its properties (C33)', () => {
    const policy = object(TYPE_NAMES.ExternalAccessPolicy, {
      Identity: 'Global',
      Description: null,
      EnableFederationAccess: false,
      EnableXmppAccess: false,
      EnablePublicCloudAccess: false,
      EnablePublicCloudAudioVideoAccess: false,
      EnableOutsideAccess: false,
    })
    assert.equal(
      formatOutput([policy]),
      text(
        '',
        'Identity                          : Global',
        'Description                       :',
        'EnableFederationAccess            : False',
        'EnableXmppAccess                  : False',
        'EnablePublicCloudAccess           : False',
        'EnablePublicCloudAudioVideoAccess : False',
        'EnableOutsideAccess               : False',
        '',
      ),
    )
  })

  it('lists consecutive Lync objects with one empty line after each', () => {
    const output = formatOutput([partner('a.example', 'Federated'), partner('b.example', 'PublicVerified')])
    const expected = (identity: string, type: string) => [
      `Identity                   : ${identity}`,
      `Domain                     : ${identity}`,
      'TlsNegotiation             : Required',
      'SaslNegotiation            : Required',
      'SupportDialbackNegotiation : True',
      'AdditionalDomains          : {}',
      'ProxyFqdn                  :',
      'Description                :',
      `PartnerType                : ${type}`,
      'ConnectionLimit            : 20',
      'EnableKeepAlive            : True',
      '',
    ]
    assert.equal(output, text('', ...expected('a.example', 'Federated'), ...expected('b.example', 'PublicVerified')))
  })

  it('shows hashtables as one Name/Value table (C20)', () => {
    const first = hashtable({Add: PSList.listOf(['na.contoso.com', 'eu.contoso.com'])})
    const second = hashtable({Remove: 'old.contoso.com'})
    assert.equal(
      formatOutput([first, second]),
      text(
        '',
        'Name                           Value',
        '----                           -----',
        'Add                            {na.contoso.com, eu.contoso.com}',
        'Remove                         old.contoso.com',
        '',
      ),
    )
  })

  it('cuts a hashtable value to the line width', () => {
    assert.equal(
      formatOutput([hashtable({Key: 'v'.repeat(20)})], {width: 40}),
      text('', 'Name                           Value', '----                           -----', `Key                            ${'v'.repeat(6)}...`, ''),
    )
  })

  it('shows Measure-Object as a list and Group-Object as a fixed table, two blocks apart (C38)', () => {
    const measure = object(['Microsoft.PowerShell.Commands.GenericMeasureInfo', 'System.Object'], {
      Count: 3,
      Average: null,
      Sum: null,
      Maximum: null,
      Minimum: null,
      Property: null,
    })
    const group = (name: string, members: PSObject[]) =>
      object(['Microsoft.PowerShell.Commands.GroupInfo', 'System.Object'], {Count: members.length, Name: name, Group: members, Values: [name]})
    const groups = [group('Federated', [partner('a.example', 'Federated'), partner('c.example', 'Federated')]), group('PublicVerified', [partner('b.example', 'PublicVerified')])]
    const expectedMeasure = ['', 'Count    : 3', 'Average  :', 'Sum      :', 'Maximum  :', 'Minimum  :', 'Property :', '']
    const expectedGroups = [
      '',
      'Count Name                      Group',
      '----- ----                      -----',
      '    2 Federated                 {a.example, c.example}',
      '    1 PublicVerified            {b.example}',
      '',
    ]
    assert.equal(formatOutput([measure]) + formatOutput(groups), text(...expectedMeasure, ...expectedGroups))
    assert.equal(formatOutput([measure, ...groups]), text(...expectedMeasure, ...expectedGroups))
  })

  it('shows CommandInfo in the Get-Command table, an alias by its DisplayName', () => {
    const command = (kind: string, properties: Record<string, unknown>) =>
      object([`System.Management.Automation.${kind}Info`, 'System.Management.Automation.CommandInfo', 'System.Object'], properties)
    const commands = [
      command('Alias', {CommandType: 'Alias', Name: 'sort', Version: '', Source: '', DisplayName: 'sort -> Sort-Object'}),
      command('Cmdlet', {CommandType: 'Cmdlet', Name: 'Get-CsXmppAllowedPartner', Version: '5.0.8308.0', Source: 'Lync'}),
      command('Function', {CommandType: 'Function', Name: 'Show-Partners', Version: '', Source: ''}),
    ]
    assert.equal(
      formatOutput(commands),
      text(
        '',
        'CommandType     Name                                               Version    Source',
        '-----------     ----                                               -------    ------',
        'Alias           sort -> Sort-Object',
        'Cmdlet          Get-CsXmppAllowedPartner                           5.0.8308.0 Lync',
        'Function        Show-Partners',
        '',
      ),
    )
  })

  it('shows a TimeSpan as the list of its properties', () => {
    assert.equal(
      // 1 day 12 h plus 1/1024 day, so that every total is exact in binary.
      formatOutput([new PSTimeSpan(1_296_843_750_000)]),
      text(
        '',
        'Days              : 1',
        'Hours             : 12',
        'Minutes           : 1',
        'Seconds           : 24',
        'Milliseconds      : 375',
        'Ticks             : 1296843750000',
        'TotalDays         : 1.5009765625',
        'TotalHours        : 36.0234375',
        'TotalMinutes      : 2161.40625',
        'TotalSeconds      : 129684.375',
        'TotalMilliseconds : 129684375',
        '',
      ),
    )
  })

  it('shows an ErrorRecord in its error layout', () => {
    const error = cmdletError('Get-CsXmppAllowedPartner', {
      message: 'Cannot get "XmppAllowedPartner" "nope.example" because it does not exist.',
      errorId: 'ItemNotFound',
      category: 'ObjectNotFound',
      reason: 'ItemNotFoundException',
      targetObject: 'nope.example',
    })
    assert.equal(
      formatOutput(['before', error]),
      text(
        'before',
        'Get-CsXmppAllowedPartner : Cannot get "XmppAllowedPartner" "nope.example" because it does not exist.',
        '    + CategoryInfo          : ObjectNotFound: (nope.example:String) [Get-CsXmppAllowedPartner], ItemNotFoundException',
        '    + FullyQualifiedErrorId : ItemNotFound,Get-CsXmppAllowedPartner',
      ),
    )
  })

  it('shows objects with at most 4 properties as a table (C35)', () => {
    const selected = [
      ['a.example', 'Federated', true],
      ['b.example', 'PublicVerified', true],
      ['c.example', 'Federated', false],
    ].map(([Identity, PartnerType, EnableKeepAlive]) => object(SELECTED_PARTNER, {Identity, PartnerType, EnableKeepAlive}))
    assert.equal(
      formatOutput(selected),
      text(
        '',
        'Identity  PartnerType    EnableKeepAlive',
        '--------  -----------    ---------------',
        'a.example Federated      True',
        'b.example PublicVerified True',
        'c.example Federated      False',
        '',
      ),
    )
  })

  it('right-aligns a numeric column (C39)', () => {
    const settings = object(['Selected.Microsoft.Rtc.Management.WritableConfig.Policy.XmppFederation.XmppGatewaySettings', ...CUSTOM], {
      Identity: 'Global',
      ConnectionLimit: 1000,
    })
    assert.equal(formatOutput([settings]), text('', 'Identity ConnectionLimit', '-------- ---------------', 'Global              1000', ''))
  })

  it('shows objects with more than 4 properties as a list', () => {
    const wide = object(CUSTOM, {a: 1, b: 2, c: 3, d: 4, e: 'five'})
    assert.equal(formatOutput([wide]), text('', 'a : 1', 'b : 2', 'c : 3', 'd : 4', 'e : five', ''))
  })

  it('takes the columns of a block from its first object', () => {
    const rows = [object(CUSTOM, {Name: 'x', Size: 1}), object(CUSTOM, {Size: 22, Other: true})]
    assert.equal(formatOutput(rows), text('', 'Name Size', '---- ----', 'x       1', '       22', ''))
  })

  it('keeps the table of a too-wide object within the width', () => {
    const row = object(CUSTOM, {Identity: 'a.example', Description: 'A partner described at great length, really', PartnerType: 'Federated'})
    assert.equal(formatOutput([row], {width: 40}), text('', 'Identity  Description', '--------  -----------', 'a.example A partner described at grea...', ''))
  })
})

describe('formatOutput: blocks (§10.1)', () => {
  const a = object(CUSTOM, {A: 1})
  const b = object(['Selected.System.String', ...CUSTOM], {B: 'x'})

  it('starts a new block for another type name: two empty lines between blocks', () => {
    assert.equal(formatOutput([a, b]), text('', 'A', '-', '1', '', '', 'B', '-', 'x', ''))
  })

  it('ends a block at a string in between', () => {
    assert.equal(formatOutput([a, 'mid', a]), text('', 'A', '-', '1', '', 'mid', '', 'A', '-', '1', ''))
  })

  it('enumerates collections into one block', () => {
    assert.equal(formatOutput([[a, a], [a]]), text('', 'A', '-', '1', '1', '1', ''))
  })

  it('uses the default width 120', () => {
    const row = object(CUSTOM, {Long: 'y'.repeat(130)})
    assert.equal(formatOutput([row]).split('\n')[3], `${'y'.repeat(117)}...`)
  })
})

describe('formatOutput: Format-Table and Format-List records', () => {
  it('renders a table record with its columns (C34)', () => {
    const record = new FormatRecord('table', [{label: 'Identity'}, {label: 'EnableFederationAccess'}, {label: 'EnableXmppAccess'}], [
      ['Global', false, false],
      ['Tag:FedPic', true, true],
    ])
    assert.equal(
      formatOutput([record]),
      text(
        '',
        'Identity   EnableFederationAccess EnableXmppAccess',
        '--------   ---------------------- ----------------',
        'Global     False                  False',
        'Tag:FedPic True                   True',
        '',
      ),
    )
  })

  it('honours a fixed width and alignment in a table record', () => {
    const record = new FormatRecord('table', [{label: 'Id', width: 12, alignment: 'Right'}, {label: 'Type'}], [['a.example', 'Federated']])
    assert.equal(formatOutput([record]), text('', '          Id Type', '          -- ----', '   a.example Federated', ''))
  })

  it('renders list records as their own blocks (C37)', () => {
    const first = new FormatRecord('list', [{label: 'Identity'}, {label: 'Count'}], [['a.example', 5]])
    const domains = PSList.listOf(['d1.example', 'd2.example', 'd3.example', 'd4.example', 'd5.example'])
    const second = new FormatRecord('list', [{label: 'Identity'}, {label: 'AdditionalDomains'}], [['a.example', domains]])
    assert.equal(
      formatOutput([first]) + formatOutput([second]),
      text('', 'Identity : a.example', 'Count    : 5', '', '', 'Identity          : a.example', 'AdditionalDomains : {d1.example, d2.example, d3.example, d4.example...}', ''),
    )
  })

  it('renders each row of a list record followed by an empty line (C62)', () => {
    const labels = ['Identity', 'TlsNegotiation', 'SaslNegotiation', 'SupportDialbackNegotiation', 'AdditionalDomains', 'Description', 'PartnerType', 'EnableKeepAlive']
    const gmail = partnerObject({
      ...newPartnerRecord('gmail.com'),
      TlsNegotiation: 'NotSupported',
      SaslNegotiation: 'NotSupported',
      AdditionalDomains: ['googlemail.com'],
      Description: 'Google Talk',
      EnableKeepAlive: false,
    })
    const record = new FormatRecord('list', labels.map((label) => ({label})), [labels.map((l) => gmail.get(l)), ['x.example']])
    assert.equal(
      formatOutput([record]),
      text(
        '',
        'Identity                   : gmail.com',
        'TlsNegotiation             : NotSupported',
        'SaslNegotiation            : NotSupported',
        'SupportDialbackNegotiation : True',
        'AdditionalDomains          : {googlemail.com}',
        'Description                : Google Talk',
        'PartnerType                : PublicUnverified',
        'EnableKeepAlive            : False',
        '',
        'Identity                   : x.example',
        'TlsNegotiation             :',
        'SaslNegotiation            :',
        'SupportDialbackNegotiation :',
        'AdditionalDomains          :',
        'Description                :',
        'PartnerType                :',
        'EnableKeepAlive            :',
        '',
      ),
    )
  })

  it('states the misuse error of §10.2', () => {
    assert.equal(
      FORMAT_RECORD_MISUSE,
      'The object of type "Microsoft.PowerShell.Commands.Internal.Format.FormatStartData" is not valid or not in the correct sequence. This is likely caused by a user-specified "format-*" command which is conflicting with the default formatting.',
    )
  })
})

describe('listLines (§10.3)', () => {
  it('indents the further lines of a value to the value column', () => {
    assert.deepEqual(listLines([['Name', 'x'], ['Notes', 'one\ntwo']]), ['Name  : x', 'Notes : one', '        two'])
  })
})
