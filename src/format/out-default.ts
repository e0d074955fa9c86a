import {toPSString} from '../values/convert.js'
import {PSObject} from '../values/objects.js'
import {formatFieldValue, isCollection} from './values.js'

/**
 * Out-Default: turns one statement's success output into console text (powershell.md §10.1).
 * Consecutive objects of the same first type name form one block in that type's view; strings and
 * numbers print as they are. Every line ends in LF and carries no trailing spaces.
 */

/** listLines renders one object in list layout: `Name<pad> : value` (powershell.md §10.3). */
export function listLines(object: PSObject, propertyNames = object.propertyNames()): string[] {
  const width = Math.max(0, ...propertyNames.map((n) => n.length))
  const lines: string[] = []
  for (const name of propertyNames) {
    const [first = '', ...rest] = formatFieldValue(object.get(name)).split('\n')
    lines.push(`${name.padEnd(width)} : ${first}`)
    for (const line of rest) lines.push(`${' '.repeat(width + 3)}${line}`)
  }
  return lines
}

/** flatten enumerates collections in the output stream, as the pipeline does. */
function flatten(objects: readonly unknown[]): unknown[] {
  return objects.flatMap((o) => (isCollection(o) ? flatten(o) : [o]))
}

/** formatOutput renders a statement's output objects as console text. */
export function formatOutput(objects: readonly unknown[]): string {
  const lines: string[] = []
  let blockType: string | undefined
  for (const object of flatten(objects)) {
    if (object === null || object === undefined) continue
    if (object instanceof PSObject) {
      const type = object.typeNames[0] ?? ''
      // A list block opens with an empty line; each object is followed by one (§10.1).
      if (type !== blockType) lines.push('')
      blockType = type
      lines.push(...listLines(object), '')
      continue
    }
    blockType = undefined
    lines.push(...toPSString(object).split('\n'))
  }
  return lines.map((l) => `${l.trimEnd()}\n`).join('')
}
