import {ConfigStore} from '../../store/index.js'
import {createScriptHost} from '../../src/host/script-host.js'
import {type ShellConsole, ShellSession, SourceText} from '../../src/shell/index.js'
import type {TempStore} from './csxmpp.js'

/** In-process script runs for tests: a ShellSession over a temporary store, its streams captured. */

/** ScriptRun is what a script printed and its exit code. */
export interface ScriptRun {
  stdout: string
  stderr: string
  code: number
}

/**
 * runScriptText runs script text as `csxmpp -File <name>` would (name undefined: as -Command);
 * console replaces parts of the console (terminals, prompts). The run ends as the executable ends it.
 */
export async function runScriptText(store: TempStore, text: string, name: string | undefined = 't.ps1', console: Partial<ShellConsole> = {}): Promise<ScriptRun> {
  let stdout = ''
  let stderr = ''
  const session = new ShellSession({
    console: {
      out: (t) => void (stdout += t),
      err: (t) => void (stderr += t),
      color: false,
      width: 120,
      interactive: false,
      prompt: async () => undefined,
      ...console,
    },
    host: createScriptHost(new ConfigStore(store.path), '0.1.0'),
  })
  const code = await session.run(new SourceText(text, name))
  session.close()
  return {stdout, stderr, code}
}
