import {homedir} from 'node:os'
import {isAbsolute, join} from 'node:path'

/** defaultStorePath returns `$CSXMPP_STORE`, else `$XDG_DATA_HOME/csxmpp/store.json`, else `~/.local/share/csxmpp/store.json` (cmdlets.md A10). */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.CSXMPP_STORE
  if (explicit) return explicit
  // A relative XDG_DATA_HOME is ignored, as the XDG Base Directory specification requires.
  const dataHome = env.XDG_DATA_HOME
  const base = dataHome && isAbsolute(dataHome) ? dataHome : join(homedir(), '.local', 'share')
  return join(base, 'csxmpp', 'store.json')
}
