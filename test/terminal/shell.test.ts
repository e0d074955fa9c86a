import assert from 'node:assert/strict'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {BIN, STORE_P, runAll, tmpStore} from '../helpers/csxmpp.js'
import {loopbackBlock} from '../helpers/sip/peers.js'
import {Terminal} from '../helpers/tmux.js'

/**
 * The interactive shell as a person uses it, in a real terminal (powershell.md §1.6): the prompt, tab
 * completion, a multi-line foreach, history across sessions, Ctrl-C, and leaving with exit or Ctrl-D.
 */

function shell(store: ReturnType<typeof tmpStore>): Terminal {
  return new Terminal(`cd ${store.dir} && node ${BIN}`, {CSXMPP_STORE: store.path, XDG_STATE_HOME: path.join(store.dir, 'state'), HOME: store.dir})
}

/** waitForPrompts waits until the prompt has been shown n times (the previous input finished). */
async function waitForPrompts(term: Terminal, prompt: string, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (term.screen().split(prompt.trimEnd()).length - 1 >= n) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`the prompt was not shown ${n} times:\n${term.screen()}`)
}

/** lastLines is the screen's text without trailing blank lines, last n lines. */
function lastLines(screen: string, n: number): string {
  return screen.trimEnd().split('\n').slice(-n).join('\n')
}

test('the shell completes cmdlet names, parameters and enum values, runs the line and shows the prompt again', async () => {
  const store = tmpStore()
  await runAll(store, STORE_P)
  const term = shell(store)
  try {
    const prompt = `PS ${store.dir}> `
    await term.waitFor(prompt.trimEnd())
    term.type('get-csxmppallow', false)
    term.keys('Tab')
    await term.waitFor(`${prompt}Get-CsXmppAllowedPartner`)
    term.type(' -Filt', false)
    term.keys('Tab')
    await term.waitFor(`${prompt}Get-CsXmppAllowedPartner -Filter`)
    term.type(" '*.example' | Set-CsXmppAllowedPartner -PartnerT", false)
    term.keys('Tab')
    term.type(' PublicV', false)
    term.keys('Tab')
    await term.waitFor("-PartnerType PublicVerified")
    term.keys('Enter')
    await waitForPrompts(term, prompt, 2)
    term.type('(Get-CsXmppAllowedPartner).PartnerType -join ","')
    const screen = await term.waitFor('PublicVerified,PublicVerified,PublicVerified')
    assert.equal(
      lastLines(screen, 3),
      `${prompt}(Get-CsXmppAllowedPartner).PartnerType -join ","\nPublicVerified,PublicVerified,PublicVerified\n${prompt.trimEnd()}`,
    )
  } finally {
    term.stop()
    store.cleanup()
  }
})

test('a multi-line foreach prompts with >> and runs when the block closes; history keeps it across sessions', async () => {
  const store = tmpStore()
  const first = shell(store)
  let second: Terminal | undefined
  try {
    const prompt = `PS ${store.dir}> `
    await first.waitFor(prompt.trimEnd())
    first.type('foreach ($i in 1..3) {')
    await first.waitFor('>>')
    first.type('  "n=$i"')
    first.type('}')
    const screen = await first.waitFor('n=3')
    assert.equal(lastLines(screen, 7), `${prompt}foreach ($i in 1..3) {\n>>   "n=$i"\n>> }\nn=1\nn=2\nn=3\n${prompt.trimEnd()}`)
    first.type(' "not kept: starts with a space"')
    await first.waitFor('not kept: starts with a space\n')
    first.type('exit 4')
    await first.waitFor('[exit 4]')
    const history = readFileSync(path.join(store.dir, 'state', 'csxmpp', 'history'), 'utf8')
    assert.equal(history, `${JSON.stringify('foreach ($i in 1..3) {\n  "n=$i"\n}')}\n${JSON.stringify('exit 4')}\n`)
    second = shell(store)
    await second.waitFor(prompt.trimEnd())
    second.keys('Up', 'Up')
    await second.waitFor('foreach ($i in 1..3) {')
    second.keys('Enter')
    await second.waitFor('n=3')
  } finally {
    first.stop()
    second?.stop()
    store.cleanup()
  }
})

/** inFreshShell runs body in a shell on an empty store, once the first prompt shows; then stops both. */
async function inFreshShell(body: (term: Terminal, prompt: string) => Promise<void>): Promise<void> {
  const store = tmpStore()
  const term = shell(store)
  try {
    const prompt = `PS ${store.dir}> `
    await term.waitFor(prompt.trimEnd())
    await body(term, prompt)
  } finally {
    term.stop()
    store.cleanup()
  }
}

test('an unterminated string opened by a typographic quote continues with >> (§1.6, §2.9)', () =>
  inFreshShell(async (term, prompt) => {
    term.type('Write-Output \u201cfirst')
    await term.waitFor('>>')
    term.type('second\u201d \u2018it\u2019\u2019s\u2019')
    const screen = await term.waitFor('it\u2019s')
    assert.equal(lastLines(screen, 6), `${prompt}Write-Output \u201cfirst\n>> second\u201d \u2018it\u2019\u2019s\u2019\nfirst\nsecond\nit\u2019s\n${prompt.trimEnd()}`)
  }))

test('Ctrl-C discards the line being typed, including continuation lines, and the shell stays; Ctrl-D leaves with 0', async () => {
  const store = tmpStore()
  const term = shell(store)
  try {
    const prompt = `PS ${store.dir}> `
    await term.waitFor(prompt.trimEnd())
    term.type('if ($true) {')
    await term.waitFor('>>')
    term.type('"never printed"', false)
    term.keys('C-c')
    term.type('"after Ctrl-C"')
    const screen = await term.waitFor('after Ctrl-C\n')
    assert.ok(!screen.includes('never printed\n'), screen)
    assert.equal(existsSync(store.path), false)
    term.keys('C-d')
    await term.waitFor('[exit 0]')
  } finally {
    term.stop()
    store.cleanup()
  }
})

test('Ctrl-C stops Start-CsXmppGateway run from the shell, and the shell goes on', async () => {
  const store = tmpStore()
  const term = shell(store)
  try {
    const prompt = `PS ${store.dir}> `
    await term.waitFor(prompt.trimEnd())
    term.type(`Start-CsXmppGateway -ListenAddress ${loopbackBlock()(5)} -Port 15269 -SipPort 15061 -LogLevel Warn`)
    await term.waitFor('Stop it with Ctrl+C.', 30_000)
    term.keys('C-c')
    term.type('"after the gateway"')
    await term.waitFor('after the gateway\n', 15_000)
    term.keys('C-d')
    await term.waitFor('[exit 0]')
  } finally {
    term.stop()
    store.cleanup()
  }
})
