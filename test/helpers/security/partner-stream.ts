import {HEADER, connectXmpp, type RawXmppClient} from './xmpp-client.js'
import type {Target} from './target.js'

/**
 * Streams an attacker holding a partner's credentials opens to the target gateway, authenticated the
 * way the partner's row allows: SASL EXTERNAL with a certificate of the test CA (over STARTTLS or
 * XEP-0368 direct TLS), or TCP dialback (with a strict partner answering the gateway's db:verify).
 * Every wait is bounded; the returned client is past authentication, ready for stanzas.
 */

/** SASL_SUCCESS is the gateway's answer to a SASL EXTERNAL it accepts. */
export const SASL_SUCCESS = '<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>'

/** SaslStreamOptions say who authenticates, toward which served domain, and how the connection is secured. */
export interface SaslStreamOptions {
  /** The certificate presented; its domain is also the stream's `from`. */
  readonly certificate: 'p1.test' | 'p2.test'
  /** The served domain in the stream header's `to`; gw.test by default. */
  readonly to?: string
  readonly directTls?: boolean
  readonly localAddress?: string
}

/** saslStream runs STARTTLS (or direct TLS) and SASL EXTERNAL; it resolves after `<success/>`. */
export async function saslStream(target: Target, options: SaslStreamOptions): Promise<RawXmppClient> {
  const domain = options.certificate
  const to = options.to ?? 'gw.test'
  const {cert, key} = target.certificates[domain]
  const credentials = {cert, key, ca: target.ca}
  const client = options.directTls
    ? await connectXmpp(target.host, target.directTlsPort, {credentials, servername: to}, {localAddress: options.localAddress})
    : await connectXmpp(target.host, target.port, undefined, {localAddress: options.localAddress})
  if (!options.directTls) {
    await client.write(HEADER(domain, to))
    await client.waitFor('<starttls')
    await client.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
    await client.waitFor('<proceed')
    await client.starttls(credentials, to)
  }
  const mark = client.text().length
  await client.write(HEADER(domain, to))
  await client.waitFor('EXTERNAL', 5000, mark)
  await client.write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>")
  await client.waitFor(SASL_SUCCESS, 5000, mark)
  return client
}

/** restartAfterSasl sends the restarted header RFC 6120 §6.4.6 asks for and waits for the gateway's answer to it. */
export async function restartAfterSasl(client: RawXmppClient, from: string, to = 'gw.test'): Promise<void> {
  const mark = client.text().length
  await client.write(HEADER(from, to))
  await client.waitFor('<stream:features', 5000, mark)
}

/**
 * dialbackStream authenticates as d1.test by TCP dialback (XEP-0220): the gateway asks d1.test's
 * authoritative server, which must be a strict partner started on target.address(23), and answers valid.
 */
export async function dialbackStream(target: Target, options: {to?: string; localAddress?: string} = {}): Promise<RawXmppClient> {
  const to = options.to ?? 'gw.test'
  const client = await connectXmpp(target.host, target.port, undefined, {localAddress: options.localAddress})
  await client.write(HEADER('d1.test', to))
  await client.waitFor('urn:xmpp:features:dialback')
  await client.write(`<db:result from='d1.test' to='${to}'>a-key-the-strict-partner-calls-valid</db:result>`)
  await client.waitFor(/<db:result [^>]*type="valid"/, 10_000)
  return client
}
