/**
 * Error mapping between XMPP stanza error conditions and SIP response codes, RFC 7247 §6
 * (https://www.rfc-editor.org/rfc/rfc7247#section-6), tables 2 and 3. Only 3xx–6xx are mapped:
 * XMPP has nothing like 1xx/2xx. The SIP reason phrase and the XMPP `<text/>` may be copied across.
 */

/** XmppErrorCondition is one of the RFC 6120 §8.3.3 stanza error conditions. */
export type XmppErrorCondition =
  | 'bad-request' | 'conflict' | 'feature-not-implemented' | 'forbidden' | 'gone' | 'internal-server-error'
  | 'item-not-found' | 'jid-malformed' | 'not-acceptable' | 'not-allowed' | 'not-authorized' | 'policy-violation'
  | 'recipient-unavailable' | 'redirect' | 'registration-required' | 'remote-server-not-found'
  | 'remote-server-timeout' | 'resource-constraint' | 'service-unavailable' | 'subscription-required'
  | 'undefined-condition' | 'unexpected-request'

/** XmppErrorDetail carries what RFC 7247 table 2's footnotes 3 and 4 decide on. */
export interface XmppErrorDetail {
  /** `<gone/>` names a new address: 301, else 410 (footnote 3). */
  readonly newAddress?: boolean
  /** `<remote-server-not-found/>` because the server could not be resolved or reached: 408, else 404 (footnote 4). */
  readonly unreachable?: boolean
}

// RFC 3261 §21 and the RFCs that added the other codes used below (RFC 5626 430/439, RFC 5393 440, RFC 6665 489).
const REASONS: Readonly<Record<number, string>> = {
  200: 'OK', 202: 'Accepted', 300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Moved Temporarily', 305: 'Use Proxy',
  380: 'Alternative Service', 400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required',
  408: 'Request Timeout', 410: 'Gone', 413: 'Request Entity Too Large', 414: 'Request-URI Too Long',
  415: 'Unsupported Media Type', 416: 'Unsupported URI Scheme', 420: 'Bad Extension', 421: 'Extension Required',
  423: 'Interval Too Brief', 430: 'Flow Failed', 439: 'First Hop Lacks Outbound Support', 440: 'Max-Breadth Exceeded',
  480: 'Temporarily Unavailable', 481: 'Call/Transaction Does Not Exist', 482: 'Loop Detected', 483: 'Too Many Hops',
  484: 'Address Incomplete', 485: 'Ambiguous', 486: 'Busy Here', 487: 'Request Terminated', 488: 'Not Acceptable Here',
  489: 'Bad Event', 491: 'Request Pending', 493: 'Undecipherable', 500: 'Server Internal Error', 501: 'Not Implemented',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Server Time-out', 505: 'Version Not Supported',
  513: 'Message Too Large', 600: 'Busy Everywhere', 603: 'Decline', 604: 'Does Not Exist Anywhere', 606: 'Not Acceptable',
}

/** reasonPhrase is the RFC 3261 §21 reason phrase of a status code, or a class name for codes it does not list. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (['', 'Provisional', 'Success', 'Redirection', 'Client Error', 'Server Error', 'Global Failure'][Math.floor(status / 100)] ?? 'Unknown')
}

// RFC 7247 table 2, the conditions without a full/bare JID or footnote choice.
const XMPP_TO_SIP: ReadonlyMap<string, number> = new Map(Object.entries({
  'bad-request': 400, conflict: 400, 'internal-server-error': 500, 'jid-malformed': 400, 'not-allowed': 403,
  'not-authorized': 401, 'policy-violation': 403, redirect: 302, 'registration-required': 407,
  'remote-server-timeout': 408, 'resource-constraint': 500, 'service-unavailable': 403, 'subscription-required': 400,
  'undefined-condition': 400, 'unexpected-request': 400,
}))

/**
 * sipStatusFor maps an XMPP error condition to a SIP response code (RFC 7247 §6.1, table 2). An
 * error about a full JID takes the 4xx code, about a bare JID the 6xx one (501 for
 * feature-not-implemented; footnotes 1 and 2). `<service-unavailable/>` becomes 403, never 503: a
 * SIP 503 would make the sender treat the whole gateway as down (footnote 5).
 * `<unexpected-request/>` takes 400 of "491 or 400": 491 is about overlapping INVITE transactions,
 * which a single MESSAGE never is. A condition RFC 6120 does not define counts as
 * `<undefined-condition/>` (RFC 6120 §8.3.2), hence 400.
 */
export function sipStatusFor(condition: string, fullJid: boolean, detail: XmppErrorDetail = {}): number {
  switch (condition) {
    case 'feature-not-implemented':
      return fullJid ? 405 : 501
    case 'forbidden':
      return fullJid ? 403 : 603
    case 'gone':
      return detail.newAddress ? 301 : 410
    case 'item-not-found':
      return fullJid ? 404 : 604
    case 'not-acceptable':
      return fullJid ? 406 : 606
    case 'recipient-unavailable':
      return fullJid ? 480 : 600
    case 'remote-server-not-found':
      return detail.unreachable ? 408 : 404
    default:
      return XMPP_TO_SIP.get(condition) ?? 400
  }
}

// RFC 7247 §6.2, table 3. 403 may also read as not-allowed or policy-violation, 404 as
// remote-server-not-found, 408 as remote-server-not-found (footnotes 3–5); the first choice is kept.
const SIP_TO_XMPP: Readonly<Record<number, XmppErrorCondition>> = {
  300: 'redirect', 301: 'gone', 302: 'redirect', 305: 'redirect', 380: 'not-acceptable',
  400: 'bad-request', 401: 'not-authorized', 402: 'bad-request', 403: 'forbidden', 404: 'item-not-found',
  405: 'feature-not-implemented', 406: 'not-acceptable', 407: 'registration-required', 408: 'remote-server-timeout',
  410: 'gone', 413: 'policy-violation', 414: 'policy-violation', 415: 'not-acceptable', 416: 'not-acceptable',
  420: 'feature-not-implemented', 421: 'not-acceptable', 423: 'resource-constraint', 430: 'recipient-unavailable',
  439: 'feature-not-implemented', 440: 'policy-violation', 480: 'recipient-unavailable', 481: 'item-not-found',
  482: 'not-acceptable', 483: 'not-acceptable', 484: 'item-not-found', 485: 'item-not-found',
  486: 'recipient-unavailable', 487: 'recipient-unavailable', 488: 'not-acceptable', 489: 'policy-violation',
  491: 'unexpected-request', 493: 'bad-request', 500: 'internal-server-error', 501: 'feature-not-implemented',
  502: 'remote-server-not-found', 503: 'internal-server-error', 504: 'remote-server-timeout', 505: 'not-acceptable',
  513: 'policy-violation', 600: 'recipient-unavailable', 603: 'recipient-unavailable', 604: 'item-not-found',
  606: 'not-acceptable',
}

/**
 * xmppConditionFor maps a SIP final response code (300–699) to an XMPP error condition (RFC 7247 §6.2,
 * table 3); unlisted codes fall back by class: 3xx redirect, 4xx bad-request, 5xx
 * internal-server-error, 6xx recipient-unavailable. 503 is deliberately internal-server-error
 * (footnote 9). Codes below 300 are not errors: asking is a programmer error.
 */
export function xmppConditionFor(status: number): XmppErrorCondition {
  if (!Number.isInteger(status) || status < 300 || status > 699) throw new RangeError(`xmppConditionFor: ${status} is not a SIP error code`)
  const fallback: XmppErrorCondition[] = ['redirect', 'bad-request', 'internal-server-error', 'recipient-unavailable']
  return SIP_TO_XMPP[status] ?? fallback[Math.floor(status / 100) - 3]!
}
