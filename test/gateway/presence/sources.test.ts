import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {PresenceModel} from '../../../src/gateway/presence/presence-model.js'
import {Scheduler} from '../../../src/gateway/presence/scheduler.js'
import {PresenceSources, type SourcesAction, type SubscriberNotify} from '../../../src/gateway/presence/sources.js'
import {FakeClock} from '../../helpers/fake-clock.js'
import {type Failure, classifyFailure, refreshDelayMs} from '../../../src/gateway/presence/subscriber-timing.js'

/**
 * presence.md P4.3 (sources and the subscriber dialog), P0 #13, P2.3 `probe`, P7.2 (refresh times)
 * and P8.3 steps 3 and 5, driven with a fake clock. Each action is written `{ms} {op} {user}`, with
 * presence as `{ms} presence {user} {show|available|unavailable}`.
 */

type Step =
  | readonly ['watchers', string, number]
  | readonly ['embedded', string, PresenceModel | undefined]
  | readonly ['probe', string]
  | readonly ['accepted', string, number]
  | readonly ['failed', string, Failure]
  | readonly ['notified', string, SubscriberNotify]
  | readonly ['advance', number]
  | readonly ['restart', ReadonlyArray<{l: string; watchers: number}>]

function run(steps: readonly Step[], presenceServer = true): string[] {
  const fake = new FakeClock(0)
  const clock = new Scheduler(fake)
  const log: string[] = []
  const emit = (action: SourcesAction): void => {
    log.push(action.kind === 'subscriber' ? `${clock.now()} ${action.op} ${action.l}` : `${clock.now()} presence ${action.l} ${show(action.presence)}`)
  }
  const sources = new PresenceSources({scheduler: clock, presenceServer, emit})
  for (const step of steps) {
    if (step[0] === 'watchers') sources.watchers(step[1], step[2])
    else if (step[0] === 'embedded') sources.embedded(step[1], step[2])
    else if (step[0] === 'probe') sources.probe(step[1])
    else if (step[0] === 'accepted') sources.accepted(step[1], step[2])
    else if (step[0] === 'failed') sources.failed(step[1], step[2])
    else if (step[0] === 'notified') sources.notified(step[1], step[2])
    else if (step[0] === 'advance') fake.advance(step[1])
    else sources.restart(step[1])
  }
  return log
}

function show(presence: PresenceModel): string {
  return presence.available ? (presence.show ?? 'available') : 'unavailable'
}

const A = 'alice@gw.test'
const B = 'bob@gw.test'
const OPEN: PresenceModel = {available: true}
const AWAY: PresenceModel = {available: true, show: 'away'}
const HOUR = 3_600_000
const live = (granted = 3600): Step[] => [['watchers', A, 1], ['accepted', A, granted], ['notified', A, {state: 'active', presence: OPEN}]]

type Row = readonly [name: string, steps: readonly Step[], actions: readonly string[], presenceServer?: boolean]

const SWITCHES: readonly Row[] = [
  ['first watcher, presence server: one SUBSCRIBE', [['watchers', A, 1], ['watchers', A, 2]], ['0 subscribe alice@gw.test']],
  ['last watcher gone: the dialog ends, Expires 0', [...live(), ['watchers', A, 0]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '0 end-dialog alice@gw.test']],
  ['last watcher gone while SUBSCRIBE is out: ended too', [['watchers', A, 1], ['watchers', A, 0]], ['0 subscribe alice@gw.test', '0 end-dialog alice@gw.test']],
  ['last watcher gone while down: nothing to end, no retry', [['watchers', A, 1], ['failed', A, {status: 403}], ['watchers', A, 0], ['advance', HOUR]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test unavailable']],
  ['no presence server, no embedded source: none, nothing sent', [['watchers', A, 1], ['probe', A]], [], false],
  ['no presence server: embedded appears and goes', [['watchers', A, 1], ['embedded', A, OPEN], ['embedded', A, undefined]], ['0 presence alice@gw.test available', '0 presence alice@gw.test unavailable'], false],
  ['2→1: registering with the gateway ends the dialog', [...live(), ['embedded', A, AWAY]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '0 end-dialog alice@gw.test', '0 presence alice@gw.test away']],
  ['1→2: last binding gone, a watcher: unavailable then SUBSCRIBE', [['embedded', A, OPEN], ['watchers', A, 1], ['embedded', A, undefined]], ['0 presence alice@gw.test available', '0 presence alice@gw.test unavailable', '0 subscribe alice@gw.test']],
  ['1→2 without watchers: unavailable, no SUBSCRIBE', [['embedded', A, OPEN], ['embedded', A, undefined]], ['0 presence alice@gw.test available', '0 presence alice@gw.test unavailable']],
  ['embedded source: watchers never SUBSCRIBE', [['embedded', A, OPEN], ['watchers', A, 3], ['watchers', A, 0]], ['0 presence alice@gw.test available']],
  ['embedded update: only a change is sent', [['embedded', A, OPEN], ['embedded', A, {available: true}], ['embedded', A, AWAY]], ['0 presence alice@gw.test available', '0 presence alice@gw.test away']],
  ['NOTIFY pending: nothing to XMPP; active without body: unchanged', [['watchers', A, 1], ['notified', A, {state: 'pending'}], ['notified', A, {state: 'active'}]], ['0 subscribe alice@gw.test']],
  ['NOTIFY after the switch to the embedded store: ignored', [...live(), ['embedded', A, OPEN], ['notified', A, {state: 'active', presence: AWAY}]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '0 end-dialog alice@gw.test']],
  ['one dialog per user: two users, two dialogs', [['watchers', A, 5], ['watchers', B, 1]], ['0 subscribe alice@gw.test', '0 subscribe bob@gw.test']],
]

const HARD = [401, 403, 404, 406, 407, 415, 420, 488, 489, 603, 604]
const FAILURES: readonly Row[] = [
  ...HARD.map((status): Row => [
    `${status}: unavailable at once, retried after exactly one hour, authorizations untouched`,
    [['watchers', A, 1], ['advance', 1000], ['failed', A, {status}], ['advance', HOUR - 1], ['advance', 1]],
    ['0 subscribe alice@gw.test', '1000 presence alice@gw.test unavailable', '3601000 subscribe alice@gw.test'],
  ]),
  [
    'transient: last state kept until the old dialog expires; retries 30 s, 300 s, 3600 s, then hourly',
    [...live(), ['advance', 3_240_000], ['failed', A, {status: 408}], ['advance', 30_000], ['failed', A, {status: 503}], ['advance', 300_000], ['failed', A, {status: 'timeout'}], ['advance', HOUR], ['failed', A, {status: 'transport-error'}], ['advance', HOUR]],
    ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '3240000 refresh alice@gw.test', '3270000 subscribe alice@gw.test', '3570000 subscribe alice@gw.test', '3600000 presence alice@gw.test unavailable', '7170000 subscribe alice@gw.test', '10770000 subscribe alice@gw.test'],
  ],
  ['transient with Retry-After: honoured', [['watchers', A, 1], ['failed', A, {status: 503, retryAfter: 120}], ['advance', 120_000]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test unavailable', '120000 subscribe alice@gw.test']],
  ['transient before any grant: unavailable at once', [['watchers', A, 1], ['failed', A, {status: 486}], ['advance', 29_999]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test unavailable']],
  ['481 to a refresh: a new SUBSCRIBE at once, state kept', [...live(), ['advance', 3_240_000], ['failed', A, {status: 481}]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '3240000 refresh alice@gw.test', '3240000 subscribe alice@gw.test']],
  ['a success resets the backoff', [['watchers', A, 1], ['failed', A, {status: 500}], ['advance', 30_000], ['accepted', A, 600], ['failed', A, {status: 500}], ['advance', 30_000]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test unavailable', '30000 subscribe alice@gw.test', '60000 subscribe alice@gw.test']],
  ['failure after the dialog was ended: ignored', [['watchers', A, 1], ['watchers', A, 0], ['failed', A, {status: 403}]], ['0 subscribe alice@gw.test', '0 end-dialog alice@gw.test']],
]

const TERMINATED: readonly Row[] = [
  ...['deactivated', 'timeout', undefined, 'made-up'].map((reason): Row => [
    `terminated;reason=${reason}: SUBSCRIBE again at once, body ignored`,
    [...live(), ['notified', A, {state: 'terminated', ...(reason ? {reason} : {})}]],
    ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '0 subscribe alice@gw.test'],
  ]),
  ['terminated;reason=probation: after 300 s', [...live(), ['notified', A, {state: 'terminated', reason: 'probation'}], ['advance', 299_999], ['advance', 1]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '300000 subscribe alice@gw.test']],
  ['terminated;reason=giveup;retry-after=90: after 90 s', [...live(), ['notified', A, {state: 'terminated', reason: 'giveup', retryAfter: 90}], ['advance', 90_000]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '90000 subscribe alice@gw.test']],
  ...['rejected', 'noresource'].map((reason): Row => [
    `terminated;reason=${reason}: unavailable, retried after an hour`,
    [...live(), ['notified', A, {state: 'terminated', reason}], ['advance', HOUR]],
    ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '0 presence alice@gw.test unavailable', '3600000 subscribe alice@gw.test'],
  ]),
  ['terminated;reason=invariant: no retry until the watchers change', [...live(), ['notified', A, {state: 'terminated', reason: 'invariant'}], ['advance', 10 * HOUR], ['watchers', A, 2]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '0 presence alice@gw.test unavailable', '36000000 subscribe alice@gw.test']],
]

const PROBES: readonly Row[] = [
  ['probe while down: SUBSCRIBE now, not again within 60 s', [['watchers', A, 1], ['advance', 1000], ['failed', A, {status: 403}], ['advance', 58_999], ['probe', A], ['advance', 1], ['probe', A], ['probe', A]], ['0 subscribe alice@gw.test', '1000 presence alice@gw.test unavailable', '60000 subscribe alice@gw.test']],
  ['probe-triggered SUBSCRIBE replaces the hourly retry', [['watchers', A, 1], ['failed', A, {status: 603}], ['advance', 60_000], ['probe', A], ['advance', HOUR]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test unavailable', '60000 subscribe alice@gw.test']],
  ['probe while live: nothing', [...live(), ['advance', 120_000], ['probe', A]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test available']],
  ['probe on the embedded source: nothing', [['embedded', A, OPEN], ['watchers', A, 1], ['advance', 120_000], ['probe', A]], ['0 presence alice@gw.test available']],
  ['probe without watchers: nothing', [['advance', 120_000], ['probe', A]], []],
]

const REFRESH: readonly Row[] = [
  ...([[28800, 25_920_000], [3600, 3_240_000], [600, 540_000], [120, 88_000], [60, 30_000], [61, 30_500], [400, 360_000]] as const).map(([granted, at]): Row => [
    `granted ${granted} s: refresh at ${at} ms, unavailable at expiry without an answer`,
    [...live(granted), ['advance', at - 1], ['advance', granted * 1000 - at + 1]],
    ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', `${at} refresh alice@gw.test`, `${granted * 1000} presence alice@gw.test unavailable`, `${granted * 1000} subscribe alice@gw.test`],
  ]),
  ['a granted refresh reschedules from its own time', [...live(600), ['advance', 540_000], ['accepted', A, 600], ['advance', 540_000]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '540000 refresh alice@gw.test', '1080000 refresh alice@gw.test']],
  ['NOTIFY active;expires shorter than what is left: refresh on it', [...live(3600), ['advance', 1000], ['notified', A, {state: 'active', expires: 600}], ['advance', 540_000]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '541000 refresh alice@gw.test']],
  ['NOTIFY active;expires longer: unchanged', [...live(600), ['notified', A, {state: 'active', expires: 3600}], ['advance', 540_000]], ['0 subscribe alice@gw.test', '0 presence alice@gw.test available', '540000 refresh alice@gw.test']],
]

const users = (count: number): {l: string; watchers: number}[] => Array.from({length: count}, (_, i) => ({l: `u${String(i).padStart(3, '0')}@gw.test`, watchers: i + 1}))

const RESTART: readonly Row[] = [
  [
    'most watchers first, ties by address, users without watchers skipped',
    [['restart', [{l: 'a@gw.test', watchers: 1}, {l: 'c@gw.test', watchers: 7}, {l: 'b@gw.test', watchers: 1}, {l: 'z@gw.test', watchers: 0}]]],
    ['0 subscribe c@gw.test', '0 subscribe a@gw.test', '0 subscribe b@gw.test'],
  ],
  [
    '120 users: 50 per second',
    [['restart', users(120)], ['advance', 2000]],
    users(120).reverse().map(({l}, i) => `${Math.floor(i / 50) * 1000} subscribe ${l}`),
  ],
  [
    'grace: after 120 s, unknown presence is unavailable; known and unwatched are not',
    [
      ['restart', [{l: A, watchers: 2}, {l: B, watchers: 1}, {l: 'carol@gw.test', watchers: 0}, {l: 'dave@gw.test', watchers: 1}]],
      ['notified', A, {state: 'active', presence: OPEN}],
      ['advance', 5000],
      ['embedded', 'dave@gw.test', AWAY],
      ['advance', 114_999],
      ['advance', 1],
    ],
    ['0 subscribe alice@gw.test', '0 subscribe bob@gw.test', '0 subscribe dave@gw.test', '0 presence alice@gw.test available', '5000 end-dialog dave@gw.test', '5000 presence dave@gw.test away', '120000 presence bob@gw.test unavailable'],
  ],
  [
    'grace without a presence server: every watched user unavailable',
    [['restart', [{l: A, watchers: 1}]], ['advance', 120_000]],
    ['120000 presence alice@gw.test unavailable'],
    false,
  ],
]

for (const [table, rows] of Object.entries({SWITCHES, FAILURES, TERMINATED, PROBES, REFRESH, RESTART})) {
  for (const [name, steps, actions, presenceServer] of rows) {
    test(`sources ${table}: ${name}`, () => {
      assert.deepEqual(run(steps, presenceServer), actions)
    })
  }
}

test('refreshDelayMs: P7.2 examples and the half-time floor', () => {
  const rows = [[28800, 25_920_000], [3600, 3_240_000], [600, 540_000], [320, 288_000], [120, 88_000], [64, 32_000], [60, 30_000], [1, 500]] as const
  assert.deepEqual(rows.map(([g]) => refreshDelayMs(g)), rows.map(([, ms]) => ms))
})

test('classifyFailure: P4.3 response rows', () => {
  const rows: [Failure, string][] = [
    [{status: 403}, 'hard'], [{status: 489}, 'hard'], [{status: 603}, 'hard'], [{status: 401}, 'hard'], [{status: 407}, 'hard'],
    [{status: 404}, 'hard'], [{status: 604}, 'hard'], [{status: 406}, 'hard'], [{status: 415}, 'hard'], [{status: 420}, 'hard'], [{status: 488}, 'hard'],
    [{status: 408}, 'transient'], [{status: 480}, 'transient'], [{status: 486}, 'transient'], [{status: 500}, 'transient'], [{status: 599}, 'transient'],
    [{status: 'timeout'}, 'transient'], [{status: 'transport-error'}, 'transient'], [{status: 481}, 'resubscribe'],
  ]
  assert.deepEqual(rows.map(([failure]) => classifyFailure(failure)), rows.map(([, kind]) => kind))
})

test('source, dialog and lastSubscribeAt: what model.ts reads for its context', () => {
  const fake = new FakeClock(0)
  const clock = new Scheduler(fake)
  const sources = new PresenceSources({scheduler: clock, presenceServer: true, emit: () => {}})
  const seen = (): unknown[] => [sources.source(A), sources.dialog(A), sources.lastSubscribeAt(A), sources.presence(A)]
  const rows: unknown[][] = [seen()]
  fake.advance(5000)
  sources.watchers(A, 1)
  rows.push(seen())
  sources.accepted(A, 600)
  sources.notified(A, {state: 'active', presence: AWAY})
  rows.push(seen())
  sources.embedded(A, OPEN)
  rows.push(seen())
  assert.deepEqual(rows, [
    ['server', 'none', undefined, 'unknown'],
    ['server', 'trying', 5000, 'unknown'],
    ['server', 'live', 5000, AWAY],
    ['embedded', 'none', 5000, OPEN],
  ])
})
