import assert from 'node:assert/strict'
import {test} from 'node:test'
import {bindArguments} from '../../src/binding/binder.js'
import {bindPipelineObject} from '../../src/binding/pipeline.js'
import {findCmdlet} from '../../src/cmdlets/index.js'
import {userObject} from '../../src/cmdlets/user/object.js'
import {newPartnerRecord, partnerObject} from '../../src/cmdlets/xmpp-allowed-partner/object.js'
import {ErrorRecord} from '../../src/errors.js'
import {argvArguments} from '../../src/host/argv-arguments.js'
import {PSObject} from '../../src/values/objects.js'

/** Pipeline input binding (powershell.md §7.4; conformance C24–C26), one object at a time. */

function bindInput(cmdlet: string, argv: string[], input: unknown): unknown {
  const definition = findCmdlet(cmdlet)!
  const result = bindPipelineObject(definition, bindArguments(definition, argvArguments(argv), {argv: true}), input)
  if (result instanceof ErrorRecord) return {error: result.fullyQualifiedErrorId, binding: result.isBindingError, target: result.targetObject}
  const values = Object.fromEntries([...result.values].map(([k, v]) => [k, v instanceof PSObject ? `object:${v.typeNames[0]}` : v]))
  return {set: result.parameterSet, values}
}

const PARTNER = partnerObject(newPartnerRecord('a.example'))
const XMPP = 'Microsoft.Rtc.Management.WritableConfig.Settings.XmppFederation'
const custom = (properties: Record<string, unknown>, typeName = 'System.Management.Automation.PSCustomObject') => {
  const object = new PSObject([typeName])
  for (const [k, v] of Object.entries(properties)) object.addProperty(k, v)
  return object
}

const CASES: Array<[string, string, string[], unknown, unknown]> = [
  ['C24: a partner object binds to -Instance ByValue', 'Set-CsXmppAllowedPartner', ['-EnableKeepAlive', '$true'], PARTNER, {set: 'Instance', values: {EnableKeepAlive: true, Instance: `object:${XMPP}.XmppAllowedPartner#Decorated`}}],
  ['a deserialized Lync export binds ByValue', 'Set-CsXmppAllowedPartner', [], custom({Identity: 'gmail.com'}, `Deserialized.${XMPP}.XmppAllowedPartner#Decorated`), {set: 'Instance', values: {Instance: `object:Deserialized.${XMPP}.XmppAllowedPartner#Decorated`}}],
  ['an Import-Csv row of a Lync type binds ByValue', 'Set-CsXmppAllowedPartner', [], custom({Identity: 'gmail.com'}, `CSV:${XMPP}.XmppAllowedPartner`), {set: 'Instance', values: {Instance: `object:CSV:${XMPP}.XmppAllowedPartner`}}],
  ['C25: any object with an Identity property binds ByPropertyName', 'Remove-CsXmppAllowedPartner', ['-Confirm:$false'], custom({Identity: 'b.example'}), {set: 'Identity', values: {Confirm: false, Identity: 'b.example'}}],
  ['C26: a string binds to nothing', 'Remove-CsXmppAllowedPartner', ['-Confirm:$false'], 'just a string', {error: 'InputObjectNotBound,Remove-CsXmppAllowedPartner', binding: false, target: 'just a string'}],
  ['a partner object is not a policy instance', 'Set-CsExternalAccessPolicy', [], PARTNER, {error: 'InputObjectNotBound,Set-CsExternalAccessPolicy', binding: false, target: PARTNER}],
  [
    'a user object binds to Grant -Identity ByValue, by its SIP address',
    'Grant-CsExternalAccessPolicy',
    ['-PolicyName', 'FedPic'],
    userObject({SipAddress: 'sip:ken@litwareinc.com', DisplayName: 'Ken Myer', Enabled: true, RegistrarPool: null, Site: null, ExternalAccessPolicy: null}),
    {set: 'Identity', values: {PolicyName: 'FedPic', Identity: 'sip:ken@litwareinc.com'}},
  ],
  ['a string binds to Grant -Identity ByValue', 'Grant-CsExternalAccessPolicy', ['-PolicyName', 'FedPic'], 'Ken Myer', {set: 'Identity', values: {PolicyName: 'FedPic', Identity: 'Ken Myer'}}],
  ['a command-line Identity is not replaced by the object', 'Remove-CsXmppAllowedPartner', ['c.example'], custom({Identity: 'b.example'}), {error: 'InputObjectNotBound,Remove-CsXmppAllowedPartner', binding: false, target: custom({Identity: 'b.example'})}],
]

for (const [name, cmdlet, argv, input, expected] of CASES) test(`pipeline: ${name}`, () => assert.deepEqual(bindInput(cmdlet, argv, input), expected))
