import type {ConfigStore} from '../../store/index.js'
import type {GatewayRequest} from '../cmdlets/definition.js'
import {storeErrorRecord} from '../cmdlets/errors.js'
import {type RunningGateway, startGateway} from '../gateway/index.js'
import {ShellSession, SourceText} from '../shell/index.js'
import {createScriptHost} from './script-host.js'

/**
 * Runs Start-CsXmppGateway for the hosts (argv mode, scripts, the interactive shell): the only place
 * where the cmdlet side and the gateway meet, through the store file (ARCHITECTURE dependency rules).
 * On a store with nothing to serve it first sets up the demo of cmdlets.md A9.4 with the cmdlets
 * themselves, so the admin sees exactly what to type for their own domain.
 */

/** DEMO_DOMAIN is the domain a fresh store is given (RFC 6761 .test: it can never leak to real DNS). */
export const DEMO_DOMAIN = 'example.test'

const DEMO_SETUP = `New-CsSipDomain -Identity ${DEMO_DOMAIN}
$certificate = Request-CsCertificate -New -Type XmppServer -SelfSigned -DomainName ${DEMO_DOMAIN} -FriendlyName 'csxmpp demo'
Set-CsCertificate -Type XmppServer -Thumbprint $certificate.Thumbprint
Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True
`

const NEXT_STEPS = `csxmpp: the store had no SIP domain and no certificate, so this demo set-up was made:
${DEMO_SETUP.trimEnd().replace(/^/gm, '  ')}

Next steps:
  csxmpp New-CsXmppAllowedPartner -Identity jabber.example -ProxyFqdn xmpp.jabber.example   # a partner to federate with
  csxmpp Enable-CsUser -Identity 'Ken Myer' -SipAddress sip:ken@${DEMO_DOMAIN}                # a user who may chat with it
  csxmpp Set-CsExternalAccessPolicy -Identity Global -EnableXmppAccess '$true'                # let users use XMPP
  csxmpp Set-CsUserSipCredential -Identity sip:ken@${DEMO_DOMAIN}                             # so Ken's SIP client can register
Changes apply to the running gateway at once. Stop it with Ctrl+C.
`

/** runGateway prepares the demo if needed, runs the gateway until SIGINT or SIGTERM, then stops it cleanly. */
export async function runGateway(store: ConfigStore, request: GatewayRequest, version: string): Promise<void> {
  // Preflight (cmdlets.md A15.2): one gateway per store (presence.md P8.1), locked before the demo
  // set-up or any state file is written, and released when it stops; another one is GatewayAlreadyRunning.
  const stateLock = await store.lockState().catch((error: unknown) => Promise.reject(storeErrorRecord(error, 'Start-CsXmppGateway', store.path)))
  try {
    await serveGateway(store, request, version)
  } finally {
    await stateLock.release()
  }
}

async function serveGateway(store: ConfigStore, request: GatewayRequest, version: string): Promise<void> {
  // Listening for the stop signal before anything else: a Ctrl+C pressed while the demo is made or the
  // listeners are bound (the hint to press it is printed before they are) stops the gateway once started.
  const stopRequested = stopSignal()
  const gateway = await startServing(store, request, version).catch((error: unknown) => {
    stopRequested.cancel()
    throw error
  })
  for (const warning of gateway.warnings) process.stderr.write(`WARNING: ${warning}\n`)
  // The last resort: a bug that lets one connection's exception escape must not end every partner's
  // federation. Each connection's input is handled inside its own error boundary (issue 12); this line
  // in the log means one was missed, and the security suite asserts it never appears.
  const lastResort = (error: unknown): void => gateway.log.error({err: error}, 'uncaught exception; the gateway goes on')
  process.on('uncaughtException', lastResort)
  process.on('unhandledRejection', lastResort)
  const signal = await stopRequested.signal
  gateway.log.info({signal}, 'stopping')
  await gateway.stop()
  process.off('uncaughtException', lastResort)
  process.off('unhandledRejection', lastResort)
}

/** startServing makes the demo on a store with nothing to serve, then starts the gateway. */
async function startServing(store: ConfigStore, request: GatewayRequest, version: string): Promise<RunningGateway> {
  const document = await store.read()
  if (Object.keys(document.sipDomains).length === 0 && Object.keys(document.certificates ?? {}).length === 0) {
    await setUpDemo(store, version)
  }
  return startGateway({
    storePath: store.path,
    listenAddress: request.listenAddress,
    port: request.port,
    directTlsPort: request.directTlsPort,
    sip: {
      address: request.sipListenAddress,
      port: request.sipPort,
      transport: request.sipTransport,
      trustedHosts: request.trustedSipHosts,
      nextHop: request.sipNextHop === undefined ? undefined : nextHop(request.sipNextHop, request.sipTransport),
    },
    logLevel: request.logLevel,
    dnsServers: process.env.CSXMPP_DNS_SERVERS?.split(',').filter((s) => s !== ''),
  })
}

/**
 * stopSignal resolves with the first SIGINT or SIGTERM. Both listeners go then, or on cancel() (the
 * start failed), so that a shell that ran the gateway dies of the next SIGTERM as usual.
 */
function stopSignal(): {signal: Promise<NodeJS.Signals>; cancel(): void} {
  let stop!: (received: NodeJS.Signals) => void
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    stop = (received) => {
      cancel()
      resolve(received)
    }
  })
  const cancel = (): void => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return {signal, cancel}
}

async function setUpDemo(store: ConfigStore, version: string): Promise<void> {
  const errors: string[] = []
  const session = new ShellSession({
    console: {out: () => {}, err: (text) => void errors.push(text), color: false, width: 120, interactive: false, prompt: async () => undefined, readPassword: async () => undefined},
    host: createScriptHost(store, version),
  })
  const status = await session.run(new SourceText(DEMO_SETUP))
  if (status !== 0) throw new Error(`the demo set-up failed:\n${errors.join('')}`)
  process.stderr.write(NEXT_STEPS)
}

function nextHop(text: string, transport: GatewayRequest['sipTransport']): {host: string; port: number; transport: GatewayRequest['sipTransport']} {
  const [host, port] = text.split(':') as [string, string?]
  return {host, port: port ? Number(port) : transport === 'tls' ? 5061 : 5060, transport}
}
