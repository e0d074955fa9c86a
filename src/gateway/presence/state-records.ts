import type {ContactRecord} from '../../../store/index.js'

/**
 * The records the presence state keeps across restarts (presence.md P8.1). Their one-line form is
 * store/presence-state-lines.ts, shared with the admin view's reader; model.ts owns what the bits
 * mean. This file adds what only the gateway needs: the CSeq marks.
 */

// ContactRecord (P2.1) is defined once, in store/presence-subscription.ts: the admin view reads it too.
export type {ContactRecord}
export {contactDeletedLine, contactKey, contactLine, decodeLine, decodeLines, dialogDeletedLine, dialogLine, type NotifierDialog, type StateLine} from '../../../store/index.js'

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
