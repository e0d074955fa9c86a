import net from 'node:net'
import tls, {type TLSSocket} from 'node:tls'

/**
 * Opens authenticated, idle server-to-server streams the way a partner server does (RFC 6120:
 * STARTTLS, then SASL EXTERNAL with a certificate for the originating domain), one per originating
 * domain, so that the receiving server holds real sessions. The same generator is pointed at the
 * gateway and at Prosody, to compare their memory per idle stream.
 */

/** IdleStreams are the open streams. */
export interface IdleStreams {
  readonly count: number
  close(): void
}

const HEADER = (from: string, to: string): string =>
  `<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' xmlns:db='jabber:server:dialback' from='${from}' to='${to}' version='1.0'>`

/** openStream authenticates one stream from `from` to `to` at host:5269 and leaves it open. */
async function openStream(host: string, from: string, to: string, identity: {key: string; cert: string}): Promise<TLSSocket> {
  const raw = net.connect({host, port: 5269})
  raw.setNoDelay(true)
  await until(raw, HEADER(from, to), (seen) => seen.includes('</stream:features>'))
  await until(raw, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", (seen) => seen.includes('<proceed'))
  raw.removeAllListeners('data')
  const secured = tls.connect({socket: raw, servername: to, ...identity, rejectUnauthorized: false})
  await new Promise((resolve, reject) => secured.once('secureConnect', resolve).once('error', reject))
  await until(secured, HEADER(from, to), (seen) => seen.includes('</stream:features>'))
  const auth = `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>${Buffer.from(from).toString('base64')}</auth>`
  await until(secured, auth, (seen) => {
    if (seen.includes('<failure')) throw new Error(`${to} refused SASL EXTERNAL for ${from}: ${seen}`)
    return seen.includes('<success')
  })
  await until(secured, HEADER(from, to), (seen) => seen.includes('</stream:features>') || seen.includes('<stream:features/>'))
  secured.removeAllListeners('data')
  secured.on('data', () => {})
  return secured
}

/** until writes text and collects what comes back (bounded) until done says so. */
function until(socket: net.Socket, text: string, done: (seen: string) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(() => reject(new Error(`no answer to ${text.slice(0, 60)}: ${seen}`)), 15_000)
    socket.removeAllListeners('data')
    socket.on('data', (data: Buffer) => {
      seen += data.toString('utf8')
      try {
        if (!done(seen)) return
      } catch (error) {
        clearTimeout(timer)
        return reject(error)
      }
      clearTimeout(timer)
      resolve()
    })
    socket.once('error', reject)
    socket.write(text)
  })
}

/**
 * openIdleStreams opens `domains.length` streams, `parallel` at a time: at most 16, since the gateway
 * takes at most 16 not yet authenticated connections from one address (SECURITY.md), and Prosody is
 * given the same load.
 */
export async function openIdleStreams(host: string, to: string, domains: readonly string[], identity: {key: string; cert: string}, parallel = 16): Promise<IdleStreams> {
  const sockets: TLSSocket[] = []
  for (let i = 0; i < domains.length; i += parallel) {
    sockets.push(...(await Promise.all(domains.slice(i, i + parallel).map((domain) => openStream(host, domain, to, identity)))))
  }
  return {
    count: sockets.length,
    close() {
      for (const socket of sockets) socket.destroy()
    },
  }
}
