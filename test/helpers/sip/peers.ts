import {spawnSync} from 'node:child_process'
import {randomInt} from 'node:crypto'
import {readFileSync} from 'node:fs'

/**
 * What every SIP interop test needs before it starts a peer: the tool itself (CI must have it,
 * elsewhere a missing tool skips the test with a reason), and loopback addresses no other test file
 * uses, since test files run in parallel and the gateway's own 127.0.0.1 is shared.
 */

/** LoopbackBlock hands out addresses 127.a.b.n of one randomly chosen /24. */
export interface LoopbackBlock {
  /** address n (1–254) of the block. */
  (n: number): string
}

/** loopbackBlock picks a /24 inside 127/8 at random (avoiding 127.0.x.x, which other suites use). */
export function loopbackBlock(): LoopbackBlock {
  const a = randomInt(16, 250)
  const b = randomInt(1, 255)
  return (n) => {
    if (!Number.isInteger(n) || n < 1 || n > 254) throw new RangeError(`loopbackBlock: ${n} is not a host number`)
    return `127.${a}.${b}.${n}`
  }
}

/**
 * skipUnlessTool returns false when the program is on PATH, else a reason to pass as node:test's
 * `skip` option. Under CI=true a missing tool is a failure instead (the interop suite always runs in
 * CI, ARCHITECTURE rule 12): it throws.
 */
export function skipUnlessTool(program: string, debianPackage: string): string | false {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], {stdio: 'ignore'}).status === 0
  if (found) return false
  const reason = `${program} is not installed (Debian package ${debianPackage})`
  if (process.env.CI === 'true') throw new Error(`CI: ${reason}`)
  return reason
}

/** within rejects when a promise has not settled after ms, naming what was awaited. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** listening tells whether something listens on address:port, from /proc/net (IPv4 only; no probe traffic to the peer). */
export function listening(protocol: 'udp' | 'tcp', address: string, port: number): boolean {
  const hex = address.split('.').map((o) => Number(o).toString(16).toUpperCase().padStart(2, '0')).reverse().join('')
  const local = `${hex}:${port.toString(16).toUpperCase().padStart(4, '0')}`
  const table = readFileSync(`/proc/net/${protocol}`, 'utf8').split('\n').slice(1)
  // TCP state 0A is LISTEN; a bound UDP socket is 07 (CLOSE) in this table.
  return table.some((line) => {
    const [, localAddress, , state] = line.trim().split(/\s+/)
    return localAddress === local && (protocol === 'udp' || state === '0A')
  })
}

/** waitListening waits until listening() holds, or rejects after ms. */
export function waitListening(protocol: 'udp' | 'tcp', address: string, port: number, ms: number): Promise<void> {
  return waitFor(() => listening(protocol, address, port), ms, `something listening on ${protocol} ${address}:${port}`)
}

/** waitFor polls condition every 20 ms until it holds, or rejects after ms, naming what was awaited. */
export async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
