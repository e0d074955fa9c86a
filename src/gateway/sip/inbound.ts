import {domainToUnicode} from 'node:url'
import {stringifyUri, type NameAddr, type SipMessage} from 'sip'
import {aorOf, encodeGr, parseSipUri, type SipAddress} from './address.js'
import type {AuthCheck, Authenticator} from './auth.js'
import {respond, textHeader, uriOf} from './message.js'
import type {RegisterRequest, Registrar} from './registrar.js'
import type {Answer} from './stack.js'
import type {Remote} from './transport.js'
import type {TrustList} from './trust.js'
import type {SipEndpointOptions, SipOutcome} from './types.js'
import {addressRefusal, isRefusal, readXmppBoundText} from './xmpp-bound.js'

/**
 * Requests from the organisation's side: MESSAGE (RFC 3428, RFC 7572 §6), REGISTER to the embedded
 * registrar (RFC 3261 §10.3) and OPTIONS (§11.2). Every request gets a final response; nothing is
 * silently dropped. Bodies never reach the log (cmdlets.md A8.6 is the caller's decision).
 */

/** InboundDependencies are what the handlers consult. */
export interface InboundDependencies {
  readonly options: Pick<SipEndpointOptions, 'isServedDomain' | 'onMessage' | 'federationRefusal' | 'log'>
  trust(): TrustList
  readonly auth: Authenticator
  readonly registrar: Registrar
}

const ALLOW = 'MESSAGE, OPTIONS, REGISTER'
// The caller names domains as the store does, U-labels (cmdlets.md A2.2); on the wire they are A-labels.
const storeDomain = (domain: string): string => domainToUnicode(domain) || domain
// RFC 3428 §7 and RFC 7572 §6: text/plain must be understood; this gateway takes nothing else.
const ACCEPT = 'text/plain;charset=UTF-8'

/** createInbound returns the handler of new requests for the stack. */
export function createInbound(deps: InboundDependencies): (request: SipMessage, remote: Remote, answer: Answer) => void {
  const {log} = deps.options
  return (request, remote, answer) => {
    const acting = request.method === 'MESSAGE' || request.method === 'REGISTER'
    const refused = federationRefusal(deps, request)
    const handled = refused
      ? Promise.resolve(refused)
      : request.method === 'MESSAGE'
        ? onMessage(deps, request, remote)
        : request.method === 'REGISTER'
          ? onRegister(deps, request)
          : Promise.resolve(otherMethod(request))
    // Answers that change nothing keep no state (RFC 3261 §8.2.7): a challenge, and every answer to a
    // method the gateway does not act on, so a retransmission is simply answered again (issue 12). A
    // stateful 405 to an INVITE would be resent by its transaction until an ACK: seven answers for one
    // spoofed datagram, a reflector toward whoever's address it bore.
    const stateless = (response: SipMessage): boolean => !acting || response.status === 401 || response.status === 407
    handled.then((response) => answer(response, {stateless: stateless(response)}), (error: Error) => {
      log.warn({method: request.method, error: error.message}, 'SIP: request handling failed')
      answer(respond(request, 500))
    })
  }
}

/**
 * federationRefusal answers a request toward XMPP while federation is off (cmdlets.md A11.5): 403
 * with the Warning, whatever the method; REGISTER is the gateway's own, CANCEL finds nothing, and
 * an ACK is never answered (RFC 3261 §17.2.1).
 */
function federationRefusal(deps: InboundDependencies, request: SipMessage): SipMessage | undefined {
  if (request.method === 'REGISTER' || request.method === 'CANCEL' || request.method === 'ACK') return undefined
  // Asked first: while federation is on (the usual case) no request pays for a second URI parse.
  const outcome = deps.options.federationRefusal?.()
  if (!outcome) return undefined
  const target = parseSipUri(stringifyUri(request.uri ?? ''))
  return !target || deps.options.isServedDomain(storeDomain(target.domain)) ? undefined : outcomeResponse(request, outcome)
}

/** outcomeResponse is the response carrying a SipOutcome, its Warning included. */
function outcomeResponse(request: SipMessage, outcome: SipOutcome): SipMessage {
  return respond(request, outcome.status, outcome.reason, outcome.warning === undefined ? {} : {warning: outcome.warning})
}

function otherMethod(request: SipMessage): SipMessage {
  if (request.method === 'OPTIONS') return respond(request, 200, undefined, {allow: ALLOW, accept: ACCEPT})
  // A CANCEL finds nothing to cancel: our MESSAGE and REGISTER transactions answer at once (RFC 3261 §9.2).
  if (request.method === 'CANCEL') return respond(request, 481)
  return respond(request, 405, undefined, {allow: ALLOW})
}

function refusal(request: SipMessage, verdict: Exclude<AuthCheck, {verdict: 'authenticated'}>): SipMessage {
  if (verdict.verdict === 'challenge') return respond(request, verdict.status, undefined, {[verdict.header]: verdict.value})
  return verdict.verdict === 'bad-request' ? respond(request, 400, `Bad Request (${verdict.why})`) : respond(request, 403)
}

async function onMessage(deps: InboundDependencies, request: SipMessage, remote: Remote): Promise<SipMessage> {
  const {options} = deps
  const from = parseSipUri(uriOf(request.headers.from) ?? '')
  const to = parseSipUri(uriOf(request.headers.to) ?? '')
  const target = parseSipUri(stringifyUri(request.uri ?? ''))
  if (!from?.user || !to?.user || !target) return respond(request, 400, 'Bad Request (From, To or Request-URI)')
  // RFC 7247 §9: XMPP cannot promise TLS on every hop, so a sips: request must not be translated.
  if (to.scheme === 'sips' || target.scheme === 'sips') return respond(request, 416)
  if (!options.isServedDomain(storeDomain(from.domain))) return respond(request, 404, 'Not Found (domain not served)')
  const sender = await authenticateSender(deps, request, remote, from)
  if ('refusal' in sender) return sender.refusal
  const {authenticatedUser} = sender
  const unmappable = addressRefusal({from, to, target})
  if (unmappable) return respond(request, unmappable.status, unmappable.reason)
  const contentType = textHeader(request, 'content-type') ?? ''
  if (!isPlainUtf8Text(contentType)) return respond(request, 415, undefined, {accept: ACCEPT})
  const text = readXmppBoundText(request)
  if (isRefusal(text)) return respond(request, text.status, text.reason)
  const outcome = await options.onMessage({
    from: aorOf(from),
    to: recipient(to, target),
    ...(from.gr === undefined ? {} : {gr: from.gr}),
    ...text,
    contentType,
    ...(authenticatedUser ? {authenticatedUser} : {}),
  })
  if (!Number.isInteger(outcome.status) || outcome.status < 200 || outcome.status > 699) {
    options.log.warn({status: outcome.status}, 'SIP: onMessage gave no final status')
    return respond(request, 500)
  }
  return outcomeResponse(request, outcome)
}

/**
 * authenticateSender lets a trusted host through as it is, and asks anyone else for digest
 * credentials of the sender's own account (RFC 3261 §22.3): no one sends in another user's name.
 */
async function authenticateSender(deps: InboundDependencies, request: SipMessage, remote: Remote, from: SipAddress): Promise<{refusal: SipMessage} | {authenticatedUser?: string}> {
  if (deps.trust().has(remote.address)) return {}
  const {log} = deps.options
  const realm = storeDomain(from.domain)
  const verdict = await deps.auth.check(request, 'proxy', realm)
  if (verdict.verdict !== 'authenticated') {
    if (verdict.verdict !== 'challenge' || verdict.why) log.info({from: aorOf(from), remote: remote.address, why: verdict.why}, 'SIP: MESSAGE refused')
    return {refusal: refusal(request, verdict)}
  }
  if (verdict.username !== from.user) {
    log.info({from: aorOf(from), username: verdict.username, remote: remote.address}, 'SIP: MESSAGE refused, credentials of another user')
    return {refusal: respond(request, 403)}
  }
  return {authenticatedUser: `${from.user}@${realm}`}
}

/** recipient is To's address of record with the instance the request names: the Request-URI's gr (a GRUU, RFC 5627 §3.1) or To's. */
function recipient(to: SipAddress, target: SipAddress): string {
  const gr = target.gr ?? to.gr
  return gr === undefined ? aorOf(to) : `${aorOf(to)};gr=${encodeGr(gr)}`
}

/** isPlainUtf8Text accepts text/plain with charset UTF-8, US-ASCII (a subset) or none (RFC 2046 §4.1.2: then US-ASCII). */
function isPlainUtf8Text(contentType: string): boolean {
  const [type = '', ...params] = contentType.split(';').map((p) => p.trim().toLowerCase())
  if (type !== 'text/plain') return false
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '')
  return charset === undefined || charset === 'utf-8' || charset === 'us-ascii'
}

async function onRegister(deps: InboundDependencies, request: SipMessage): Promise<SipMessage> {
  const {options} = deps
  const to = parseSipUri(uriOf(request.headers.to) ?? '')
  if (!to?.user) return respond(request, 400, 'Bad Request (To)')
  // RFC 3261 §10.3 step 1: this registrar keeps bindings only for the gateway's own domains.
  const realm = storeDomain(to.domain)
  if (!options.isServedDomain(realm)) return respond(request, 404, 'Not Found (domain not served)')
  const verdict = await deps.auth.check(request, 'registrar', realm)
  if (verdict.verdict !== 'authenticated') return refusal(request, verdict)
  // RFC 3261 §10.3 step 3: the authenticated user may change only its own bindings.
  if (verdict.username !== to.user) return respond(request, 403)
  const contacts = contactsOf(request)
  if (contacts === undefined) return respond(request, 400, 'Bad Request (wildcard Contact with other contacts)')
  const result = deps.registrar.register({
    aor: aorOf(to),
    contacts,
    ...withExpires(seconds(textHeader(request, 'expires'))),
    callId: request.headers['call-id'],
    cseq: request.headers.cseq.seq,
  })
  if (result.status !== 200) return respond(request, result.status, result.reason)
  options.log.info({aor: aorOf(to), contacts: result.contacts.length}, 'SIP: registration')
  const listed: NameAddr[] = result.contacts.map((c) => ({uri: c.contact, params: {expires: String(c.expires)}}))
  return respond(request, 200, undefined, listed.length > 0 ? {contact: listed} : {})
}

const seconds = (text: string | null | undefined) => (text != null && /^\d{1,10}$/.test(text.trim()) ? Number(text) : undefined)

/**
 * contactsOf reads a REGISTER's Contact values, '*' for the wildcard, undefined when the wildcard
 * comes with other contacts (RFC 3261 §10.3 step 6: invalid). The codec gives the wildcard as a
 * contact whose URI is '*' (header-fields.ts).
 */
function contactsOf(request: SipMessage): RegisterRequest['contacts'] | undefined {
  const contact = request.headers.contact
  if (contact === '*') return '*'
  const uris = (contact ?? []).map((c) => ({uri: uriOf(c)!, ...withExpires(seconds(c.params.expires))}))
  if (!uris.some((c) => c.uri === '*')) return uris
  return uris.length === 1 ? '*' : undefined
}

function withExpires(expires: number | undefined): {expires?: number} {
  return expires === undefined ? {} : {expires}
}
