import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {sipDigestFileName, sipDigestHa1} from '../../src/cmdlets/user/sip-digest.js'
import {BIN, type Run, type TempStore, run, runAll, spawnCsxmpp, tmpStore} from '../helpers/csxmpp.js'
import {runScriptText} from '../helpers/shell.js'
import {Terminal} from '../helpers/tmux.js'

/**
 * Set-CsUserSipCredential (cmdlets.md A9.1): only HA1 = MD5(user:realm:password) is kept, in
 * `<key directory>/sip-digest/<user key>` (0600, folders 0700), never in the store; the password
 * comes from -Password, a no-echo prompt on a terminal, or one line of stdin. Disable-CsUser and a
 * new SIP address remove it.
 */

const HA1: Array<[user: string, realm: string, password: string, ha1: string]> = [
  // RFC 2617 3.5's example.
  ['Mufasa', 'testrealm@host.com', 'Circle Of Life', '939e7578ed9e3c518a452acee763bce9'],
  ['Ken', 'contoso.com', 's3cret!', '21f08e6669e8586192f08745ee4202d1'],
  ['ken', 'contoso.com', 's3cret!', '6a41687c8a893bc702f4af7fafd31a01'],
  ['jürgen', 'bücher.example', 'pässwort', 'e9240fa29df005da3995872a2aa2955c'],
]

for (const [user, realm, password, ha1] of HA1) {
  test(`sipDigestHa1(${user}, ${realm}, …) = ${ha1}`, () => {
    assert.equal(sipDigestHa1(user, realm, password), ha1)
  })
}

test('sipDigestFileName is sip-digest/<user key>', () => {
  assert.equal(sipDigestFileName('ken@contoso.com'), 'sip-digest/ken@contoso.com')
})

const USERS = [
  ['New-CsSipDomain', 'contoso.com'],
  ['Enable-CsUser', 'Ken Myer', '-SipAddress', 'sip:Ken@contoso.com'],
  ['Enable-CsUser', 'Pilar Ackerman', '-SipAddress', 'pilar@contoso.com'],
]

async function withUsers(): Promise<TempStore> {
  const store = tmpStore()
  assert.deepEqual((await runAll(store, USERS)).codes, USERS.map(() => 0))
  return store
}

function digestPath(store: TempStore, key: string): string {
  return path.join(store.dir, 'keys', 'sip-digest', key)
}

/** keyDirectory lists every file under keys/ with its mode. */
function keyDirectory(store: TempStore): string[] {
  const keys = path.join(store.dir, 'keys')
  if (!existsSync(keys)) return []
  return (readdirSync(keys, {recursive: true}) as string[]).sort().map((name) => `${name} ${(statSync(path.join(keys, name)).mode & 0o777).toString(8)}`)
}

test('-Password stores HA1 of the stored user part and the domain, 0600 in a 0700 folder; the store is not written', async () => {
  const store = await withUsers()
  try {
    const before = store.bytes()
    assert.deepEqual(await run(store, ['Set-CsUserSipCredential', 'Ken Myer', '-Password', 's3cret!']), {stdout: '', stderr: '', code: 0})
    assert.equal(store.bytes(), before)
    assert.deepEqual(keyDirectory(store), ['sip-digest 700', 'sip-digest/ken@contoso.com 600'])
    assert.equal(statSync(path.join(store.dir, 'keys')).mode & 0o777, 0o700)
    // The user part keeps its case (sip:Ken@…), as the client's digest username does.
    assert.equal(readFileSync(digestPath(store, 'ken@contoso.com'), 'utf8'), '21f08e6669e8586192f08745ee4202d1\n')
    // A new password replaces the digest; by SIP address, with or without sip:.
    assert.equal((await run(store, ['Set-CsUserSipCredential', '-Identity', 'KEN@contoso.com', '-Password', 'other'])).code, 0)
    assert.equal(readFileSync(digestPath(store, 'ken@contoso.com'), 'utf8'), `${sipDigestHa1('Ken', 'contoso.com', 'other')}\n`)
    assert.deepEqual(keyDirectory(store), ['sip-digest 700', 'sip-digest/ken@contoso.com 600'])
  } finally {
    store.cleanup()
  }
})

test('a wildcard sets every matching user; -Clear removes the digest, and is quiet when there is none', async () => {
  const store = await withUsers()
  try {
    assert.equal((await run(store, ['Set-CsUserSipCredential', '*@contoso.com', '-Password', 'pw'])).code, 0)
    assert.deepEqual(keyDirectory(store), ['sip-digest 700', 'sip-digest/ken@contoso.com 600', 'sip-digest/pilar@contoso.com 600'])
    assert.equal(readFileSync(digestPath(store, 'pilar@contoso.com'), 'utf8'), `${sipDigestHa1('pilar', 'contoso.com', 'pw')}\n`)
    assert.deepEqual(await run(store, ['Set-CsUserSipCredential', 'Pilar Ackerman', '-Clear']), {stdout: '', stderr: '', code: 0})
    assert.deepEqual(keyDirectory(store), ['sip-digest 700', 'sip-digest/ken@contoso.com 600'])
    assert.deepEqual(await run(store, ['Set-CsUserSipCredential', 'Pilar Ackerman', '-Clear']), {stdout: '', stderr: '', code: 0})
  } finally {
    store.cleanup()
  }
})

const FAILURES: Array<[name: string, argv: string[], code: number, message: string]> = [
  ['an unknown user', ['Set-CsUserSipCredential', 'nobody@contoso.com', '-Password', 'x'], 1, 'Cannot set "User" "nobody@contoso.com" because it does not exist.'],
  [
    'an empty password',
    ['Set-CsUserSipCredential', 'Ken Myer', '-Password', ''],
    1,
    'No password was given for "Ken Myer". Give -Password, type it at the prompt, or pipe it on standard input; use -Clear to remove the credential.',
  ],
  ['-Password with -Clear', ['Set-CsUserSipCredential', 'Ken Myer', '-Password', 'x', '-Clear'], 2, 'Parameter set cannot be resolved using the specified named parameters.'],
  ['no -Identity', ['Set-CsUserSipCredential', '-Password', 'x'], 2, 'Cannot process command because of one or more missing mandatory parameters: Identity.'],
]

for (const [name, argv, code, message] of FAILURES) {
  test(`Set-CsUserSipCredential fails cleanly: ${name}`, async () => {
    const store = await withUsers()
    try {
      const before = store.bytes()
      const result = await run(store, argv)
      assert.equal(result.code, code)
      assert.equal(result.stderr.split('\n')[0], `Set-CsUserSipCredential : ${message}`)
      assert.equal(store.bytes(), before)
      assert.deepEqual(keyDirectory(store), [])
    } finally {
      store.cleanup()
    }
  })
}

test('-WhatIf writes no digest and asks for no password', async () => {
  const store = await withUsers()
  try {
    const result = await runScriptText(store, 'Set-CsUserSipCredential "Ken Myer" -WhatIf')
    assert.deepEqual(result, {stdout: 'What if: Performing the operation "Set-CsUserSipCredential" on target "Ken Myer".\n', stderr: '', code: 0})
    assert.deepEqual(keyDirectory(store), [])
  } finally {
    store.cleanup()
  }
})

test('without -Password, a host that cannot read one gives the "no password" error', async () => {
  const store = await withUsers()
  try {
    const result = await runScriptText(store, 'Get-CsUser "Ken Myer" | Set-CsUserSipCredential')
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^Set-CsUserSipCredential : No password was given for "Ken Myer"\./)
    assert.deepEqual(keyDirectory(store), [])
  } finally {
    store.cleanup()
  }
})

test('Disable-CsUser removes the digest; Set-CsUser removes it (with a warning) only when the SIP address changes', async () => {
  const store = await withUsers()
  try {
    await runAll(store, [
      ['Set-CsUserSipCredential', 'Ken Myer', '-Password', 'a'],
      ['Set-CsUserSipCredential', 'Pilar Ackerman', '-Password', 'b'],
    ])
    assert.deepEqual(await run(store, ['Set-CsUser', 'Ken Myer', '-DisplayName', 'Ken M.']), {stdout: '', stderr: '', code: 0})
    assert.ok(existsSync(digestPath(store, 'ken@contoso.com')))
    const moved = await run(store, ['Set-CsUser', 'Ken M.', '-SipAddress', 'kenm@contoso.com'])
    assert.deepEqual(moved, {
      stdout: '',
      stderr: 'WARNING: The SIP credential of "Ken M." was removed because its SIP address changed. Set it again with Set-CsUserSipCredential.\n',
      code: 0,
    })
    assert.deepEqual(await run(store, ['Disable-CsUser', 'Pilar Ackerman']), {stdout: '', stderr: '', code: 0})
    assert.deepEqual(keyDirectory(store), ['sip-digest 700'])
    assert.deepEqual(await run(store, ['Set-CsUser', 'Ken M.', '-SipAddress', 'ken@contoso.com']), {stdout: '', stderr: '', code: 0})
  } finally {
    store.cleanup()
  }
})

/** spawnWithInput runs the built csxmpp with text on its stdin (needs `npm run build`). */
function spawnWithInput(store: TempStore, argv: readonly string[], input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {cwd: store.dir, env: {...process.env, CSXMPP_STORE: store.path, NO_COLOR: '1'}, stdio: ['pipe', 'pipe', 'pipe']})
    let [stdout, stderr] = ['', '']
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({stdout, stderr, code: code ?? -1}))
    child.stdin.end(input)
  })
}

test('from bash: the password is one line of stdin; an empty stdin is the "no password" error', async () => {
  const store = await withUsers()
  try {
    const piped = await spawnWithInput(store, ['Set-CsUserSipCredential', 'sip:ken@contoso.com'], 'correct horse\nignored\n')
    assert.deepEqual(piped, {stdout: '', stderr: '', code: 0})
    assert.equal(readFileSync(digestPath(store, 'ken@contoso.com'), 'utf8'), `${sipDigestHa1('Ken', 'contoso.com', 'correct horse')}\n`)
    const empty = await spawnCsxmpp(store, ['Set-CsUserSipCredential', 'Pilar Ackerman'])
    assert.equal(empty.code, 1)
    assert.match(empty.stderr, /^Set-CsUserSipCredential : No password was given for "Pilar Ackerman"\./)
    assert.ok(!existsSync(digestPath(store, 'pilar@contoso.com')))
  } finally {
    store.cleanup()
  }
})

test('on a terminal the password is asked for without echo, in argv mode and in the interactive shell (and kept out of its history)', async () => {
  const store = await withUsers()
  const env = {CSXMPP_STORE: store.path, XDG_STATE_HOME: path.join(store.dir, 'state'), HOME: store.dir}
  const argv = new Terminal(`cd ${store.dir} && node ${BIN} Set-CsUserSipCredential 'Ken Myer'`, env)
  try {
    await argv.waitFor('SIP password for Ken Myer:')
    argv.type('tty-Secret-1')
    const screen = await argv.waitFor('[exit 0]')
    assert.ok(!screen.includes('tty-Secret-1'), screen)
    assert.equal(readFileSync(digestPath(store, 'ken@contoso.com'), 'utf8'), `${sipDigestHa1('Ken', 'contoso.com', 'tty-Secret-1')}\n`)
  } finally {
    argv.stop()
  }
  const shell = new Terminal(`cd ${store.dir} && node ${BIN}`, env)
  try {
    await shell.waitFor(`PS ${store.dir}>`)
    shell.type("Set-CsUserSipCredential 'Pilar Ackerman'; 'done'")
    await shell.waitFor('SIP password for Pilar Ackerman:')
    shell.type('tty-Secret-2')
    await shell.waitFor('\ndone\n')
    shell.type('exit')
    const screen = await shell.waitFor('[exit 0]')
    assert.ok(!screen.includes('tty-Secret-2'), screen)
    assert.equal(readFileSync(digestPath(store, 'pilar@contoso.com'), 'utf8'), `${sipDigestHa1('pilar', 'contoso.com', 'tty-Secret-2')}\n`)
    assert.ok(!readFileSync(path.join(store.dir, 'state', 'csxmpp', 'history'), 'utf8').includes('tty-Secret-2'))
  } finally {
    shell.stop()
    store.cleanup()
  }
})
