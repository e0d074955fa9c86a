import net from 'node:net'

/**
 * The SIP side of the gateway benchmark: a TCP SIP peer standing for the organisation's proxy. It
 * answers every MESSAGE with 200 at once and reports each body as it arrives, so that the benchmark
 * times delivery exactly as its c2s receiver does on the Prosody → Prosody path.
 */

/** SipSink is the listening sink. */
export interface SipSink {
  stop(): Promise<void>
}

/** startSipSink listens on address:port and calls onBody for each MESSAGE body. */
export async function startSipSink(address: string, port: number, onBody: (body: string) => void): Promise<SipSink> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.setNoDelay(true)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    let buffer: Buffer = Buffer.alloc(0)
    socket.on('data', (data: Buffer) => {
      buffer = buffer.length === 0 ? data : Buffer.concat([buffer, data])
      let replies = ''
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n')
        if (end < 0) break
        const head = buffer.subarray(0, end).toString('latin1')
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0)
        if (buffer.length < end + 4 + length) break
        const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8')
        buffer = buffer.subarray(end + 4 + length)
        if (!head.startsWith('MESSAGE ')) continue
        const copied = head.split('\r\n').filter((l) => /^(via|from|to|call-id|cseq):/i.test(l))
        replies += `SIP/2.0 200 OK\r\n${copied.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`
        onBody(body)
      }
      if (replies) socket.write(replies)
    })
  })
  await new Promise<void>((resolve) => server.listen(port, address, resolve))
  return {
    stop() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
