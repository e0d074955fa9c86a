import {type Element, xml} from '@xmpp/xml'
import type {Logger} from 'pino'
import type {DeepReadonly, StoreDocument, UserRecord} from '../../store/index.js'
import {federationRefusal, mayUseXmpp, partnerFor, userFor, userMayUseXmpp} from './policy/access.js'
import {type FirstContacts, mayReceive} from './policy/first-contact.js'
import {type SipMessageIn, type SipMessageOut, type SipOutcome, jidToSip, sipStatusFor, sipToJid, xmppConditionFor} from './sip/index.js'
import {asXmlText} from './xml-text.js'
import {domainOfJid} from './xmpp/domain.js'
import {StanzaError, errorReply} from './xmpp/stanza-error.js'

/**
 * The bridge between the two sides (RFC 7572 page-mode instant messages, RFC 7247 addresses and
 * errors): an XMPP `<message>` for a local user becomes a SIP MESSAGE to that user, and a SIP MESSAGE
 * from a local user becomes an XMPP `<message>` to the partner. Every refusal of cmdlets.md A8.4 and
 * A8.5 goes back as an error on the side it came from, never silence; message bodies reach the log
 * only with EnableLoggingAllMessageBodies (A8.6).
 */

/** BridgeDependencies are what the bridge works with; the composition root wires them. */
export interface BridgeDependencies {
  document(): DeepReadonly<StoreDocument>
  readonly firstContacts: FirstContacts
  readonly log: Logger
  /** Sends a stanza to a partner domain; rejects with the StanzaError to report. */
  route(stanza: Element): Promise<void>
  /** Sends a stanza back on the stream it came from (error replies). */
  reply(stanza: Element): void
  sendSip(message: SipMessageOut): Promise<SipOutcome>
}

/** Bridge converts and polices messages in both directions. */
export class Bridge {
  constructor(readonly deps: BridgeDependencies) {}

  /** fromXmpp handles a stanza a partner sent to a local domain. */
  async fromXmpp(stanza: Element): Promise<void> {
    if (stanza.attrs.type === 'error') return
    if (stanza.name !== 'message') return this.#refuse(stanza, new StanzaError('service-unavailable', 'cancel'))
    const body = stanza.getChildText('body')
    // Chat states and receipts have no body: nothing for a SIP MESSAGE to carry (RFC 7572 §5).
    if (body === null) return
    const user = this.#recipient(stanza)
    if (user instanceof StanzaError) return this.#refuse(stanza, user)
    const [bare, resource] = splitJid(stanza.attrs.from!)
    const outcome = await this.deps.sendSip({
      from: jidToSip(bare) ?? `sip:${bare}`,
      gr: resource,
      to: user.SipAddress,
      body,
      subject: stanza.getChildText('subject') ?? undefined,
      callId: stanza.getChildText('thread') ?? undefined,
      contentLanguage: stanza.attrs['xml:lang'],
    })
    this.#logMessage('xmpp-to-sip', bare, user.SipAddress, body, outcome.status)
    // RFC 7247 §6 lets the reason phrase become the error's <text/>; a user agent wrote it, and XML 1.0 must be able to hold it.
    if (outcome.status >= 300) this.#refuse(stanza, new StanzaError(xmppConditionFor(outcome.status), 'cancel', asXmlText(outcome.reason)))
  }

  /** fromSip handles a MESSAGE a local user sent; its result is the SIP final response. */
  async fromSip(message: SipMessageIn & {authenticatedUser?: string}): Promise<SipOutcome> {
    const document = this.deps.document()
    const sender = message.from.replace(/^sips?:/i, '')
    if (!mayUseXmpp(document, sender)) return {status: 403, reason: 'Forbidden'}
    const to = sipToJid(message.to)
    if (to === undefined) return {status: 400, reason: 'Bad Request'}
    const from = message.gr ? `${sender}/${message.gr}` : sender
    const partner = partnerFor(document, domainOfJid(to) ?? '')
    // A8.4: writing first is what lets a PublicUnverified contact answer; record it before sending.
    if (partner?.PartnerType === 'PublicUnverified') await this.deps.firstContacts.record(sender, to)
    const children = [xml('body', {}, message.body)]
    if (message.subject) children.push(xml('subject', {}, message.subject))
    const attrs: Record<string, string> = {from, to, type: 'chat', id: message.callId}
    if (message.contentLanguage) attrs['xml:lang'] = message.contentLanguage
    try {
      await this.deps.route(xml('message', attrs, ...children))
      this.#logMessage('sip-to-xmpp', sender, to, message.body, 200)
      return {status: 200, reason: 'OK'}
    } catch (error) {
      if (!(error instanceof StanzaError)) throw error
      // A11.5: a message that was waiting when federation went off gets the SIP edge's 403, not the bounce's code.
      const refusal = federationRefusal(this.deps.document())
      if (refusal) return refusal
      const status = sipStatusFor(error.condition, false)
      this.#logMessage('sip-to-xmpp', sender, to, message.body, status, error)
      // The reason phrase is one header line (RFC 3261 §25.1): no line breaks from a peer's text.
      return {status, reason: (error.text ?? error.condition).replace(/[\r\n]+/g, ' ')}
    }
  }

  /** #recipient is the local user a message is for, or the refusal of A8.5 (XMPP access) or A8.4 (PartnerType). */
  #recipient(stanza: Element): DeepReadonly<UserRecord> | StanzaError {
    const document = this.deps.document()
    const user = userFor(document, stanza.attrs.to ?? '')
    if (!user) return new StanzaError('service-unavailable', 'cancel')
    if (!userMayUseXmpp(document, user)) return new StanzaError('forbidden', 'auth', 'the recipient may not use XMPP')
    const [bare] = splitJid(stanza.attrs.from ?? '')
    const partner = partnerFor(document, domainOfJid(bare) ?? '')
    const local = user.SipAddress.replace(/^sip:/i, '')
    if (!partner || !mayReceive(partner.PartnerType, this.deps.firstContacts, local, bare)) {
      return new StanzaError('not-authorized', 'auth', 'the recipient has not written to you first')
    }
    return user
  }

  #refuse(stanza: Element, error: StanzaError): void {
    this.deps.log.info({from: stanza.attrs.from, to: stanza.attrs.to, condition: error.condition}, 'xmpp stanza refused')
    this.deps.reply(errorReply(stanza, error))
  }

  #logMessage(direction: string, from: string, to: string, body: string, status: number, error?: StanzaError): void {
    const withBody = this.deps.document().xmppGatewayConfiguration.EnableLoggingAllMessageBodies
    // The message path: no fields are built for a line nobody will write.
    if (!withBody && !this.deps.log.isLevelEnabled('debug')) return
    const fields = {direction, from, to, status, condition: error?.condition, ...(withBody ? {body} : {})}
    // A8.6: with bodies the message is logged at info level; without, only at debug.
    if (withBody) this.deps.log.info(fields, 'message')
    else this.deps.log.debug(fields, 'message')
  }
}

function splitJid(jid: string): [string, string | undefined] {
  const slash = jid.indexOf('/')
  return slash < 0 ? [jid.toLowerCase(), undefined] : [jid.slice(0, slash).toLowerCase(), jid.slice(slash + 1)]
}
