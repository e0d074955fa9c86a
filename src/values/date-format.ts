/**
 * How DateTime values look on the console (powershell.md §10.1, §10.5): the en-US forms Windows
 * PowerShell prints, in the process's local time zone.
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const two = (n: number) => String(n).padStart(2, '0')

/** shortTime is `h:mm tt` (en-US), the time of the file item view (§9). */
export function shortTime(date: Date): string {
  const hours = date.getHours() % 12 === 0 ? 12 : date.getHours() % 12
  return `${hours}:${two(date.getMinutes())} ${date.getHours() < 12 ? 'AM' : 'PM'}`
}

/** longTime is `h:mm:ss tt` (en-US). */
function longTime(date: Date): string {
  return shortTime(date).replace(' ', `:${two(date.getSeconds())} `)
}

/** shortDate is `M/d/yyyy` (en-US). */
export function shortDate(date: Date): string {
  return `${date.getMonth() + 1}/${date.getDate()}/${date.getFullYear()}`
}

/** dateTimeLong is a DateTime printed on its own: `Tuesday, November 24, 2026 7:04:05 PM`. */
export function dateTimeLong(date: Date): string {
  return `${DAYS[date.getDay()]}, ${MONTHS[date.getMonth()]} ${date.getDate()}, ${date.getFullYear()} ${longTime(date)}`
}

/** dateTimeShort is a DateTime inside a list or table: `11/24/2026 7:04:05 PM`. */
export function dateTimeShort(date: Date): string {
  return `${shortDate(date)} ${longTime(date)}`
}

/** DAY_NAMES and MONTH_NAMES are the invariant culture's names, for custom date formats. */
export {DAYS as DAY_NAMES, MONTHS as MONTH_NAMES}
