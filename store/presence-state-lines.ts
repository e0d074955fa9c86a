import type {ContactRecord} from './presence-subscription.js'

/**
 * The line codec of the presence state (presence.md P8.2's recommended format, JSON Lines): one
 * record per line in `state/presence.journal` and `state/presence.snapshot`. The field names are
 * P2.1's and P2.5's. Why in store/: the gateway's journal writes these lines and the read-only
 * admin view (`Get-CsXmppPresenceSubscription`, issue 14 item 6) reads them; cmdlets and gateway
 * never import each other, so the one codec both use lives here, and imports nothing of ours.
 */

/** NotifierDialog is a SIP dialog in which the gateway is the notifier: a UA of l watches r (P2.5). */
export interface NotifierDialog {
  /** Call-ID;local tag;remote tag: unique per dialog (RFC 3261 §12). */
  readonly id: string
  readonly l: string
  readonly r: string
  /** The remote target, the SUBSCRIBE's Contact. */
  readonly target: string
  /** The route set, the SUBSCRIBE's Record-Route values in order. */
  readonly routes: readonly string[]
  readonly transport: string
  /** The local CSeq: in the state files, its high-water mark (P8.2, cseqMark). */
  readonly cseq: number
  /** Epoch seconds at which the subscription expires. */
  readonly exp: number
  readonly state: 'pending' | 'active'
}

/** StateLine is one decoded line of the journal or the snapshot: a record put, or a record deleted. */
export type StateLine =
  | {readonly t: 'c'; readonly record: ContactRecord}
  | {readonly t: 'c-'; readonly l: string; readonly r: string}
  | {readonly t: 'd'; readonly dialog: NotifierDialog}
  | {readonly t: 'd-'; readonly id: string}

/** contactKey is the map key of the (l, r) pair. */
export function contactKey(l: string, r: string): string {
  return `${l}\n${r}`
}

/** contactLine is a record's line, terminator included: P8.2's example, `fc` written 0/1. */
export function contactLine(record: ContactRecord): string {
  return `${JSON.stringify({t: 'c', l: record.l, r: record.r, s: record.s, fc: record.fc ? 1 : 0, at: record.at})}\n`
}

export function contactDeletedLine(l: string, r: string): string {
  return `${JSON.stringify({t: 'c-', l, r})}\n`
}

export function dialogLine(dialog: NotifierDialog): string {
  const {id, l, r, target, routes, transport, cseq, exp, state} = dialog
  return `${JSON.stringify({t: 'd', id, l, r, target, routes, transport, cseq, exp, state})}\n`
}

export function dialogDeletedLine(id: string): string {
  return `${JSON.stringify({t: 'd-', id})}\n`
}

/**
 * decodeLine reads one line (without its terminator); undefined when it is not JSON or not a
 * record of a known type with fields of the right types (P8.2 requirement 2: such a line is skipped).
 */
export function decodeLine(text: string): StateLine | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  switch (v.t) {
    case 'c':
      if (!isString(v.l) || !isString(v.r) || !isInteger(v.s) || (v.fc !== 0 && v.fc !== 1) || !isInteger(v.at)) return undefined
      return {t: 'c', record: {l: v.l, r: v.r, s: v.s, fc: v.fc === 1, at: v.at}}
    case 'c-':
      return isString(v.l) && isString(v.r) ? {t: 'c-', l: v.l, r: v.r} : undefined
    case 'd':
      if (!isDialog(v)) return undefined
      return {t: 'd', dialog: {id: v.id, l: v.l, r: v.r, target: v.target, routes: v.routes, transport: v.transport, cseq: v.cseq, exp: v.exp, state: v.state}}
    case 'd-':
      return isString(v.id) ? {t: 'd-', id: v.id} : undefined
    default:
      return undefined
  }
}

function isDialog(v: Record<string, unknown>): v is Record<string, unknown> & NotifierDialog {
  return (
    isString(v.id) && isString(v.l) && isString(v.r) && isString(v.target) && isString(v.transport) &&
    Array.isArray(v.routes) && v.routes.every(isString) &&
    isInteger(v.cseq) && isInteger(v.exp) && (v.state === 'pending' || v.state === 'active')
  )
}

function isString(value: unknown): value is string {
  return typeof value === 'string'
}

function isInteger(value: unknown): value is number {
  return Number.isSafeInteger(value)
}

/**
 * decodeLines decodes the complete lines of a state file's content into into and returns how many
 * there were. A torn last line (the write a kill -9 interrupted: no terminator) is not among them
 * and is ignored; an undecodable line is skipped and reported to skipped with its 1-based number
 * (P8.2 requirement 2).
 */
export function decodeLines(content: Uint8Array, into: StateLine[], skipped: (lineNumber: number) => void): number {
  const texts = Buffer.from(content.buffer, content.byteOffset, content.lastIndexOf(0x0a) + 1).toString('utf8').split('\n')
  texts.pop()
  texts.forEach((text, index) => {
    const line = decodeLine(text)
    if (line) into.push(line)
    else skipped(index + 1)
  })
  return texts.length
}
