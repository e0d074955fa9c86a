import {bindingError} from '../../errors.js'
import {toPSString} from '../../values/convert.js'
import {PSObject} from '../../values/objects.js'
import {PSCUSTOMOBJECT_TYPES} from '../interp/convert.js'
import {enumerate} from '../interp/interpreter.js'
import {type UtilityCommand, type UtilityContext, signature} from './command.js'
import {param} from './parameters.js'
import {type PropertySpec, propertySpecs} from './properties.js'
import {compareValues} from './sort.js'

/**
 * Compare-Object (powershell.md §9): PS's sync-window algorithm (Compare-Object.cs). Each difference
 * object is paired with the reference object at the same index; what does not match at once waits in
 * a backlog of at most -SyncWindow objects per side, where later objects of the other side can still
 * find it. At the end the waiting difference objects are output, then the waiting reference objects.
 */

/** Entry is one compared object with its comparison keys (the -Property values, or the object). */
interface Entry {
  readonly object: unknown
  readonly keys: readonly unknown[]
}

type Side = '==' | '=>' | '<='

/** comparable is how Sort-Object would see a key: strings, numbers and Booleans as such, others by their string form. */
function comparable(value: unknown): unknown {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value) ? value : toPSString(value)
}

class Comparison {
  readonly #differenceBacklog: Entry[] = []
  readonly #referenceBacklog: Entry[] = []
  readonly output: Array<[Entry, Side]> = []

  constructor(
    readonly window: number,
    readonly caseSensitive: boolean,
  ) {}

  #equal(a: Entry, b: Entry): boolean {
    return a.keys.every((key, i) => compareValues(comparable(key), comparable(b.keys[i]), this.caseSensitive) === 0)
  }

  #matchAndRemove(entry: Entry | undefined, backlog: Entry[]): Entry | undefined {
    const index = entry ? backlog.findIndex((waiting) => this.#equal(entry, waiting)) : -1
    return index < 0 ? undefined : backlog.splice(index, 1)[0]
  }

  #wait(entry: Entry, backlog: Entry[], side: Side): void {
    while (backlog.length >= this.window) this.output.push([backlog.shift()!, side])
    backlog.push(entry)
  }

  /** pair compares a reference and a difference object (either may be missing). */
  pair(reference: Entry | undefined, difference: Entry | undefined): void {
    if (reference && difference && this.#equal(reference, difference)) return void this.output.push([reference, '=='])
    const earlierReference = this.#matchAndRemove(difference, this.#referenceBacklog)
    if (earlierReference) {
      this.output.push([earlierReference, '=='])
      difference = undefined
    }
    if (reference && this.#matchAndRemove(reference, this.#differenceBacklog)) {
      this.output.push([reference, '=='])
      reference = undefined
    }
    if (difference) this.#wait(difference, this.#differenceBacklog, '=>')
    if (reference) this.#wait(reference, this.#referenceBacklog, '<=')
  }

  finish(): void {
    for (const entry of this.#differenceBacklog) this.output.push([entry, '=>'])
    for (const entry of this.#referenceBacklog) this.output.push([entry, '<='])
  }
}

function notNull(values: ReadonlyMap<string, unknown>, name: string): unknown[] {
  const value = values.get(name) ?? null
  if (value === null) {
    throw bindingError('Compare-Object', 'ParameterArgumentValidationErrorNullNotAllowed', `Cannot bind argument to parameter '${name}' because it is null.`, 'InvalidData', 'ParameterBindingValidationException')
  }
  return enumerate(value)
}

async function entries(objects: readonly unknown[], specs: readonly PropertySpec[]): Promise<Entry[]> {
  return Promise.all(objects.map(async (object) => ({object, keys: specs.length > 0 ? await Promise.all(specs.map((s) => s.value(object))) : [object]})))
}

/** result is what one compared object outputs (§9): a PSCustomObject, or with -PassThru the object itself. */
function result(ctx: UtilityContext, [entry, side]: [Entry, Side], specs: readonly PropertySpec[]): unknown {
  if (ctx.values.get('PassThru') === true) {
    if (entry.object instanceof PSObject) entry.object.addProperty('SideIndicator', side)
    return entry.object
  }
  const shown = new PSObject(PSCUSTOMOBJECT_TYPES)
  if (specs.length === 0) shown.addProperty('InputObject', entry.object)
  specs.forEach((spec, i) => shown.addProperty(spec.label, entry.keys[i] ?? null))
  return shown.addProperty('SideIndicator', side)
}

async function compare(ctx: UtilityContext, differences: unknown[]): Promise<void> {
  const values = ctx.values
  const references = notNull(values, 'ReferenceObject')
  const specs = propertySpecs(ctx, values.get('Property'), references[0] ?? differences[0])
  const window = values.has('SyncWindow') ? (values.get('SyncWindow') as number) : 2147483647
  const comparison = new Comparison(Math.max(1, window), values.get('CaseSensitive') === true)
  const referenceEntries = await entries(references, specs)
  const differenceEntries = await entries(differences, specs)
  differenceEntries.forEach((difference, i) => comparison.pair(referenceEntries[i], difference))
  for (const reference of referenceEntries.slice(differenceEntries.length)) comparison.pair(reference, undefined)
  comparison.finish()
  const wanted = (side: Side) => (side === '==' ? values.get('IncludeEqual') === true : values.get('ExcludeDifferent') !== true)
  for (const item of comparison.output) if (wanted(item[1])) await ctx.emit([result(ctx, item, specs)])
}

const compareObject: UtilityCommand = {
  signature: signature(
    'Compare-Object',
    [
      param('ReferenceObject', 'object', {position: 0, mandatory: true}),
      param('DifferenceObject', 'object', {position: 1, mandatory: true, pipe: true}),
      param('Property', 'object'),
      param('IncludeEqual', 'switch'),
      param('ExcludeDifferent', 'switch'),
      param('PassThru', 'switch'),
      param('CaseSensitive', 'switch'),
      param('SyncWindow', 'int'),
    ],
    ['Culture'],
  ),
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Compares two sets of objects.',
  start: (ctx) => {
    const differences: unknown[] = []
    return {
      async process(values, input, hasInput) {
        if (hasInput) differences.push(input)
        else differences.push(...notNull(values, 'DifferenceObject'))
      },
      end: () => compare(ctx, differences),
    }
  },
}

export const COMPARE_COMMANDS: readonly UtilityCommand[] = [compareObject]
