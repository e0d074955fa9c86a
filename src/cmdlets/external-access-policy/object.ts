import type {ParameterDefinition} from '../../binding/parameter.js'
import type {ExternalAccessPolicyRecord} from '../../../store/index.js'
import {PSObject} from '../../values/objects.js'
import {IDENTITY_TYPES, TYPE_NAMES} from '../lync-types.js'

/** The ExternalAccessPolicy object and its settable parameters (cmdlets.md A3.1, B2). */

const FLAGS = [
  ['EnableFederationAccess', 'Whether users may communicate with users of SIP-federated domains.'],
  ['EnableXmppAccess', 'Whether users may communicate with users of XMPP federation partners. The only setting the csxmpp gateway reads.'],
  ['EnablePublicCloudAccess', 'Whether users may communicate with public IM providers. Stored and shown; the gateway does not use it.'],
  [
    'EnablePublicCloudAudioVideoAccess',
    'Whether users may use audio and video with public IM contacts. Stored and shown; the gateway does not use it.',
  ],
  ['EnableOutsideAccess', 'Whether users may sign in from outside the internal network without VPN. Stored and shown; not used.'],
] as const

/** POLICY_SETTINGS are the settable parameters of New- and Set-CsExternalAccessPolicy. */
export const POLICY_SETTINGS: readonly ParameterDefinition[] = [
  {
    name: 'Description',
    type: {kind: 'String'},
    length: [0, 1024],
    description: 'Free text describing the policy, up to 1024 characters.',
    defaultValue: '$null',
  },
  ...FLAGS.map(([name, description]) => ({name, type: {kind: 'Boolean'} as const, description, defaultValue: 'False'})),
]

/** policyIdentityParameter is -Identity as an XdsIdentity of policies. */
export function policyIdentityParameter(
  sets: ParameterDefinition['sets'],
  description: string,
  defaultValue?: string,
): ParameterDefinition {
  return {
    name: 'Identity',
    type: {kind: 'Identity', fullName: IDENTITY_TYPES.XdsIdentity, objectTypes: TYPE_NAMES.ExternalAccessPolicy.slice(0, 1)},
    sets,
    description,
    ...(defaultValue ? {defaultValue} : {}),
  }
}

/** policyObject builds the Lync object a Get- or New- cmdlet writes. */
export function policyObject(record: ExternalAccessPolicyRecord): PSObject {
  const object = new PSObject(TYPE_NAMES.ExternalAccessPolicy)
  object.addProperty('Identity', record.Identity, {readOnly: true})
  for (const parameter of POLICY_SETTINGS) {
    object.addProperty(parameter.name, record[parameter.name as keyof ExternalAccessPolicyRecord], {type: parameter.type})
  }
  return object
}

/** applyPolicySettings writes converted settings onto a record. */
export function applyPolicySettings(record: ExternalAccessPolicyRecord, settings: ReadonlyMap<string, unknown>): void {
  Object.assign(record, Object.fromEntries(settings))
}
