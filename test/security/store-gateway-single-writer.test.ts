import assert from 'node:assert/strict'
import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {test} from 'node:test'
import {CSXMPP_BIN, runProcess} from '../helpers/process.js'
import {loopbackBlock} from '../helpers/sip/peers.js'
import {errorRecord, setUpGatewayStore, startUdpGateway, tempDir} from '../helpers/store-security.js'

/**
 * Issue 12, case 8 and presence.md P8.1: one gateway per store. Two gateways on one store overwrite
 * each other's state files, so the gateway locks `state/` at start (refreshed while it runs, taken
 * over once stale after 5 s, like the store lock) and a second one stops with cmdlets.md A15.2's
 * GatewayAlreadyRunning, exit 1, nothing on stdout. A clean stop releases the lock; a gateway killed
 * with SIGKILL leaves it, and the next start takes it over.
 */

test('a second gateway on the same store stops with GatewayAlreadyRunning; a clean stop releases the lock', async () => {
  const dir = await tempDir('single-writer')
  await setUpGatewayStore(dir)
  const block = loopbackBlock()
  const first = await startUdpGateway(dir, block(1))
  let second: Awaited<ReturnType<typeof runProcess>>
  try {
    const args = ['Start-CsXmppGateway', '-ListenAddress', block(2), '-Port', '15269', '-SipPort', '15060', '-SipTransport', 'Udp']
    second = await runProcess(dir, process.execPath, [CSXMPP_BIN, ...args], 15_000)
    // The first one goes on serving the store.
    const mark = first.lines.length
    assert.equal((await first.cmdlet('New-CsSipDomain', '-Identity', 'other.test')).code, 0)
    await first.waitForLog((line) => line.msg === 'config reloaded', 10_000, mark)
  } finally {
    assert.equal(await first.stop(), 0)
  }
  const message = `Another csxmpp gateway (pid ${first.pid}) is already running on the store ${join(dir, 'store.json')}; stop it first.`
  const record = errorRecord('Start-CsXmppGateway', message, 'ResourceBusy: InvalidOperationException', join(dir, 'state', 'gateway.sock'), 'GatewayAlreadyRunning')
  assert.deepEqual(second, {stdout: '', stderr: record, code: 1})
  assert.equal(existsSync(join(dir, 'state.lock')), false, 'a clean stop leaves no lock')
  const next = await startUdpGateway(dir, block(3))
  assert.equal(await next.stop(), 0)
})

test('the lock of a gateway killed with SIGKILL is taken over by the next start', async () => {
  const dir = await tempDir('single-writer-kill')
  await setUpGatewayStore(dir)
  const block = loopbackBlock()
  const killed = await startUdpGateway(dir, block(1))
  process.kill(killed.pid, 'SIGKILL')
  await killed.stop()
  assert.equal(existsSync(join(dir, 'state.lock')), true, 'SIGKILL leaves the lock behind')
  const next = await startUdpGateway(dir, block(2))
  try {
    assert.equal((await readFile(join(dir, 'state.lock-owner'), 'utf8')).trim(), String(next.pid))
  } finally {
    assert.equal(await next.stop(), 0)
  }
})
