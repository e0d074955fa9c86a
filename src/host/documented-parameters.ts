import type {CmdletDefinition} from '../cmdlets/definition.js'
import type {LyncCatalogue} from '../help/lync-catalogue.js'

/**
 * withDocumentedParameters gives a cmdlet the parameters its Lync Server 2013 page lists (powershell.md
 * §14.2), so that one csxmpp does not implement is "not supported", not "not found"; the catalogue is
 * read only when a parameter name matches nothing csxmpp implements. Scripts and argv mode share it, so
 * it lives apart from the script host (a cmdlet run from bash loads no language code).
 */
export function withDocumentedParameters<T extends CmdletDefinition>(definition: T, catalogue: LyncCatalogue): T {
  return {...definition, documentedParameters: () => catalogue.find(definition.name)?.parameters ?? []}
}
