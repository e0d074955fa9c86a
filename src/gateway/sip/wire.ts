import {stringifyUri, type SipMessage} from 'sip'

/**
 * The text of a SIP message (RFC 3261 §7), written from the `sip` package's message objects. It
 * writes what the package's `stringify` writes, header for header and in the same order (a test
 * compares the two), but it runs once per message on the gateway's busiest path, where the
 * package's version cost more than the rest of sending a request: it prettifies each header name
 * with a regular expression on every message, and it writes a name-addr without display name as
 * `To:  <…>`, whose doubled space then took another pass over the whole text to remove (valid SIP,
 * RFC 3261 §25.1 allows it, but not what peers and admins reading traces expect).
 */

type Params = Readonly<Record<string, string | number | null | undefined>>
interface NameAddr {
  readonly name?: string
  readonly uri: Parameters<typeof stringifyUri>[0]
  readonly params?: Params
}
interface Via {
  readonly version?: string
  readonly protocol: string
  readonly host?: string
  readonly port?: number
  readonly params?: Params
}
type AuthHeader = Readonly<Record<string, string | undefined>>

/** wire writes a message; like the package, it sets Content-Length to the length of the content. */
export function wire(message: SipMessage): string {
  const content = message.content ?? ''
  message.headers['content-length'] = content.length
  let text = message.status ? `SIP/${message.version || '2.0'} ${message.status} ${message.reason}\r\n` : `${message.method} ${stringifyUri(message.uri!)} SIP/${message.version || '2.0'}\r\n`
  for (const name in message.headers) {
    const value: unknown = message.headers[name]
    if (value !== undefined) text += header(name, value)
  }
  return `${text}\r\n${content}`
}

function header(name: string, value: unknown): string {
  if (typeof value === 'string') return `${prettyName(name)}: ${value}\r\n`
  switch (name) {
    case 'via':
      return (value as Via[]).map((via) => (via.host ? `Via: SIP/${via.version || '2.0'}/${via.protocol.toUpperCase()} ${via.host}${via.port ? `:${via.port}` : ''}${params(via.params)}\r\n` : '')).join('')
    case 'to':
    case 'from':
    case 'refer-to':
      return `${prettyName(name)}: ${nameAddr(value as NameAddr)}\r\n`
    case 'contact':
      return `Contact: ${value !== '*' && (value as NameAddr[]).length ? (value as NameAddr[]).map(nameAddr).join(', ') : '*'}\r\n`
    case 'route':
    case 'record-route':
    case 'path':
      return (value as NameAddr[]).length ? `${prettyName(name)}: ${(value as NameAddr[]).map(nameAddr).join(', ')}\r\n` : ''
    case 'cseq': {
      const cseq = value as {seq: number; method: string}
      return `CSeq: ${cseq.seq} ${cseq.method}\r\n`
    }
    case 'www-authenticate':
    case 'proxy-authenticate':
    case 'authorization':
    case 'proxy-authorization':
      return (value as AuthHeader[]).map((challenge) => `${AUTH_NAMES[name]}: ${authHeader(challenge)}\r\n`).join('')
    case 'authentication-info':
      return `Authentication-Info: ${authHeader(value as AuthHeader)}\r\n`
    default:
      return `${prettyName(name)}: ${String(value)}\r\n`
  }
}

const AUTH_NAMES: Readonly<Record<string, string>> = {
  'www-authenticate': 'WWW-Authenticate',
  'proxy-authenticate': 'Proxy-Authenticate',
  authorization: 'Authorization',
  'proxy-authorization': 'Proxy-Authorization',
}

// Names whose spelling is not one capital per word: RFC 3261's Call-ID, and Lync's Ms-Conversation-ID (presence.md P10.3).
const prettyNames = new Map<string, string>([
  ['call-id', 'Call-ID'],
  ['ms-conversation-id', 'Ms-Conversation-ID'],
])

/** prettyName capitalises each word of a lower-case header name, once per name. */
function prettyName(name: string): string {
  let pretty = prettyNames.get(name)
  if (pretty === undefined) {
    pretty = name.replace(/\b([a-z])/g, (letter) => letter.toUpperCase())
    // Header names come from our own code and from peers' messages we answer: bounded in practice, capped anyway.
    if (prettyNames.size < 256) prettyNames.set(name, pretty)
  }
  return pretty
}

function nameAddr(value: NameAddr): string {
  return `${value.name ? `${value.name} ` : ''}<${stringifyUri(value.uri)}>${params(value.params)}`
}

function params(values: Params | undefined): string {
  let text = ''
  for (const name in values) text += values[name] ? `;${name}=${values[name]}` : `;${name}`
  return text
}

function authHeader(value: AuthHeader): string {
  const fields: string[] = []
  for (const name in value) if (name !== 'scheme' && value[name] !== undefined) fields.push(`${name}=${value[name]}`)
  return value['scheme'] ? `${value['scheme']} ${fields.join(',')}` : fields.join(',')
}
