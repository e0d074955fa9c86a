import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {test} from 'node:test'
import {Scheduler, type Timer} from '../../../src/gateway/presence/scheduler.js'
import {FakeClock} from '../../helpers/fake-clock.js'

/** The one scheduler of presence.md P4.6: order, cancel, bound, close, and no timer holding the process. */

interface Row {
  readonly name: string
  /** Timers to schedule: [label, delay ms]. */
  readonly timers: readonly (readonly [string, number])[]
  /** Labels to cancel right after scheduling. */
  readonly cancel?: readonly string[]
  readonly advance: number
  /** [label, time it fired at], in firing order. */
  readonly fired: readonly (readonly [string, number])[]
}

const ROWS: readonly Row[] = [
  {name: 'nothing due yet', timers: [['a', 100]], advance: 99, fired: []},
  {name: 'due exactly now fires', timers: [['a', 100]], advance: 100, fired: [['a', 100]]},
  {name: 'fires in due order, at its own time', timers: [['late', 300], ['early', 100], ['middle', 200]], advance: 1000, fired: [['early', 100], ['middle', 200], ['late', 300]]},
  {name: 'ties fire in scheduling order', timers: [['first', 50], ['second', 50], ['third', 50]], advance: 50, fired: [['first', 50], ['second', 50], ['third', 50]]},
  {name: 'a negative delay is zero', timers: [['a', -5]], advance: 0, fired: [['a', 0]]},
  {name: 'a cancelled timer never fires', timers: [['a', 10], ['b', 20], ['c', 30]], cancel: ['b'], advance: 100, fired: [['a', 10], ['c', 30]]},
  {name: 'cancelling the earliest re-arms for the next', timers: [['a', 10], ['b', 20]], cancel: ['a'], advance: 20, fired: [['b', 20]]},
  {name: 'a delay longer than setTimeout allows still fires on time', timers: [['a', 30 * 86_400_000]], advance: 31 * 86_400_000, fired: [['a', 30 * 86_400_000]]},
]

for (const row of ROWS) {
  test(`scheduler: ${row.name}`, () => {
    const clock = new FakeClock()
    const scheduler = new Scheduler(clock)
    const fired: [string, number][] = []
    const timers = new Map<string, Timer>()
    for (const [label, delay] of row.timers) timers.set(label, scheduler.schedule(delay, () => fired.push([label, clock.now()]))!)
    for (const label of row.cancel ?? []) assert.equal(scheduler.cancel(timers.get(label)!), true)
    clock.advance(row.advance)
    assert.deepEqual(fired, row.fired)
    assert.equal(scheduler.size, row.timers.length - (row.cancel?.length ?? 0) - row.fired.length)
  })
}

test('scheduler: a timer scheduled by a firing timer fires in the same advance, at its time', () => {
  const clock = new FakeClock()
  const scheduler = new Scheduler(clock)
  const fired: number[] = []
  scheduler.schedule(10, () => {
    fired.push(clock.now())
    scheduler.schedule(5, () => fired.push(clock.now()))
  })
  clock.advance(100)
  assert.deepEqual(fired, [10, 15])
})

test('scheduler: cancel after firing or twice says false', () => {
  const clock = new FakeClock()
  const scheduler = new Scheduler(clock)
  const fired = scheduler.schedule(1, () => {})!
  const cancelled = scheduler.schedule(50, () => {})!
  clock.advance(1)
  assert.equal(scheduler.cancel(fired), false)
  assert.equal(scheduler.cancel(cancelled), true)
  assert.equal(scheduler.cancel(cancelled), false)
  assert.equal(clock.pendingTimeouts, 0)
})

test('scheduler: bounded: the timer over the cap is refused until one goes', () => {
  const clock = new FakeClock()
  const scheduler = new Scheduler(clock, 3)
  const timers = [1, 2, 3].map((delay) => scheduler.schedule(delay, () => {}))
  assert.ok(timers.every(Boolean))
  assert.equal(scheduler.schedule(4, () => {}), undefined)
  scheduler.cancel(timers[2]!)
  assert.ok(scheduler.schedule(4, () => {}))
})

test('scheduler: one clock timeout at a time, whatever the number of timers', () => {
  const clock = new FakeClock()
  const scheduler = new Scheduler(clock)
  for (let i = 0; i < 1000; i++) scheduler.schedule(1000 - i, () => {})
  assert.equal(clock.pendingTimeouts, 1)
})

test('scheduler: close drops every timer, clears the clock and refuses new ones', () => {
  const clock = new FakeClock()
  const scheduler = new Scheduler(clock)
  let fired = 0
  scheduler.schedule(10, () => fired++)
  scheduler.close()
  assert.equal(scheduler.schedule(10, () => fired++), undefined)
  clock.advance(100)
  assert.deepEqual([fired, scheduler.size, clock.pendingTimeouts], [0, 0, 0])
})

test('scheduler: a timer that throws does not stop the ones due after it', () => {
  const clock = new FakeClock()
  const scheduler = new Scheduler(clock)
  const fired: string[] = []
  scheduler.schedule(10, () => {
    throw new Error('boom')
  })
  scheduler.schedule(10, () => fired.push('after'))
  assert.throws(() => clock.advance(10), /boom/)
  clock.advance(0)
  assert.deepEqual(fired, ['after'])
})

test('scheduler: the system clock fires a real timer', async () => {
  const scheduler = new Scheduler()
  const fired = await new Promise<boolean>((resolve) => scheduler.schedule(5, () => resolve(true)))
  assert.equal(fired, true)
  scheduler.close()
})

test('scheduler: a pending timer does not keep the process alive', () => {
  const script = `import {Scheduler} from './src/gateway/presence/scheduler.ts'
new Scheduler().schedule(60_000, () => console.log('fired'))`
  const started = Date.now()
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {cwd: new URL('../../..', import.meta.url), encoding: 'utf8', timeout: 30_000})
  assert.deepEqual([child.status, child.stdout], [0, ''])
  assert.ok(Date.now() - started < 30_000)
})

test('scheduler: many timers, every third cancelled, fire in due order', () => {
  const clock = new FakeClock()
  const scheduler = new Scheduler(clock)
  const fired: number[] = []
  // A fixed permutation of delays (7 is coprime with 500, so no two are equal).
  const timers = Array.from({length: 500}, (_, i) => {
    const delay = ((i * 7) % 500) * 10
    return {label: i, delay, timer: scheduler.schedule(delay, () => fired.push(i))!}
  })
  const kept = timers.filter((_, i) => i % 3 !== 0)
  for (const {timer} of timers.filter((_, i) => i % 3 === 0)) scheduler.cancel(timer)
  clock.advance(5000)
  assert.deepEqual(fired, kept.sort((a, b) => a.delay - b.delay || a.label - b.label).map(({label}) => label))
})
