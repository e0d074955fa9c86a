#!/usr/bin/env node
// csxmpp: dispatch first (usage errors and unknown cmdlets never load oclif), then oclif runs the cmdlet.
import {main} from '../dist/src/index.js'

const root = new URL('../', import.meta.url)
await main(process.argv.slice(2), root, async (args) => {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url, args})
})
