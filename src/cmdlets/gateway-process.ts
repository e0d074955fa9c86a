import type {StoreDocument} from '../../store/index.js'
import type {ParameterDefinition} from '../binding/parameter.js'
import type {PSEnumType} from '../values/objects.js'
import {PSEnumValue} from '../values/objects.js'
import type {CmdletDefinition, GatewayRequest} from './definition.js'

/**
 * Start-CsXmppGateway (csxmpp, cmdlets.md A9.4): runs the gateway in the foreground until SIGINT or
 * SIGTERM. The cmdlet only reads its parameters; the host runs the gateway (cmdlets never import the
 * gateway: ARCHITECTURE dependency rules), so the store file stays the only contract between them.
 */

const SIP_TRANSPORT: PSEnumType = {fullName: 'Csxmpp.Gateway.SipTransport', names: ['Tls', 'Tcp', 'Udp']}
const LOG_LEVEL: PSEnumType = {fullName: 'Csxmpp.Gateway.LogLevel', names: ['Trace', 'Debug', 'Info', 'Warn', 'Error', 'Fatal', 'Silent']}

function port(name: string, defaultValue: string | undefined, description: string): ParameterDefinition {
  return {name, type: {kind: 'UInt32'}, range: [1, 65535], ...(defaultValue ? {defaultValue} : {}), description}
}

const PARAMETERS: readonly ParameterDefinition[] = [
  {name: 'ListenAddress', type: {kind: 'String'}, defaultValue: '127.0.0.1', description: 'The address the XMPP server-to-server listeners bind to.'},
  port('Port', '5269', 'The XMPP server-to-server port (STARTTLS).'),
  port('DirectTlsPort', undefined, 'An XEP-0368 direct TLS port (TLS from the first byte). Off unless given; outgoing streams then also try _xmpps-server SRV records first.'),
  {name: 'SipListenAddress', type: {kind: 'String'}, defaultValue: 'the ListenAddress', description: 'The address the SIP listener binds to.'},
  port('SipPort', '5061', 'The SIP port.'),
  {name: 'SipTransport', type: {kind: 'Enum', enum: SIP_TRANSPORT}, defaultValue: 'Tls', description: 'The SIP transport: Tls (with the XmppServer certificate), Tcp or Udp.'},
  {
    name: 'TrustedSipHost',
    type: {kind: 'StringArray'},
    description: 'Hosts or CIDR ranges allowed to send SIP without authentication: the organisation\'s SIP proxy. Anyone else must register with the embedded registrar (Set-CsUserSipCredential).',
  },
  {name: 'SipNextHop', type: {kind: 'String'}, description: 'host[:port] of the SIP proxy through which users not registered with the gateway are reached. csxmpp only.'},
  {name: 'LogLevel', type: {kind: 'Enum', enum: LOG_LEVEL}, defaultValue: 'Info', description: 'The least severe level written to the JSON log on standard output.'},
]

function enumName(value: unknown, fallback: string): string {
  return value instanceof PSEnumValue ? value.name : fallback
}

/** START_GATEWAY is Start-CsXmppGateway. */
export const START_GATEWAY: CmdletDefinition<StoreDocument> = {
  name: 'Start-CsXmppGateway',
  synopsis: 'Runs the XMPP federation gateway in the foreground.',
  description:
    'Runs the gateway: XMPP server-to-server toward the allowed partners, SIP toward the users of the SIP domains. It ' +
    'logs JSON lines on standard output and stops cleanly on Ctrl+C or SIGTERM. Changes made with the other cmdlets ' +
    'apply to the running gateway at once; these parameters need a restart. On a store with no SIP domain and no ' +
    'certificate it first creates the demo domain example.test and a self-signed certificate for it, and turns federation on ' +
      '(Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True). It warns at start while AllowFederatedUsers is False.',
  parameterSets: ['Default'],
  defaultParameterSet: 'Default',
  parameters: PARAMETERS,
  usesStore: false,
  examples: [
    {code: 'Start-CsXmppGateway', remarks: 'Runs the gateway on 127.0.0.1:5269, with SIP over TLS on 127.0.0.1:5061.'},
    {
      code: 'Start-CsXmppGateway -ListenAddress 0.0.0.0 -DirectTlsPort 5270 -SipTransport Tcp -SipPort 5060 -TrustedSipHost 10.0.0.10 -SipNextHop 10.0.0.10:5060',
      remarks: 'Runs the gateway for the world, with direct TLS, behind the SIP proxy 10.0.0.10.',
    },
  ],
  async process(ctx) {
    const listenAddress = ctx.get<string>('ListenAddress') ?? '127.0.0.1'
    const request: GatewayRequest = {
      listenAddress,
      port: ctx.get<number>('Port') ?? 5269,
      directTlsPort: ctx.get<number>('DirectTlsPort'),
      sipListenAddress: ctx.get<string>('SipListenAddress') ?? listenAddress,
      sipPort: ctx.get<number>('SipPort') ?? 5061,
      sipTransport: enumName(ctx.get('SipTransport'), 'Tls').toLowerCase() as GatewayRequest['sipTransport'],
      trustedSipHosts: ctx.get<string[]>('TrustedSipHost') ?? [],
      sipNextHop: ctx.get<string>('SipNextHop'),
      logLevel: enumName(ctx.get('LogLevel'), 'Info').toLowerCase() as GatewayRequest['logLevel'],
    }
    await ctx.runGateway(request)
  },
}
