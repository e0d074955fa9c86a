import assert from 'node:assert/strict'
import {test} from 'node:test'
import {pino} from 'pino'
import {defaultGatewaySettings} from '../../../store/index.js'
import {sweep} from '../../../src/gateway/xmpp/timers.js'
import type {S2sSession} from '../../../src/gateway/xmpp/session.js'

/** The stream timers of cmdlets.md A8.3, one sweep at a time, on sessions reduced to what sweep reads. */

interface Seen {
  closed?: string
  sent: string[]
}

function session(fields: {authenticated: boolean; started?: number; lastRead?: number; lastWrite?: number; lastStanza?: number; keepAlive?: boolean}, seen: Seen): S2sSession {
  const stream = {
    isOpen: true,
    lastRead: fields.lastRead ?? 0,
    lastWrite: fields.lastWrite ?? 0,
    lastStanza: fields.lastStanza ?? 0,
    send: (text: string) => void seen.sent.push(text),
    close: () => void (seen.closed = 'clean'),
  }
  return {
    stream,
    started: fields.started ?? 0,
    authenticated: fields.authenticated,
    env: {log: pino({level: 'silent'})},
    partner: () => ({EnableKeepAlive: fields.keepAlive ?? true}),
    describe: () => ({}),
    close: (refusal?: {condition: string; text?: string}) => void (seen.closed = `${refusal?.condition}: ${refusal?.text}`),
  } as unknown as S2sSession
}

// Defaults: StreamEstablishmentTimeout 60 s, KeepAliveInterval 300 s, StreamInactivityTimeout 600 s.
const CASES: ReadonlyArray<[string, Parameters<typeof session>[0], number, Seen]> = [
  ['an unauthenticated stream within StreamEstablishmentTimeout', {authenticated: false}, 59_000, {sent: []}],
  ['an unauthenticated stream past StreamEstablishmentTimeout', {authenticated: false}, 60_000, {closed: 'connection-timeout: not authenticated within 60 s', sent: []}],
  ['an idle stream with keep-alive after half the interval', {authenticated: true, lastRead: 100_000, lastStanza: 100_000}, 150_000, {sent: [' ']}],
  ['a stream that wrote recently sends no keep-alive', {authenticated: true, lastRead: 100_000, lastWrite: 100_000, lastStanza: 100_000}, 200_000, {sent: []}],
  ['a stream silent for KeepAliveInterval', {authenticated: true, lastRead: 0, lastWrite: 250_000, lastStanza: 250_000}, 300_000, {closed: 'connection-timeout: nothing received for 300 s', sent: []}],
  ['without EnableKeepAlive, neither keep-alive nor silence timeout', {authenticated: true, keepAlive: false, lastStanza: 100_000}, 400_000, {sent: []}],
  ['no stanza either way for StreamInactivityTimeout: a clean close', {authenticated: true, keepAlive: false, lastStanza: 0}, 600_000, {closed: 'clean', sent: []}],
]

for (const [name, fields, now, expected] of CASES) {
  test(name, () => {
    const seen: Seen = {sent: []}
    sweep([session(fields, seen)], defaultGatewaySettings(), now)
    assert.deepEqual(seen, expected)
  })
}
