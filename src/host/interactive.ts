import type {ScriptOptions} from './script-mode.js'

/** The interactive shell (powershell.md §1.6). */
export async function runShell(options: ScriptOptions): Promise<number> {
  void options
  process.stderr.write('csxmpp: the interactive shell is not available yet.\n')
  return 2
}
