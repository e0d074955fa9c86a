import assert from 'node:assert/strict'
import {test} from 'node:test'
import {MAX_MS_TEXT_FORMAT_CHARS, readMsTextFormat, writeMsTextFormat} from '../../../src/gateway/sip/ms-text-format.js'

/** The Ms-Text-Format header (presence.md P10.2, P10.3), read and written, hostile values included. */

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

test('readMsTextFormat: P10.2 first messages and refusals', () => {
  const cases: Array<[string, unknown]> = [
    ['text/plain; charset=UTF-8; ms-body=V2hlcmVmb3JlIGFydCB0aG91Pw==', {type: 'text/plain', text: 'Wherefore art thou?'}],
    ['TEXT/PLAIN;CHARSET=utf-8;MS-BODY=V2hlcmVmb3JlIGFydCB0aG91Pw==', {type: 'text/plain', text: 'Wherefore art thou?'}],
    [`text/plain ;  charset = UTF-8 ; msgr=WAAtAE0ATQBTAC0ASQBNAC0ARgBvAHIAbQBhAHQAOgAgAEYATgA9AE0AUwAlADIAMABTAGgAZQBsAGwAJQAyADAARABsAGcAJQAyADAAMgA7ACAARQBGAD0AOwAgAEMATwA9ADAAOwAgAEMAUwA9ADAAOwAgAFAARgA9ADAADQAKAA0ACgA; ms-body=${b64('héllo ☃')}`, {type: 'text/plain', text: 'héllo ☃'}],
    [`text/plain; ms-body=${b64('no charset')}`, {type: 'text/plain', text: 'no charset'}],
    [`text/html; charset=UTF-8; ms-body=${b64('<b>a &amp; b</b> &lt;3 &#x2603; &#0; &bogus;')}`, {type: 'text/html', text: 'a & b <3 ☃ &#0; &bogus;'}],
    [`text/rtf; charset=UTF-8; ms-body=${b64('{\\rtf1}')}`, {refused: 'bad-type', text: 'the first message is text/rtf, not text/plain or text/html'}],
    [`text/x-msmsgsinvite; charset=UTF-8; ms-body=${b64('Invitation-Command: INVITE')}`, {refused: 'bad-type', text: 'the first message is text/x-msmsgsinvite, not text/plain or text/html'}],
    ['', {refused: 'bad-type', text: 'the first message is untyped, not text/plain or text/html'}],
    [`text/plain; charset=ISO-8859-1; ms-body=${b64('x')}`, {refused: 'bad-charset', text: "the first message's charset is ISO-8859-1, not UTF-8"}],
    ['text/plain; charset=UTF-8', {refused: 'no-body', text: 'Ms-Text-Format has no ms-body'}],
    ['text/plain; charset=UTF-8; ms-body=', {refused: 'no-body', text: 'Ms-Text-Format has no ms-body'}],
    ['text/plain; charset=UTF-8; ms-body=V2hlcmVmb3Jl!', {refused: 'bad-base64', text: 'ms-body is not base64'}],
    ['text/plain; charset=UTF-8; ms-body=V2h', {refused: 'bad-base64', text: 'ms-body is not base64'}],
    ['text/plain; charset=UTF-8; ms-body=/w==', {refused: 'not-utf8', text: 'ms-body is not UTF-8'}],
    ['text/plain; charset=UTF-8; ms-body=7aCA', {refused: 'not-utf8', text: 'ms-body is not UTF-8'}],
    [`text/plain; charset=UTF-8; ms-body=${'A'.repeat(MAX_MS_TEXT_FORMAT_CHARS)}`, {refused: 'too-long', text: 'an Ms-Text-Format value over 16384 bytes'}],
  ]
  for (const [value, expected] of cases) assert.deepEqual(readMsTextFormat(value), expected, value.slice(0, 80))
})

test('readMsTextFormat stays linear on hostile HTML and parameter soup', () => {
  const started = performance.now()
  assert.deepEqual(readMsTextFormat(`text/html; ms-body=${b64('<'.repeat(12000))}`), {type: 'text/html', text: '<'.repeat(12000)})
  assert.equal(readMsTextFormat(`text/plain${';='.repeat(8000)}`).constructor, Object)
  assert.ok(performance.now() - started < 500)
})

test('writeMsTextFormat: P10.3 header, nothing over 1,000 bytes of UTF-8', () => {
  assert.equal(writeMsTextFormat('Wherefore art thou?'), 'text/plain; charset=UTF-8; ms-body=V2hlcmVmb3JlIGFydCB0aG91Pw==')
  assert.equal(writeMsTextFormat('x'.repeat(1000)), `text/plain; charset=UTF-8; ms-body=${b64('x'.repeat(1000))}`)
  assert.equal(writeMsTextFormat('x'.repeat(1001)), undefined)
  assert.equal(writeMsTextFormat('é'.repeat(501)), undefined)
  assert.deepEqual(readMsTextFormat(writeMsTextFormat('round ☃ trip')!), {type: 'text/plain', text: 'round ☃ trip'})
})
