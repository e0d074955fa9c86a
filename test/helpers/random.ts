/**
 * Seeded randomness for property and fuzz tests: the same seed gives the same cases on every machine,
 * so a failure can be replayed from the seed and case index it prints.
 */

/** Rng returns numbers in [0, 1). */
export type Rng = () => number

/** seeded is mulberry32: small, fast and the same sequence for the same seed everywhere. */
export function seeded(seed: number): Rng {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** below is a whole number in [0, max). */
export function below(rng: Rng, max: number): number {
  return Math.floor(rng() * max)
}

/** pick is one of the items. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[below(rng, items.length)]!
}

/** envNumber reads a numeric environment variable (CSXMPP_FUZZ_SEED, CSXMPP_FUZZ_CASES), else the default. */
export function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return process.env[name] !== undefined && Number.isFinite(value) ? value : fallback
}
