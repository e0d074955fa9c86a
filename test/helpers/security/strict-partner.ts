import net from 'node:net'
import {SaxesParser} from 'saxes'

/**
 * A partner server as strict as a real one, for what the gateway writes toward XMPP: it accepts the
 * gateway's outgoing stream on its ProxyFqdn address, says `valid` to every dialback key (it is the
 * receiving server and may trust whom it likes), and parses everything that follows with a strict
 * XML 1.0 parser (saxes). The first well-formedness error ends the stream with `<not-well-formed/>`,
 * as Prosody and ejabberd do; the test then sees what the gateway wrote and what was lost.
 */

/** StrictPartner is the running server and what it saw. */
export interface StrictPartner {
  /** The top-level elements received, as the text saxes parsed them from (one string per stanza). */
  readonly stanzas: string[]
  /** Well-formedness errors, in order; a strict partner closes the stream on the first. */
  readonly errors: string[]
  /** Everything the gateway wrote on its streams, as text in arrival order (to assert a stanza's exact XML). */
  received(): string
  /** How many streams the gateway opened. */
  connections(): number
  close(): Promise<void>
}

/** startStrictPartner listens on address:port as the given domain. */
export async function startStrictPartner(address: string, port: number, domain: string): Promise<StrictPartner> {
  const stanzas: string[] = []
  const errors: string[] = []
  const raw: string[] = []
  const sockets = new Set<net.Socket>()
  let count = 0
  const server = net.createServer((socket) => {
    count++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.on('data', (chunk: Buffer | string) => void raw.push(chunk.toString()))
    serve(socket, domain, stanzas, errors)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, address, () => resolve())
  })
  return {
    stanzas,
    errors,
    received: () => raw.join(''),
    connections: () => count,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

function serve(socket: net.Socket, domain: string, stanzas: string[], errors: string[]): void {
  const parser = new SaxesParser({xmlns: true})
  let depth = 0
  let text = ''
  let failed = false
  parser.on('opentag', (tag) => {
    depth++
    if (depth === 1) {
      const from = tag.attributes.from?.value ?? ''
      socket.write(`<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' xmlns:db='jabber:server:dialback' from='${domain}' to='${from}' id='strict-${Date.now()}' version='1.0'><stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>`)
      return
    }
    if (depth === 2) text = ''
    if (depth === 2 && tag.local === 'result' && tag.uri === 'jabber:server:dialback') {
      socket.write(`<db:result from='${domain}' to='${tag.attributes.from?.value ?? ''}' type='valid'/>`)
    }
    if (depth === 2 && tag.local === 'verify' && tag.uri === 'jabber:server:dialback') {
      const a = (name: string): string => tag.attributes[name]?.value ?? ''
      socket.write(`<db:verify from='${a('to')}' to='${a('from')}' id='${a('id')}' type='valid'/>`)
    }
  })
  parser.on('text', (t) => (text += t))
  parser.on('closetag', (tag) => {
    if (depth === 2) stanzas.push(`<${tag.name}>${text}`)
    depth--
  })
  parser.on('error', (error) => {
    failed = true
    errors.push(error.message)
    socket.end(`<stream:error><not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>`)
    throw error
  })
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => {
    if (failed) return
    try {
      parser.write(chunk)
    } catch {
      // Reported above; the stream is over.
    }
  })
}
