/**
 * Maybe-async values. Most expressions run no command, so the interpreter evaluates them
 * synchronously and only turns to promises where a command (an async cmdlet) actually runs: every
 * avoided `await` is a microtask less per loop iteration.
 */

/** Maybe is a value, or a promise of it when a command had to run. */
export type Maybe<T> = T | Promise<T>

/** then continues with a value, synchronously when it is not a promise. */
export function then<T, U>(value: Maybe<T>, next: (value: T) => Maybe<U>): Maybe<U> {
  return value instanceof Promise ? value.then(next) : next(value)
}

/** sequence maps items in order; it stays synchronous until the first item that is not. */
export function sequence<T, U>(items: readonly T[], map: (item: T) => Maybe<U>): Maybe<U[]> {
  const results: U[] = []
  for (let i = 0; i < items.length; i++) {
    const value = map(items[i]!)
    if (value instanceof Promise) {
      return (async () => {
        results.push(await value)
        for (let j = i + 1; j < items.length; j++) results.push(await map(items[j]!))
        return results
      })()
    }
    results.push(value)
  }
  return results
}
