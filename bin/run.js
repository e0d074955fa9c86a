#!/usr/bin/env node
// csxmpp: main runs every mode; oclif (dist/oclif.mjs) is loaded only when help is asked for.
import {main} from '../dist/csxmpp.mjs'

const oclif = async (args) => (await import('../dist/oclif.mjs')).execute({dir: import.meta.url, args})
await main(process.argv.slice(2), new URL('../', import.meta.url), oclif)
