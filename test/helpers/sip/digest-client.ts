import {randomBytes} from 'node:crypto'
import {computeHa1, digestResponse} from '../../../src/gateway/sip/digest.js'

/** answerChallenge computes the Authorization / Proxy-Authorization value a UA sends back to a Digest challenge (RFC 2617 §3.2.2, qop=auth); nc is the nonce-count, 1 unless given. */
export function answerChallenge(challenge: string, answer: {username: string; password: string; method: string; uri: string; realm?: string; nc?: number}): string {
  const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(challenge)?.[1]
  const realm = answer.realm ?? field('realm') ?? ''
  const nonce = field('nonce') ?? ''
  const cnonce = randomBytes(4).toString('hex')
  const nc = (answer.nc ?? 1).toString(16).padStart(8, '0')
  const ha1 = computeHa1(answer.username, realm, answer.password)
  const response = digestResponse(ha1, answer.method, {nonce, uri: answer.uri, nc, cnonce, qop: 'auth'})
  return `Digest username="${answer.username}", realm="${realm}", nonce="${nonce}", uri="${answer.uri}", response="${response}", algorithm=MD5, cnonce="${cnonce}", qop=auth, nc=${nc}`
}
