/**
 * SIP presence messages printed in presence.md as Verified on the wire, as header lines (without
 * Content-Length, which each test adds for the body it gives).
 */

/** P4.2: baresip 1.0's SUBSCRIBE as Kamailio 5.6.3 relayed it toward the gateway (verbatim). */
export const BARESIP_SUBSCRIBE: readonly string[] = [
  'SUBSCRIBE sip:juliet@xmpp.test SIP/2.0',
  'Record-Route: <sip:127.0.0.40;lr;ftag=ebced54e9c57e006>',
  'Via: SIP/2.0/UDP 127.0.0.40;branch=z9hG4bKe1a2.ae8429e84d5ab788253d7240e37716b3.0',
  'Via: SIP/2.0/UDP 127.0.0.43:5060;received=127.0.0.43;branch=z9hG4bK47c3d9621ceded11;rport=5060',
  'Contact: <sip:bob-0x55e1079592d0@127.0.0.43:5060>',
  'Max-Forwards: 69',
  'To: <sip:juliet@xmpp.test>',
  'From: <sip:bob@gw.test>;tag=ebced54e9c57e006',
  'Call-ID: 3df8dc60245c3c07',
  'CSeq: 61754 SUBSCRIBE',
  'User-Agent: baresip v1.0.0 (x86_64/linux)',
  'Event: presence',
  'Expires: 600',
  'Supported:',
]
