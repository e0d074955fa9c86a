import type {CommandArgument} from '../binding/binder.js'

/**
 * Turns the argv of `csxmpp <Cmdlet> …` into command arguments (powershell.md §1.2). Each element is
 * one token: an element starting with `-` or a typographic dash (§2.9: `–Identity`) and a letter, `_`
 * or `?` is a parameter token (`-Name` or `-Name:value`); everything else, `-5` included, is a value.
 */

const PARAMETER_TOKEN = /^[-\u2013-\u2015][\p{L}_?]/u

/** isParameterToken tells whether an argv element names a parameter. */
function isParameterToken(element: string): boolean {
  return PARAMETER_TOKEN.test(element)
}

/** argvArguments converts argv elements (after the cmdlet name, without --json) to arguments. */
export function argvArguments(elements: readonly string[]): CommandArgument[] {
  return elements.map((element): CommandArgument => {
    if (!isParameterToken(element)) return {kind: 'value', value: {kind: 'argv', raw: element}}
    const colon = element.indexOf(':')
    if (colon < 0) return {kind: 'parameter', name: element.slice(1)}
    return {kind: 'parameter', name: element.slice(1, colon), attached: {kind: 'argv', raw: element.slice(colon + 1)}}
  })
}
