#!/usr/bin/env node
// csxmpp: dispatch first (usage errors and unknown cmdlets are answered at once), then oclif runs the cmdlet.
import {execute, main} from '../dist/csxmpp.mjs'

await main(process.argv.slice(2), new URL('../', import.meta.url), (args) => execute({dir: import.meta.url, args}))
