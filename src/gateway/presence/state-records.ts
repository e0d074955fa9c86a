import type {ContactRecord} from '../../../store/index.js'

/**
 * The records the presence state keeps across restarts (presence.md P8.1) and their one-line JSON
 * form, shared by the journal and the snapshot (P8.2's recommended format). The field names are
 * P2.1's and P2.5's; model.ts owns what the bits mean, this file only how a record is written down.
 */

// ContactRecord (P2.1) is defined once, in store/presence-subscription.ts: the admin view reads it too.
export type {ContactRecord}

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
 * cseqMark is the CSeq written for a dialog whose local CSeq is cseq: rounded up to the next
 * multiple of 100 (P8.2), so NOTIFYs cost a write only once in 100.
 */
export function cseqMark(cseq: number): number {
  return Math.ceil(cseq / 100) * 100
}

/** resumedCseq is the local CSeq a dialog continues at after a restart: its mark + 100 (P8.2), above anything sent. */
export function resumedCseq(mark: number): number {
  return mark + 100
}
