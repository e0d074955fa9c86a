import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {test} from 'node:test'
import {parseStoreText} from '../../store/index.js'
import {startHelper} from './helpers/child.js'
import {makeTempDir} from './helpers/temp-dir.js'

const WRITERS = 20

test(`${WRITERS} processes each adding a partner at once: no update is lost, the file stays valid`, {timeout: 120_000}, async (t) => {
  const file = path.join(makeTempDir(t), 'store.json')
  const domains = Array.from({length: WRITERS}, (_, i) => `writer${i}.example`)
  const children = domains.map((domain) => startHelper(t, 'add-partner.ts', [file, domain]))
  const results = await Promise.all(children.map((child) => child.exited))
  results.forEach((result, i) => assert.deepEqual(result, {code: 0, signal: null}, children[i]!.stderr()))
  const {document, problem} = parseStoreText(fs.readFileSync(file, 'utf8'))
  assert.equal(problem, null)
  assert.equal(document!.revision, WRITERS)
  assert.deepEqual(Object.keys(document!.xmppAllowedPartners).sort(), [...domains].sort())
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['store.json'])
})
