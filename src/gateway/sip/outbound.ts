import {randomInt, randomUUID} from 'node:crypto'
import {parseUri, type SipMessage} from 'sip'
import {aorOf, encodeGr, parseSipUri, type SipAddress} from './address.js'
import {reasonPhrase} from './errors.js'
import {fromWire, newTag, toWire} from './message.js'
import type {Registrar} from './registrar.js'
import type {SipStack, Target} from './stack.js'
import type {Protocol} from './transport.js'
import type {SipEndpointOptions, SipMessageOut, SipOutcome} from './types.js'

/**
 * MESSAGE requests toward SIP users (RFC 3428 page mode, fields per RFC 7572 §5): to the contact of
 * a live registration with the embedded registrar, else through the configured next hop with a
 * loose Route (RFC 3261 §16.12, §8.1.2), else nowhere: 480 (the user is not reachable now).
 */

/** OutboundDependencies are the stack, the registrar and the routing options. */
export interface OutboundDependencies {
  readonly stack: SipStack
  readonly registrar: Registrar
  readonly nextHop?: SipEndpointOptions['nextHop']
  readonly timeoutMs: number
}

// RFC 3428 §5: a MESSAGE outside a session must not exceed 1300 bytes when the path may include a
// congestion-unsafe transport; we know that only of our first hop, so UDP there is the test.
const PAGE_MODE_UDP_LIMIT = 1300
// RFC 3261 §25.1: Call-ID = word [ "@" word ]; thread ids from XMPP may hold anything else.
const WORD_CHAR = /[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]/

const outcomeOf = (response: SipMessage): SipOutcome => {
  const status = response.status ?? 500
  return {status, reason: fromWire(response.reason ?? '') || reasonPhrase(status)}
}

/** uriFor writes an address the way we send it: address of record (A-label domain, SIP-encoded user) and gr. */
const uriFor = (address: SipAddress, gr = address.gr): string => (gr === undefined ? aorOf(address) : `${aorOf(address)};gr=${encodeGr(gr)}`)

/**
 * targetOf reads where a URI leads: its host and port, sips: meaning TLS, and the transport
 * parameter, whose name and value compare without case (RFC 3261 §19.1.4; the `sip` parser keeps
 * parameter names as they came).
 */
export function targetOf(uri: string): Target | undefined {
  const parsed = parseUri(uri)
  if (!parsed) return undefined
  const param = Object.entries(parsed.params).find(([name]) => name.toLowerCase() === 'transport')?.[1]
  const transport = param?.toUpperCase() ?? (parsed.schema?.toLowerCase() === 'sips' ? 'TLS' : 'UDP')
  if (transport !== 'UDP' && transport !== 'TCP' && transport !== 'TLS') return undefined
  return {host: parsed.host, port: parsed.port || (transport === 'TLS' ? 5061 : 5060), protocol: transport as Protocol}
}

/** callIdFor makes a thread id a valid Call-ID by percent-encoding what the word rule does not allow (the first inner `@` stays). */
export function callIdFor(thread: string): string {
  const word = (text: string) =>
    [...Buffer.from(text, 'utf8')].map((b) => (b < 0x80 && WORD_CHAR.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('')
  if (thread === '') return randomUUID()
  const at = thread.indexOf('@')
  return at > 0 && at < thread.length - 1 ? `${word(thread.slice(0, at))}@${word(thread.slice(at + 1))}` : word(thread)
}

/** createOutbound returns sendMessage. */
export function createOutbound(deps: OutboundDependencies): (message: SipMessageOut) => Promise<SipOutcome> {
  // RFC 3261 §8.1.1.5: any start below 2**31; a random one keeps CSeq rising per Call-ID across restarts in practice.
  let cseq = randomInt(1, 2 ** 30)

  function route(to: SipAddress): {target: Target; requestUri: string; routeHeader?: string} | undefined {
    for (const binding of deps.registrar.lookup(aorOf(to))) {
      const target = targetOf(binding.contact)
      if (target) return {target, requestUri: binding.contact}
    }
    const hop = deps.nextHop
    if (!hop) return undefined
    const target: Target = {host: hop.host, port: hop.port, protocol: hop.transport.toUpperCase() as Protocol}
    return {target, requestUri: uriFor(to), routeHeader: `sip:${hop.host}:${hop.port};transport=${hop.transport.toLowerCase()};lr`}
  }

  return async (message) => {
    const to = parseSipUri(message.to)
    const from = parseSipUri(message.from)
    if (!to?.user || !from?.user) throw new TypeError(`sendMessage: ${message.from} → ${message.to} is not a pair of SIP user URIs`)
    const path = route(to)
    if (!path) return {status: 480, reason: reasonPhrase(480)}
    const headers: SipMessage['headers'] = {
      via: [],
      'max-forwards': '70',
      ...(path.routeHeader ? {route: [{uri: path.routeHeader, params: {}}]} : {}),
      to: {uri: uriFor(to), params: {}},
      from: {uri: uriFor(from, message.gr), params: {tag: newTag()}},
      'call-id': message.callId === undefined ? randomUUID() : callIdFor(message.callId),
      cseq: {seq: cseq++, method: 'MESSAGE'},
      'content-type': 'text/plain;charset=UTF-8',
    }
    // Header values are one line; a subject from XMPP may hold line breaks.
    if (message.subject) headers.subject = toWire(message.subject.replace(/[\r\n]+/g, ' '))
    if (message.contentLanguage && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(message.contentLanguage)) headers['content-language'] = message.contentLanguage
    const request: SipMessage = {method: 'MESSAGE', uri: path.requestUri, headers, content: toWire(message.body)}
    return outcomeOf(await deps.stack.request(path.target, request, {timeoutMs: deps.timeoutMs, maxUdpBytes: PAGE_MODE_UDP_LIMIT}))
  }
}
