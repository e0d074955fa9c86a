import xml, {type Element} from '@xmpp/xml'
import {writePidfDocument, type PidfDocument, type PidfNote, type PidfTuple, type PidfTupleOut} from './pidf.js'
import type {PresenceModel, Show} from './presence-model.js'

/**
 * The presence mapping table of presence.md P5.1, both ways, in one place: XMPP `<presence/>` (type,
 * `<show/>`, `<status/>`, `<priority/>`) ↔ PIDF `<basic>`, RFC 8048's `<show xmlns='jabber:client'>`,
 * RPID activities (RFC 4480 §3.2) and `<note>`, with the "most available" rule of P5.2 (RFC 8048
 * §6.2). Pure: documents in, presence out, and back.
 */

/** Show is the XMPP availability detail (RFC 6121 §4.7.2.1). */

/** ResourcePresence is one XMPP resource's last presence (`''` for presence from the bare JID). */
export interface ResourcePresence {
  readonly resource: string
  readonly presence: PresenceModel
}

const SHOWS: ReadonlySet<string> = new Set<Show>(['chat', 'away', 'xa', 'dnd'])

/** The most available first (P5.2 rule 5, RFC 8048 §6.2); `none` is no `<show/>`. */
const AVAILABILITY: Readonly<Record<Show | 'none', number>> = {chat: 0, none: 1, away: 2, xa: 3, dnd: 4}

/**
 * The RPID activities read as a show (P5.1 "Read" column of rows 3–5; P0 #9: a fixed list). Others
 * (`working`, `other`, `unknown`, …) map to nothing (row 1).
 */
const ACTIVITY_SHOW: ReadonlyMap<string, Show> = new Map<string, Show>([
  ...['away', 'meal', 'breakfast', 'dinner', 'in-transit', 'travel', 'shopping', 'steering', 'playing', 'spectator', 'tv'].map((a) => [a, 'away'] as const),
  ...['vacation', 'holiday', 'sleeping', 'permanent-absence'].map((a) => [a, 'xa'] as const),
  ...['busy', 'on-the-phone', 'meeting', 'appointment', 'presentation', 'performance', 'worship'].map((a) => [a, 'dnd'] as const),
])

/** The RPID activity written for a show (P5.1 "Written" column): chat and none write none. */
const SHOW_ACTIVITY: Readonly<Partial<Record<Show, string>>> = {away: 'away', xa: 'away', dnd: 'busy'}

/** The longest status text kept, in characters (P3.1, P5.1 row 7); longer is cut. */
const MAX_STATUS_CHARACTERS = 1024

const UNAVAILABLE: PresenceModel = {available: false}

/** Candidate is a tuple with the document it came from, for the notes of P5.2 rule 6. */
interface Candidate {
  readonly tuple: PidfTuple
  readonly document: PidfDocument
  readonly show: Show | undefined
}

/**
 * aggregate reads a local user's documents (one per source, P4.3/P4.4) into one presence by P5.2's
 * reading rules. No document, or no `open` tuple, is unavailable (row 6), with the note if there is one.
 */
export function aggregate(documents: readonly PidfDocument[]): PresenceModel {
  const candidates = documents.flatMap((document) => openCandidates(document))
  const chosen = mostAvailable(candidates)
  if (!chosen) return withStatus(UNAVAILABLE, unavailableNote(documents))
  const {tuple, document, show} = chosen
  const model: PresenceModel = {available: true, ...(show ? {show} : {}), ...(tuple.priority === undefined ? {} : {priority: Math.round(tuple.priority * 127)})}
  return withStatus(model, noteOf(tuple, document))
}

/** openCandidates are a document's open tuples (rule 2) with their show (rules 3–4). */
function openCandidates(document: PidfDocument): Candidate[] {
  const personShow = firstMapped(document.persons.flatMap((person) => person.activities))
  return document.tuples
    .filter((tuple) => tuple.basic.toLowerCase() === 'open')
    .map((tuple) => ({tuple, document, show: tupleShow(tuple) ?? personShow}))
}

/** tupleShow is rule 3: the tuple's valid RFC 8048 `<show>`, else its first mapped RPID activity. */
function tupleShow(tuple: PidfTuple): Show | undefined {
  if (tuple.show !== undefined && SHOWS.has(tuple.show)) return tuple.show as Show
  return firstMapped(tuple.activities)
}

function firstMapped(activities: readonly string[]): Show | undefined {
  for (const activity of activities) {
    const show = ACTIVITY_SHOW.get(activity)
    if (show) return show
  }
  return undefined
}

/** mostAvailable is rule 5: chat, none, away, xa, dnd; ties to the higher priority, then the later tuple. */
function mostAvailable(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined
  for (const candidate of candidates) {
    if (!best || compareCandidates(candidate, best) <= 0) best = candidate
  }
  return best
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return compareAvailability(a.show, a.tuple.priority, b.show, b.tuple.priority)
}

/**
 * compareAvailability orders two presences, negative when the first is more available: by show
 * (rule 5), then the higher priority (either scale; an absent priority counts as 0, RFC 6121 §4.7.2.3).
 */
function compareAvailability(aShow: Show | undefined, aPriority: number | undefined, bShow: Show | undefined, bPriority: number | undefined): number {
  const availability = AVAILABILITY[aShow ?? 'none'] - AVAILABILITY[bShow ?? 'none']
  return availability !== 0 ? availability : (bPriority ?? 0) - (aPriority ?? 0)
}

/** noteOf is rule 6 (row 7): the tuple's note, else the first `<dm:note>`, else the document's `<note>`. */
function noteOf(tuple: PidfTuple | undefined, document: PidfDocument | undefined): PidfNote | undefined {
  return tuple?.notes[0] ?? document?.persons.flatMap((person) => person.notes)[0] ?? document?.notes[0]
}

/** unavailableNote is rule 2's note for a document without an open tuple: its first tuple's, by rule 6. */
function unavailableNote(documents: readonly PidfDocument[]): PidfNote | undefined {
  for (const document of documents) {
    const note = noteOf(document.tuples[0], document)
    if (note) return note
  }
  return undefined
}

function withStatus(model: PresenceModel, note: PidfNote | undefined): PresenceModel {
  const text = note && cutStatus(note.text)
  if (!text) return model
  return {...model, status: note.lang === undefined ? {text} : {text, lang: note.lang}}
}

/** cutStatus keeps the first 1,024 characters (code points, so no surrogate pair is split). */
function cutStatus(text: string): string {
  const characters = Array.from(text)
  return characters.length > MAX_STATUS_CHARACTERS ? characters.slice(0, MAX_STATUS_CHARACTERS).join('') : text
}

/**
 * writePidf writes the full-state document of a contact's resources for a SIP watcher (P5.2, P0 #8):
 * one tuple per available resource, most available first, then by priority; one `closed` tuple when
 * none is available (row 6). `entity` is the URI the watcher subscribed to.
 */
export function writePidf(entity: string, resources: readonly ResourcePresence[]): string {
  const available = resources.filter((resource) => resource.presence.available).sort(byAvailability)
  if (available.length === 0) return writePidfDocument(entity, [{id: tupleId(''), basic: 'closed'}])
  const top = available[0]!.presence.show
  return writePidfDocument(entity, available.map((resource) => tupleOut(entity, resource)), top && SHOW_ACTIVITY[top])
}

/** byAvailability orders resources most available first (P5.2 rule 5), then by priority; the UDP trimming of P4.6 drops from the end. */
export function byAvailability({presence: a}: ResourcePresence, {presence: b}: ResourcePresence): number {
  return compareAvailability(a.show, a.priority, b.show, b.priority)
}

function tupleOut(entity: string, {resource, presence}: ResourcePresence): PidfTupleOut {
  const priority = presence.priority
  return {
    id: tupleId(resource),
    basic: 'open',
    ...(presence.show ? {show: presence.show} : {}),
    // Row 8, RFC 8048 §6.2 note 6: 0…127 → 0…1 with three decimals; a negative priority is not mapped.
    contact: priority === undefined || priority < 0 ? {uri: entity} : {uri: entity, priority: (Math.min(priority, 127) / 127).toFixed(3)},
    ...(presence.status ? {note: presence.status} : {}),
  }
}

/**
 * tupleId is row 9: `ID-{resource}` (RFC 8048 §6.2 note 2: an xs:ID may not start with a digit),
 * `IDx-{hex of its UTF-8}` when the resource has characters an xs:ID cannot hold, `ID-bare` for the bare JID.
 */
function tupleId(resource: string): string {
  if (resource === '') return 'ID-bare'
  if (/^[A-Za-z0-9._-]+$/.test(resource)) return `ID-${resource}`
  return `IDx-${Buffer.from(resource, 'utf8').toString('hex')}`
}

/**
 * pidfContentLanguage is the NOTIFY's `Content-Language` (rows 7 and 10): the language of the status
 * of the most available resource, when it has one.
 */
export function pidfContentLanguage(resources: readonly ResourcePresence[]): string | undefined {
  return resources.filter((resource) => resource.presence.available).sort(byAvailability)[0]?.presence.status?.lang
}

/**
 * presenceToStanza is a local user's presence toward XMPP (P3.2): no `type` when available, else
 * `unavailable`; `<show/>`, `<status/>` (only when withStatus, P6.3), `<priority/>`. The caller
 * addresses it (from `L/sip`, to the watcher) and stamps its id.
 */
export function presenceToStanza(model: PresenceModel, options: {readonly withStatus: boolean}): Element {
  const stanza = xml('presence', model.available ? {} : {type: 'unavailable'})
  if (model.available && model.show) stanza.cnode(xml('show', {}, model.show))
  if (options.withStatus && model.status) stanza.cnode(xml('status', model.status.lang === undefined ? {} : {'xml:lang': model.status.lang}, model.status.text))
  if (model.available && model.priority !== undefined) stanza.cnode(xml('priority', {}, String(model.priority)))
  return stanza
}

/**
 * stanzaToModel reads an available or `unavailable` presence from XMPP (P3.1): `<show/>` other than
 * the four values is absent, `<priority/>` must be an integer −128…127, `<status/>` is cut at 1,024
 * characters and takes the stanza's xml:lang when it has none (row 10).
 */
export function stanzaToModel(stanza: Element): PresenceModel {
  const available = stanza.attrs.type === undefined
  const show = childText(stanza, 'show')?.trim()
  const priority = childText(stanza, 'priority')?.trim()
  const model: PresenceModel = {
    available,
    ...(available && show !== undefined && SHOWS.has(show) ? {show: show as Show} : {}),
    ...(available && priority !== undefined && isPriority(priority) ? {priority: Number(priority)} : {}),
  }
  const status = child(stanza, 'status')
  const lang = status?.attrs['xml:lang'] || stanza.attrs['xml:lang']
  return withStatus(model, status && (lang ? {text: status.getText(), lang} : {text: status.getText()}))
}

function isPriority(text: string): boolean {
  return /^[+-]?\d{1,3}$/.test(text) && Number(text) >= -128 && Number(text) <= 127
}

/** child is the first child with this name in the stanza's own namespace (a foreign `<show>` is not XMPP's). */
function child(stanza: Element, name: string): Element | undefined {
  const namespace = stanza.getNS()
  return stanza.getChildren(name).find((element) => element.getNS() === namespace)
}

function childText(stanza: Element, name: string): string | undefined {
  return child(stanza, name)?.getText()
}
