import net from 'node:net'
import {waitFor} from './peers.js'

/**
 * A SIP next hop over TCP that holds the requests it receives until the test answers them, in the
 * order and with the responses the test chooses: several transactions are in flight on one
 * connection, and one of them can be answered with a response no real proxy should send.
 */

/** HeldRequest is a request as received, and the connection it came on. */
export interface HeldRequest {
  readonly text: string
  readonly socket: net.Socket
}

/** HoldingHop is the running server. */
export interface HoldingHop {
  readonly port: number
  readonly requests: HeldRequest[]
  /** connections counts the connections accepted; closed counts those that ended. */
  connections(): number
  closed(): number
  /** waitForRequests resolves when n requests have arrived, or rejects after ms. */
  waitForRequests(n: number, ms: number): Promise<void>
  /** answer writes one response per request, in one write per connection; extra header lines go into the chosen ones. */
  answer(requests: readonly HeldRequest[], status: number, extra?: (request: HeldRequest) => string | undefined): void
  stop(): Promise<void>
}

/** response copies what a response must echo (RFC 3261 §8.2.6.2) and adds a To tag and extra header lines. */
export function response(request: string, status: number, reason: string, extra = ''): string {
  const copied = request.split('\r\n\r\n')[0]!.split('\r\n').filter((line) => /^(via|from|call-id|cseq):/i.test(line))
  const to = /^to:.*$/im.exec(request)?.[0] ?? 'To: <sip:unknown@invalid>'
  return `SIP/2.0 ${status} ${reason}\r\n${copied.join('\r\n')}\r\n${to};tag=held\r\n${extra}Content-Length: 0\r\n\r\n`
}

/** startHoldingHop listens on address:port (0: any). */
export async function startHoldingHop(address: string, port = 0): Promise<HoldingHop> {
  const requests: HeldRequest[] = []
  const sockets = new Set<net.Socket>()
  let accepted = 0
  let ended = 0
  const server = net.createServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => {
      ended++
      sockets.delete(socket)
    })
    socket.setEncoding('latin1')
    let buffer = ''
    socket.on('data', (data: string) => {
      buffer += data
      for (let end = buffer.indexOf('\r\n\r\n'); end >= 0; end = buffer.indexOf('\r\n\r\n')) {
        const length = Number(/^content-length:\s*(\d+)/im.exec(buffer.slice(0, end))?.[1] ?? 0)
        if (buffer.length < end + 4 + length) return
        requests.push({text: buffer.slice(0, end + 4 + length), socket})
        buffer = buffer.slice(end + 4 + length)
      }
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, address, () => resolve())
  })
  return {
    port: (server.address() as net.AddressInfo).port,
    requests,
    connections: () => accepted,
    closed: () => ended,
    waitForRequests: (n, ms) => waitFor(() => requests.length >= n, ms, `${n} requests at the next hop`),
    answer(chosen, status, extra) {
      const bySocket = new Map<net.Socket, string>()
      for (const request of chosen) bySocket.set(request.socket, (bySocket.get(request.socket) ?? '') + response(request.text, status, status === 200 ? 'OK' : 'Answered', extra?.(request) ?? ''))
      for (const [socket, text] of bySocket) socket.write(text, 'latin1')
    },
    stop() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
