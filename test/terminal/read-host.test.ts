import assert from 'node:assert/strict'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {test} from 'node:test'
import {BIN, tmpStore} from '../helpers/csxmpp.js'
import {Terminal} from '../helpers/tmux.js'

/** Read-Host, Get-Credential and Write-Host colours on a real terminal (powershell.md §9, §1.8). */

/** onTerminal runs `csxmpp -File t.ps1` on a real terminal; env prefixes the command (`env -u NO_COLOR`). */
async function onTerminal(script: string, env: string, use: (terminal: Terminal) => Promise<void>): Promise<void> {
  const store = tmpStore()
  const dir = mkdtempSync(path.join(tmpdir(), 'csxmpp-read-host-'))
  writeFileSync(path.join(dir, 't.ps1'), script)
  const terminal = new Terminal(`cd '${dir}' && ${env} node ${BIN} -File t.ps1`, {CSXMPP_STORE: store.path})
  try {
    await use(terminal)
  } finally {
    terminal.stop()
    store.cleanup()
    rmSync(dir, {recursive: true, force: true})
  }
}

const SCRIPT = `$domain = Read-Host "Partner domain"
$cred = Get-Credential -Message "Lync admin"
Write-Host -Object:"domain=$domain user=$($cred.UserName) length=$($cred.Password.Length)" -ForegroundColor:Green
"password=$($cred.Password)"
`

test('Read-Host and Get-Credential prompt on a terminal; the password shows only as stars', async () => {
  // NO_COLOR unset for this command, so that Write-Host's colour reaches the terminal.
  await onTerminal(SCRIPT, 'env -u NO_COLOR', async (terminal) => {
    await terminal.waitFor('Partner domain:')
    terminal.type('jabber.org')
    await terminal.waitFor('User:')
    terminal.type('admin')
    await terminal.waitFor('Password for user admin:')
    terminal.type('s3cr3t')
    const screen = await terminal.waitFor('[exit 0]')
    assert.ok(
      screen.startsWith('Partner domain: jabber.org\nLync admin\nUser: admin\nPassword for user admin: ******\ndomain=jabber.org user=admin length=6\npassword=System.Security.SecureString\n[exit 0]'),
      screen,
    )
    assert.ok(!screen.includes('s3cr3t'), screen)
    // Green is SGR 92 (§9 table); tmux reports the colour it drew.
    assert.match(terminal.screen(true), /\u001B\[92mdomain=jabber\.org/)
  })
})

test('Ctrl-C at a Read-Host prompt stops the script as the signal would (exit 130)', async () => {
  await onTerminal('$d = Read-Host "Partner domain"\n"not reached"\n', '', async (terminal) => {
    await terminal.waitFor('Partner domain:')
    terminal.type('ab', false)
    terminal.keys('C-c')
    const screen = await terminal.waitFor('[exit 130]')
    assert.ok(!screen.includes('not reached'), screen)
  })
})
