import {toPSString} from '../../values/convert.js'
import {isScriptBlock} from '../../values/objects.js'
import {compileParameterWildcard} from '../../values/wildcard-errors.js'
import {toBoolean} from '../interp/convert.js'
import {callMethod, getMember} from '../interp/members.js'
import {binaryOperator} from '../interp/operators.js'
import {type UtilityCommand, signature} from './command.js'
import {inputObject, param} from './parameters.js'

/** ForEach-Object and Where-Object (powershell.md §9): their script blocks run in the caller's scope (§4.4). */

const foreachObject: UtilityCommand = {
  signature: signature(
    'ForEach-Object',
    [param('Process', 'object', {position: 0}), param('Begin', 'block'), param('End', 'block'), param('MemberName', 'string'), param('ArgumentList', 'object'), inputObject()],
    ['RemainingScripts', 'Parallel'],
  ),
  module: 'Microsoft.PowerShell.Core',
  synopsis: 'Performs an operation against each item in a collection of input objects.',
  start(ctx) {
    const process = ctx.values.get('Process')
    const member = ctx.values.has('MemberName') ? toPSString(ctx.values.get('MemberName')) : isScriptBlock(process) ? undefined : toPSString(process ?? null)
    const args = ctx.values.has('ArgumentList') ? [ctx.values.get('ArgumentList')].flat() : undefined
    let begun = false
    const begin = async () => {
      if (begun) return
      begun = true
      const block = ctx.values.get('Begin')
      if (block) await ctx.emit(await ctx.invoke(block, null, 'caller'))
    }
    return {
      async process(_values, input, hasInput) {
        await begin()
        if (!hasInput && !ctx.values.has('InputObject')) return
        const item = hasInput ? input : ctx.values.get('InputObject')
        if (member === undefined) return ctx.emit(await ctx.invoke(process, item, 'caller'))
        // `ForEach-Object Identity` outputs the property, or calls the method with -ArgumentList.
        const value = args === undefined ? getMember(item, member) : await callMethod(item, member, args, async () => null)
        if (value !== undefined) await ctx.emit(value)
      },
      async end() {
        await begin()
        const block = ctx.values.get('End')
        if (block) await ctx.emit(await ctx.invoke(block, null, 'caller'))
      },
    }
  },
}

/** The comparison switches of Where-Object's simplified syntax and their operators. */
const OPERATORS = ['EQ', 'NE', 'GT', 'GE', 'LT', 'LE', 'Like', 'NotLike', 'Match', 'NotMatch', 'Contains', 'NotContains', 'In', 'NotIn']
const SWITCHES = [...OPERATORS, ...OPERATORS.map((o) => `C${o}`)]

const whereObject: UtilityCommand = {
  signature: signature(
    'Where-Object',
    [param('FilterScript', 'object', {position: 0, aliases: ['Property']}), param('Value', 'object', {position: 1}), ...SWITCHES.map((s) => param(s, 'switch')), inputObject()],
    ['Is', 'IsNot'],
  ),
  module: 'Microsoft.PowerShell.Core',
  synopsis: 'Selects objects from a collection based on their property values.',
  start(ctx) {
    const filter = ctx.values.get('FilterScript')
    const operator = SWITCHES.find((s) => ctx.values.get(s) === true)
    // An invalid -Like pattern is Where-Object's own error, raised before any input arrives (§5.3).
    if (operator && /like$/i.test(operator)) compileParameterWildcard('Where-Object', toPSString(ctx.values.get('Value') ?? null))
    const test = async (item: unknown): Promise<boolean> => {
      if (isScriptBlock(filter)) return toBoolean(await ctx.invoke(filter, item, 'caller'))
      const value = getMember(item, toPSString(filter ?? null))
      // `Where-Object Prop` without an operator passes objects whose property is true.
      if (!operator) return toBoolean(value)
      return toBoolean(binaryOperator(`-${operator.toLowerCase()}`, value, ctx.values.get('Value') ?? null, {setMatches: () => undefined}))
    }
    return {
      async process(_values, input, hasInput) {
        const item = hasInput ? input : ctx.values.get('InputObject')
        if (!hasInput && !ctx.values.has('InputObject')) return
        if (await test(item)) await ctx.emit(item)
      },
    }
  },
}

export const OBJECT_COMMANDS: readonly UtilityCommand[] = [foreachObject, whereObject]
