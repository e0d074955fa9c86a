import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after} from 'node:test'
import {type GatewayProcess, startGatewayProcess} from './gateway-process.js'
import {CSXMPP_BIN, type ProcessOutput, runProcess} from './process.js'

/**
 * What the store's hostile-peer tests (issue 12: symlinks, directory modes, duplicate keys, state
 * writes, one gateway per store) share: a temporary directory removed after the file's tests, the
 * real CLI run against the store in it, the exact text of an error record, and a gateway on that
 * store that needs no certificate (SIP over UDP).
 */

/** tempDir makes a directory (mode 0700, ours) removed when the test file ends. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `csxmpp-${prefix}-`))
  after(() => rm(dir, {recursive: true, force: true}))
  return dir
}

/** csxmpp runs `csxmpp <args>` with the store `<dir>/store.json`. */
export function csxmpp(dir: string, ...args: string[]): Promise<ProcessOutput> {
  return runProcess(dir, process.execPath, [CSXMPP_BIN, ...args], 30_000)
}

/** errorRecord is an error record as argv mode prints it (powershell.md §11.1), its target a String. */
export function errorRecord(cmdlet: string, message: string, category: string, target: string, errorId: string): string {
  return `${cmdlet} : ${message}\n    + CategoryInfo          : ${category.replace(': ', `: (${target}:String) [${cmdlet}], `)}\n    + FullyQualifiedErrorId : ${errorId},${cmdlet}\n`
}

/** GATEWAY_DOMAIN is the SIP domain setUpGatewayStore gives the store. */
export const GATEWAY_DOMAIN = 'example.test'

/** setUpGatewayStore gives the store in dir a SIP domain and federation on, so that a gateway starts on it without the demo set-up. */
export async function setUpGatewayStore(dir: string): Promise<void> {
  for (const command of [['New-CsSipDomain', '-Identity', GATEWAY_DOMAIN], ['Set-CsAccessEdgeConfiguration', '-AllowFederatedUsers', '$True']]) {
    const result = await csxmpp(dir, ...command)
    if (result.code !== 0) throw new Error(`${command[0]} failed: ${result.stderr}`)
  }
}

/**
 * startUdpGateway starts the real gateway on the store in dir, on address, with SIP over UDP (no
 * certificate needed) and the extra arguments and environment given.
 */
export function startUdpGateway(dir: string, address: string, args: readonly string[] = [], env: Readonly<Record<string, string>> = {}): Promise<GatewayProcess> {
  return startGatewayProcess({dir, env, args: ['-ListenAddress', address, '-Port', '15269', '-SipPort', '15060', '-SipTransport', 'Udp', ...args]})
}
