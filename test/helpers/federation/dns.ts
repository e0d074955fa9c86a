import {spawn} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {waitListening} from '../sip/peers.js'

/**
 * A local authoritative DNS server for the federation tests (interop README §4): dnsmasq on a
 * loopback address, answering only from its own records and never forwarding, so that Prosody
 * (through libunbound) and the gateway resolve `.test` names without leaving the machine.
 */

/** DnsRecords are A records and SRV records (`_xmpp-server._tcp.gw.test` → target:port). */
export interface DnsRecords {
  readonly hosts: Readonly<Record<string, string>>
  readonly srv?: ReadonlyArray<{readonly name: string; readonly target: string; readonly port: number}>
}

/** LocalDns is a running server. */
export interface LocalDns {
  readonly pid: number
  readonly address: string
  /** resolvConf is a resolv.conf naming only this server (for Prosody's unbound block). */
  readonly resolvConf: string
  stop(): Promise<void>
}

/** startDns starts dnsmasq on address:53 with the records; the pid file is in dir. */
export async function startDns(dir: string, address: string, records: DnsRecords): Promise<LocalDns> {
  const pidFile = join(dir, 'dnsmasq.pid')
  const args = [
    `--listen-address=${address}`, '--port=53', '--bind-interfaces', '--no-resolv', '--no-hosts', '--local=/test/',
    `--pid-file=${pidFile}`, '--log-queries', `--log-facility=${join(dir, 'dnsmasq.log')}`,
    ...Object.entries(records.hosts).map(([name, ip]) => `--host-record=${name},${ip}`),
    ...(records.srv ?? []).map((r) => `--srv-host=${r.name},${r.target},${r.port}`),
  ]
  const child = spawn('dnsmasq', args, {stdio: 'ignore'})
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  if (code !== 0) throw new Error(`dnsmasq exited with ${code}`)
  await waitListening('udp', address, 53, 5000)
  const pid = Number((await readFile(pidFile, 'utf8')).trim())
  const resolvConf = join(dir, 'resolv.conf')
  await writeFile(resolvConf, `nameserver ${address}\n`)
  return {
    pid,
    address,
    resolvConf,
    async stop() {
      try {
        process.kill(pid, 'SIGTERM')
      } catch {
        return
      }
      for (let waited = 0; waited < 5000; waited += 50) {
        try {
          process.kill(pid, 0)
        } catch {
          return
        }
        await new Promise((r) => setTimeout(r, 50))
      }
    },
  }
}
