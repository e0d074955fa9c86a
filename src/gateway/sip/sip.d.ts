/**
 * The part of the `sip` package 0.0.6 (kirm/sip.js, MIT) that src/gateway/sip uses: the message
 * codec and the server side of the RFC 3261 §17 transaction layer (client transactions are kept in
 * client-transactions.ts: the package's branches can be guessed). The package ships no types.
 * Strings are 'binary' (latin1): one character per byte, so Content-Length is the string's length;
 * UTF-8 text is converted at the edge (message.ts). Its transport and `create()` are deliberately
 * not declared: see transport.ts for why they are not used.
 */
declare module 'sip' {
  /** SipUri is a parsed sip:/sips: URI; params keep the case they arrived in. */
  export interface SipUri {
    schema?: string
    user?: string
    password?: string
    host: string
    port?: number
    params: Record<string, string | null>
    headers: Record<string, string>
  }
  /** NameAddr is a From/To/Contact/Route value; `uri` is a string except in Route and Record-Route. */
  export interface NameAddr {
    name?: string
    uri: string | SipUri
    params: Record<string, string | null>
  }
  /** Via is one Via header field value. */
  export interface Via {
    version?: string
    protocol: string
    host: string
    port?: number
    params: Record<string, string | null>
  }
  /** CSeq is the parsed CSeq header. */
  export interface CSeq {
    seq: number
    method: string
  }
  /** SipHeaders are keyed by lower-case long names; headers without a parser are strings (repeated ones joined by ','). */
  export interface SipHeaders {
    via: Via[]
    to: NameAddr
    from: NameAddr
    'call-id': string
    cseq: CSeq
    contact?: NameAddr[] | '*'
    route?: NameAddr[]
    authorization?: Array<Record<string, string>>
    'proxy-authorization'?: Array<Record<string, string>>
    [name: string]: unknown
  }
  /** SipMessage is a request (method, uri) or a response (status, reason). */
  export interface SipMessage {
    method?: string
    uri?: string | SipUri
    status?: number
    reason?: string
    version?: string
    headers: SipHeaders
    content?: string
  }
  /** Connection is what a transaction sends through. */
  export interface Connection {
    readonly protocol: string
    send(message: SipMessage): void
    release(): void
  }
  /** ServerTransaction answers one request; retransmissions of it are fed to message(). */
  export interface ServerTransaction {
    send(response: SipMessage): void
    message(request: SipMessage): void
    shutdown(): void
  }
  /** TransactionLayer matches requests to server transactions by method, Call-ID and top Via branch. */
  export interface TransactionLayer {
    createServerTransaction(request: SipMessage, connection: Connection): ServerTransaction
    getServer(message: SipMessage): ServerTransaction | undefined
    destroy(): void
  }
  /** parse is the package's reader, replaced by parse.ts (its cost grew with the square of a header); tests compare the two. */
  export function parse(datagram: Buffer | string): SipMessage | undefined
  export function stringify(message: SipMessage): string
  export function parseUri(uri: string | SipUri): SipUri | undefined
  export function stringifyUri(uri: string | SipUri): string
  export function stringifyAuthHeader(header: Record<string, string>): string
  export function makeResponse(request: SipMessage, status: number, reason?: string, extension?: {headers?: Record<string, unknown>; content?: string}): SipMessage
  export function makeTransactionLayer(options: Record<string, unknown>, open?: unknown): TransactionLayer
}
