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

/** errorReply turns a stanza into its error reply: addresses swapped, the error element appended. */
export function errorReply(stanza: Element, error: StanzaError): Element {
  const {from, to, id} = stanza.attrs
  const attrs: Record<string, string> = {type: 'error'}
  if (to) attrs.from = to
  if (from) attrs.to = from
  if (id) attrs.id = id
  const children = [xml(error.condition, {xmlns: NS_STANZAS})]
  if (error.text) children.push(xml('text', {xmlns: NS_STANZAS, 'xml:lang': 'en'}, error.text))
  return xml(stanza.name, attrs, xml('error', {type: error.type}, ...children))
}
