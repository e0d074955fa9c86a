import {readFileSync} from 'node:fs'
import type {Command} from '@oclif/core/command'
import {Help} from '@oclif/core/help'
import {commandTable} from '../help/command-table.js'
import {formatHelp} from '../help/get-help.js'
import {findCmdlet, LYNC_CMDLETS} from '../cmdlets/index.js'
import {ErrorRecord} from '../errors.js'
import {formatErrorRecord} from '../format/index.js'

/**
 * oclif's help class, replaced by Get-Help's text (powershell.md §9: `csxmpp help X`, `X -?` and
 * `X --help` print exactly what Get-Help X prints). `csxmpp help` alone lists the cmdlets.
 */
export default class GetHelp extends Help {
  override async showHelp(argv: string[]): Promise<void> {
    const name = argv.find((a) => !a.startsWith('-'))
    if (name === undefined) return this.showRootHelp()
    const definition = findCmdlet(name)
    if (definition) {
      process.stdout.write(formatHelp(definition))
      return
    }
    const record = new ErrorRecord({
      message: `Get-Help could not find ${name} in a help file in this session.`,
      errorId: 'HelpNotFound',
      category: 'ResourceUnavailable',
      reason: 'HelpNotFoundException',
      targetObject: name,
      origin: 'Get-Help',
      activity: 'Get-Help',
      idSuffix: 'Get-Help',
    })
    process.stderr.write(formatErrorRecord(record))
    process.exitCode = 1
  }

  override async showCommandHelp(command: Command.Loadable): Promise<void> {
    await this.showHelp([command.id])
  }

  override async showRootHelp(): Promise<void> {
    const version = (JSON.parse(readFileSync(new URL('package.json', `file://${this.config.root}/`), 'utf8')) as {version: string}).version
    process.stdout.write(commandTable(LYNC_CMDLETS, version))
  }
}
