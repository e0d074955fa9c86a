import {xml} from '@xmpp/xml'
import {NS_STREAM} from '../xml/stream-parser.js'
import type {StreamFeatures} from './negotiation.js'

/**
 * What the gateway writes at the stream level (RFC 6120 §4): the stream header for server-to-server
 * streams with the dialback namespace (XEP-0220), stream features, and stream errors. Everything
 * else is built as ltx elements, which escape their attributes and text.
 */

export const NS_SERVER = 'jabber:server'
export const NS_DIALBACK = 'jabber:server:dialback'
export const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls'
export const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl'
export const NS_STREAM_ERRORS = 'urn:ietf:params:xml:ns:xmpp-streams'
/** XEP-0220 §2.4: dialback advertised as a stream feature, with error support. */
export const NS_DIALBACK_FEATURE = 'urn:xmpp:features:dialback'

/** HeaderFields are the attributes of an s2s stream header. */
export interface HeaderFields {
  readonly from: string
  readonly to: string
  /** Set by the receiving entity (RFC 6120 §4.7.3). */
  readonly id?: string
}

/** streamHeader opens a stream; it is written as text because the element stays open. */
export function streamHeader(fields: HeaderFields): string {
  const attrs: Record<string, string> = {'xmlns:stream': NS_STREAM, xmlns: NS_SERVER, 'xmlns:db': NS_DIALBACK, from: fields.from, to: fields.to, version: '1.0'}
  if (fields.id !== undefined) attrs.id = fields.id
  // An ltx element without children serialises as `<x/>`; the open tag is that text without its `/`.
  return `<?xml version='1.0'?>${xml('stream:stream', attrs).toString().replace(/\/>$/, '>')}`
}

/** streamFeatures writes the features of negotiation.ts. */
export function streamFeatures(features: StreamFeatures): string {
  const children = []
  if (features.starttls) children.push(xml('starttls', {xmlns: NS_TLS}, ...(features.starttls.required ? [xml('required')] : [])))
  if (features.saslExternal) children.push(xml('mechanisms', {xmlns: NS_SASL}, xml('mechanism', {}, 'EXTERNAL')))
  if (features.dialback) children.push(xml('dialback', {xmlns: NS_DIALBACK_FEATURE}, xml('errors')))
  return xml('stream:features', {}, ...children).toString()
}

/** streamError writes a stream error with its condition and an optional text (RFC 6120 §4.9). */
export function streamError(condition: string, text?: string): string {
  const children = [xml(condition, {xmlns: NS_STREAM_ERRORS})]
  if (text) children.push(xml('text', {xmlns: NS_STREAM_ERRORS, 'xml:lang': 'en'}, text))
  return xml('stream:error', {}, ...children).toString()
}

/** STREAM_CLOSE ends a stream (RFC 6120 §4.4). */
export const STREAM_CLOSE = '</stream:stream>'
