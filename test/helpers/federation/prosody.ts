import {type ChildProcess, spawn, spawnSync} from 'node:child_process'
import {copyFile, mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {waitListening} from '../sip/peers.js'
import type {IssuedCertificate} from './pki.js'

/**
 * A real Prosody 0.12 as the gateway's federation peer (interop README §5–§6): its own directory,
 * loopback address and config, started in the foreground under the test's control and stopped by
 * its PID. The mode selects how it negotiates server-to-server streams.
 */

/** ProsodyMode is a negotiation mode of interop README §6. */
export type ProsodyMode = 'secure' | 'dialback-tls' | 'dialback-tcp'

/** ProsodyOptions describe one instance. */
export interface ProsodyOptions {
  readonly dir: string
  readonly domain: string
  readonly address: string
  readonly mode: ProsodyMode
  readonly certificate: IssuedCertificate
  readonly caFile: string
  readonly resolvConf: string
  readonly users: ReadonlyArray<{readonly name: string; readonly password: string}>
  /** XEP-0368 port for incoming direct TLS (needs an `_xmpps-server._tcp` record to be used by peers). */
  readonly directTlsPort?: number
}

/** Prosody is a running instance. */
export interface Prosody {
  readonly pid: number
  readonly domain: string
  readonly address: string
  readonly logFile: string
  /** s2sShow is `s2s:show()` from the admin shell: each session's security and authentication. */
  s2sShow(): string
  stop(): Promise<void>
}

const MODE_SETTINGS: Record<ProsodyMode, string> = {
  secure: 's2s_require_encryption = true\ns2s_secure_auth = true',
  // Self-signed certificates in this mode keep SASL EXTERNAL from being offered (interop README §6).
  'dialback-tls': 's2s_require_encryption = false\ns2s_secure_auth = false',
  'dialback-tcp': 's2s_allow_encryption = false\ns2s_require_encryption = false\ns2s_secure_auth = false',
}

function config(o: ProsodyOptions, home: string): string {
  const lua = (s: string): string => JSON.stringify(s)
  return `run_as_root = true
pidfile = ${lua(join(home, 'prosody.pid'))}
data_path = ${lua(join(home, 'data'))}
admin_socket = ${lua(join(home, 'prosody.sock'))}
interfaces = { ${lua(o.address)} }
c2s_ports = { 5222 }
s2s_ports = { 5269 }
${o.directTlsPort ? `s2s_direct_tls_ports = { ${o.directTlsPort} }` : ''}
use_ipv6 = false
unbound = { resolvconf = ${lua(o.resolvConf)}; hoststxt = false; options = { ["local-zone:"] = "test. transparent" } }
log = { { levels = { min = "info" }; to = "file"; filename = ${lua(join(home, 'prosody.log'))} } }
modules_enabled = { "roster"; "saslauth"; "tls"; "dialback"; "disco"; "ping"; "posix"; "admin_shell" }
authentication = "internal_hashed"
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
${MODE_SETTINGS[o.mode]}
network_settings = { nagle = false }
certificates = ${lua(join(home, 'certs'))}
ssl = { cafile = ${lua(o.caFile)} }
VirtualHost ${lua(o.domain)}
    ssl = { certificate = ${lua(join(home, 'certs', `${o.domain}.crt`))}; key = ${lua(join(home, 'certs', `${o.domain}.key`))} }
`
}

/** startProsody writes the config, registers the users and starts the server; it resolves when c2s accepts connections. */
export async function startProsody(options: ProsodyOptions): Promise<Prosody> {
  const home = join(options.dir, options.domain)
  // Exactly one certificate per name in the certificates directory (interop README §11.4): Prosody
  // takes the one it presents on direct TLS connections from there, not from the VirtualHost.
  await mkdir(join(home, 'certs'), {recursive: true})
  await copyFile(options.certificate.certFile, join(home, 'certs', `${options.domain}.crt`))
  await copyFile(options.certificate.keyFile, join(home, 'certs', `${options.domain}.key`))
  await mkdir(join(home, 'data'), {recursive: true})
  const configFile = join(home, 'prosody.cfg.lua')
  await writeFile(configFile, config(options, home))
  for (const user of options.users) {
    const result = spawnSync('prosodyctl', ['--config', configFile, 'register', user.name, options.domain, user.password], {encoding: 'utf8', timeout: 20_000})
    if (result.status !== 0) throw new Error(`prosodyctl register failed: ${result.stderr}`)
  }
  const child: ChildProcess = spawn('prosody', ['--config', configFile, '-F'], {stdio: 'ignore'})
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const prosody: Prosody = {
    pid: child.pid!,
    domain: options.domain,
    address: options.address,
    logFile: join(home, 'prosody.log'),
    s2sShow: () => spawnSync('prosodyctl', ['--config', configFile, 'shell', 's2s:show()'], {encoding: 'utf8', timeout: 20_000}).stdout,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
  try {
    await waitListening('tcp', options.address, 5222, 15_000)
  } catch (error) {
    await prosody.stop()
    throw error
  }
  return prosody
}
