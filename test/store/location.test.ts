import assert from 'node:assert/strict'
import os from 'node:os'
import path from 'node:path'
import {test} from 'node:test'
import {defaultStorePath} from '../../store/index.js'

const HOME_STORE = path.join(os.homedir(), '.local', 'share', 'csxmpp', 'store.json')

const CASES: Array<[name: string, env: NodeJS.ProcessEnv, expected: string]> = [
  ['CSXMPP_STORE wins', {CSXMPP_STORE: '/srv/csxmpp/store.json', XDG_DATA_HOME: '/data'}, '/srv/csxmpp/store.json'],
  ['a relative CSXMPP_STORE is kept as given', {CSXMPP_STORE: 'store.json'}, 'store.json'],
  ['an empty CSXMPP_STORE is ignored', {CSXMPP_STORE: '', XDG_DATA_HOME: '/data'}, '/data/csxmpp/store.json'],
  ['XDG_DATA_HOME', {XDG_DATA_HOME: '/data'}, '/data/csxmpp/store.json'],
  ['an empty XDG_DATA_HOME is ignored', {XDG_DATA_HOME: ''}, HOME_STORE],
  ['a relative XDG_DATA_HOME is ignored (XDG spec)', {XDG_DATA_HOME: 'data'}, HOME_STORE],
  ['neither', {}, HOME_STORE],
]

for (const [name, env, expected] of CASES) {
  test(`defaultStorePath: ${name}`, () => {
    assert.equal(defaultStorePath(env), expected)
  })
}
