import assert from 'node:assert/strict'
import {readFile, rename, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {test} from 'node:test'
import {loopbackBlock} from '../helpers/sip/peers.js'
import {csxmpp, errorRecord, setUpGatewayStore, startUdpGateway, tempDir} from '../helpers/store-security.js'

/**
 * Issue 12: a hand-edited store that names a member twice (JSON.parse keeps the last one) must be an
 * invalid store, refused with the key and where it stands, like every other invalid store: by the
 * cmdlets, which change nothing, and by the gateway's reload, which keeps the last good configuration.
 */

/** storeWithPartners makes a store with the partners a.example and b.example; returns its directory and text. */
async function storeWithPartners(name: string): Promise<{dir: string; text: string}> {
  const dir = await tempDir(name)
  await setUpGatewayStore(dir)
  for (const partner of ['a.example', 'b.example']) {
    assert.equal((await csxmpp(dir, 'New-CsXmppAllowedPartner', '-Identity', partner, '-WarningAction', 'SilentlyContinue')).code, 0)
  }
  return {dir, text: await readFile(join(dir, 'store.json'), 'utf8')}
}

/** position is `line L, column C` of the n-th (0-based) occurrence of needle in text after offset from. */
function position(text: string, needle: string, n: number, from: number): string {
  let at = from - 1
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1)
  const before = text.slice(0, at)
  return `line ${before.split('\n').length}, column ${at - before.lastIndexOf('\n')}`
}

/** duplicatePartner names a.example a second time, before b.example, with another description. */
function duplicatePartner(text: string): string {
  const record = JSON.parse(text).xmppAllowedPartners['a.example']
  return text.replace('"b.example": {', `"a.example": ${JSON.stringify({...record, Description: 'the second one'})},\n    "b.example": {`)
}

/** duplicateSetting names b.example's Description twice. */
function duplicateSetting(text: string): string {
  return text.replace(/("b\.example": \{\n)/, '$1      "Description": "first",\n')
}

/** invalid is the StoreInvalid message for the first two occurrences of needle (the key) after from. */
function invalid(dir: string, jsonPath: string, key: string, text: string, needle: string, from = 0): string {
  const where = `${position(text, needle, 0, from)} and ${position(text, needle, 1, from)}`
  return `The configuration store ${join(dir, 'store.json')} is not valid: ${jsonPath}: the key '${key}' appears more than once (${where}). It was not changed.`
}

const partnerTwice = (dir: string, edited: string): string => invalid(dir, "$.xmppAllowedPartners['a.example']", 'a.example', edited, '"a.example": {')
const settingTwice = (dir: string, edited: string): string =>
  invalid(dir, "$.xmppAllowedPartners['b.example'].Description", 'Description', edited, '"Description"', edited.indexOf('"b.example": {'))

test('cmdlets refuse a store that names a partner twice, and change nothing', async () => {
  const {dir, text} = await storeWithPartners('duplicate-cli')
  const edited = duplicatePartner(text)
  await writeFile(join(dir, 'store.json'), edited)
  const message = partnerTwice(dir, edited)
  const store = join(dir, 'store.json')
  const read = await csxmpp(dir, 'Get-CsXmppAllowedPartner')
  assert.deepEqual(read, {stdout: '', stderr: errorRecord('Get-CsXmppAllowedPartner', message, 'ReadError: IOException', store, 'StoreInvalid'), code: 1})
  const change = await csxmpp(dir, 'Set-CsXmppAllowedPartner', '-Identity', 'a.example', '-Description', 'changed')
  assert.deepEqual(change, {stdout: '', stderr: errorRecord('Set-CsXmppAllowedPartner', message, 'ReadError: IOException', store, 'StoreInvalid'), code: 1})
  assert.equal(await readFile(store, 'utf8'), edited)
})

test('cmdlets refuse a store that names a setting twice inside a record', async () => {
  const {dir, text} = await storeWithPartners('duplicate-setting')
  const edited = duplicateSetting(text)
  await writeFile(join(dir, 'store.json'), edited)
  const store = join(dir, 'store.json')
  const read = await csxmpp(dir, 'Get-CsXmppAllowedPartner', '-Identity', 'b.example')
  assert.deepEqual(read, {stdout: '', stderr: errorRecord('Get-CsXmppAllowedPartner', settingTwice(dir, edited), 'ReadError: IOException', store, 'StoreInvalid'), code: 1})
})

test("the gateway's reload refuses a duplicate key and keeps the last good configuration", async () => {
  const {dir, text} = await storeWithPartners('duplicate-reload')
  const gateway = await startUdpGateway(dir, loopbackBlock()(1))
  try {
    const started = gateway.lines.find((line) => line.msg === 'gateway started')!
    // The first edit changes the partner section (the reload falls back to a full read); the second
    // only b.example's record, which the reload re-parses alone (store/file-image.ts).
    const byPartner = duplicatePartner(text)
    const bySetting = duplicateSetting(text)
    for (const [edited, message] of [[byPartner, partnerTwice(dir, byPartner)], [bySetting, settingTwice(dir, bySetting)]] as const) {
      const mark = gateway.lines.length
      // As an editor saves: a whole new file renamed into place, so no reload reads half of it.
      await writeFile(join(dir, 'edited.json'), edited)
      await rename(join(dir, 'edited.json'), join(dir, 'store.json'))
      const failed = await gateway.waitForLog((line) => line.msg.startsWith('config reload'), 10_000, mark)
      assert.deepEqual([failed.msg, failed.reason], [`config reload failed; version ${started.version} stays in force`, message])
    }
  } finally {
    assert.equal(await gateway.stop(), 0)
  }
})
