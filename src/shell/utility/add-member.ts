import {cmdletError} from '../../errors.js'
import {dotNetTypeName, toPSString} from '../../values/convert.js'
import {PSHashtable, PSObject} from '../../values/objects.js'
import {notSupportedError} from '../../values/runtime-errors.js'
import {type UtilityCommand, type UtilityContext, signature} from './command.js'
import {param} from './parameters.js'

/**
 * Add-Member (powershell.md §9): note properties only. The first positional argument binds to
 * -MemberType when it names a member type and to -NotePropertyName otherwise (PS's rule), so the
 * positions are declared for the -MemberType form and #notePropertyForm re-reads the other one.
 */

/** PS's PSMemberTypes names, to tell `Add-Member NoteProperty Region EU` from `Add-Member Region EU`. */
const MEMBER_TYPES = [
  'AliasProperty', 'CodeProperty', 'Property', 'NoteProperty', 'ScriptProperty', 'Properties', 'PropertySet', 'Method',
  'CodeMethod', 'ScriptMethod', 'Methods', 'ParameterizedProperty', 'MemberSet', 'Event', 'Dynamic', 'InferredProperty', 'All',
]

/** memberTypeNamed finds a member type by name, any case. */
function memberTypeNamed(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  return MEMBER_TYPES.find((t) => t.toLowerCase() === value.trim().toLowerCase())
}

/** notes lists the [name, value] pairs the command line asks to add. */
function notes(values: ReadonlyMap<string, unknown>): Array<[string, unknown]> {
  const first = values.get('MemberType')
  if (values.has('NotePropertyName')) {
    // `-NotePropertyName N V`: the value came at the first position.
    const value = values.has('NotePropertyValue') ? values.get('NotePropertyValue') : first
    return [[toPSString(values.get('NotePropertyName') ?? null), value ?? null]]
  }
  const memberType = memberTypeNamed(first)
  if (values.has('MemberType') && !memberType) {
    // The first positional argument was a note property name, or the -NotePropertyMembers table.
    if (first instanceof PSHashtable) return first.entries()
    return [[toPSString(first), values.get('Name') ?? null]]
  }
  if (memberType && memberType !== 'NoteProperty') {
    throw notSupportedError(`The member type ${memberType} of Add-Member is not supported by csxmpp.`, memberType)
  }
  if (memberType) return [[toPSString(values.get('Name') ?? null), values.get('Value') ?? null]]
  const members = values.get('NotePropertyMembers')
  return members instanceof PSHashtable ? members.entries() : []
}

function addNote(ctx: UtilityContext, target: PSObject, name: string, value: unknown, force: boolean): void {
  if (target.has(name)) {
    if (!force) {
      const message = `Cannot add a member with the name "${name}" because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command.`
      return ctx.writeError(cmdletError('Add-Member', {message, errorId: 'MemberAlreadyExists', category: 'InvalidOperation', reason: 'InvalidOperationException', targetObject: target}))
    }
    // PS removes the old member; the new one goes at the end of the property list.
    target.removeProperty(name)
  }
  target.addProperty(name, value)
}

const addMember: UtilityCommand = {
  signature: signature(
    'Add-Member',
    [
      param('InputObject', 'object', {pipe: true, mandatory: true}),
      param('MemberType', 'object', {position: 0, aliases: ['Type']}),
      param('Name', 'object', {position: 1}),
      param('Value', 'object', {position: 2}),
      param('NotePropertyName', 'string'),
      param('NotePropertyValue', 'object'),
      param('NotePropertyMembers', 'object'),
      param('PassThru', 'switch'),
      param('Force', 'switch'),
    ],
    ['SecondValue', 'TypeName'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Adds note properties to an object.',
  start: (ctx) => ({
    async process(values) {
      const target = values.get('InputObject') ?? null
      if (!(target instanceof PSObject)) {
        const type = target === null ? '$null' : `a ${dotNetTypeName(target)}`
        throw notSupportedError(`Add-Member to ${type} is not supported by csxmpp.`, 'Add-Member')
      }
      for (const [name, value] of notes(values)) addNote(ctx, target, name, value, values.get('Force') === true)
      if (values.get('PassThru') === true) await ctx.emit(target)
    },
  }),
}

export const ADD_MEMBER_COMMANDS: readonly UtilityCommand[] = [addMember]
