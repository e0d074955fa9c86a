import assert from 'node:assert/strict'
import {test} from 'node:test'
import {BIN, STORE_P, runAll, tmpStore} from '../helpers/csxmpp.js'
import {Terminal} from '../helpers/tmux.js'

/** -Confirm and the in-use question on a real terminal (powershell.md §7.8, cmdlets.md A6.4). */

test('-Confirm prompts on a terminal; N keeps the partner, Y removes it', async () => {
  const store = tmpStore()
  await runAll(store, STORE_P)
  const command = `node ${BIN} Remove-CsXmppAllowedPartner a.example -Confirm`
  // One after the other: a prompting cmdlet holds the store lock, so a second one would wait for it.
  const no = new Terminal(command, {CSXMPP_STORE: store.path})
  let yes: Terminal | undefined
  try {
    const screen = await no.waitFor('(default is "Y"):')
    assert.ok(
      screen.startsWith(
        'Confirm\nAre you sure you want to perform this action?\nPerforming the operation "Remove-CsXmppAllowedPartner" on target "a.example".\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [?] Help (default is "Y"):',
      ),
      screen,
    )
    no.type('n')
    await no.waitFor('[exit 0]')
    assert.ok(store.json().xmppAllowedPartners['a.example'])
    yes = new Terminal(command, {CSXMPP_STORE: store.path})
    await yes.waitFor('(default is "Y"):')
    yes.type('?')
    await yes.waitFor('Y - Continue with only the next step of the operation.')
    yes.type('Y')
    await yes.waitFor('[exit 0]')
    assert.equal(store.json().xmppAllowedPartners['a.example'], undefined)
  } finally {
    no.stop()
    yes?.stop()
    store.cleanup()
  }
})

test('removing a granted per-user policy asks first on a terminal (A6.4)', async () => {
  const store = tmpStore()
  await runAll(store, [
    ['New-CsSipDomain', 'litwareinc.com'],
    ['Enable-CsUser', 'Ken Myer', '-SipAddress', 'kenmyer@litwareinc.com'],
    ['New-CsExternalAccessPolicy', 'RedmondAccessPolicy'],
    ['Grant-CsExternalAccessPolicy', 'Ken Myer', 'RedmondAccessPolicy'],
  ])
  const terminal = new Terminal(`node ${BIN} Remove-CsExternalAccessPolicy RedmondAccessPolicy`, {CSXMPP_STORE: store.path})
  try {
    const screen = await terminal.waitFor('(default is "N"):')
    assert.ok(
      screen.startsWith(
        'The policy is in use.\nThe policy "Tag:RedmondAccessPolicy" is assigned to 1 user(s). Remove it and let them fall back to their site or the global policy?\n[Y] Yes  [N] No  [?] Help (default is "N"):',
      ),
      screen,
    )
    terminal.type('y')
    const after = await terminal.waitFor('[exit 0]')
    assert.match(after, /WARNING: The policy "Tag:RedmondAccessPolicy" was assigned to 1 user\(s\); they now use their site or the global policy\./)
    const document = store.json()
    assert.deepEqual([document.externalAccessPolicies['tag:redmondaccesspolicy'], document.users['kenmyer@litwareinc.com'].ExternalAccessPolicy], [undefined, null])
  } finally {
    terminal.stop()
    store.cleanup()
  }
})
