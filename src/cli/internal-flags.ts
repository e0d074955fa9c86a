/**
 * INTERNAL_FLAGS carry what the dispatcher decided to the oclif command. They are `--` words, which a
 * user cannot pass through: the dispatcher refuses every `--word` but --json and --help (§1.2).
 */
export const INTERNAL_FLAGS = {
  json: '--json',
  whatIf: '--host-whatif',
  nonInteractive: '--host-noninteractive',
} as const

/** readInternalFlags splits a command's argv into the internal flags and the cmdlet's own elements. */
export function readInternalFlags(argv: readonly string[]): {json: boolean; whatIf: boolean; nonInteractive: boolean; elements: string[]} {
  const values = new Set(Object.values(INTERNAL_FLAGS) as string[])
  return {
    json: argv.includes(INTERNAL_FLAGS.json),
    whatIf: argv.includes(INTERNAL_FLAGS.whatIf),
    nonInteractive: argv.includes(INTERNAL_FLAGS.nonInteractive),
    elements: argv.filter((a) => !values.has(a)),
  }
}
