import {computeHa1} from '../../../src/gateway/sip/digest.js'
import {createSipEndpoint, type SipEndpoint, type SipEndpointOptions, type SipMessageIn, type SipOutcome} from '../../../src/gateway/sip/index.js'

/**
 * A SIP endpoint as the gateway would run it, with the caller's side replaced by recordings: every
 * accepted MESSAGE is kept, the final status comes from `answer`, users' passwords become HA1
 * values the way Set-CsUserSipCredential stores them (cmdlets.md A9.1), and the log is kept too.
 */

/** LogEntry is one log call. */
export interface LogEntry {
  readonly level: 'info' | 'warn' | 'debug'
  readonly msg: string
  readonly obj: object
}

/** TestGatewayOptions are the endpoint's options, with users as passwords and defaults for the rest. */
export interface TestGatewayOptions extends Partial<Omit<SipEndpointOptions, 'listen' | 'onMessage' | 'ha1' | 'log'>> {
  readonly address: string
  readonly transport: 'udp' | 'tcp' | 'tls'
  readonly port?: number
  readonly tls?: SipEndpointOptions['listen']['tls']
  /** 'romeo@sip.example' → password. */
  readonly users?: Readonly<Record<string, string>>
  /** The caller's verdict on each accepted MESSAGE; 200 OK by default. */
  readonly answer?: (message: SipMessageIn) => SipOutcome
}

/** TestGateway is a started endpoint and what it recorded. */
export interface TestGateway {
  readonly endpoint: SipEndpoint
  readonly received: Array<SipMessageIn & {authenticatedUser?: string}>
  readonly logs: LogEntry[]
  /** hostPort is "address:port" of the listener. */
  readonly hostPort: string
  stop(): Promise<void>
}

/** startTestGateway creates and starts an endpoint serving sip.example by default. */
export async function startTestGateway(options: TestGatewayOptions): Promise<TestGateway> {
  const received: TestGateway['received'] = []
  const logs: LogEntry[] = []
  const entry = (level: LogEntry['level']) => (obj: object, msg: string) => void logs.push({level, msg, obj})
  const users = options.users ?? {}
  const endpoint = createSipEndpoint({
    listen: {address: options.address, port: options.port ?? 0, transport: options.transport, ...(options.tls ? {tls: options.tls} : {})},
    trustedHosts: options.trustedHosts ?? [],
    ...(options.nextHop ? {nextHop: options.nextHop} : {}),
    isServedDomain: options.isServedDomain ?? ((domain) => domain === 'sip.example'),
    async ha1(user) {
      const password = users[user]
      const [name = '', domain = ''] = user.split('@')
      return password === undefined ? undefined : computeHa1(name, domain, password)
    },
    async onMessage(message) {
      received.push(message)
      return options.answer ? options.answer(message) : {status: 200, reason: 'OK'}
    },
    log: {info: entry('info'), warn: entry('warn'), debug: entry('debug')},
    ...(options.transactionTimeoutMs ? {transactionTimeoutMs: options.transactionTimeoutMs} : {}),
    ...(options.nonceLifetimeMs ? {nonceLifetimeMs: options.nonceLifetimeMs} : {}),
    ...(options.connectionLimits ? {connectionLimits: options.connectionLimits} : {}),
    ...(options.federationRefusal ? {federationRefusal: options.federationRefusal} : {}),
  })
  await endpoint.start()
  return {
    endpoint,
    received,
    logs,
    hostPort: `${endpoint.address.address}:${endpoint.address.port}`,
    stop: () => endpoint.stop(),
  }
}
