import assert from 'node:assert/strict'
import {test} from 'node:test'
import {sipFramer} from '../../../src/gateway/sip/framing.js'

/** Stream framing (RFC 3261 §18.3): per-message limits, so that pipelined messages are no flood. */

const message = (n: number, body = `b ${n}`): string => `MESSAGE sip:romeo@gw.test SIP/2.0\r\nCall-ID: ${n}\r\nContent-Length: ${body.length}\r\n\r\n${body}`

function frame(chunks: readonly string[], limits = {maxHeaderBytes: 200, maxContentBytes: 100}): {messages: string[]; floods: number} {
  const seen = {messages: [] as string[], floods: 0}
  const feed = sipFramer((text) => void seen.messages.push(text), () => void seen.floods++, limits)
  for (const chunk of chunks) feed(chunk)
  return seen
}

test('a thousand pipelined messages in one chunk, far above the per-message limit, are a thousand messages', () => {
  const many = Array.from({length: 1000}, (_, i) => message(i))
  assert.deepEqual(frame([many.join('')]), {messages: many, floods: 0})
})

test('a message split anywhere, keep-alive CRLFs and the compact l: header are framed whole', () => {
  const text = message(1, 'héllo')
  for (let cut = 1; cut < text.length; cut += 7) {
    assert.deepEqual(frame(['\r\n\r\n', text.slice(0, cut), text.slice(cut), '\r\n']), {messages: [text], floods: 0})
  }
  const compact = 'MESSAGE sip:a@b SIP/2.0\r\nl: 2\r\n\r\nhi'
  assert.deepEqual(frame([compact]), {messages: [compact], floods: 0})
})

test('a header block or a body above its limit is a flood, reported once, and nothing after it is framed', () => {
  assert.deepEqual(frame([`MESSAGE sip:a@b SIP/2.0\r\nX: ${'x'.repeat(300)}`, message(2)]), {messages: [], floods: 1})
  assert.deepEqual(frame([message(1, 'x'.repeat(101)), message(2)]), {messages: [], floods: 1})
})
