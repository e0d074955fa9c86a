import {type Element, xml} from '@xmpp/xml'

/**
 * Stanza errors (RFC 6120 §8.3): a refused or undeliverable stanza goes back to its sender as a stanza
 * of the same kind with type 'error', never silently dropped (cmdlets.md A8.4, A8.5).
 */

export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'

/** StanzaErrorType is RFC 6120 §8.3.2's error type. */
export type StanzaErrorType = 'auth' | 'cancel' | 'continue' | 'modify' | 'wait'

/** StanzaError is why a stanza was not delivered: an RFC 6120 §8.3.3 condition, its type and a text. */
export class StanzaError extends Error {
  constructor(
    readonly condition: string,
    readonly type: StanzaErrorType,
    readonly text?: string,
  ) {
    super(text ? `${condition}: ${text}` : condition)
  }
}

/**
 * errorReply turns a stanza into its error reply: addresses swapped, the error element appended.
 * replyFrom replaces the original `to` as sender when that names no domain (RFC 6120 §8.3.1 lets the
 * server answer for it).
 */
export function errorReply(stanza: Element, error: StanzaError, replyFrom?: string): Element {
  const {from, to, id} = stanza.attrs
  const attrs: Record<string, string> = {type: 'error'}
  if (replyFrom ?? to) attrs.from = replyFrom ?? to
  if (from) attrs.to = from
  if (id) attrs.id = id
  const children = [xml(error.condition, {xmlns: NS_STANZAS})]
  if (error.text) children.push(xml('text', {xmlns: NS_STANZAS, 'xml:lang': 'en'}, error.text))
  return xml(stanza.name, attrs, xml('error', {type: error.type}, ...children))
}

/**
 * isAnswerable tells whether a stanza may get an error reply: never an error (RFC 6120 §8.3.1: "MUST NOT
 * respond to the stanza with a further error stanza", which keeps two servers from bouncing forever),
 * never an iq result (§8.2.3).
 */
export function isAnswerable(stanza: Element): boolean {
  const type = stanza.attrs.type
  return type !== 'error' && !(stanza.name === 'iq' && type === 'result')
}
