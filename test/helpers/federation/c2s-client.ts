import net from 'node:net'
import {type Element, xml} from '@xmpp/xml'
import {XmppStreamParser} from '../../../src/gateway/xml/stream-parser.js'

/**
 * A minimal XMPP client for Prosody users in the tests (interop README §8, "a raw client"): plain
 * c2s, SASL PLAIN, resource binding, initial presence, then messages out and stanzas in. Every wait
 * is bounded.
 */

/** C2sClient is a logged-in user. */
export interface C2sClient {
  readonly jid: string
  /** send writes a chat message; false when the socket's buffer is full (wait for drain()). */
  send(to: string, body: string, id?: string): boolean
  drain(): Promise<void>
  /** nextMessage resolves with the first received `<message>` (error bounces included) that matches. */
  nextMessage(match?: (stanza: Element) => boolean, timeoutMs?: number): Promise<Element>
  close(): void
}

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl'

/**
 * connectClient logs user@domain in at address:5222. With onMessage, messages go to it as they arrive
 * instead of being kept for nextMessage (the benchmarks' receivers).
 */
export function connectClient(address: string, user: string, domain: string, password: string, onMessage?: (stanza: Element) => void): Promise<C2sClient> {
  const socket = net.connect({host: address, port: 5222})
  socket.setNoDelay(true)
  const received: Element[] = []
  const waiters = new Set<() => void>()
  let step: 'auth' | 'bind' | 'ready' = 'auth'
  let jid = ''
  const header = (): string => `<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${user}@${domain} could not log in`)), 10_000)
    const fail = (error: Error): void => {
      clearTimeout(timer)
      socket.destroy()
      reject(error)
    }
    const parser = new XmppStreamParser({
      streamStart: () => {},
      streamEnd: () => socket.end(),
      error: (condition, text) => fail(new Error(`${condition}: ${text}`)),
      stanza: (stanza) => {
        if (step === 'auth' && stanza.name === 'stream:features') {
          socket.write(xml('auth', {xmlns: NS_SASL, mechanism: 'PLAIN'}, Buffer.from(`\0${user}\0${password}`).toString('base64')).toString())
        } else if (step === 'auth' && stanza.is('success', NS_SASL)) {
          step = 'bind'
          parser.reset()
          socket.write(header())
        } else if (step === 'auth' && stanza.is('failure', NS_SASL)) {
          fail(new Error(`${user}@${domain}: ${stanza.toString()}`))
        } else if (step === 'bind' && stanza.name === 'stream:features') {
          socket.write("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>")
        } else if (step === 'bind' && stanza.name === 'iq' && stanza.attrs.id === 'bind') {
          jid = stanza.getChild('bind')?.getChildText('jid') ?? `${user}@${domain}`
          step = 'ready'
          socket.write('<presence/>')
          clearTimeout(timer)
          resolve(client)
        } else if (stanza.name === 'message' && onMessage) {
          onMessage(stanza)
        } else if (stanza.name === 'message') {
          received.push(stanza)
          for (const wake of waiters) wake()
        }
      },
    })
    socket.on('data', (chunk: Buffer) => parser.write(chunk))
    socket.on('error', (error) => fail(error))
    socket.on('connect', () => socket.write(header()))
    const client: C2sClient = {
      get jid() {
        return jid
      },
      send(to, body, id = `m${Date.now()}`) {
        return socket.write(xml('message', {to, type: 'chat', id}, xml('body', {}, body)).toString())
      },
      drain: () => new Promise((resolve) => socket.once('drain', resolve)),
      nextMessage(match = () => true, timeoutMs = 10_000) {
        return new Promise((resolveMessage, rejectMessage) => {
          const check = (): void => {
            const index = received.findIndex(match)
            if (index < 0) return
            const [found] = received.splice(index, 1)
            clearTimeout(wait)
            waiters.delete(check)
            resolveMessage(found!)
          }
          const wait = setTimeout(() => {
            waiters.delete(check)
            rejectMessage(new Error(`${user}@${domain} received no matching message within ${timeoutMs} ms`))
          }, timeoutMs)
          waiters.add(check)
          check()
        })
      },
      close() {
        socket.end('</stream:stream>')
        setTimeout(() => socket.destroy(), 500).unref()
      },
    }
  })
}
