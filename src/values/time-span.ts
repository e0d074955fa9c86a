import {type PSTimeSpan, TICKS_PER_MILLISECOND} from './objects.js'

/** The properties of System.TimeSpan (powershell.md §4.5), for member access and the TimeSpan list view. */

/** timeSpanProperty reads a TimeSpan property by its lower-case name. */
export function timeSpanProperty(span: PSTimeSpan, name: string): number | undefined {
  const ms = span.ticks / TICKS_PER_MILLISECOND
  const whole = (n: number) => Math.trunc(n)
  const values: Record<string, number> = {
    days: whole(ms / 86_400_000),
    hours: whole(ms / 3_600_000) % 24,
    minutes: whole(ms / 60_000) % 60,
    seconds: whole(ms / 1000) % 60,
    milliseconds: whole(ms) % 1000,
    ticks: span.ticks,
    totaldays: ms / 86_400_000,
    totalhours: ms / 3_600_000,
    totalminutes: ms / 60_000,
    totalseconds: ms / 1000,
    totalmilliseconds: ms,
  }
  return values[name]
}

