import type {ConfigStore} from '../../store/index.js'
import type {CmdletServices} from '../cmdlets/definition.js'

/** gatewayServices lend Start-CsXmppGateway the gateway, loaded only when it runs (start-up time of every other command). */
export function gatewayServices(store: ConfigStore, version: string): CmdletServices {
  return {runGateway: async (request) => (await import('./gateway-host.js')).runGateway(store, request, version)}
}
