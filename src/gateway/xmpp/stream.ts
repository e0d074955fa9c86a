import {EventEmitter} from 'node:events'
import type {Socket} from 'node:net'
import type {TLSSocket} from 'node:tls'
import type {Element} from '@xmpp/xml'
import type {Logger} from 'pino'
import {type StreamErrorCondition, type StreamParserLimits, XmppStreamParser} from '../xml/stream-parser.js'
import {STREAM_CLOSE, streamError} from './stream-output.js'

/**
 * One XML stream over one TCP connection (RFC 6120 §4): the socket, the strict parser, the upgrade to
 * TLS in place (STARTTLS, §5.4.3.3: the parser starts over on the secured connection), and the closing
 * handshake (§4.4: send `</stream:stream>`, wait a bounded time for the peer's, then close TCP).
 * It is also the error boundary of the connection's input (issue 12): whatever parsing and handling
 * the peer's bytes throws ends this stream, never the process. It knows nothing about who the peer
 * is; the sessions decide that.
 */

/** XmppStreamOptions are the parser's limits and the log a failure of the gateway's own is written to. */
export interface XmppStreamOptions extends StreamParserLimits {
  readonly log: Logger
}

/** XmppStreamEvents are what a stream reports to its session. */
export interface XmppStreamEvents {
  header: [Element]
  stanza: [Element]
  /** The peer broke the XML rules: the condition to send back. */
  violation: [StreamErrorCondition, string]
  /** The peer sent `</stream:stream>`. */
  end: []
  /** The TCP connection is gone; nothing is reported after it. */
  closed: []
}

/** How long a closing stream waits for the peer's `</stream:stream>` before dropping TCP (RFC 6120 §4.4). */
const CLOSE_WAIT_MS = 2000

/** What the peer is told when the gateway failed on its input; the log has the exception. */
const INTERNAL_FAILURE = 'the gateway failed to handle this stream'

export class XmppStream extends EventEmitter<XmppStreamEvents> {
  #socket: Socket
  readonly #parser: XmppStreamParser
  readonly #log: Logger
  #failed = false
  /** The bounded wait of a closing stream; cleared when TCP is gone, so that it holds nothing longer (issue 12). */
  #closeWait: NodeJS.Timeout | undefined
  #closing = false
  #closed = false
  /** Monotonic times (ms) of the last bytes read, bytes written and stanza either way: the timers of A8.3 read them. */
  lastRead = performance.now()
  lastWrite = performance.now()
  lastStanza = performance.now()

  constructor(socket: Socket, {log, ...limits}: XmppStreamOptions) {
    super()
    this.#socket = socket
    this.#log = log
    this.#parser = new XmppStreamParser(
      {
        streamStart: (header) => this.emit('header', header),
        stanza: (stanza) => {
          this.lastStanza = performance.now()
          this.emit('stanza', stanza)
        },
        streamEnd: () => this.#peerClosed(),
        error: (condition, text) => this.emit('violation', condition, text),
      },
      limits,
    )
    this.#attach(socket)
  }

  /** secured tells whether the connection is TLS. */
  get secured(): boolean {
    return 'encrypted' in this.#socket
  }

  /** socket is the current connection (the TLS one after an upgrade). */
  get socket(): Socket {
    return this.#socket
  }

  /** isOpen tells whether the stream can still carry data. */
  get isOpen(): boolean {
    return !this.#closing && !this.#closed
  }

  /** pause stops reading: TCP then holds the peer's further stanzas back (flow control). */
  pause(): void {
    this.#socket.pause()
  }

  /** resume reads again after pause(). */
  resume(): void {
    this.#socket.resume()
  }

  /** send writes text or an element; nothing is written once the stream is closing. */
  send(data: string | Element, stanza = false): void {
    if (!this.isOpen) return
    this.lastWrite = performance.now()
    if (stanza) this.lastStanza = this.lastWrite
    this.#socket.write(typeof data === 'string' ? data : data.toString())
  }

  /** restart starts a new stream on the same connection (after SASL success, RFC 6120 §6.4.6). */
  restart(): void {
    this.#parser.reset()
  }

  /**
   * upgrade hands the raw connection to TLS (STARTTLS) and continues the stream on the secured one.
   * Bytes arriving before the handshake belong to TLS, so the raw socket stops feeding the parser first.
   */
  async upgrade(secure: (raw: Socket) => Promise<TLSSocket>): Promise<void> {
    const raw = this.#socket
    raw.removeAllListeners('data')
    raw.removeListener('close', this.#onClose)
    raw.removeListener('error', this.#onError)
    try {
      const secured = await secure(raw)
      this.#parser.reset()
      this.#socket = secured
      this.#attach(secured)
    } catch {
      raw.destroy()
      this.#onClose()
    }
  }

  /** close ends the stream, with a stream error first when a condition is given (RFC 6120 §4.9). */
  close(condition?: string, text?: string): void {
    if (!this.isOpen) return
    if (condition) this.send(streamError(condition, text))
    this.send(STREAM_CLOSE)
    this.#closing = true
    this.#socket.end()
    this.#closeWait = setTimeout(() => this.#socket.destroy(), CLOSE_WAIT_MS).unref()
  }

  /** destroy drops the connection at once (a peer that broke the protocol after we closed). */
  destroy(): void {
    this.#socket.destroy()
  }

  #attach(socket: Socket): void {
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => {
      this.lastRead = performance.now()
      try {
        this.#parser.write(chunk)
      } catch (error) {
        this.fail(error)
      }
    })
    socket.on('close', this.#onClose)
    socket.on('error', this.#onError)
  }

  /**
   * fail ends the stream after an exception from handling its input: the parser (which stops for
   * good), a handler behind it, or an asynchronous step a session started for it (S2sSession.step). The peer's input errors are violations, reported with their own
   * condition; anything thrown is the gateway's failure: RFC 6120 §4.9.3.8 `internal-server-error`.
   * The session is told first, so that it closes as it closes any refused stream (header first,
   * §4.9.1.2); if it cannot, the stream closes itself.
   */
  fail(error: unknown): void {
    if (this.#failed) return
    this.#failed = true
    this.#log.error({err: error, remote: this.#socket.remoteAddress}, 'xmpp stream input failed; the stream is closed')
    try {
      this.emit('violation', 'internal-server-error', INTERNAL_FAILURE)
    } catch {
      // The session failed again; the stream still closes below.
    }
    this.close('internal-server-error', INTERNAL_FAILURE)
  }

  #peerClosed(): void {
    if (this.#closing) {
      this.#socket.destroy()
      return
    }
    this.emit('end')
  }

  readonly #onClose = (): void => {
    if (this.#closed) return
    this.#closed = true
    clearTimeout(this.#closeWait)
    this.emit('closed')
  }

  // Socket errors (resets) are followed by 'close', which reports them.
  readonly #onError = (): void => {}
}
