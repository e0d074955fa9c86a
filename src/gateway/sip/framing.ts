/**
 * Message framing on SIP stream transports (RFC 3261 §18.3): a message ends after its headers and
 * Content-Length bytes of body; CRLFs between messages are keep-alives (RFC 5626 §3.5.1). Written
 * here because the `sip` package's stream parser measures its limit against everything buffered, so
 * a peer that pipelines many small messages in one TCP segment (any busy proxy) is taken for a flood.
 * The limits here apply to each message.
 */

/** FramingLimits bound one message: its header block and its body. */
export interface FramingLimits {
  readonly maxHeaderBytes: number
  readonly maxContentBytes: number
}

const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\d+)[ \t]*$/im

/**
 * sipFramer returns the socket's data handler: it calls onMessage with each whole message's text, and
 * onFlood (then ignores the rest) when a message breaks the limits. Text is latin1, one char per byte.
 */
export function sipFramer(onMessage: (text: string) => void, onFlood: () => void, limits: FramingLimits): (data: string) => void {
  let buffer = ''
  let flooded = false
  return (data) => {
    if (flooded) return
    buffer += data
    for (;;) {
      const start = buffer.search(/[^\r\n]/)
      if (start < 0) return void (buffer = '')
      const end = buffer.indexOf('\r\n\r\n', start)
      const headerBytes = (end < 0 ? buffer.length : end) - start
      const length = end < 0 ? 0 : Number(CONTENT_LENGTH.exec(buffer.slice(start, end))?.[1] ?? 0)
      if (headerBytes > limits.maxHeaderBytes || length > limits.maxContentBytes) {
        flooded = true
        buffer = ''
        return onFlood()
      }
      if (end < 0 || buffer.length < end + 4 + length) return
      onMessage(buffer.slice(start, end + 4 + length))
      buffer = buffer.slice(end + 4 + length)
    }
  }
}
