import {toPSString} from '../../values/convert.js'
import {PSObject} from '../../values/objects.js'
import {enumerate} from '../interp/interpreter.js'
import {getMember} from '../interp/members.js'
import {psEquals} from '../interp/operators.js'
import {type UtilityCommand, signature} from './command.js'
import {inputObject, param} from './parameters.js'
import {propertySpecs} from './properties.js'

/** Select-Object (powershell.md §9): property selection, -ExpandProperty, -First/-Last/-Skip/-Unique. */

function firstTypeName(object: unknown): string {
  return object instanceof PSObject ? (object.typeNames[0] ?? 'System.Object') : 'System.Object'
}

export const selectObject: UtilityCommand = {
  signature: signature(
    'Select-Object',
    [
      param('Property', 'object', {position: 0}),
      param('ExpandProperty', 'string'),
      param('First', 'int'),
      param('Last', 'int'),
      param('Skip', 'int'),
      param('Unique', 'switch'),
      inputObject(),
    ],
    ['ExcludeProperty', 'Index', 'Wait', 'SkipLast'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Selects objects or object properties.',
  start(ctx) {
    const v = ctx.values
    const first = v.get('First') as number | undefined
    const last = v.get('Last') as number | undefined
    let skip = (v.get('Skip') as number | undefined) ?? 0
    const seen: unknown[] = []
    const held: unknown[] = []
    let passed = 0
    const transform = async (object: unknown): Promise<unknown[]> => {
      let result = object
      if (v.has('Property')) {
        const selected = new PSObject([`Selected.${firstTypeName(object)}`, 'System.Management.Automation.PSCustomObject', 'System.Object'])
        for (const spec of propertySpecs(ctx, v.get('Property'), object)) selected.addProperty(spec.label, await spec.value(object))
        result = selected
      }
      if (v.has('ExpandProperty')) return enumerate(getMember(result === object ? object : object, toPSString(v.get('ExpandProperty'))))
      return [result]
    }
    const pass = async (object: unknown) => {
      if (v.get('Unique') === true) {
        if (seen.some((s) => psEquals(toPSString(s), toPSString(object)))) return
        seen.push(object)
      }
      for (const item of await transform(object)) await ctx.emit(item)
    }
    return {
      async process(_values, input, hasInput) {
        if (!hasInput && !v.has('InputObject')) return
        const object = hasInput ? input : v.get('InputObject')
        if (skip > 0) {
          skip--
          return
        }
        if (last !== undefined) {
          held.push(object)
          if (held.length > last) held.shift()
          return
        }
        if (first !== undefined && passed >= first) ctx.stop()
        passed++
        await pass(object)
        // -First n stops the upstream commands once n objects have passed (§9).
        if (first !== undefined && passed >= first && last === undefined) ctx.stop()
      },
      async end() {
        for (const object of held) await pass(object)
      },
    }
  },
}
