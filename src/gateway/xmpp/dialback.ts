import {type Element, xml} from '@xmpp/xml'
import {NS_DIALBACK} from './stream-output.js'

/**
 * The XEP-0220 dialback elements (`db:` prefix, bound in the stream header). Requests carry the key as
 * text; answers carry `type='valid'|'invalid'` and, from some servers, the key again, which is ignored
 * (interop README §9).
 */

/** DialbackAnswer is the outcome of a verification. */
export type DialbackAnswer = 'valid' | 'invalid'

/** dialbackRequest builds `<db:result>` or `<db:verify>` carrying a key (XEP-0220 §2.1.1, §2.3.1). */
export function dialbackRequest(kind: 'result' | 'verify', fields: {from: string; to: string; id?: string; key: string}): Element {
  const attrs: Record<string, string> = {from: fields.from, to: fields.to}
  if (fields.id !== undefined) attrs.id = fields.id
  return xml(`db:${kind}`, attrs, fields.key)
}

/** dialbackAnswer builds the reply to a request: addresses swapped, the verdict as type. */
export function dialbackAnswer(request: Element, type: DialbackAnswer): Element {
  const attrs: Record<string, string> = {from: request.attrs.to ?? '', to: request.attrs.from ?? '', type}
  if (request.attrs.id !== undefined) attrs.id = request.attrs.id
  return xml(request.name, attrs)
}

/** isDialback tells whether an element is `<db:result>` or `<db:verify>` (namespace resolved through the header). */
export function isDialback(element: Element, kind: 'result' | 'verify'): boolean {
  return element.getName() === kind && element.getNS() === NS_DIALBACK
}
