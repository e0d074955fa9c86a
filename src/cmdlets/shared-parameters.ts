import type {ParameterDefinition} from '../binding/parameter.js'
import {type LyncNoun, TYPE_NAMES} from './lync-types.js'

/** Parameters that several Lync cmdlets share, declared once (cmdlets.md B1.2). */

/** FILTER is -Filter of a Get- cmdlet: a wildcard matched against Identity (powershell.md §7.7). */
export const FILTER: ParameterDefinition = {
  name: 'Filter',
  type: {kind: 'WildcardFilter'},
  sets: {Filter: {}},
  acceptsWildcards: true,
  description: 'A wildcard pattern matched against Identity, case-insensitively: "*.org", "site:*", "tag:*". Script blocks are refused.',
}

/** LOCAL_STORE is -LocalStore: accepted, no effect, because csxmpp has one store (A1). */
export const LOCAL_STORE: ParameterDefinition = {
  name: 'LocalStore',
  type: {kind: 'Switch'},
  description: 'Accepted for compatibility and ignored: csxmpp reads its one local store.',
}

/** FORCE is -Force: suppresses questions that are not -Confirm prompts; never warnings or errors (A1). */
export const FORCE: ParameterDefinition = {
  name: 'Force',
  type: {kind: 'Switch'},
  description: 'Suppresses confirmation questions that are not -Confirm prompts. It never suppresses warnings or errors.',
}

/** IN_MEMORY is -InMemory of New- cmdlets: build the object and return it without committing it. */
export const IN_MEMORY: ParameterDefinition = {
  name: 'InMemory',
  type: {kind: 'Switch'},
  description: 'Creates the object in memory only and returns it. Commit it later with the Set- cmdlet and -Instance.',
}

/** instanceParameter is -Instance of a Set- cmdlet: its own parameter set, ByValue (A7). */
export function instanceParameter(noun: LyncNoun): ParameterDefinition {
  return {
    name: 'Instance',
    type: {kind: 'PSObject'},
    sets: {Instance: {fromPipeline: true}},
    pipelineTypes: nounTypeNames(noun),
    description: `A ${noun} object to write back: from a Get- or New- cmdlet, New- -InMemory, Import-Clixml of a Lync export, or Import-Csv. When no item with its Identity exists, it is created.`,
  }
}

/** nounTypeNames are the type names an -Identity of that noun accepts objects of. */
export function nounTypeNames(noun: LyncNoun): string[] {
  return TYPE_NAMES[noun].filter((t) => t !== 'System.Object')
}
