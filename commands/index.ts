import type {Command} from '@oclif/core/command'
import {LYNC_CMDLETS} from '../src/index.js'
import {cmdletCommand} from './base.js'

/** COMMANDS is oclif's explicit command map: one command per registry cmdlet, named exactly like it. */
export const COMMANDS: Record<string, typeof Command> = Object.fromEntries(LYNC_CMDLETS.map((d) => [d.name, cmdletCommand(d)]))
