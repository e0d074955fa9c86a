import {parseUri} from 'sip'
import {percentDecode} from './address.js'

/**
 * SIP URI equality (RFC 3261 §19.1.4, https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4), for
 * the digest `uri` that must name the Request-URI (RFC 2617 §3.2.2.5, RFC 3261 §22.4). A client
 * writes the `uri` from the Request-URI it sent, so the strings are nearly always equal; what a
 * proxy or a client may write differently (the case of the scheme, host and parameters, escapes,
 * parameter order, parameters only one side has) still names the same resource.
 */

// §19.1.4: a user, ttl, method or maddr parameter in only one URI never matches. Added here: gr, which
// names the instance the request is for (RFC 5627 §3.1; the XMPP resource, RFC 7247 §5.2).
const IN_BOTH_OR_NEITHER = ['user', 'ttl', 'method', 'maddr', 'gr']
const DEFAULT_PORT: Readonly<Record<string, number>> = {sip: 5060, sips: 5061}

/**
 * sameSipUri tells whether two sip:/sips: URIs are equal: scheme, host and parameters without case,
 * user and password with case after unescaping, headers all present in both. One leniency: a port
 * left out equals the scheme's default port, which §19.1.4 does not grant; a client and a proxy
 * that differ only there still mean the same host and port. Anything that is not a SIP URI equals
 * nothing but itself.
 */
export function sameSipUri(a: string, b: string): boolean {
  if (a === b) return true
  const x = parseUri(schemeLowered(a))
  const y = parseUri(schemeLowered(b))
  if (!x || !y) return false
  const scheme = x.schema ?? ''
  return (
    scheme === y.schema &&
    unescaped(x.user) === unescaped(y.user) &&
    unescaped(x.password) === unescaped(y.password) &&
    x.host.toLowerCase() === y.host.toLowerCase() &&
    (x.port || DEFAULT_PORT[scheme]) === (y.port || DEFAULT_PORT[scheme]) &&
    sameParameters(lowered(x.params), lowered(y.params)) &&
    sameHeaders(lowered(x.headers), lowered(y.headers))
  )
}

// The `sip` parser knows the scheme only in lower case; RFC 3261 §19.1.4 compares it without case.
function schemeLowered(uri: string): string {
  return uri.replace(/^sips?:/i, (scheme) => scheme.toLowerCase())
}

function unescaped(text: string | undefined): string | undefined {
  return text === undefined ? undefined : (percentDecode(text) ?? text)
}

/** lowered maps names to lower case and values to unescaped lower case (null for a parameter without value). */
function lowered(values: Readonly<Record<string, string | null>> | undefined): Map<string, string | null> {
  const map = new Map<string, string | null>()
  for (const [name, value] of Object.entries(values ?? {})) map.set(name.toLowerCase(), value == null ? null : String(unescaped(String(value))).toLowerCase())
  return map
}

function sameParameters(x: Map<string, string | null>, y: Map<string, string | null>): boolean {
  for (const [name, value] of x) if (y.has(name) && y.get(name) !== value) return false
  return IN_BOTH_OR_NEITHER.every((name) => x.has(name) === y.has(name))
}

// §19.1.4: "URI header components are never ignored."
function sameHeaders(x: Map<string, string | null>, y: Map<string, string | null>): boolean {
  return x.size === y.size && [...x].every(([name, value]) => y.has(name) && y.get(name) === value)
}
