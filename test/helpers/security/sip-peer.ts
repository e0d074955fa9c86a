import {randomBytes} from 'node:crypto'
import {performance} from 'node:perf_hooks'
import {HEADER, connectXmpp} from './xmpp-client.js'
import type {Target} from './target.js'

/**
 * What the SIP security tests share (issue 12): requests as an unauthenticated SIP client writes
 * them toward the gateway, and the yardstick of a gateway that is not frozen, the time it takes to
 * answer a raw XMPP stream header.
 */

/** unauthenticatedMessage is a MESSAGE from romeo@gw.test to a d1.test user with extra header lines, as a client that is not the trusted proxy sends it. */
export function unauthenticatedMessage(transport: 'UDP' | 'TCP' | 'TLS', via: string, headers: ReadonlyArray<readonly [string, string]> = [], callId = randomBytes(8).toString('hex')): string {
  const lines = [
    'MESSAGE sip:someone@d1.test SIP/2.0',
    `Via: SIP/2.0/${transport} ${via};branch=z9hG4bK${randomBytes(8).toString('hex')};rport`,
    'Max-Forwards: 70',
    `From: <sip:romeo@gw.test>;tag=${randomBytes(4).toString('hex')}`,
    'To: <sip:someone@d1.test>',
    `Call-ID: ${callId}`,
    'CSeq: 1 MESSAGE',
    'Content-Type: text/plain',
    ...headers.map(([name, value]) => `${name}: ${value}`),
    'Content-Length: 2',
  ]
  return `${lines.join('\r\n')}\r\n\r\nhi`
}

/**
 * headerLatency opens an XMPP connection, sends a stream header and measures how long the gateway
 * takes to answer it with its own header and features: a gateway busy elsewhere answers late. It
 * waits at most ms and returns ms + 1 when no answer came by then.
 */
export async function headerLatency(target: Target, ms: number): Promise<number> {
  const client = await connectXmpp(target.host, target.port)
  try {
    const started = performance.now()
    await client.write(HEADER('d1.test', 'gw.test'))
    const answered = await client.waitFor('<stream:features', ms).then(() => true, () => false)
    return answered ? performance.now() - started : ms + 1
  } finally {
    client.destroy()
  }
}
