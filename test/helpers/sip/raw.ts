import {randomBytes} from 'node:crypto'
import dgram from 'node:dgram'
import net from 'node:net'
import tls from 'node:tls'
import {within} from './peers.js'

/**
 * A SIP peer written by hand, for the cases no real peer produces on demand (a wrong Content-Type,
 * a sips: URI, a stale nonce, a TLS client): requests are built as text and responses are read
 * back as text, so that what is asserted is exactly what went over the wire.
 */

/** RawResponse is one response as received. */
export interface RawResponse {
  readonly status: number
  readonly reason: string
  /** header returns the values of a header (name without case), in order. */
  header(name: string): string[]
  readonly text: string
}

/** RequestParts are what differs between the requests of a test; the rest gets usable defaults. */
export interface RequestParts {
  readonly method: string
  readonly uri: string
  readonly from?: string
  readonly to?: string
  readonly callId?: string
  readonly cseq?: number
  /** Via sent-by, host:port; the transport name comes from the exchange. */
  readonly via: string
  readonly headers?: ReadonlyArray<readonly [string, string]>
  readonly body?: string
}

/** buildRequest writes a request with a fresh branch and tag and a byte-exact Content-Length. */
export function buildRequest(parts: RequestParts, transport: 'UDP' | 'TCP' | 'TLS'): string {
  const body = parts.body ?? ''
  const lines = [
    `${parts.method} ${parts.uri} SIP/2.0`,
    `Via: SIP/2.0/${transport} ${parts.via};branch=z9hG4bK${randomBytes(6).toString('hex')};rport`,
    'Max-Forwards: 70',
    `From: <${parts.from ?? 'sip:romeo@sip.example'}>;tag=${randomBytes(4).toString('hex')}`,
    `To: <${parts.to ?? 'sip:juliet@xmpp.example'}>`,
    `Call-ID: ${parts.callId ?? randomBytes(8).toString('hex')}`,
    `CSeq: ${parts.cseq ?? 1} ${parts.method}`,
    ...(parts.headers ?? []).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${Buffer.byteLength(body, 'utf8')}`,
  ]
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

function parseResponse(text: string): RawResponse {
  const [head = ''] = text.split('\r\n\r\n')
  const [statusLine = '', ...lines] = head.split('\r\n')
  const m = /^SIP\/2\.0 (\d{3}) (.*)$/.exec(statusLine)
  if (!m) throw new Error(`not a SIP response: ${statusLine}`)
  return {
    status: Number(m[1]),
    reason: m[2]!,
    header: (name) => lines.filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`)).map((l) => l.slice(name.length + 1).trim()),
    text,
  }
}

/** Peer says where a raw exchange goes from and to; tls adds client options for a TLS connection. */
export interface Peer {
  readonly local: string
  readonly remote: {readonly address: string; readonly port: number}
  readonly protocol: 'udp' | 'tcp' | 'tls'
  readonly tls?: tls.ConnectionOptions
}

/** exchange sends one request and resolves with its final response (provisional ones are skipped), within ms. */
export function exchange(peer: Peer, request: string | Buffer, ms = 3000): Promise<RawResponse> {
  return within(peer.protocol === 'udp' ? overUdp(peer, request) : overStream(peer, request), ms, `a response from ${peer.remote.address}:${peer.remote.port}`)
}

/** UdpClient keeps one socket (one source port) across requests, as a UA retransmitting does. */
export interface UdpClient {
  /** send sends a request and resolves with the next final response, within ms. */
  send(request: string | Buffer, ms?: number): Promise<RawResponse>
  close(): void
}

/** openUdp binds a UDP socket on local and talks to remote. */
export async function openUdp(local: string, remote: {address: string; port: number}): Promise<UdpClient> {
  const socket = dgram.createSocket('udp4')
  const waiting: Array<(response: RawResponse) => void> = []
  socket.on('message', (data) => {
    const response = parseResponse(data.toString('utf8'))
    if (response.status >= 200) waiting.shift()?.(response)
  })
  await new Promise<void>((resolve) => socket.bind(0, local, resolve))
  return {
    send(request, ms = 3000) {
      const response = new Promise<RawResponse>((resolve) => waiting.push(resolve))
      socket.send(request, remote.port, remote.address)
      return within(response, ms, `a response from ${remote.address}:${remote.port}`)
    },
    close: () => socket.close(),
  }
}

async function overUdp(peer: Peer, request: string | Buffer): Promise<RawResponse> {
  const client = await openUdp(peer.local, peer.remote)
  try {
    return await client.send(request, 60_000)
  } finally {
    client.close()
  }
}

function overStream(peer: Peer, request: string | Buffer): Promise<RawResponse> {
  const options = {host: peer.remote.address, port: peer.remote.port, localAddress: peer.local}
  const socket = peer.protocol === 'tls' ? tls.connect({...options, ...peer.tls}) : net.connect(options)
  let buffer = Buffer.alloc(0)
  return new Promise<RawResponse>((resolve, reject) => {
    socket.on('error', reject)
    socket.on('close', () => reject(new Error('connection closed before a final response')))
    socket.on(peer.protocol === 'tls' ? 'secureConnect' : 'connect', () => socket.write(request))
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data])
      for (let end = buffer.indexOf('\r\n\r\n'); end >= 0; end = buffer.indexOf('\r\n\r\n')) {
        const length = Number(/content-length:\s*(\d+)/i.exec(buffer.subarray(0, end).toString('latin1'))?.[1] ?? 0)
        if (buffer.length < end + 4 + length) return
        const response = parseResponse(buffer.subarray(0, end + 4 + length).toString('utf8'))
        buffer = buffer.subarray(end + 4 + length)
        if (response.status >= 200) return resolve(response)
      }
    })
  }).finally(() => socket.destroy())
}

/** Responder is a minimal SIP peer that answers every request with one status, or with none. */
export interface Responder {
  readonly port: number
  /** requests are the requests received, as text (retransmissions included). */
  readonly requests: string[]
  /** connections counts the TCP/TLS connections accepted (0 over UDP). */
  readonly connections: () => number
  stop(): Promise<void>
}

/** startResponder listens on address (port 0: any) and answers each request with status, or never when status is undefined. */
export async function startResponder(protocol: 'udp' | 'tcp' | 'tls', address: string, status: number | undefined, tlsFiles?: tls.TlsOptions): Promise<Responder> {
  const requests: string[] = []
  const answer = (text: string): string | undefined => {
    requests.push(text)
    if (status === undefined) return undefined
    const copied = text.split('\r\n').filter((l) => /^(via|from|to|call-id|cseq):/i.test(l))
    return `SIP/2.0 ${status} Answered\r\n${copied.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`
  }
  if (protocol === 'udp') {
    const socket = dgram.createSocket('udp4')
    socket.on('message', (data, from) => {
      const response = answer(data.toString('utf8'))
      if (response) socket.send(response, from.port, from.address)
    })
    await new Promise<void>((resolve) => socket.bind(0, address, resolve))
    return {port: socket.address().port, requests, connections: () => 0, stop: () => new Promise((resolve) => socket.close(() => resolve()))}
  }
  const sockets = new Set<net.Socket>()
  let accepted = 0
  const onSocket = (socket: net.Socket) => {
    accepted++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    let buffer = Buffer.alloc(0)
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data])
      for (let request = nextMessage(); request !== undefined; request = nextMessage()) {
        const response = answer(request)
        if (response) socket.write(response)
      }
    })
    // nextMessage takes one whole message (headers and Content-Length bytes of body) off the buffer.
    function nextMessage(): string | undefined {
      const end = buffer.indexOf('\r\n\r\n')
      const length = end < 0 ? 0 : Number(/content-length:\s*(\d+)/i.exec(buffer.subarray(0, end).toString('latin1'))?.[1] ?? 0)
      if (end < 0 || buffer.length < end + 4 + length) return undefined
      const text = buffer.subarray(0, end + 4 + length).toString('utf8')
      buffer = buffer.subarray(end + 4 + length)
      return text
    }
  }
  const server = protocol === 'tls' ? tls.createServer(tlsFiles ?? {}, onSocket) : net.createServer(onSocket)
  server.on('tlsClientError', () => {})
  await new Promise<void>((resolve) => server.listen(0, address, resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    requests,
    connections: () => accepted,
    stop() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
