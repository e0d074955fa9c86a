import {toPSString} from '../../values/convert.js'
import {PSHashtable, PSObject, isScriptBlock} from '../../values/objects.js'
import {compileParameterWildcard} from '../../values/wildcard-errors.js'
import {collect, getMember} from '../interp/members.js'
import type {UtilityContext} from './command.js'

/**
 * Property specifications of Select-Object, Sort-Object, Format-Table and friends: names, `*`
 * wildcards, and calculated properties `@{Name/N/Label/L = …; Expression/E = …}` (powershell.md §9).
 */

/** PropertySpec is one resolved property: a label and how to get its value from an object. */
export interface PropertySpec {
  readonly label: string
  value(object: unknown): Promise<unknown>
  /** Extra keys of a calculated property (Width, Alignment, Descending). */
  readonly options: PSHashtable | undefined
}

function key(table: PSHashtable, ...names: string[]): unknown {
  const entry = table.entries().find(([k]) => names.some((n) => n.toLowerCase() === k.toLowerCase() || (n.length > 1 && n.toLowerCase().startsWith(k.toLowerCase()) && k.length > 0)))
  return entry?.[1]
}

function propertyNames(object: unknown): string[] {
  return object instanceof PSObject ? object.propertyNames() : object instanceof PSHashtable ? object.entries().map(([k]) => k) : []
}

/** propertySpecs resolves a -Property argument against a sample object (for wildcards). */
export function propertySpecs(ctx: UtilityContext, property: unknown, sample: unknown, scope: 'caller' | 'child' = 'child'): PropertySpec[] {
  const items = property === null || property === undefined ? [] : Array.isArray(property) ? property : [property]
  return items.flatMap((item): PropertySpec[] => {
    if (item instanceof PSHashtable) {
      const expression = key(item, 'Expression', 'E')
      const label = key(item, 'Name', 'Label', 'N', 'L')
      const name = toPSString(label ?? (isScriptBlock(expression) ? expression.text.trim() : expression))
      const value = isScriptBlock(expression)
        ? async (o: unknown) => collect(await ctx.invoke(expression, o, scope))
        : async (o: unknown) => getMember(o, toPSString(expression ?? null))
      return [{label: name, value, options: item}]
    }
    if (isScriptBlock(item)) {
      return [{label: item.text.trim(), value: async (o: unknown) => collect(await ctx.invoke(item, o, scope)), options: undefined}]
    }
    const name = toPSString(item)
    if (/[*?[]/.test(name)) {
      const pattern = compileParameterWildcard(ctx.name, name)
      return propertyNames(sample)
        .filter((n) => pattern.matches(n))
        .map((n) => ({label: n, value: async (o: unknown) => getMember(o, n), options: undefined}))
    }
    return [{label: name, value: async (o: unknown) => getMember(o, name), options: undefined}]
  })
}

/** optionOf reads a calculated property's extra key (Width, Alignment, Descending, Ascending). */
export function optionOf(spec: PropertySpec, name: string): unknown {
  return spec.options ? key(spec.options, name) : undefined
}
