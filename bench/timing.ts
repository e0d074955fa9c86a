import {spawnSync} from 'node:child_process'

/** Timing helpers shared by the benchmarks: spawned runs measured wall-clock, and medians. */

/** time runs node with args and returns the elapsed milliseconds; a failed run throws. */
export function time(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const start = performance.now()
  const result = spawnSync(process.execPath, args, {env: {...process.env, ...env}, stdio: ['ignore', 'ignore', 'pipe']})
  const elapsed = performance.now() - start
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`)
  return elapsed
}

/** median is the middle of the values (the upper one of an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
