import type {ErrorRecord} from '../errors.js'
import {hasInstanceType} from '../binding/pipeline.js'
import {MISSING, readArgvValue} from '../binding/argv-value.js'
import {convertArgument} from '../binding/convert.js'
import type {ParameterDefinition} from '../binding/parameter.js'
import {dotNetTypeName, toPSString} from '../values/convert.js'
import {PSList, PSObject} from '../values/objects.js'
import type {CmdletContext} from './definition.js'
import {wrongInstanceType} from './errors.js'
import {type LyncNoun, SECRET_MASK, TYPE_NAMES} from './lync-types.js'

/**
 * -Instance and the migration rules of cmdlets.md A7: which objects are accepted, how their
 * properties become settings, and how named parameters override them.
 */

const LIST_TYPE_NAME = new PSList().typeName

/** isCsvRow tells an Import-Csv row from other objects: its values are strings read as argv (A7). */
function isCsvRow(instance: PSObject): boolean {
  return instance.typeNames[0]?.startsWith('CSV:') ?? false
}

/** instanceOf checks -Instance's type; it writes the wrong-type error and returns undefined otherwise. */
export function instanceOf(ctx: CmdletContext, noun: LyncNoun): PSObject | undefined {
  const instance = ctx.get<unknown>('Instance')
  const names = TYPE_NAMES[noun].filter((t) => t !== 'System.Object')
  if (instance instanceof PSObject && hasInstanceType(instance, names)) return instance
  ctx.writeError(wrongInstanceType(ctx.cmdlet, noun, instance, dotNetTypeName(instance)))
  return undefined
}

/** instanceValue reads one property of an instance as the parameter of that name would take it. */
function instanceValue(ctx: CmdletContext, instance: PSObject, parameter: ParameterDefinition): unknown {
  if (!instance.has(parameter.name)) return MISSING
  const value = instance.get(parameter.name)
  if (!isCsvRow(instance) || typeof value !== 'string') return value
  // COMPAT(lync): Export-Csv writes a list as its .NET type name; an empty field means "not given" (A7).
  if (value === '' || value === LIST_TYPE_NAME) return MISSING
  return readArgvValue(value, parameter, ctx.cmdlet)
}

/**
 * readSettings collects the settings to apply: a named parameter wins over the instance's property.
 * A value that does not convert is this object's non-terminating error, returned as such.
 */
export function readSettings(
  ctx: CmdletContext,
  settable: readonly ParameterDefinition[],
  instance: PSObject | undefined,
): Map<string, unknown> | ErrorRecord {
  const settings = new Map<string, unknown>()
  for (const parameter of settable) {
    if (ctx.has(parameter.name)) {
      settings.set(parameter.name, ctx.get(parameter.name))
      continue
    }
    if (!instance) continue
    try {
      const raw = instanceValue(ctx, instance, parameter)
      if (raw === MISSING || raw === SECRET_MASK) continue
      settings.set(parameter.name, convertArgument(raw, parameter, ctx.cmdlet))
    } catch (error) {
      const record = error as ErrorRecord
      record.isBindingError = false
      return record
    }
  }
  return settings
}

/** instanceIdentity is the Identity an instance names, as a string. */
export function instanceIdentity(instance: PSObject): string {
  return toPSString(instance.get('Identity'))
}
